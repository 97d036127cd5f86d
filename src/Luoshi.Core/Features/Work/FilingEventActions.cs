namespace Luoshi.Core.Features.Work;

/// <summary>The actions a <see cref="FilingEvent"/> records (stored in <see cref="FilingEvent.Action"/>, so never renamed) and their Chinese names.</summary>
public static class FilingEventActions
{
    public const string Open = "open";
    public const string Save = "save";
    public const string Submit = "submit";
    public const string Approve = "approve";
    public const string Return = "return";
    public const string Accept = "accept";
    public const string Reopen = "reopen";
    public const string Consolidate = "consolidate";
    public const string Attach = "attach";
    public const string Detach = "detach";

    /// <summary>The event a step of the flow records.</summary>
    public static string Of(FilingAction action) => action switch
    {
        FilingAction.Submit => Submit,
        FilingAction.Approve => Approve,
        FilingAction.Return => Return,
        FilingAction.Accept => Accept,
        FilingAction.Reopen => Reopen,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static string Label(string action) => action switch
    {
        Open => "开始填写",
        Save => "保存",
        Submit => "提交审定",
        Approve => "审定通过",
        Return => "退回",
        Accept => "接收",
        Reopen => "重新开放",
        Consolidate => "汇总",
        Attach => "上传佐证材料",
        Detach => "删除佐证材料",
        _ => action,
    };
}
