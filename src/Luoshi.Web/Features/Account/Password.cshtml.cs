namespace Luoshi.Web.Features.Account;

/// <summary>
/// 修改密码, for everyone signed in; also the page a first sign-in (or one after a reset) is held on until the password is
/// changed. The new password follows <see cref="PasswordPolicy"/>; the sign-in cookie is renewed without the forced change.
/// </summary>
public sealed class PasswordModel(AccountService accounts, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public bool Forced { get; private set; }

    public string? Error { get; private set; }

    public bool Changed { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public string Policy => PasswordPolicy.Summary;

    public void OnGet(string? returnUrl, bool changed = false)
    {
        ReturnUrl = SafeReturn(returnUrl);
        Forced = User.HasClaim(c => c.Type == PasswordChangeGate.Claim);
        Changed = changed;
    }

    public async Task<IActionResult> OnPostAsync(string? current, string? next, string? confirm, string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = SafeReturn(returnUrl);
        Forced = User.HasClaim(c => c.Type == PasswordChangeGate.Claim);
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var changed = await accounts.ChangePasswordAsync(user, current, next, confirm, ct);
        if (!changed.Ok)
        {
            Error = changed.Failure!.Message;
            return Page();
        }

        // The change wrote a new security stamp (other sessions end); this one gets a fresh cookie, without the forced change.
        await signIn.RefreshSignInAsync(user);
        return Forced ? LocalRedirect(ReturnUrl) : RedirectToPage(new { changed = true });
    }

    private string SafeReturn(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) && !url.StartsWith(PasswordChangeGate.Page, StringComparison.OrdinalIgnoreCase) ? url : "/";
}
