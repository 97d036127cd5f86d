namespace Luoshi.Core.Features.Supervision;

/// <summary>
/// 序时进度, progress expected by the time elapsed: the one definition (docs/calendar.md, "序时进度").
/// <list type="bullet">
/// <item>On a date: the share of the plan year whose quarters have ended by that date, a quarter a fourth
/// (2026-07-03 → Q1 and Q2 have ended → 50%; 2026-06-30 → 25%; before April → 0; after the year → 100%).</item>
/// <item>For a report: the share of the period it covers (Q1 25%, Q2 50%, Q3 75%, Q4 and the year 100%), whenever it
/// is filed. The report form shows this for the period it is about.</item>
/// <item>For an item: its latest report is measured against that report's period, so nobody is behind before a
/// report could be due and an early report is held to the end of its own period; with no report, the date's share.</item>
/// <item>For a target: an amount follows the share; a rate or a level is compared with the target itself (100%).</item>
/// <item>For an amount target whose unit set quarterly values in its work plan (季度工作安排, <see cref="QuarterPlan"/>): the
/// report for Q1–Q3 is held to what the unit planned by the end of that quarter, as a share of its yardstick (the target, or
/// a co-unit's share of it); Q4 and the year to all of it. Without quarterly values, pro rata as above.</item>
/// </list>
/// </summary>
public static class ExpectedProgress
{
    /// <summary>The share of the year the report for <paramref name="period"/> covers (the work plan covers none).</summary>
    public static int OfPeriod(ReportPeriod period) => period switch
    {
        ReportPeriod.WorkPlan => 0,
        ReportPeriod.Q1 => 25,
        ReportPeriod.Q2 => 50,
        ReportPeriod.Q3 => 75,
        ReportPeriod.Q4 or ReportPeriod.Annual => 100,
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    /// <summary>The share of plan year <paramref name="year"/> whose quarters have ended by <paramref name="date"/> (a quarter ends with its last day).</summary>
    public static int OnDate(DateOnly date, int year)
    {
        if (date.Year < year)
        {
            return 0;
        }

        if (date.Year > year)
        {
            return 100;
        }

        int quartersEnded = (date.Month - 1) / 3; // the quarter the date lies in has not ended yet
        return quartersEnded * 25;
    }

    /// <summary>
    /// The share of an amount's <paramref name="yardstick"/> (the target's value, or a co-unit's share of it) the report for
    /// <paramref name="period"/> is held to: what the unit planned by the end of that quarter (the quarterly values summed,
    /// floored to a whole percent, at most 100) when it set any; 100 for Q4 and the year; else <see cref="OfPeriod(ReportPeriod)"/>.
    /// </summary>
    public static int OfPeriod(ReportPeriod period, decimal yardstick, QuarterPlan? plan)
    {
        int quarter = period switch { ReportPeriod.Q1 => 1, ReportPeriod.Q2 => 2, ReportPeriod.Q3 => 3, _ => 0 };
        if (plan is null || plan.IsEmpty || yardstick <= 0 || quarter == 0)
        {
            return OfPeriod(period);
        }

        decimal planned = plan.UpTo(quarter);
        return (int)Math.Clamp(Math.Floor(planned / yardstick * 100m), 0m, 100m);
    }

    /// <summary>What a target is measured against when the time elapsed calls for <paramref name="share"/>.</summary>
    public static int ForTarget(TargetKind kind, int share) => kind.FollowsTime() ? share : 100;
}

/// <summary>
/// The amounts a unit plans for one target in each quarter of the year (季度工作安排), each the amount within that quarter
/// (not cumulative); null where it set none. <see cref="ExpectedProgress.OfPeriod(ReportPeriod, decimal, QuarterPlan?)"/> turns it
/// into the unit's 序时 target.
/// </summary>
public sealed record QuarterPlan(decimal? Q1, decimal? Q2, decimal? Q3, decimal? Q4)
{
    public bool IsEmpty => Q1 is null && Q2 is null && Q3 is null && Q4 is null;

    /// <summary>Planned by the end of quarter <paramref name="quarter"/> (1–4), quarters left blank counting as nothing.</summary>
    public decimal UpTo(int quarter) => new[] { Q1, Q2, Q3, Q4 }.Take(Math.Clamp(quarter, 0, 4)).Sum(v => v ?? 0m);

    /// <summary>The value of quarter <paramref name="quarter"/> (1–4).</summary>
    public decimal? Of(int quarter) => quarter switch { 1 => Q1, 2 => Q2, 3 => Q3, 4 => Q4, _ => null };
}
