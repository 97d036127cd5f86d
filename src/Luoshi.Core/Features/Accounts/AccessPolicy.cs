using System.Collections.Frozen;

namespace Luoshi.Core.Features.Accounts;

/// <summary>
/// The one table of who may do what: a row per role, a grant per permission, each with its reach. A new role is a new row
/// here (and a value of <see cref="AppRole"/>); code asks <see cref="Actor.Has(Permission, int)"/>, never the role.
/// </summary>
public static class AccessPolicy
{
    private static readonly FrozenDictionary<AppRole, FrozenDictionary<Permission, Reach>> Table = new Dictionary<AppRole, FrozenDictionary<Permission, Reach>>
    {
        // 系统管理员: districts, their plans and accounts; reads everything; files, approves, supervises and audits nothing (三员分立).
        [AppRole.Admin] = Row(
            (Permission.ReadDistrict, Reach.Everywhere), (Permission.ReadAllDistricts, Reach.Everywhere), (Permission.ReadWholePlan, Reach.Everywhere),
            (Permission.ReadScores, Reach.Everywhere), (Permission.RunPlans, Reach.Everywhere), (Permission.ManageDistricts, Reach.Everywhere),
            (Permission.ManageAccounts, Reach.Everywhere), (Permission.ManageUnits, Reach.Everywhere)),

        // 安全管理员: the security policy and locked accounts, nothing of the work.
        [AppRole.SecurityAdmin] = Row((Permission.SetSecurityPolicy, Reach.Everywhere), (Permission.UnlockAccounts, Reach.Everywhere)),

        // 审计管理员: the audit log, nothing else.
        [AppRole.AuditAdmin] = Row((Permission.ReadAudit, Reach.Everywhere)),

        // 市级查看: reads every district.
        [AppRole.CityViewer] = Row(
            (Permission.ReadDistrict, Reach.Everywhere), (Permission.ReadAllDistricts, Reach.Everywhere), (Permission.ReadWholePlan, Reach.Everywhere)),

        // 督查室: imports and runs its district's year; keeps its organisation (units) and creates its district's accounts.
        [AppRole.Office] = Row(
            (Permission.ReadDistrict, Reach.OwnDistrict), (Permission.ReadWholePlan, Reach.OwnDistrict), (Permission.ReadScores, Reach.OwnDistrict),
            (Permission.RunPlans, Reach.OwnDistrict), (Permission.Supervise, Reach.OwnDistrict), (Permission.ReviewFiling, Reach.OwnDistrict),
            (Permission.ReopenPeriod, Reach.OwnDistrict), (Permission.ManageAccounts, Reach.OwnDistrict),
            (Permission.ManageUnits, Reach.OwnDistrict)),

        // 区领导: reads its district.
        [AppRole.Leader] = Row(
            (Permission.ReadDistrict, Reach.OwnDistrict), (Permission.ReadWholePlan, Reach.OwnDistrict), (Permission.ReadScores, Reach.OwnDistrict)),

        // 单位负责人: approves its unit's work.
        [AppRole.UnitHead] = Row(
            (Permission.ReadDistrict, Reach.OwnDistrict), (Permission.ReadOwnUnit, Reach.OwnUnit), (Permission.ApproveOwnFiling, Reach.OwnUnit),
            (Permission.AcceptCoUnitPart, Reach.OwnUnit), (Permission.ReplyOrder, Reach.OwnUnit)),

        // 填报人: writes its unit's work.
        [AppRole.Clerk] = Row(
            (Permission.ReadDistrict, Reach.OwnDistrict), (Permission.ReadOwnUnit, Reach.OwnUnit), (Permission.WriteOwnFiling, Reach.OwnUnit),
            (Permission.AcceptCoUnitPart, Reach.OwnUnit), (Permission.ReplyOrder, Reach.OwnUnit)),
    }.ToFrozenDictionary();

    /// <summary>How far the role's grant of the permission reaches; null where the role does not have it.</summary>
    public static Reach? ReachOf(AppRole role, Permission permission) =>
        Table.TryGetValue(role, out var row) && row.TryGetValue(permission, out var reach) ? reach : null;

    /// <summary>The role's grants (for the docs and the tests).</summary>
    public static IReadOnlyDictionary<Permission, Reach> Grants(AppRole role) =>
        Table.TryGetValue(role, out var row) ? row : FrozenDictionary<Permission, Reach>.Empty;

    private static FrozenDictionary<Permission, Reach> Row(params (Permission Permission, Reach Reach)[] grants) =>
        grants.ToFrozenDictionary(g => g.Permission, g => g.Reach);
}
