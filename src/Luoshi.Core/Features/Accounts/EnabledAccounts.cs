namespace Luoshi.Core.Features.Accounts;

/// <summary>
/// Identity's "may this account sign in" question (SignIn.RequireConfirmedAccount): a disabled (停用) account may not, by any
/// path. Its running sessions end with the new security stamp that disabling writes.
/// </summary>
public sealed class EnabledAccounts : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(!user.Disabled);
    }
}
