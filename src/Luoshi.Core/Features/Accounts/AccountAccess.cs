namespace Luoshi.Core.Features.Accounts;

/// <summary>
/// Every permission question of account management, in one place (so that it can follow the access model when that
/// changes): who manages the accounts of a district, which roles they may hand out, who unlocks.
/// </summary>
public static class AccountAccess
{
    /// <summary>Sees the account pages at all: the admin (any district) and a district's office (its own).</summary>
    public static bool MayManageSomeAccounts(Actor actor) =>
        actor?.Role == AppRole.Admin || (actor?.Role == AppRole.Office && actor.DistrictId is not null);

    /// <summary>Lists, creates, resets, disables the accounts of a district: the admin anywhere, the office in its own district.</summary>
    public static bool MayManageAccounts(Actor actor, int districtId) =>
        actor?.Role == AppRole.Admin || (actor?.Role == AppRole.Office && actor.DistrictId == districtId);

    /// <summary>Hands out a role: the office the district's roles; only the admin a city-wide viewer; nobody an admin this way.</summary>
    public static bool MayGrantRole(Actor actor, AppRole role) => role switch
    {
        AppRole.Admin => false,
        AppRole.CityViewer => actor?.Role == AppRole.Admin,
        _ => actor?.Role is AppRole.Admin or AppRole.Office,
    };

    /// <summary>
    /// Acts on one existing account (reset, disable, enable): the account's district is managed by the caller, its role is
    /// one the caller may hand out, and it is not the caller's own (nobody disables or resets themselves here).
    /// </summary>
    public static bool MayManageUser(Actor actor, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (actor is null || string.Equals(actor.UserName, user.UserName, StringComparison.Ordinal) || !MayGrantRole(actor, user.Role))
        {
            return false;
        }

        return user.DistrictId is int d ? MayManageAccounts(actor, d) : actor.Role == AppRole.Admin;
    }

    /// <summary>Sees an account at all (else 404): one of a district the caller manages, or, for the admin, any.</summary>
    public static bool MaySeeUser(Actor actor, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return actor?.Role == AppRole.Admin || (user.DistrictId is int d && MayManageAccounts(actor!, d));
    }

    /// <summary>Unlocks an account locked by failed sign-ins (the security admin's job; for now the admin).</summary>
    public static bool MayUnlock(Actor actor, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return actor?.Role == AppRole.Admin && !string.Equals(actor.UserName, user.UserName, StringComparison.Ordinal);
    }

    /// <summary>Shows the unlock button at all.</summary>
    public static bool MayUnlockSome(Actor actor) => actor?.Role == AppRole.Admin;
}
