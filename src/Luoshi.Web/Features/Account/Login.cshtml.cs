namespace Luoshi.Web.Features.Account;

/// <summary>
/// Sign-in. An unknown name gets the same answer after the same work as a known one (a password hash is verified either
/// way), and the locks are <see cref="SignInGuard"/>'s, per name and client address, never the account's for everyone.
/// Posts are throttled per client address by the rate limiter (Program.cs, "Luoshi:SignIn:PerClientPerMinute").
/// </summary>
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, SignInGuard guard,
    LuoshiDb db, TimeProvider clock) : PageModel
{
    public const string WrongMessage = "用户名或密码不正确。";

    public string? Error { get; private set; }

    public string? UserName { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = SafeReturn(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = SafeReturn(returnUrl);
        UserName = userName;
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            Error = "请输入用户名和密码。";
            return Page();
        }

        string name = userName.Trim();
        string key = users.NormalizeName(name) ?? name;
        string client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
        var user = await users.FindByNameAsync(name);

        if (await guard.LockedUntilAsync(key, client, ct) is { } lockedUntil)
        {
            AuditLog.Record(db, clock, name, AuditActions.SignInLocked, "User", user?.Id, user?.DistrictId, after: new { client });
            await db.SaveChangesAsync(ct);
            Error = LockedMessage(lockedUntil);
            return Page();
        }

        // A disabled account is told so only with its right password (else it reads as any wrong sign-in).
        if (user is { Disabled: true })
        {
            bool right = await users.CheckPasswordAsync(user, password);
            if (right)
            {
                AuditLog.Record(db, clock, name, AuditActions.SignInDisabled, "User", user.Id, user.DistrictId);
                await db.SaveChangesAsync(ct);
                Error = "该账号已停用，如需使用请联系本区政府督查室。";
                return Page();
            }

            return await FailedAsync(name, key, client, user, ct);
        }

        if (user is null)
        {
            // The same work as a known name's wrong password: one verification of a hash made by the same hasher.
            hasher.VerifyHashedPassword(Dummy.User, Dummy.Hash(hasher), password);
            return await FailedAsync(name, key, client, null, ct);
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            await guard.SucceededAsync(key, client, ct);
            AuditLog.Record(db, clock, name, AuditActions.SignIn, "User", user.Id, user.DistrictId);
            await db.SaveChangesAsync(ct);

            // An initial or reset password: changed first (PasswordChangeGate holds every other page until then).
            return user.MustChangePassword
                ? LocalRedirect(PasswordChangeGate.Page + (ReturnUrl == "/" ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(ReturnUrl)))
                : LocalRedirect(ReturnUrl);
        }

        return await FailedAsync(name, key, client, user, ct);
    }

    private async Task<IActionResult> FailedAsync(string name, string key, string client, AppUser? user, CancellationToken ct)
    {
        var locked = await guard.FailedAsync(key, client, ct);
        AuditLog.Record(db, clock, name, locked is null ? AuditActions.SignInFailed : AuditActions.SignInLocked, "User", user?.Id, user?.DistrictId,
            after: new { client });
        await db.SaveChangesAsync(ct);
        Error = locked is { } until ? LockedMessage(until) : WrongMessage;
        return Page();
    }

    private string LockedMessage(DateTimeOffset until)
    {
        int minutes = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalMinutes));
        return $"登录失败次数过多，已锁定 {minutes} 分钟（仅限本机），请稍后再试，或请安全管理员解锁。";
    }

    private string SafeReturn(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : "/";

    /// <summary>A hash of a random password, made once by the configured hasher, for unknown names to verify against.</summary>
    private static class Dummy
    {
        private static string? _hash;

        public static readonly AppUser User = new() { UserName = "-", DisplayName = "-" };

        public static string Hash(IPasswordHasher<AppUser> hasher) =>
            _hash ??= hasher.HashPassword(User, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
    }
}
