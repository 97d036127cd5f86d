namespace Luoshi.Web.Features.Work;

/// <summary>The words and classes the work pages show for periods, obligations and filings, and how they write times and numbers.</summary>
public static class WorkLabels
{
    /// <summary>The periods as they appear in URLs (?period=Q1), and nothing else (no numbers, no other spellings).</summary>
    private static readonly Dictionary<string, ReportPeriod> Periods = Enum.GetValues<ReportPeriod>().ToDictionary(p => p.ToString(), p => p, StringComparer.Ordinal);

    public static bool TryPeriod(string? s, out ReportPeriod period) => Periods.TryGetValue(s ?? string.Empty, out period);

    /// <summary>What is filed for the period: the work plan, or the period's report.</summary>
    public static string Filed(ReportPeriod p) => p == ReportPeriod.WorkPlan ? "办理工作方案" : ReportPeriodLabels.Of(p) + "完成情况";

    public static string StatusCss(ObligationStatus s) => s switch
    {
        ObligationStatus.Pending => "ob ob-pending",
        ObligationStatus.OnTime => "ob ob-ontime",
        ObligationStatus.Late => "ob ob-late",
        ObligationStatus.Missing => "ob ob-missing",
    };

    public static string State(FilingState? s) => s is { } state ? FilingFlow.Label(state) : "未开始";

    public static string StateCss(FilingState? s) => "fs fs-" + (s?.ToString().ToLowerInvariant() ?? "none");

    public static string RagCss(Rag r) => "rag rag-" + r.ToString().ToLowerInvariant();

    public static string Quarter(int q) => q is >= 1 and <= 4 ? ReportPeriodLabels.Quarter(q) : "?";

    public static string Time(DateTimeOffset t) => DistrictClock.Minute(t);

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Num(decimal? v) => v?.ToString("0.######", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>A file's size as the evidence lists print it: 320 字节, 12.5 KB, 3.2 MB (a small file never reads as 0 KB).</summary>
    public static string Size(long bytes) =>
        bytes < 1024 ? bytes.ToString(CultureInfo.InvariantCulture) + " 字节"
        : bytes < 1024 * 1024 ? (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB"
        : (bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB";

    /// <summary>A number as typed: digits with an optional sign, decimal point and thousands commas (全角 digits are not numbers here).</summary>
    public static bool TryNumber(string? s, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(s))
        {
            return true;
        }

        string t = s.Trim().Replace(",", string.Empty, StringComparison.Ordinal).Replace("，", string.Empty, StringComparison.Ordinal);
        if (decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal d))
        {
            value = d;
            return true;
        }

        return false;
    }

    /// <summary>The URL of a filing's page.</summary>
    public static string FilingUrl(int itemId, int unitId, ReportPeriod period) => Core.Features.Notifications.HandOffNotices.FilingPath(itemId, unitId, period);
}
