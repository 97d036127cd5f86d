using Luoshi.Core.Common;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Districts;
using Luoshi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Features.Accounts;

/// <summary>What the account pages share: whose district a request is about, and what the 通知单 shows.</summary>
internal static class AccountPages
{
    /// <summary>
    /// The district a page is about (its code in the query, else the caller's own) if the caller manages its accounts; null
    /// when none is named and the caller has none (the admin, who then sees every district); a failure (404) otherwise.
    /// </summary>
    public static async Task<Outcome<District?>> DistrictAsync(LuoshiDb db, AccessScope? scope, string? code, CancellationToken ct)
    {
        if (scope is null || !AccountAccess.MayManageSomeAccounts(scope.Actor))
        {
            return new Failure(FailureKind.NotFound, "没有找到该页面。");
        }

        string? chosen = await DistrictChoice.CodeAsync(db, scope, code, ct);
        if (chosen is null)
        {
            return (District?)null;
        }

        var district = await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Code == chosen, ct);
        return district is not null && AccountAccess.MayManageAccounts(scope.Actor, district.Id)
            ? district
            : new Failure(FailureKind.NotFound, "没有找到该区。");
    }

    /// <summary>The districts the caller may choose between (the admin: all; the office: its own).</summary>
    public static Task<List<District>> ChoicesAsync(LuoshiDb db, Actor actor, CancellationToken ct) =>
        db.Districts.AsNoTracking().Where(d => actor.Role == AppRole.Admin || d.Id == actor.DistrictId).OrderBy(d => d.Id).ToListAsync(ct);
}

/// <summary>The 账号开通通知单 (or, after a reset, 密码重置通知单): one block per account, with its one-time password.</summary>
public sealed record NoticeSheet(string Title, IReadOnlyList<IssuedAccount> Accounts, string SignInUrl, DateTimeOffset At, string IssuedBy);
