namespace Luoshi.Core.Features.Work;

/// <summary>The text parts of a report.</summary>
public sealed record ReportText(string? Progress, string? Problems);

/// <summary>A numeric target of the item, by id and measure.</summary>
public sealed record TargetRef(int Id, string Measure);

/// <summary>
/// What the office is told about a submitted report (report once, 同类材料最多报一次): it repeats the last
/// one word for word, or gives no number against a numeric target. Told, not refused: a quarter with no
/// change is possible, and the office decides.
/// </summary>
public static class ReportChecks
{
    public static string? Flags(ReportText? previous, ReportText current, IReadOnlyList<TargetRef> targets, IReadOnlySet<int> reported)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(reported);
        var flags = new List<string>();
        if (previous is not null && Same(previous.Progress, current.Progress) && !string.IsNullOrWhiteSpace(current.Progress))
        {
            flags.Add(Same(previous.Problems, current.Problems) ? "与上期报告完全相同" : "完成情况与上期报告完全相同");
        }

        var missing = targets.Where(t => !reported.Contains(t.Id)).Select(t => t.Measure).ToList();
        if (missing.Count > 0)
        {
            flags.Add("未填写指标实际值：" + string.Join("、", missing));
        }

        return flags.Count == 0 ? null : string.Join("；", flags);
    }

    /// <summary>Equal after ignoring whitespace (a re-typed line break is not a change).</summary>
    public static bool Same(string? a, string? b) => string.Equals(Squeeze(a), Squeeze(b), StringComparison.Ordinal);

    private static string Squeeze(string? s) => string.Concat((s ?? string.Empty).Where(c => !char.IsWhiteSpace(c)));
}
