namespace Luoshi.Core.Features.Work;

/// <summary>The text parts of a report.</summary>
public sealed record ReportText(string? Progress, string? Problems);

/// <summary>A numeric target of the item, by id and measure.</summary>
public sealed record TargetRef(int Id, string Measure);

/// <summary>A numeric target of a report with the value reported now and in the unit's previous report (for <see cref="ReportChecks.Hints(string?, IReadOnlyList{HintTarget})"/>).</summary>
public sealed record HintTarget(string Measure, decimal Value, string Unit, IndicatorSense Sense, decimal? Previous, decimal? Current);

/// <summary>What a credibility hint is about.</summary>
public enum HintKind
{
    /// <summary>存在主要问题及下步工作打算 left empty.</summary>
    NoProblems,

    /// <summary>An amount that accumulates over the year is lower than in the previous report.</summary>
    Falling,

    /// <summary>A value far above the annual target (more than <see cref="ReportChecks.FarAboveFactor"/> times it).</summary>
    FarAbove,
}

/// <summary>One credibility hint, in Chinese.</summary>
public sealed record ReportHint(HintKind Kind, string Text);

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

    /// <summary>A value more than this many times the annual target is hinted as doubtful (<see cref="HintKind.FarAbove"/>).</summary>
    public const decimal FarAboveFactor = 1.5m;

    /// <summary>
    /// Credibility hints on a report, shown to the head when approving and to the office when accepting: never a refusal (the
    /// numbers may be right; the person decides). An empty 存在主要问题及下步工作打算; an amount that accumulates over the year
    /// (<see cref="TargetKind.Amount"/>) lower than the unit's previous report; a value above <see cref="FarAboveFactor"/> times
    /// the annual target (not for a ceiling, 控制在 x 以内, where a value above it is simply over).
    /// </summary>
    public static IReadOnlyList<ReportHint> Hints(string? problems, IReadOnlyList<HintTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var hints = new List<ReportHint>();
        if (string.IsNullOrWhiteSpace(problems))
        {
            hints.Add(new(HintKind.NoProblems, "“存在主要问题及下步工作打算”未填写。"));
        }

        foreach (var t in targets)
        {
            if (t.Current is not decimal now)
            {
                continue;
            }

            if (TargetKinds.Of(t.Unit, t.Sense) == TargetKind.Amount && t.Previous is decimal before && now < before)
            {
                hints.Add(new(HintKind.Falling, $"“{t.Measure}”为累计数，本期 {Number(now)} {t.Unit}低于上期的 {Number(before)} {t.Unit}。"));
            }

            if (t.Sense != IndicatorSense.AtMost && t.Value > 0 && now > t.Value * FarAboveFactor)
            {
                hints.Add(new(HintKind.FarAbove, $"“{t.Measure}”本期 {Number(now)} {t.Unit}，超过全年目标 {Number(t.Value)} {t.Unit}的 {Number(FarAboveFactor * 100)}%，请核实。"));
            }
        }

        return hints;
    }

    /// <summary>The hints on the report a filing page shows (none for a work plan or a filing not yet started).</summary>
    public static IReadOnlyList<ReportHint> Hints(FilingView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!view.IsReport || view.Filing is not { } f)
        {
            return [];
        }

        return Hints(f.Problems, [.. view.Targets.Select(t => new HintTarget(t.Measure, t.Value, t.Unit, t.Sense, t.Last,
            f.Actuals.FirstOrDefault(a => a.IndicatorId == t.Id)?.Value))]);
    }

    private static string Number(decimal d) => d.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>Equal after ignoring whitespace (a re-typed line break is not a change).</summary>
    public static bool Same(string? a, string? b) => string.Equals(Squeeze(a), Squeeze(b), StringComparison.Ordinal);

    private static string Squeeze(string? s) => string.Concat((s ?? string.Empty).Where(c => !char.IsWhiteSpace(c)));
}
