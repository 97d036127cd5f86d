namespace Luoshi.Web.Tests.Security;

/// <summary>
/// The access rules of Core/Features/Accounts/AccessPolicy.cs (the role × permission table), spelled out cell by cell for the callers of <see cref="Caller"/> (all
/// of Jiang'an; the unit roles of its 区发展和改革局) and the scopes of <see cref="Scope"/>.
/// </summary>
public static class Rules
{
    /// <summary>Sign-in, sign-in failure pages: everyone, signed in or not.</summary>
    public static readonly AccessRule Public = AccessRule.Grid(nameof(Public), """
                      None
        Anonymous     allow
        Admin         allow
        SecurityAdmin allow
        AuditAdmin    allow
        CityViewer    allow
        Office        allow
        Leader        allow
        UnitHead      allow
        Clerk         allow
        """);

    /// <summary>About the caller only (their account, sign-out, the API description).</summary>
    public static readonly AccessRule SignedIn = AccessRule.Grid(nameof(SignedIn), """
                      None
        Admin         allow
        SecurityAdmin allow
        AuditAdmin    allow
        CityViewer    allow
        Office        allow
        Leader        allow
        UnitHead      allow
        Clerk         allow
        """);

    /// <summary>A list of districts or plans: everyone sees their own district, only Admin and CityViewer see the others.</summary>
    public static readonly AccessRule DistrictList = AccessRule.Grid(nameof(DistrictList), """
                      Own      OtherDistrict
        Admin         allow    allow
        SecurityAdmin filtered filtered
        AuditAdmin    filtered filtered
        CityViewer    allow    allow
        Office        allow    filtered
        Leader        allow    filtered
        UnitHead      allow    filtered
        Clerk         allow    filtered
        """);

    /// <summary>CanReadWholePlan: the tree, matrix and deadlines of a district.</summary>
    public static readonly AccessRule WholePlan = AccessRule.Grid(nameof(WholePlan), """
                      Own   OtherDistrict
        Admin         allow allow
        SecurityAdmin deny  deny
        AuditAdmin    deny  deny
        CityViewer    allow allow
        Office        allow deny
        Leader        allow deny
        UnitHead      deny  deny
        Clerk         deny  deny
        """);

    /// <summary>CanReadUnit: a unit's page and task list.</summary>
    public static readonly AccessRule Unit = AccessRule.Grid(nameof(Unit), """
                      Own   OtherUnit OtherDistrict
        Admin         allow allow     allow
        SecurityAdmin deny  deny      deny
        AuditAdmin    deny  deny      deny
        CityViewer    allow allow     allow
        Office        allow allow     deny
        Leader        allow allow     deny
        UnitHead      allow deny      deny
        Clerk         allow deny      deny
        """);

    /// <summary>CanReadItem: an item, for the district's office and leaders or a unit on it.</summary>
    public static readonly AccessRule Item = AccessRule.Grid(nameof(Item), """
                      Own   OtherUnit OtherDistrict
        Admin         allow allow     allow
        SecurityAdmin deny  deny      deny
        AuditAdmin    deny  deny      deny
        CityViewer    allow allow     allow
        Office        allow allow     deny
        Leader        allow allow     deny
        UnitHead      allow deny      deny
        Clerk         allow deny      deny
        """);

    /// <summary>A search over plans: finds only what <see cref="Item"/> lets the caller read.</summary>
    public static readonly AccessRule Search = AccessRule.Grid(nameof(Search), """
                      Own      OtherUnit OtherDistrict
        Admin         allow    allow     allow
        SecurityAdmin filtered filtered  filtered
        AuditAdmin    filtered filtered  filtered
        CityViewer    allow    allow     allow
        Office        allow    allow     filtered
        Leader        allow    allow     filtered
        UnitHead      allow    filtered  filtered
        Clerk         allow    filtered  filtered
        """);

    /// <summary>Across districts (the city's comparison): Admin and CityViewer only.</summary>
    public static readonly AccessRule AllDistricts = AccessRule.Grid(nameof(AllDistricts), """
                      None
        Admin         allow
        SecurityAdmin deny
        AuditAdmin    deny
        CityViewer    allow
        Office        deny
        Leader        deny
        UnitHead      deny
        Clerk         deny
        """);

    /// <summary>RunsPlans, nothing named: the import list and upload form. Only Admin and Office import.</summary>
    public static readonly AccessRule RunsPlans = AccessRule.Grid(nameof(RunsPlans), """
                      None
        Admin         allow
        SecurityAdmin deny
        AuditAdmin    deny
        CityViewer    deny
        Office        allow
        Leader        deny
        UnitHead      deny
        Clerk         deny
        """);

    /// <summary>RunsPlans, a list: Admin sees every district's imports, Office its own.</summary>
    public static readonly AccessRule RunsPlansList = AccessRule.Grid(nameof(RunsPlansList), """
                      Own   OtherDistrict
        Admin         allow allow
        SecurityAdmin deny  deny
        AuditAdmin    deny  deny
        CityViewer    deny  deny
        Office        allow filtered
        Leader        deny  deny
        UnitHead      deny  deny
        Clerk         deny  deny
        """);

    /// <summary>CanRunPlans(district): an import draft and every change to it.</summary>
    public static readonly AccessRule RunPlans = AccessRule.Grid(nameof(RunPlans), """
                      Own   OtherDistrict
        Admin         allow allow
        SecurityAdmin deny  deny
        AuditAdmin    deny  deny
        CityViewer    deny  deny
        Office        allow deny
        Leader        deny  deny
        UnitHead      deny  deny
        Clerk         deny  deny
        """);

    /// <summary>CanSupervise(district): the office's year of work (settings, orders, circulars, score scheme and grades); not Admin (三员分立).</summary>
    public static readonly AccessRule Supervise = AccessRule.Grid(nameof(Supervise), """
                      Own   OtherDistrict
        Admin         deny  deny
        SecurityAdmin deny  deny
        AuditAdmin    deny  deny
        CityViewer    deny  deny
        Office        allow deny
        Leader        deny  deny
        UnitHead      deny  deny
        Clerk         deny  deny
        """);

    /// <summary>The audit log: AuditAdmin every entry, nobody else (三员分立: not Admin, not the office).</summary>
    public static readonly AccessRule AuditLog = AccessRule.Grid(nameof(AuditLog), """
                      Own   OtherDistrict
        Admin         deny  deny
        SecurityAdmin deny  deny
        AuditAdmin    allow allow
        CityViewer    deny  deny
        Office        deny  deny
        Leader        deny  deny
        UnitHead      deny  deny
        Clerk         deny  deny
        """);

    /// <summary>我的工作 of a district: everyone's own district (a unit sees its own obligations), every district for Admin and CityViewer.</summary>
    public static readonly AccessRule WorkList = AccessRule.Grid(nameof(WorkList), """
                      Own   OtherDistrict
        Admin         allow allow
        SecurityAdmin deny  deny
        AuditAdmin    deny  deny
        CityViewer    allow allow
        Office        allow deny
        Leader        allow deny
        UnitHead      allow deny
        Clerk         allow deny
        """);

    /// <summary>Scores (Features/Scores): the district's office and leaders (and Admin); not the city viewer, not the units.</summary>
    public static readonly AccessRule Scores = AccessRule.Grid(nameof(Scores), """
                      Own   OtherDistrict
        Admin         allow allow
        SecurityAdmin deny  deny
        AuditAdmin    deny  deny
        CityViewer    deny  deny
        Office        allow deny
        Leader        allow deny
        UnitHead      deny  deny
        Clerk         deny  deny
        """);

    /// <summary>The exports page of a district: everyone of the district (a unit's people see their unit's forms), Admin and CityViewer every district.</summary>
    public static readonly AccessRule DistrictMember = AccessRule.Grid(nameof(DistrictMember), """
                      Own   OtherDistrict
        Admin         allow allow
        SecurityAdmin deny  deny
        AuditAdmin    deny  deny
        CityViewer    allow allow
        Office        allow deny
        Leader        allow deny
        UnitHead      allow deny
        Clerk         allow deny
        """);

    /// <summary>A filing and its evidence (FilingAccess.MaySee): its unit, the item's lead units, the district's office and leaders, the city.</summary>
    public static readonly AccessRule FilingRead = AccessRule.Grid(nameof(FilingRead), """
                      Own   OtherUnit OtherDistrict
        Admin         allow allow     allow
        SecurityAdmin deny  deny      deny
        AuditAdmin    deny  deny      deny
        CityViewer    allow allow     allow
        Office        allow allow     deny
        Leader        allow allow     deny
        UnitHead      allow deny      deny
        Clerk         allow deny      deny
        """);

    /// <summary>Writing a filing (save, submit, evidence, consolidate): its own unit's clerk only (FilingAccess.MayWrite).</summary>
    public static readonly AccessRule FilingWrite = AccessRule.Grid(nameof(FilingWrite), """
                      Own   OtherUnit OtherDistrict
        Admin         deny  deny      deny
        SecurityAdmin deny  deny      deny
        AuditAdmin    deny  deny      deny
        CityViewer    deny  deny      deny
        Office        deny  deny      deny
        Leader        deny  deny      deny
        UnitHead      deny  deny      deny
        Clerk         allow deny      deny
        """);

    /// <summary>A unit head's approval of its own unit's filing.</summary>
    public static readonly AccessRule FilingApprove = AccessRule.Grid(nameof(FilingApprove), """
                      Own   OtherUnit OtherDistrict
        Admin         deny  deny      deny
        SecurityAdmin deny  deny      deny
        AuditAdmin    deny  deny      deny
        CityViewer    deny  deny      deny
        Office        deny  deny      deny
        Leader        deny  deny      deny
        UnitHead      allow deny      deny
        Clerk         deny  deny      deny
        """);

    /// <summary>Returning with a comment: the unit's head, the district's office (and, for a co-unit's part, the lead unit); not Admin.</summary>
    public static readonly AccessRule FilingReturn = AccessRule.Grid(nameof(FilingReturn), """
                      Own   OtherUnit OtherDistrict
        Admin         deny  deny      deny
        SecurityAdmin deny  deny      deny
        AuditAdmin    deny  deny      deny
        CityViewer    deny  deny      deny
        Office        allow allow     deny
        Leader        deny  deny      deny
        UnitHead      allow deny      deny
        Clerk         deny  deny      deny
        """);

    /// <summary>Accepting and reopening: the district's office (and, accepting a co-unit's part, the lead unit); closing a period too; not Admin.</summary>
    public static readonly AccessRule FilingOffice = AccessRule.Grid(nameof(FilingOffice), """
                      Own   OtherUnit OtherDistrict
        Admin         deny  deny      deny
        SecurityAdmin deny  deny      deny
        AuditAdmin    deny  deny      deny
        CityViewer    deny  deny      deny
        Office        allow allow     deny
        Leader        deny  deny      deny
        UnitHead      deny  deny      deny
        Clerk         deny  deny      deny
        """);

    /// <summary>Closing a district's report period: its office only.</summary>
    public static readonly AccessRule LockPeriod = AccessRule.Grid(nameof(LockPeriod), """
                      Own   OtherDistrict
        Admin         deny  deny
        SecurityAdmin deny  deny
        AuditAdmin    deny  deny
        CityViewer    deny  deny
        Office        allow deny
        Leader        deny  deny
        UnitHead      deny  deny
        Clerk         deny  deny
        """);

    /// <summary>Supervision orders of a district: the office, leaders and the city see them all; a unit's people their own unit's.</summary>
    public static readonly AccessRule OrderList = AccessRule.Grid(nameof(OrderList), """
                      Own   OtherUnit OtherDistrict
        Admin         allow allow     allow
        SecurityAdmin deny  deny      deny
        AuditAdmin    deny  deny      deny
        CityViewer    allow allow     allow
        Office        allow allow     deny
        Leader        allow allow     deny
        UnitHead      allow filtered  deny
        Clerk         allow filtered  deny
        """);

    /// <summary>Replying to an order: the clerks and heads of the order's unit only.</summary>
    public static readonly AccessRule OrderReply = AccessRule.Grid(nameof(OrderReply), """
                      Own   OtherUnit OtherDistrict
        Admin         deny  deny      deny
        SecurityAdmin deny  deny      deny
        AuditAdmin    deny  deny      deny
        CityViewer    deny  deny      deny
        Office        deny  deny      deny
        Leader        deny  deny      deny
        UnitHead      allow deny      deny
        Clerk         allow deny      deny
        """);

    /// <summary>Approving an order's reply to the office: the heads of the order's unit only.</summary>
    public static readonly AccessRule OrderApprove = AccessRule.Grid(nameof(OrderApprove), """
                      Own   OtherUnit OtherDistrict
        Admin         deny  deny      deny
        SecurityAdmin deny  deny      deny
        AuditAdmin    deny  deny      deny
        CityViewer    deny  deny      deny
        Office        deny  deny      deny
        Leader        deny  deny      deny
        UnitHead      allow deny      deny
        Clerk         deny  deny      deny
        """);

    /// <summary>Returning an order's reply: the unit's head (to its clerk) or the district's office (not satisfied).</summary>
    public static readonly AccessRule OrderReturn = AccessRule.Grid(nameof(OrderReturn), """
                      Own   OtherUnit OtherDistrict
        Admin         deny  deny      deny
        SecurityAdmin deny  deny      deny
        AuditAdmin    deny  deny      deny
        CityViewer    deny  deny      deny
        Office        allow allow     deny
        Leader        deny  deny      deny
        UnitHead      allow deny      deny
        Clerk         deny  deny      deny
        """);

    /// <summary>Closing an order: the district's office only.</summary>
    public static readonly AccessRule OrderClose = AccessRule.Grid(nameof(OrderClose), """
                      Own   OtherUnit OtherDistrict
        Admin         deny  deny      deny
        SecurityAdmin deny  deny      deny
        AuditAdmin    deny  deny      deny
        CityViewer    deny  deny      deny
        Office        allow allow     deny
        Leader        deny  deny      deny
        UnitHead      deny  deny      deny
        Clerk         deny  deny      deny
        """);

    /// <summary>Account management of a district (AccountAccess.MayManageAccounts): the admin anywhere, the office in its own district.</summary>
    public static readonly AccessRule ManageAccounts = AccessRule.Grid(nameof(ManageAccounts), """
                      Own   OtherDistrict
        Admin         allow allow
        SecurityAdmin deny  deny
        AuditAdmin    deny  deny
        CityViewer    deny  deny
        Office        allow deny
        Leader        deny  deny
        UnitHead      deny  deny
        Clerk         deny  deny
        """);

    /// <summary>The organisation of a district (Permission.ManageUnits): the admin anywhere, the office in its own district.</summary>
    public static readonly AccessRule ManageUnits = AccessRule.Grid(nameof(ManageUnits), """
                      Own   OtherDistrict
        Admin         allow allow
        SecurityAdmin deny  deny
        AuditAdmin    deny  deny
        CityViewer    deny  deny
        Office        allow deny
        Leader        deny  deny
        UnitHead      deny  deny
        Clerk         deny  deny
        """);

    /// <summary>The account list of a district (AccountAccess.MaySeeAccounts): who manages its accounts, and the security admin, who unlocks.</summary>
    public static readonly AccessRule AccountList = AccessRule.Grid(nameof(AccountList), """
                      Own   OtherDistrict
        Admin         allow allow
        SecurityAdmin allow allow
        AuditAdmin    deny  deny
        CityViewer    deny  deny
        Office        allow deny
        Leader        deny  deny
        UnitHead      deny  deny
        Clerk         deny  deny
        """);

    /// <summary>Unlocking an account locked by failed sign-ins (AccountAccess.MayUnlock): the security admin only (三员分立).</summary>
    public static readonly AccessRule UnlockAccounts = AccessRule.Grid(nameof(UnlockAccounts), """
                      Own   OtherDistrict
        Admin         deny  deny
        SecurityAdmin allow allow
        AuditAdmin    deny  deny
        CityViewer    deny  deny
        Office        deny  deny
        Leader        deny  deny
        UnitHead      deny  deny
        Clerk         deny  deny
        """);

    /// <summary>分管领导的页面 (LeaderViews.MayView): the district's office (choosing any leader) and the leader themselves; nobody else.</summary>
    public static readonly AccessRule LeaderPage = AccessRule.Grid(nameof(LeaderPage), """
                      Own   OtherDistrict
        Admin         deny  deny
        SecurityAdmin deny  deny
        AuditAdmin    deny  deny
        CityViewer    deny  deny
        Office        allow deny
        Leader        allow deny
        UnitHead      deny  deny
        Clerk         deny  deny
        """);
}
