namespace Luoshi.Core.Features.Accounts;

/// <summary>
/// Every permission question of account management, asked of the access model (<see cref="AccessPolicy"/>): who manages
/// the accounts of a district (<see cref="Permission.ManageAccounts"/>), which roles they may hand out, who unlocks
/// (<see cref="Permission.UnlockAccounts"/>, the security admin's).
/// </summary>
public static class AccountAccess
{
    /// <summary>Sees the account pages at all: the admin (any district) and a district's office (its own).</summary>
    public static bool MayManageSomeAccounts(Actor actor) =>
        actor is not null && (actor.HasEverywhere(Permission.ManageAccounts) || (actor.HasAny(Permission.ManageAccounts) && actor.DistrictId is not null));

    /// <summary>Sees the account list at all: those who manage accounts, and the security admin (to unlock).</summary>
    public static bool MaySeeSomeAccounts(Actor actor) => MayManageSomeAccounts(actor) || MayUnlockSome(actor);

    /// <summary>Sees the account list of a district: who manages its accounts, and the security admin (to unlock).</summary>
    public static bool MaySeeAccounts(Actor actor, int districtId) =>
        MayManageAccounts(actor, districtId) || (actor is not null && actor.HasEverywhere(Permission.UnlockAccounts));

    /// <summary>Chooses between every district's accounts (the admin, the security admin), not only its own.</summary>
    public static bool MaySeeAllDistricts(Actor actor) =>
        actor is not null && (actor.HasEverywhere(Permission.ManageAccounts) || actor.HasEverywhere(Permission.UnlockAccounts));

    /// <summary>Lists, creates, resets, disables the accounts of a district: the admin anywhere, the office in its own district.</summary>
    public static bool MayManageAccounts(Actor actor, int districtId) => actor is not null && actor.Has(Permission.ManageAccounts, districtId);

    /// <summary>Hands out a role: the office the district's roles; only the admin a city-wide viewer; nobody an admin this way.</summary>
    public static bool MayGrantRole(Actor actor, AppRole role) => role switch
    {
        AppRole.Admin or AppRole.SecurityAdmin or AppRole.AuditAdmin => false,
        AppRole.CityViewer => actor is not null && actor.HasEverywhere(Permission.ManageAccounts),
        _ => actor is not null && actor.HasAny(Permission.ManageAccounts),
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

        return user.DistrictId is int d ? MayManageAccounts(actor, d) : actor.HasEverywhere(Permission.ManageAccounts);
    }

    /// <summary>Sees an account at all (else 404): one of a district the caller manages, or, for the admin, any.</summary>
    public static bool MaySeeUser(Actor actor, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return actor is not null && (actor.HasEverywhere(Permission.ManageAccounts) || actor.HasEverywhere(Permission.UnlockAccounts)
            || (user.DistrictId is int d && MayManageAccounts(actor, d)));
    }

    /// <summary>Unlocks an account locked by failed sign-ins: the security admin (安全管理员), never their own.</summary>
    public static bool MayUnlock(Actor actor, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return actor is not null && actor.HasEverywhere(Permission.UnlockAccounts) && !string.Equals(actor.UserName, user.UserName, StringComparison.Ordinal);
    }

    /// <summary>Shows the unlock button at all.</summary>
    public static bool MayUnlockSome(Actor actor) => actor is not null && actor.HasAny(Permission.UnlockAccounts);
}
