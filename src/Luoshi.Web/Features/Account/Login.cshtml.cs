using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Features.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, LuoshiDb db, TimeProvider clock) : PageModel
{
    public string? Error { get; private set; }

    public string? UserName { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = SafeReturn(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl)
    {
        ReturnUrl = SafeReturn(returnUrl);
        UserName = userName;
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            Error = "请输入用户名和密码。";
            return Page();
        }

        var user = await users.FindByNameAsync(userName.Trim());

        // A disabled account is told so only with its right password (else it reads as any wrong sign-in).
        if (user is { Disabled: true })
        {
            bool right = await users.CheckPasswordAsync(user, password);
            AuditLog.Record(db, clock, userName.Trim(), right ? "sign-in-disabled" : "sign-in-failed", "User", user.Id, user.DistrictId);
            await db.SaveChangesAsync();
            Error = right ? "该账号已停用，如需使用请联系本区政府督查室。" : "用户名或密码不正确。";
            return Page();
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        AuditLog.Record(db, clock, userName.Trim(), result.Succeeded ? AuditActions.SignIn : result.IsLockedOut ? AuditActions.SignInLocked : AuditActions.SignInFailed,
            "User", user?.Id, user?.DistrictId);
        await db.SaveChangesAsync();
        if (result.Succeeded)
        {
            // An initial or reset password: changed first (PasswordChangeGate holds every other page until then).
            return user!.MustChangePassword
                ? LocalRedirect(PasswordChangeGate.Page + (ReturnUrl == "/" ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(ReturnUrl)))
                : LocalRedirect(ReturnUrl);
        }

        Error = result.IsLockedOut ? "登录失败次数过多，账号已锁定 15 分钟。" : result.IsNotAllowed ? "该账号不能登录，请联系本区政府督查室。" : "用户名或密码不正确。";
        return Page();
    }

    private string SafeReturn(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : "/";
}
