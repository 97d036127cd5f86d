namespace Luoshi.Web.Tests.Security;

/// <summary>
/// One endpoint of the app: its key as <see cref="EndpointInventory"/> writes it, the rule it must follow, how to fill its
/// URL (and form) for a target, and what an allowed read shows.
/// </summary>
public sealed record RouteRow(string Key, AccessRule Rule, Func<Target, string> Url, Shows Shows = Shows.Nothing)
{
    /// <summary>The form of a POST, without the antiforgery token (added by the runner). Allowed posts must change nothing.</summary>
    public Func<Target, Dictionary<string, string>>? Form { get; init; }

    /// <summary>Where an allowed request redirects, when it answers with a redirect rather than 200.</summary>
    public string? AllowedRedirect { get; init; }

    /// <summary>The request ends the caller's session (sign-out): run it on a session of its own.</summary>
    public bool EndsSession { get; init; }

    /// <summary>A JSON body (for an API POST): sent as application/json with the antiforgery token in its header, instead of <see cref="Form"/>.</summary>
    public Func<Target, string>? Json { get; init; }

    /// <summary>The status an allowed request answers with, when it is not 2xx (an allowed API call refused on its content, say).</summary>
    public int? AllowedStatus { get; init; }

    public string Method => Key[..Key.IndexOf(' ', StringComparison.Ordinal)];

    public string Template => Key[(Key.IndexOf(' ', StringComparison.Ordinal) + 1)..].Split('?')[0];

    public bool IsApi => Template.StartsWith("/api", StringComparison.Ordinal);

    public override string ToString() => Key;
}

/// <summary>
/// The expectation table: every endpoint of the app, with the rule it follows. The matrix fails when the app has an
/// endpoint that is not here, so that a new page or API endpoint cannot go unchecked.
/// </summary>
public static class RouteTable
{
    // A stale version makes every allowed change to a draft a refused conflict (200, nothing saved), so the matrix can
    // run every cell against one database; a denied one is 404 before the version is looked at.
    private static Dictionary<string, string> Stale(Target t, params (string Name, string Value)[] more)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal) { ["version"] = t.Id(t.DraftVersion - 1000) };
        foreach (var (name, value) in more)
        {
            form[name] = value;
        }

        return form;
    }

    // A filing's steps with a version it never has: allowed ones end in the conflict message (or, where the state does not
    // allow the step yet, its message) with nothing saved.
    private static Dictionary<string, string> StaleFiling(Target t) => StaleFiling(t, []);

    private static Dictionary<string, string> StaleFiling(Target t, params (string Name, string Value)[] more)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal) { ["version"] = "-1" };
        foreach (var (name, value) in more)
        {
            form[name] = value;
        }

        return form;
    }

    // An account action on a clerk of the target's district with a stamp it never has: allowed ones end in the conflict message.
    private static Dictionary<string, string> StaleAccount(Target t) =>
        new(StringComparer.Ordinal) { ["user"] = t.DistrictCode + ".fgj.clerk", ["stamp"] = "matrix-stale" };

    public static readonly RouteRow[] Rows =
    [
        // Account
        new("GET /Account/Login", Rules.Public, _ => "/Account/Login"),
        new("POST /Account/Login", Rules.Public, _ => "/Account/Login")
        {
            // An unknown user: the page answers with its error and nobody is locked out.
            Form = _ => new(StringComparer.Ordinal) { ["userName"] = "matrix-nobody", ["password"] = "wrong-password" },
        },
        new("GET /Account/Denied", Rules.Public, _ => "/Account/Denied"),
        new("GET /Errors/{code:int}", Rules.Public, _ => "/Errors/404"),
        new("POST /Errors/{code:int}", Rules.Public, _ => "/Errors/400") { Form = _ => [] },
        new("GET /Account/Logout", Rules.SignedIn, _ => "/Account/Logout") { AllowedRedirect = "/" },
        new("GET /Account/Password", Rules.SignedIn, _ => "/Account/Password"),
        new("POST /Account/Password", Rules.SignedIn, _ => "/Account/Password") { Form = _ => [] }, // nothing filled in: refused with a message
        new("POST /Account/Logout", Rules.SignedIn, _ => "/Account/Logout")
        {
            Form = _ => [], AllowedRedirect = "/Account/Login", EndsSession = true,
        },

        // Home: the districts the caller may read.
        new("GET /", Rules.DistrictList, _ => "/", Shows.DocNumber),

        // Plans (Features/Plans): the whole plan for those who read the whole district, a unit's and an item's pages for its units.
        new("GET /Plans/{code}", Rules.WholePlan, t => "/Plans/" + t.DistrictCode, Shows.DocNumber),
        new("GET /Plans/{code}/Matrix", Rules.WholePlan, t => $"/Plans/{t.DistrictCode}/Matrix", Shows.DistrictName),
        new("GET /Plans/{code}/Deadlines", Rules.WholePlan, t => $"/Plans/{t.DistrictCode}/Deadlines", Shows.DistrictName),
        new("GET /Plans/{code}/Matrix?handler=Xlsx", Rules.WholePlan, t => $"/Plans/{t.DistrictCode}/Matrix?handler=Xlsx"), // a zip
        new("GET /Plans/{code}/Deadlines?handler=Xlsx", Rules.WholePlan, t => $"/Plans/{t.DistrictCode}/Deadlines?handler=Xlsx"), // a zip
        new("GET /Plans/{code}/Items/{seq:int}", Rules.Item, t => $"/Plans/{t.DistrictCode}/Items/{t.Id(t.ItemSeq)}", Shows.ItemText),
        new("GET /Plans/{code}/Units/{unitId:int}", Rules.Unit.WithForged(), t => $"/Plans/{t.DistrictCode}/Units/{t.Id(t.UnitId)}", Shows.ItemText),
        new("GET /Plans/{code}/Units/{unitId:int}?handler=Xlsx", Rules.Unit.WithForged(),
            t => $"/Plans/{t.DistrictCode}/Units/{t.Id(t.UnitId)}?handler=Xlsx"), // a zip: its text cannot be read here
        new("GET /Plans/Search", Rules.Search, t => "/Plans/Search?q=" + Uri.EscapeDataString(t.SearchKey), Shows.ItemText),

        // City (Features/City): every district side by side, for Admin and CityViewer.
        new("GET /City", Rules.AllDistricts, _ => "/City", Shows.DocNumber),

        // Imports (Features/Imports): Admin and Office only.
        new("GET /Imports", Rules.RunsPlansList, _ => "/Imports", Shows.DraftFile),
        new("POST /Imports", Rules.RunsPlans, _ => "/Imports") { Form = _ => [] }, // no file: refused with a message
        new("GET /Imports/{id:int}", Rules.RunPlans, t => "/Imports/" + t.Id(t.DraftId), Shows.DraftFile),
        new("POST /Imports/{id:int}?handler=EditText", Rules.RunPlans, t => $"/Imports/{t.Id(t.DraftId)}?handler=EditText", Shows.DraftFile)
        {
            Form = t => Stale(t, ("key", "1"), ("text", "matrix")),
        },
        new("POST /Imports/{id:int}?handler=SetUnits", Rules.RunPlans, t => $"/Imports/{t.Id(t.DraftId)}?handler=SetUnits", Shows.DraftFile)
        {
            Form = t => Stale(t, ("key", "1"), ("leadText", MatrixTargets.OwnUnit)),
        },
        new("POST /Imports/{id:int}?handler=MapUnit", Rules.RunPlans, t => $"/Imports/{t.Id(t.DraftId)}?handler=MapUnit", Shows.DraftFile)
        {
            Form = t => Stale(t, ("printed", "matrix"), ("unit", MatrixTargets.OwnUnit)),
        },
        new("POST /Imports/{id:int}?handler=AddUnit", Rules.RunPlans, t => $"/Imports/{t.Id(t.DraftId)}?handler=AddUnit", Shows.DraftFile)
        {
            Form = t => Stale(t, ("printed", "matrix"), ("name", "矩阵测试单位"), ("kind", "Department")),
        },
        new("POST /Imports/{id:int}?handler=ConfirmCatalogue", Rules.RunPlans, t => $"/Imports/{t.Id(t.DraftId)}?handler=ConfirmCatalogue", Shows.DraftFile)
        {
            Form = t => Stale(t, ("unitName", "矩阵测试单位"), ("unitKind", "Department"), ("unitKeep", "0")),
        },
        new("POST /Imports/{id:int}?handler=NotUnit", Rules.RunPlans, t => $"/Imports/{t.Id(t.DraftId)}?handler=NotUnit", Shows.DraftFile)
        {
            Form = t => Stale(t, ("printed", "matrix")),
        },
        new("POST /Imports/{id:int}?handler=Split", Rules.RunPlans, t => $"/Imports/{t.Id(t.DraftId)}?handler=Split", Shows.DraftFile)
        {
            Form = t => Stale(t, ("key", "1"), ("marked", "矩阵\n----\n测试"), ("lead", MatrixTargets.OwnUnit)),
        },
        new("POST /Imports/{id:int}?handler=Join", Rules.RunPlans, t => $"/Imports/{t.Id(t.DraftId)}?handler=Join", Shows.DraftFile)
        {
            Form = t => Stale(t, ("key", "1")),
        },
        new("POST /Imports/{id:int}?handler=Publish", Rules.RunPlans, t => $"/Imports/{t.Id(t.DraftId)}?handler=Publish", Shows.DraftFile)
        {
            Form = t => Stale(t),
        },
        new("POST /Imports/{id:int}?handler=Discard", Rules.RunPlans, t => $"/Imports/{t.Id(t.DraftId)}?handler=Discard", Shows.DraftFile)
        {
            Form = t => Stale(t),
        },

        // Circulars (Features/Circulars): read by those who read the whole district; drafted, edited and issued by its office.
        new("GET /Circulars", Rules.WholePlan, t => "/Circulars?district=" + t.DistrictCode, Shows.DistrictName),
        new("POST /Circulars?handler=Create", Rules.Supervise, t => "/Circulars?handler=Create&district=" + t.DistrictCode, Shows.DistrictName)
        {
            Form = _ => new(StringComparer.Ordinal) { ["period"] = "WorkPlan" }, // not a report period: refused with a message, nothing made
        },
        new("GET /Circulars/Edit/{id:int}", Rules.WholePlan, t => "/Circulars/Edit/" + t.Id(t.CircularId), Shows.DistrictName),
        new("GET /Circulars/Edit/{id:int}?handler=Docx", Rules.WholePlan, t => $"/Circulars/Edit/{t.Id(t.CircularId)}?handler=Docx"),
        new("GET /Circulars/Edit/{id:int}?handler=Pdf", Rules.WholePlan, t => $"/Circulars/Edit/{t.Id(t.CircularId)}?handler=Pdf"),
        new("POST /Circulars/Edit/{id:int}?handler=Save", Rules.Supervise, t => $"/Circulars/Edit/{t.Id(t.CircularId)}?handler=Save", Shows.DistrictName)
        {
            Form = _ => new(StringComparer.Ordinal) { ["version"] = "-1000", ["title"] = "矩阵", ["body"] = "矩阵" },
        },
        new("POST /Circulars/Edit/{id:int}?handler=Issue", Rules.Supervise, t => $"/Circulars/Edit/{t.Id(t.CircularId)}?handler=Issue", Shows.DistrictName)
        {
            Form = _ => new(StringComparer.Ordinal) { ["version"] = "-1000" },
        },

        // Work (Features/Work): 我的工作 and the filings. Each POST carries a stale version (or no file, or no valid period), so
        // that an allowed step is refused with a message (200) and changes nothing; a denied one is 404 or 403 first.
        new("GET /Work", Rules.WorkList, t => "/Work?district=" + t.DistrictCode, Shows.DistrictName),
        new("POST /Work?handler=Lock", Rules.LockPeriod, t => "/Work?handler=Lock&district=" + t.DistrictCode, Shows.DistrictName)
        {
            Form = _ => new(StringComparer.Ordinal) { ["period"] = "matrix" },
        },
        new("GET /Work/Filing", Rules.FilingRead, t => t.FilingUrl(), Shows.ItemText),
        new("POST /Work/Filing?handler=Save", Rules.FilingWrite, t => t.FilingUrl("Save"), Shows.ItemText) { Form = StaleFiling },
        new("POST /Work/Filing?handler=Submit", Rules.FilingWrite, t => t.FilingUrl("Submit"), Shows.ItemText) { Form = StaleFiling },
        new("POST /Work/Filing?handler=Consolidate", Rules.FilingWrite, t => t.FilingUrl("Consolidate"), Shows.ItemText) { Form = StaleFiling },
        new("POST /Work/Filing?handler=Upload", Rules.FilingWrite, t => t.FilingUrl("Upload"), Shows.ItemText) { Form = _ => [] },
        new("POST /Work/Filing?handler=Detach", Rules.FilingWrite, t => t.FilingUrl("Detach"), Shows.ItemText)
        {
            Form = t => StaleFiling(t, ("evidenceId", t.Id(t.EvidenceId))),
        },
        new("POST /Work/Filing?handler=Approve", Rules.FilingApprove, t => t.FilingUrl("Approve"), Shows.ItemText) { Form = StaleFiling },
        new("POST /Work/Filing?handler=Return", Rules.FilingReturn, t => t.FilingUrl("Return"), Shows.ItemText)
        {
            Form = t => StaleFiling(t, ("comment", "矩阵测试")),
        },
        new("POST /Work/Filing?handler=Accept", Rules.FilingOffice, t => t.FilingUrl("Accept"), Shows.ItemText) { Form = StaleFiling },
        new("POST /Work/Filing?handler=Reopen", Rules.FilingOffice, t => t.FilingUrl("Reopen"), Shows.ItemText)
        {
            Form = t => StaleFiling(t, ("comment", "矩阵测试")),
        },
        new("GET /Work/Evidence/{id:int}", Rules.FilingRead, t => "/Work/Evidence/" + t.Id(t.EvidenceId)),

        // Scores (Features/Scores): the office and leaders read, the office changes (a stale version: refused, nothing saved).
        new("GET /Scores", Rules.Scores, t => "/Scores?district=" + t.DistrictCode, Shows.DistrictName),
        new("GET /Scores?handler=Xlsx", Rules.Scores, t => $"/Scores?handler=Xlsx&district={t.DistrictCode}&period=Year"),
        new("GET /Scores?handler=Csv", Rules.Scores, t => $"/Scores?handler=Csv&district={t.DistrictCode}&period=Year"),
        new("POST /Scores?handler=Scheme", Rules.Supervise, t => $"/Scores?handler=Scheme&district={t.DistrictCode}")
        {
            Form = t => Stale(t, ("timeliness", "25"), ("completeness", "25"), ("progress", "25"), ("quality", "25")),
        },
        new("POST /Scores?handler=Grade", Rules.Supervise, t => $"/Scores?handler=Grade&district={t.DistrictCode}&period=Q1")
        {
            Form = t => Stale(t, ("unitId", t.Id(t.UnitId)), ("grade", "A")),
        },

        // Exports (Features/Exports): a unit's forms for its own people and those who read the whole district; the whole plan's progress for the latter.
        new("GET /Exports", Rules.DistrictMember, t => "/Exports?district=" + t.DistrictCode, Shows.DistrictName),
        new("GET /Exports?handler=WorkPlan", Rules.Unit.WithForged(), t => $"/Exports?handler=WorkPlan&district={t.DistrictCode}&unit={t.Id(t.UnitId)}"),
        new("GET /Exports?handler=Report", Rules.Unit.WithForged(), t => $"/Exports?handler=Report&district={t.DistrictCode}&unit={t.Id(t.UnitId)}&period=Q1"),
        new("GET /Exports?handler=Progress", Rules.WholePlan, t => "/Exports?handler=Progress&district=" + t.DistrictCode),

        // Supervision and dashboard (Features/Supervision, Features/Dashboard): the office, the district's leaders, the city.
        new("GET /Supervision", Rules.WholePlan, t => "/Supervision?district=" + t.DistrictCode, Shows.DistrictName),
        // Acting from a row (issue 11.4): the district's office only. A 催报 from the list goes back to the list (once a day per unit);
        // a call note without a person is refused with a message.
        new("GET /Supervision/Row", Rules.Supervise, t => $"/Supervision/Row?district={t.DistrictCode}&unit={t.Id(t.UnitId)}&item={t.Id(t.ItemId)}", Shows.DistrictName),
        new("POST /Supervision/Row?handler=Remind", Rules.Supervise, t => $"/Supervision/Row?handler=Remind&district={t.DistrictCode}&unit={t.Id(t.UnitId)}&item={t.Id(t.ItemId)}&back=list")
        {
            Form = _ => [], AllowedRedirect = "/Supervision",
        },
        new("POST /Supervision/Row?handler=Contact", Rules.Supervise, t => $"/Supervision/Row?handler=Contact&district={t.DistrictCode}&unit={t.Id(t.UnitId)}&item={t.Id(t.ItemId)}", Shows.DistrictName)
        {
            Form = _ => new(StringComparer.Ordinal) { ["kind"] = "Phone", ["on"] = "2026-01-05", ["person"] = "", ["text"] = "矩阵" },
        },
        new("GET /Dashboard", Rules.WholePlan, t => "/Dashboard?district=" + t.DistrictCode, Shows.DistrictName),
        new("GET /Leader", Rules.LeaderPage, t => "/Leader?district=" + t.DistrictCode, Shows.DistrictName),

        // Admin
        new("GET /Admin/Audit", Rules.AuditLog, _ => "/Admin/Audit?action=import-notice", Shows.DraftFile),
        new("POST /Admin/Audit?handler=Verify", Rules.AuditLog, _ => "/Admin/Audit?handler=Verify", Shows.DraftFile) { Form = _ => [] },

        // Accounts (Features/Accounts): the district's office and the admin. Each action names a clerk of the target's district
        // with a stale concurrency stamp, so that an allowed one is refused with a message and changes nothing.
        new("GET /Accounts", Rules.AccountList, t => "/Accounts?district=" + t.DistrictCode, Shows.DistrictName),
        new("POST /Accounts?handler=Reset", Rules.ManageAccounts, t => $"/Accounts?district={t.DistrictCode}&handler=Reset", Shows.DistrictName) { Form = StaleAccount },
        new("POST /Accounts?handler=Disable", Rules.ManageAccounts, t => $"/Accounts?district={t.DistrictCode}&handler=Disable", Shows.DistrictName) { Form = StaleAccount },
        new("POST /Accounts?handler=Enable", Rules.ManageAccounts, t => $"/Accounts?district={t.DistrictCode}&handler=Enable", Shows.DistrictName) { Form = StaleAccount },
        new("POST /Accounts?handler=Unlock", Rules.UnlockAccounts, t => $"/Accounts?district={t.DistrictCode}&handler=Unlock", Shows.DistrictName) { Form = StaleAccount },
        new("GET /Accounts/Create", Rules.ManageAccounts, t => "/Accounts/Create?district=" + t.DistrictCode, Shows.DistrictName),
        new("POST /Accounts/Create", Rules.ManageAccounts, t => "/Accounts/Create?district=" + t.DistrictCode, Shows.DistrictName)
        {
            Form = _ => [], // nothing filled in: refused with the rows' messages, nothing created
        },
        new("GET /Accounts/Roster", Rules.ManageAccounts, t => "/Accounts/Roster?district=" + t.DistrictCode, Shows.DistrictName),
        new("GET /Accounts/Roster?handler=Template", Rules.ManageAccounts, t => $"/Accounts/Roster?district={t.DistrictCode}&handler=Template"),
        new("POST /Accounts/Roster", Rules.ManageAccounts, t => "/Accounts/Roster?district=" + t.DistrictCode, Shows.DistrictName)
        {
            Form = _ => [], // no file: refused with a message
        },

        // Plan changes (Features/Plans/Change): whoever runs the district's plans. A version the item never has: an allowed
        // change is refused as stale (200, nothing changed).
        new("GET /Plans/{code}/Items/{seq:int}/Change", Rules.RunPlans, t => $"/Plans/{t.DistrictCode}/Items/{t.Id(t.ItemSeq)}/Change", Shows.ItemText),
        new("POST /Plans/{code}/Items/{seq:int}/Change?handler=Split", Rules.RunPlans, t => $"/Plans/{t.DistrictCode}/Items/{t.Id(t.ItemSeq)}/Change?handler=Split", Shows.ItemText)
        {
            Form = _ => new(StringComparer.Ordinal) { ["version"] = "-1", ["first"] = "甲", ["second"] = "乙", ["reason"] = "矩阵" },
        },
        new("POST /Plans/{code}/Items/{seq:int}/Change?handler=HandOver", Rules.RunPlans, t => $"/Plans/{t.DistrictCode}/Items/{t.Id(t.ItemSeq)}/Change?handler=HandOver", Shows.ItemText)
        {
            Form = t => new(StringComparer.Ordinal) { ["version"] = "-1", ["from"] = t.Id(t.UnitId), ["to"] = t.Id(t.UnitId), ["reason"] = "矩阵" },
        },
        new("POST /Plans/{code}/Items/{seq:int}/Change?handler=Defer", Rules.RunPlans, t => $"/Plans/{t.DistrictCode}/Items/{t.Id(t.ItemSeq)}/Change?handler=Defer", Shows.ItemText)
        {
            Form = _ => new(StringComparer.Ordinal) { ["version"] = "-1", ["deadline"] = "2026年12月底前", ["reason"] = "矩阵" },
        },
        new("POST /Plans/{code}/Items/{seq:int}/Change?handler=Merge", Rules.RunPlans, t => $"/Plans/{t.DistrictCode}/Items/{t.Id(t.ItemSeq)}/Change?handler=Merge", Shows.ItemText)
        {
            Form = _ => new(StringComparer.Ordinal) { ["version"] = "-1", ["other"] = "0:-1", ["text"] = "合并", ["reason"] = "矩阵" },
        },

        // Units (Features/Units): the district's office and the admin. Every change carries a version it never has, so an
        // allowed one is refused as stale (200, nothing changed); an empty add or import is refused with its message.
        new("GET /Units", Rules.ManageUnits, t => "/Units?district=" + t.DistrictCode, Shows.DistrictName),
        new("GET /Units?handler=Export", Rules.ManageUnits, t => $"/Units?district={t.DistrictCode}&handler=Export"),
        new("GET /Units/Detail", Rules.ManageUnits, t => $"/Units/Detail?district={t.DistrictCode}&id={t.Id(t.UnitId)}", Shows.DistrictName),
        new("POST /Units/Detail?handler=Retire", Rules.ManageUnits, t => $"/Units/Detail?district={t.DistrictCode}&id={t.Id(t.UnitId)}&handler=Retire", Shows.DistrictName)
        {
            Form = _ => new(StringComparer.Ordinal) { ["version"] = "-1", ["confirm"] = "true" },
        },
        new("GET /Units/Edit", Rules.ManageUnits, t => $"/Units/Edit?district={t.DistrictCode}&id={t.Id(t.UnitId)}", Shows.DistrictName),
        new("POST /Units/Edit", Rules.ManageUnits, t => $"/Units/Edit?district={t.DistrictCode}&id={t.Id(t.UnitId)}", Shows.DistrictName)
        {
            Form = _ => new(StringComparer.Ordinal) { ["version"] = "-1", ["name"] = "矩阵测试单位", ["kind"] = "Department" },
        },
        new("GET /Units/Merge", Rules.ManageUnits, t => $"/Units/Merge?district={t.DistrictCode}&id={t.Id(t.UnitId)}", Shows.DistrictName),
        new("POST /Units/Merge", Rules.ManageUnits, t => $"/Units/Merge?district={t.DistrictCode}&id={t.Id(t.UnitId)}", Shows.DistrictName)
        {
            Form = t => new(StringComparer.Ordinal) { ["into"] = t.Id(t.UnitId), ["version"] = "-1", ["intoVersion"] = "-1" },
        },
        new("GET /Units/Import", Rules.ManageUnits, t => "/Units/Import?district=" + t.DistrictCode, Shows.DistrictName),
        new("POST /Units/Import", Rules.ManageUnits, t => "/Units/Import?district=" + t.DistrictCode, Shows.DistrictName)
        {
            Form = _ => [], // no file: refused with a message
        },

        // Settings (Features/Settings): the district's office. A stale version makes an allowed save a refused conflict.
        new("GET /Settings", Rules.Supervise, t => "/Settings?district=" + t.DistrictCode, Shows.DistrictName),
        // Years (Features/Years): the district's office; a choice of a year the district has no plan for is refused with a message.
        new("GET /Years", Rules.Supervise, t => "/Years?district=" + t.DistrictCode, Shows.DistrictName),
        new("POST /Years?handler=Choose", Rules.Supervise, t => $"/Years?district={t.DistrictCode}&handler=Choose", Shows.DistrictName)
        {
            Form = _ => new(StringComparer.Ordinal) { ["year"] = "1900" },
        },
        new("POST /Years?handler=Close", Rules.Supervise, t => $"/Years?district={t.DistrictCode}&handler=Close", Shows.DistrictName)
        {
            Form = _ => new(StringComparer.Ordinal) { ["year"] = "1900" },
        },
        new("POST /Years?handler=Carry", Rules.Supervise, t => $"/Years?district={t.DistrictCode}&handler=Carry", Shows.DistrictName)
        {
            Form = _ => new(StringComparer.Ordinal) { ["year"] = "1900" },
        },
        new("POST /Settings?handler=Save", Rules.Supervise, t => $"/Settings?district={t.DistrictCode}&handler=Save", Shows.DistrictName)
        {
            Form = t => Stale(t, ("amberPoints", "10"), ("redPoints", "30")),
        },
        new("POST /Settings?handler=Leaders", Rules.Supervise, t => $"/Settings?district={t.DistrictCode}&handler=Leaders", Shows.DistrictName)
        {
            Form = _ => [], // no unit named: "没有改动"
        },

        new("GET /Settings/Numbers", Rules.Supervise, t => "/Settings/Numbers?district=" + t.DistrictCode, Shows.DistrictName),
        new("POST /Settings/Numbers?handler=Save", Rules.Supervise, t => $"/Settings/Numbers?district={t.DistrictCode}&handler=Save", Shows.DistrictName)
        {
            Form = _ => new(StringComparer.Ordinal) { ["kind"] = "circular", ["name"] = "督查通报", ["prefix"] = "矩阵代字", ["version"] = "-5" },
        },

        // Inbox (Features/Inbox): everyone's own messages; an id that is not theirs matches nothing.
        new("GET /Inbox", Rules.SignedIn, _ => "/Inbox"),
        new("POST /Inbox?handler=Read", Rules.SignedIn, _ => "/Inbox?handler=Read") { Form = _ => new(StringComparer.Ordinal) { ["id"] = "0" }, AllowedRedirect = "/Inbox" },
        new("POST /Inbox?handler=ReadAll", Rules.SignedIn, _ => "/Inbox?handler=ReadAll") { Form = _ => [], AllowedRedirect = "/Inbox" },

        // Supervision orders (Features/Orders). Issuing without a subject is refused with a message; stale versions likewise.
        new("GET /Orders", Rules.OrderList, t => "/Orders?district=" + t.DistrictCode, Shows.OrderSubject),
        new("POST /Orders?handler=Issue", Rules.Supervise, t => $"/Orders?district={t.DistrictCode}&handler=Issue", Shows.DistrictName)
        {
            Form = t => new(StringComparer.Ordinal) { ["unitId"] = t.Id(t.UnitId), ["subject"] = "", ["requirement"] = "", ["replyBy"] = "2026-12-31" },
        },
        new("GET /Orders/{id:int}", Rules.Unit, t => "/Orders/" + t.Id(t.OrderId), Shows.OrderSubject),
        new("GET /Orders/{id:int}?handler=Docx", Rules.Unit, t => $"/Orders/{t.Id(t.OrderId)}?handler=Docx"), // a .docx
        new("POST /Orders/{id:int}?handler=Reply", Rules.OrderReply, t => $"/Orders/{t.Id(t.OrderId)}?handler=Reply", Shows.OrderSubject)
        {
            Form = t => new(StringComparer.Ordinal) { ["version"] = "-1000", ["reply"] = "矩阵" },
        },
        new("GET /Orders/{id:int}?handler=File", Rules.Unit, t => $"/Orders/{t.Id(t.OrderId)}?handler=File&file={t.Id(t.OrderFileId)}"), // the attachment
        new("POST /Orders/{id:int}?handler=Attach", Rules.OrderReply, t => $"/Orders/{t.Id(t.OrderId)}?handler=Attach", Shows.OrderSubject)
        {
            Form = _ => new(StringComparer.Ordinal) { ["version"] = "-1000" }, // no file: refused with a message
        },
        new("POST /Orders/{id:int}?handler=Detach", Rules.OrderReply, t => $"/Orders/{t.Id(t.OrderId)}?handler=Detach", Shows.OrderSubject)
        {
            Form = t => new(StringComparer.Ordinal) { ["version"] = "-1000", ["file"] = t.Id(t.OrderFileId) },
        },
        new("POST /Orders/{id:int}?handler=Approve", Rules.OrderApprove, t => $"/Orders/{t.Id(t.OrderId)}?handler=Approve", Shows.OrderSubject)
        {
            Form = _ => new(StringComparer.Ordinal) { ["version"] = "-1000" },
        },
        new("POST /Orders/{id:int}?handler=Return", Rules.OrderReturn, t => $"/Orders/{t.Id(t.OrderId)}?handler=Return", Shows.OrderSubject)
        {
            Form = _ => new(StringComparer.Ordinal) { ["version"] = "-1000", ["comment"] = "矩阵" },
        },
        new("POST /Orders/{id:int}?handler=Close", Rules.OrderClose, t => $"/Orders/{t.Id(t.OrderId)}?handler=Close", Shows.OrderSubject)
        {
            Form = t => new(StringComparer.Ordinal) { ["version"] = "-1000" },
        },

        // API (Features/Plans/PlansApi.cs): the same rules as the pages.
        new("GET /api/me", Rules.SignedIn, _ => "/api/me"),
        new("GET /api/districts", Rules.DistrictList, _ => "/api/districts", Shows.DocNumber),
        new("GET /api/districts/{code}/plan", Rules.WholePlan, t => $"/api/districts/{t.DistrictCode}/plan", Shows.DocNumber),
        new("GET /api/districts/{code}/years", Rules.WholePlan, t => $"/api/districts/{t.DistrictCode}/years", Shows.DocNumber),
        new("GET /api/districts/{code}/matrix", Rules.WholePlan, t => $"/api/districts/{t.DistrictCode}/matrix", Shows.DistrictName),
        new("GET /api/districts/{code}/deadlines", Rules.WholePlan, t => $"/api/districts/{t.DistrictCode}/deadlines", Shows.DistrictName),
        new("GET /api/districts/{code}/items/{seq:int}", Rules.Item, t => $"/api/districts/{t.DistrictCode}/items/{t.Id(t.ItemSeq)}", Shows.ItemText),
        new("GET /api/districts/{code}/units/{unitId:int}/tasks", Rules.Unit.WithForged(),
            t => $"/api/districts/{t.DistrictCode}/units/{t.Id(t.UnitId)}/tasks", Shows.ItemText),
        new("GET /api/search", Rules.Search, t => "/api/search?q=" + Uri.EscapeDataString(t.SearchKey), Shows.ItemText),
        new("GET /api/city", Rules.AllDistricts, _ => "/api/city", Shows.DocNumber),
        new("GET /api/openapi.json", Rules.SignedIn, _ => "/api/openapi.json"),

        // API (Features/Dashboard/DashboardApi.cs): the dashboard's numbers; one database read by key (the benchmark's ceiling), signed in.
        new("GET /api/districts/{code}/dashboard", Rules.WholePlan, t => $"/api/districts/{t.DistrictCode}/dashboard", Shows.DistrictName),
        new("GET /api/health/db", Rules.SignedIn, _ => "/api/health/db"),

        // API (Features/Accounts/AccountsApi.cs): a user name that exists, so that an allowed call is refused (400) with its row.
        new("POST /api/districts/{code}/accounts", Rules.ManageAccounts, t => $"/api/districts/{t.DistrictCode}/accounts")
        {
            Json = t => $$"""[{"unit":"{{MatrixTargets.OwnUnit}}","name":"矩阵","userName":"{{t.DistrictCode}}.fgj.clerk","role":"填报人"}]""",
            AllowedStatus = 400,
        },
    ];

    public static RouteRow Row(string key) => Rows.Single(r => string.Equals(r.Key, key, StringComparison.Ordinal));
}
