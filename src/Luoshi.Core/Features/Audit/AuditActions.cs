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
    public const string ChooseYear = "choose-year";
    public const string CloseYear = "close-year";
    public const string CarryOverYear = "carry-over-year";
    public const string OverrideNoticeOrigin = "override-notice-origin";
    public const string ConfirmCatalogue = "confirm-catalogue";
    public const string MarkNotUnit = "mark-not-unit";
    public const string SplitDraftItem = "split-draft-item";
    public const string JoinDraftItems = "join-draft-items";
    public const string SignInDisabled = "sign-in-disabled";
    public const string CreateAccount = "create-account";
    public const string ResetPassword = "reset-password";
    public const string DisableAccount = "disable-account";
    public const string EnableAccount = "enable-account";
    public const string UnlockAccount = "unlock-account";
    public const string ChangePassword = "change-password";

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
    public const string RefuseInfectedUpload = "refuse-infected-upload";
    public const string RemindNow = "remind-now";
    public const string RecordContact = "record-contact";
    public const string DraftOrderReply = "draft-order-reply";
    public const string AttachOrderFile = "attach-order-file";
    public const string DetachOrderFile = "detach-order-file";
    public const string SubmitOrderReply = "submit-order-reply";
    public const string ApproveOrderReply = "approve-order-reply";
    public const string ReturnOrderReply = "return-order-reply";
    public const string ReturnOrder = "return-order";

    /// <summary>What each action is called on the audit page (审计日志); an action without a name shows as stored.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SignIn] = "登录",
        [SignInLocked] = "登录被锁定",
        [SignInFailed] = "登录失败",
        [ImportNotice] = "导入通知",
        [EditItemText] = "修改任务内容",
        [EditItemUnits] = "修改责任单位",
        [MapUnit] = "对应单位",
        [AddUnit] = "新增单位",
        [DiscardImport] = "放弃导入",
        [PublishPlan] = "发布任务清单",
        [ReopenFiling] = "退回重填",
        [LockPeriod] = "锁定填报期",
        [EditDistrictSettings] = "修改本区设置",
        [SetUnitLeaders] = "设置分管领导",
        [IssueOrder] = "下发督办单",
        [ReplyOrder] = "回复督办单",
        [CloseOrder] = "办结督办单",
        [EditScoreScheme] = "修改考核方案",
        [GradeUnit] = "评定单位质量",
        [DraftCircular] = "起草通报",
        [IssueCircular] = "印发通报",
        [SignInDisabled] = "停用账号登录",
        [CreateAccount] = "开通账号",
        [ResetPassword] = "重置密码",
        [DisableAccount] = "停用账号",
        [EnableAccount] = "启用账号",
        [UnlockAccount] = "解锁账号",
        [ChangePassword] = "修改密码",
        [ChooseYear] = "选定当前年度",
        [CloseYear] = "关闭年度",
        [CarryOverYear] = "结转未完成事项",
        [OverrideNoticeOrigin] = "确认他处通知",
        [ConfirmCatalogue] = "确认单位名录",
        [MarkNotUnit] = "标记不是单位",
        [SplitDraftItem] = "拆分草稿事项",
        [JoinDraftItems] = "合并草稿事项",
        [EditUnit] = "修改单位",
        [RenameUnit] = "单位更名",
        [MergeUnits] = "单位合并",
        [RetireUnit] = "撤销单位",
        [ImportUnits] = "导入单位名录",
        [EditCollective] = "修改集合称谓",
        [AddItem] = "新增事项",
        [SplitItem] = "拆分事项",
        [MergeItems] = "合并事项",
        [HandOverItem] = "移交事项",
        [DeferItem] = "事项延期",
        [RefuseInfectedUpload] = "拒收染毒文件",
        [SaveNumberSeries] = "修改文号设置",
        [RemindNow] = "催报",
        [RecordContact] = "记录督办联系",
        [DraftOrderReply] = "保存督办单回复",
        [AttachOrderFile] = "添加督办单附件",
        [DetachOrderFile] = "删除督办单附件",
        [SubmitOrderReply] = "提交督办单回复",
        [ApproveOrderReply] = "审定督办单回复",
        [ReturnOrderReply] = "退回督办单回复",
        [ReturnOrder] = "督办单未达要求退回",
    };

    /// <summary>The Chinese name of an action, or the stored string if it has none.</summary>
    public static string NameOf(string action) => Names.TryGetValue(action, out var name) ? name : action;

    /// <summary>What the kinds of object an entry names (<see cref="AuditEntry.EntityType"/>, stored as type names) are called on the audit page.</summary>
    public static readonly IReadOnlyDictionary<string, string> EntityNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["User"] = "账号",
        ["Unit"] = "单位",
        ["Circular"] = "通报",
        ["DistrictSettings"] = "本区设置",
        ["Filing"] = "填报材料",
        ["ImportDraft"] = "导入草稿",
        ["NumberSeries"] = "文号",
        ["PeriodLock"] = "填报期",
        ["Plan"] = "任务清单",
        ["PlanItem"] = "事项",
        ["QualityGrade"] = "质量评定",
        ["ScoreScheme"] = "考核方案",
        ["SupervisionOrder"] = "督办单",
        ["YearChoice"] = "当前年度",
    };

    /// <summary>The Chinese name of an entity type, or the stored string if it has none.</summary>
    public static string EntityNameOf(string entityType) => EntityNames.TryGetValue(entityType, out var name) ? name : entityType;
    public const string SaveNumberSeries = "save-number-series";
}
