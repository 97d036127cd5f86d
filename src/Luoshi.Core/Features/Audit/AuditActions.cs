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
    public const string EditUnit = "edit-unit";
    public const string RenameUnit = "rename-unit";
    public const string MergeUnits = "merge-units";
    public const string RetireUnit = "retire-unit";
    public const string ImportUnits = "import-units";
    public const string EditCollective = "edit-collective";
    public const string AddItem = "add-item";
    public const string SplitItem = "split-item";
    public const string MergeItems = "merge-items";
    public const string HandOverItem = "hand-over-item";
    public const string DeferItem = "defer-item";
}

/// <summary>The Chinese names of the audit actions, as the pages show them.</summary>
public static class AuditActionLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [AuditActions.SignIn] = "登录",
        [AuditActions.SignInLocked] = "登录（账号已锁定）",
        [AuditActions.SignInFailed] = "登录失败",
        [AuditActions.ImportNotice] = "导入通知",
        [AuditActions.EditItemText] = "修改事项文字",
        [AuditActions.EditItemUnits] = "修改事项单位",
        [AuditActions.MapUnit] = "对应单位",
        [AuditActions.AddUnit] = "新增单位",
        [AuditActions.DiscardImport] = "放弃导入",
        [AuditActions.PublishPlan] = "发布计划",
        [AuditActions.ReopenFiling] = "退回重办",
        [AuditActions.LockPeriod] = "关闭报送期",
        [AuditActions.EditDistrictSettings] = "修改区设置",
        [AuditActions.SetUnitLeaders] = "设置分管领导",
        [AuditActions.IssueOrder] = "发出督办单",
        [AuditActions.ReplyOrder] = "回复督办单",
        [AuditActions.CloseOrder] = "办结督办单",
        [AuditActions.EditScoreScheme] = "修改考核方案",
        [AuditActions.GradeUnit] = "评定质量等次",
        [AuditActions.DraftCircular] = "起草通报",
        [AuditActions.IssueCircular] = "印发通报",
        [AuditActions.EditUnit] = "修改单位",
        [AuditActions.RenameUnit] = "单位更名",
        [AuditActions.MergeUnits] = "单位合并",
        [AuditActions.RetireUnit] = "撤销单位",
        [AuditActions.ImportUnits] = "导入单位名录",
        [AuditActions.EditCollective] = "修改集合称谓",
        [AuditActions.AddItem] = "新增事项",
        [AuditActions.SplitItem] = "拆分事项",
        [AuditActions.MergeItems] = "合并事项",
        [AuditActions.HandOverItem] = "移交事项",
        [AuditActions.DeferItem] = "事项延期",
    };

    /// <summary>The action's Chinese name; the stored string itself for an action without one.</summary>
    public static string Of(string action) => Labels.GetValueOrDefault(action, action);
}
