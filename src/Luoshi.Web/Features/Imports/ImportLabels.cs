using System.Globalization;
using System.Text.RegularExpressions;
using Luoshi.Core.Features.Imports;
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
