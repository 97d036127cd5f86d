using Luoshi.Parsing.Calendar;

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

    /// <summary>What a target is measured against when the time elapsed calls for <paramref name="share"/>.</summary>
    public static int ForTarget(TargetKind kind, int share) => kind.FollowsTime() ? share : 100;
}
