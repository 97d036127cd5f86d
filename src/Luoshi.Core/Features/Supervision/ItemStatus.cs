using Luoshi.Parsing.Calendar;
using Luoshi.Parsing.Indicators;

namespace Luoshi.Core.Features.Supervision;

/// <summary>Where an item stands; derived from the calendar, the reports and the targets, never typed in.</summary>
public enum ItemState
{
    /// <summary>No report yet and none is due yet.</summary>
    NotStarted,

    /// <summary>Reported on time and not behind the time elapsed.</summary>
    OnTrack,

    /// <summary>Behind the time elapsed by at least the district's amber threshold.</summary>
    Behind,

    /// <summary>A report that was due has not been filed.</summary>
    Overdue,

    /// <summary>Reported complete, or every numeric target met.</summary>
    Done,
}

/// <summary>Red-amber-green, as shown to the office and the leaders.</summary>
public enum Rag
{
    None,
    Green,
    Amber,
    Red,
}

/// <summary>A district's thresholds: amber when at least <paramref name="AmberPoints"/> behind, red from <paramref name="RedPoints"/>.</summary>
public sealed record StatusThresholds(int AmberPoints = 10, int RedPoints = 30)
{
    public static StatusThresholds Default { get; } = new();
}

/// <summary>What an item's reports say so far.</summary>
/// <param name="Period">The reporting period.</param>
/// <param name="SubmittedOn">When the report reached the office.</param>
/// <param name="Completed">The unit reports the item complete.</param>
/// <param name="Actuals">The actual value reported for each target, by the target's position in the item (null where none was given).</param>
public sealed record ReportFact(ReportPeriod Period, DateOnly SubmittedOn, bool Completed, IReadOnlyList<decimal?> Actuals);

/// <summary>The derived status with its working, so a person can see why.</summary>
/// <param name="State">The state.</param>
/// <param name="Rag">Its colour.</param>
/// <param name="ExpectedPercent">Progress expected by the time elapsed (序时进度), 0–100.</param>
/// <param name="ActualPercent">Progress reported against the numeric targets, if the item has any and they were reported.</param>
/// <param name="Reason">Why, in Chinese.</param>
public sealed record ItemStatusResult(ItemState State, Rag Rag, int ExpectedPercent, int? ActualPercent, string Reason);

/// <summary>Derives an item's status. Pure: the date is passed in (from an injected <see cref="TimeProvider"/> by the caller).</summary>
public static class ItemStatusRules
{
    public static ItemStatusResult Derive(
        DateOnly today,
        IReadOnlyList<Deadline> reportDeadlines,
        IReadOnlyList<Indicator> targets,
        IReadOnlyList<ReportFact> reports,
        StatusThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(reportDeadlines);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(thresholds);

        var due = reportDeadlines.Where(d => d.Period != ReportPeriod.WorkPlan && d.Date < today).OrderBy(d => d.Date).ToList();
        int expected = ExpectedPercent(due.Select(d => d.Period).LastOrDefault(ReportPeriod.WorkPlan));
        var latest = reports.OrderBy(r => r.Period).LastOrDefault();
        var measured = latest is null ? null : Measure(targets, latest.Actuals, expected);
        int? actual = measured?.Percent;

        if (latest is { Completed: true } || (measured is { } done && done.Percent >= 100 && targets.Count > 0 && AllReported(targets, latest!.Actuals)))
        {
            return new(ItemState.Done, Rag.Green, expected, actual, "已报告完成。");
        }

        var missing = due.Where(d => !reports.Any(r => r.Period == d.Period)).ToList();
        if (missing.Count > 0)
        {
            var first = missing[0];
            return new(ItemState.Overdue, Rag.Red, expected, actual, $"{PeriodName(first.Period)}情况应于 {first.Date:yyyy-MM-dd} 前报送，尚未报送。");
        }

        if (latest is null)
        {
            return new(ItemState.NotStarted, Rag.None, expected, null, "尚无报告，也未到报送时间。");
        }

        if (measured is { } m)
        {
            int a = m.Percent;
            int gap = m.Gap;
            expected = m.Expected;
            if (gap >= thresholds.RedPoints)
            {
                return new(ItemState.Behind, Rag.Red, expected, a, $"完成 {a}%，序时进度 {expected}%，落后 {gap} 个百分点。");
            }

            if (gap >= thresholds.AmberPoints)
            {
                return new(ItemState.Behind, Rag.Amber, expected, a, $"完成 {a}%，序时进度 {expected}%，落后 {gap} 个百分点。");
            }

            return new(ItemState.OnTrack, Rag.Green, expected, a, $"完成 {a}%，序时进度 {expected}%。");
        }

        return new(ItemState.OnTrack, Rag.Green, expected, null, "按时报送，无量化指标可比。");
    }

    /// <summary>序时进度: a quarter of the year for each quarter whose report is due (Q2 → 50%).</summary>
    public static int ExpectedPercent(ReportPeriod lastDue) => lastDue switch
    {
        ReportPeriod.WorkPlan => 0,
        ReportPeriod.Q1 => 25,
        ReportPeriod.Q2 => 50,
        ReportPeriod.Q3 => 75,
        ReportPeriod.Q4 or ReportPeriod.Annual => 100,
        _ => throw new ArgumentOutOfRangeException(nameof(lastDue)),
    };

    /// <summary>
    /// Progress against the numeric targets, judged by the target that lags most. An amount to reach
    /// over the year (新增 1 万个) is compared with the time elapsed (Q2 → half of it expected); a rate or
    /// a level (增长 6%, 保持 100%, 优良率超 85%) is compared with the target itself at any time. Targets
    /// with no reported value are left out; null when none can be compared.
    /// </summary>
    public static (int Percent, int Expected, int Gap)? Measure(IReadOnlyList<Indicator> targets, IReadOnlyList<decimal?> actuals, int timeExpected)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(actuals);
        (int Percent, int Expected, int Gap)? worst = null;
        for (int i = 0; i < targets.Count && i < actuals.Count; i++)
        {
            if (actuals[i] is not decimal actual || targets[i].Value <= 0)
            {
                continue;
            }

            var t = targets[i];
            bool level = t.Unit is "%" or "个百分点" or "类" || t.Sense is IndicatorSense.Growth or IndicatorSense.Decrease or IndicatorSense.Keep;
            decimal ratio = t.Sense == IndicatorSense.AtMost
                ? (actual <= t.Value ? 1m : t.Value / actual)
                : actual / t.Value;
            int percent = (int)Math.Floor(Math.Min(ratio, 1m) * 100m);
            int expected = level ? 100 : timeExpected;
            int gap = Math.Max(0, expected - percent);
            if (worst is null || gap > worst.Value.Gap)
            {
                worst = (percent, expected, gap);
            }
        }

        return worst;
    }

    private static bool AllReported(IReadOnlyList<Indicator> targets, IReadOnlyList<decimal?> actuals) =>
        targets.Count <= actuals.Count && targets.Select((t, i) => actuals[i] is decimal a && (t.Sense == IndicatorSense.AtMost ? a <= t.Value : a >= t.Value)).All(x => x);

    public static string PeriodName(ReportPeriod p) => p switch
    {
        ReportPeriod.WorkPlan => "办理工作方案",
        ReportPeriod.Q1 => "第一季度",
        ReportPeriod.Q2 => "第二季度",
        ReportPeriod.Q3 => "第三季度",
        ReportPeriod.Q4 => "第四季度",
        ReportPeriod.Annual => "全年",
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };
}
