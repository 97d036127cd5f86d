using System.Text.RegularExpressions;
using Luoshi.Parsing;

namespace Luoshi.Web.Features.Imports;

/// <summary>The Chinese words the import pages show for the reader's and the draft's enums, and the times they show.</summary>
public static partial class ImportLabels
{
    public static string Of(Severity severity) => severity switch
    {
        Severity.Info => "提示",
        Severity.Warning => "请核对",
        Severity.Error => "未能读出",
    };

    /// <summary>The CSS class of a severity (site.css: sev-info, sev-warning, sev-error).</summary>
    public static string Css(Severity severity) => severity switch
    {
        Severity.Info => "sev-info",
        Severity.Warning => "sev-warning",
        Severity.Error => "sev-error",
    };

    /// <summary>What each reading diagnostic (<see cref="Diagnostic.Code"/>, kept in English in the CLI's JSON) is called on the import pages.</summary>
    private static readonly Dictionary<string, string> CodeNames = new(StringComparer.Ordinal)
    {
        ["ambiguous-unit"] = "单位名称有歧义",
        ["clause-text-ignored"] = "单位说明中的文字未读取",
        ["clause-without-item"] = "单位说明无所属任务",
        ["date-damaged"] = "日期残缺",
        ["date-from-page"] = "日期取自网页",
        ["declared-count-mismatch"] = "任务数与所述不符",
        ["empty-part"] = "空的部分",
        ["heading-continued"] = "标题跨行",
        ["heading-glued"] = "标题与正文相连",
        ["input-truncated"] = "内容过长已截断",
        ["item-without-text"] = "任务无内容",
        ["item-without-units"] = "任务无责任单位",
        ["items-numbered-as-parts"] = "任务按部分编号",
        ["layout"] = "版式",
        ["layout-not-understood"] = "版式未能识别",
        ["lead-marked-in-list"] = "牵头单位在名单中标注",
        ["lead-rule"] = "牵头单位规则",
        ["missing-open-bracket"] = "缺少左括号",
        ["no-catalogue"] = "无单位名录",
        ["no-items"] = "未读出任务",
        ["no-lead-convention"] = "未说明牵头单位写法",
        ["no-part-headings"] = "无部分标题",
        ["no-plan"] = "未读出任务清单",
        ["number-glued"] = "编号与正文相连",
        ["numbering-gap"] = "编号不连续",
        ["schedule-date-before-signing"] = "报送日期早于落款日期",
        ["schedule-date-damaged"] = "报送日期残缺",
        ["schedule-date-invalid"] = "报送日期无效",
        ["schedule-date-unclassified"] = "报送日期未归类",
        ["schedule-date-unreadable"] = "报送日期不可读",
        ["schedule-form-purpose-conflict"] = "报表用途矛盾",
        ["schedule-form-title-missing"] = "报表缺少标题",
        ["schedule-monthly-not-read"] = "月报未读取",
        ["schedule-not-found"] = "未找到报送要求",
        ["schedule-period-duplicate"] = "报送期次重复",
        ["schedule-period-guessed"] = "报送期次系推断",
        ["schedule-period-implausible"] = "报送期次不合常理",
        ["schedule-period-unknown"] = "报送期次不明",
        ["schedule-recipients-differ"] = "报送对象不一致",
        ["schedule-reporters-differ"] = "报送单位不一致",
        ["schedule-rule-inferred"] = "报送规则系推断",
        ["schedule-work-plan-extra"] = "办理工作方案另有要求",
        ["schedule-year-inferred"] = "年份系推断",
        ["schedule-year-unknown"] = "年份不明",
        ["table-cell-milestones"] = "表格中的节点要求",
        ["table-column-ignored"] = "表格列未读取",
        ["table-flattened"] = "表格已展开",
        ["table-not-understood"] = "表格未能识别",
        ["table-number-missing"] = "表格缺少序号",
        ["table-read"] = "已读取表格",
        ["table-row-shape"] = "表格行格式异常",
        ["table-row-uncertain"] = "表格行待核对",
        ["table-template"] = "表格模板",
        ["text-after-clause"] = "单位说明后有文字",
        ["text-cut-off"] = "文字不完整",
        ["text-outside-item"] = "文字不属于任务",
        ["unclosed-bracket"] = "括号未闭合",
        ["unit-without-prefix"] = "单位缺少“区”字前缀",
        ["units-glued"] = "单位名称相连",
        ["units-space-separated"] = "单位以空格分隔",
        ["unknown-unit"] = "名录中无此单位",
        ["unlabelled-clause"] = "未标明的单位说明",
    };

    /// <summary>The Chinese name of a diagnostic code; a code without one is shown as 读取提示, never as the code.</summary>
    public static string CodeName(string code) => CodeNames.GetValueOrDefault(code, "读取提示");

    public static string Of(DraftStatus status) => status switch
    {
        DraftStatus.Draft => "待校对",
        DraftStatus.Published => "已发布",
        DraftStatus.Discarded => "已放弃",
    };

    public static string Value(DraftIndicator x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Value.ToString("0.######", CultureInfo.InvariantCulture) + x.Unit;
    }

    /// <summary>A time as the offices read it: China Standard Time (no daylight saving), to the minute.</summary>
    public static string Time(DateTimeOffset at) => Luoshi.Core.Features.Supervision.DistrictClock.Minute(at);

    /// <summary>A time to the second, for the audit log.</summary>
    public static string TimeSeconds(DateTimeOffset at) => Luoshi.Core.Features.Supervision.DistrictClock.Second(at);

    /// <summary>Unit names typed into one field, separated by 、，, ; or new lines.</summary>
    public static List<string> SplitNames(string? text) =>
        [.. NameSeparator().Split(text ?? string.Empty).Select(s => s.Trim()).Where(s => s.Length > 0)];

    public static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("[、，,；;\r\n]+")]
    private static partial Regex NameSeparator();
}
