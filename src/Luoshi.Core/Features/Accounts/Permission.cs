namespace Luoshi.Core.Features.Accounts;

/// <summary>Something a person may do. Which roles have it, and how far, is <see cref="AccessPolicy"/>'s table.</summary>
public enum Permission
{
    /// <summary>The district's plan list, its units' and items' pages as far as the rest allows, 我的工作 and the exports page.</summary>
    ReadDistrict,

    /// <summary>The comparison across the city's districts (各区对比, /api/city).</summary>
    ReadAllDistricts,

    /// <summary>The whole plan of a district: tree, matrix, deadlines, every unit and item, supervision, dashboard, circulars, filings.</summary>
    ReadWholePlan,

    /// <summary>The unit's own page, tasks, items, filings and orders (and, as a lead unit, its co-units' parts).</summary>
    ReadOwnUnit,

    /// <summary>The scores (考核评分) of a district.</summary>
    ReadScores,

    /// <summary>Imports and publishes notices (导入通知).</summary>
    RunPlans,

    /// <summary>Runs the district's year as the office: settings, orders, circulars, score scheme and grades.</summary>
    Supervise,

    /// <summary>Writes, attaches evidence to, submits and consolidates the unit's own filings (填报人).</summary>
    WriteOwnFiling,

    /// <summary>Approves or returns the unit's own filings (单位负责人审定).</summary>
    ApproveOwnFiling,

    /// <summary>As the item's lead unit, accepts or returns a co-unit's part (牵头单位汇总).</summary>
    AcceptCoUnitPart,

    /// <summary>Accepts or returns what a unit submitted to the office.</summary>
    ReviewFiling,

    /// <summary>Closes a report period and reopens accepted filings (audited).</summary>
    ReopenPeriod,

    /// <summary>Replies to a supervision order (督办单) sent to the unit.</summary>
    ReplyOrder,

    /// <summary>Districts and their setup (系统管理员).</summary>
    ManageDistricts,

    /// <summary>Keeps the district's organisation: adds, renames, merges and retires units, edits collectives and leaders, imports and exports the catalogue.</summary>
    ManageUnits,

    /// <summary>Creates, resets and disables accounts.</summary>
    ManageAccounts,

    /// <summary>Unlocks accounts locked by failed sign-ins (安全管理员).</summary>
    UnlockAccounts,

    /// <summary>Sets the security policy: passwords, lockout, sessions (安全管理员).</summary>
    SetSecurityPolicy,

    /// <summary>Reads the audit log (审计管理员).</summary>
    ReadAudit,
}

/// <summary>How far a grant reaches, from the account's own <see cref="Actor.DistrictId"/> and <see cref="Actor.UnitId"/>.</summary>
public enum Reach
{
    /// <summary>The account's own unit in its own district.</summary>
    OwnUnit,

    /// <summary>The account's own district.</summary>
    OwnDistrict,

    /// <summary>Every district.</summary>
    Everywhere,
}
