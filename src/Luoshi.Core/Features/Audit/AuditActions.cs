namespace Luoshi.Core.Features.Audit;

/// <summary>The actions the audit log records (<see cref="AuditEntry.Action"/>): stored as these strings, so never renamed.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInLocked = "sign-in-locked";
    public const string SignInFailed = "sign-in-failed";
    public const string ImportNotice = "import-notice";
    public const string EditItemText = "edit-item-text";
    public const string EditItemUnits = "edit-item-units";
    public const string MapUnit = "map-unit";
    public const string AddUnit = "add-unit";
    public const string DiscardImport = "discard-import";
    public const string PublishPlan = "publish-plan";
    public const string ReopenFiling = "reopen-filing";
    public const string LockPeriod = "lock-period";
    public const string EditDistrictSettings = "edit-district-settings";
    public const string SetUnitLeaders = "set-unit-leaders";
    public const string IssueOrder = "issue-order";
    public const string ReplyOrder = "reply-order";
    public const string CloseOrder = "close-order";
    public const string EditScoreScheme = "edit-score-scheme";
    public const string GradeUnit = "grade-unit";
    public const string DraftCircular = "draft-circular";
    public const string IssueCircular = "issue-circular";
    public const string SaveNumberSeries = "save-number-series";
}
