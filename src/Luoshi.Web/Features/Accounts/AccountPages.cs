namespace Luoshi.Web.Features.Accounts;

/// <summary>What the account pages share: whose district a request is about, and what the 通知单 shows.</summary>
internal static class AccountPages
{
    /// <summary>
    /// The district a page is about (its code in the query, else the caller's own) if the caller manages its accounts (or,
    /// with <paramref name="listOnly"/>, may see them to unlock); null when none is named and the caller has none (the
    /// admin and the security admin, who then see every district); a failure (404) otherwise.
    /// </summary>
    public static async Task<Outcome<District?>> DistrictAsync(LuoshiDb db, Actor? scope, string? code, CancellationToken ct, bool listOnly = false)
    {
        if (scope is null || !(listOnly ? AccountAccess.MaySeeSomeAccounts(scope) : AccountAccess.MayManageSomeAccounts(scope)))
        {
            return new Failure(FailureKind.NotFound, "没有找到该页面。");
        }

        string? chosen = await DistrictChoice.CodeAsync(db, scope, code, ct);
        if (chosen is null)
        {
            return (District?)null;
        }

        var district = await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Code == chosen, ct);
        return district is not null && (listOnly ? AccountAccess.MaySeeAccounts(scope, district.Id) : AccountAccess.MayManageAccounts(scope, district.Id))
            ? district
            : new Failure(FailureKind.NotFound, "没有找到该区。");
    }

    /// <summary>The districts the caller may choose between (the admin and the security admin: all; the office: its own).</summary>
    public static Task<List<District>> ChoicesAsync(LuoshiDb db, Actor actor, CancellationToken ct) =>
        AllOrOwn(db, actor).OrderBy(d => d.Id).ToListAsync(ct);

    private static IQueryable<District> AllOrOwn(LuoshiDb db, Actor actor)
    {
        bool all = AccountAccess.MaySeeAllDistricts(actor);
        return db.Districts.AsNoTracking().Where(d => all || d.Id == actor.DistrictId);
    }
}

/// <summary>The 账号开通通知单 (or, after a reset, 密码重置通知单): one block per account, with its one-time password.</summary>
public sealed record NoticeSheet(string Title, IReadOnlyList<IssuedAccount> Accounts, string SignInUrl, DateTimeOffset At, string IssuedBy);
