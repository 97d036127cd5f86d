namespace Luoshi.Core.Features.Scores;

/// <summary>
/// What one score covers: the periods whose obligations count and the date the snapshot is taken at.
/// </summary>
/// <param name="Key">Q1, Q2, Q3, Q4, Annual (one report period) or Year (everything so far).</param>
/// <param name="Name">Its name in Chinese, e.g. 第一季度.</param>
/// <param name="Periods">The periods that count: a quarter's report (with the work plan for the first report period); all for the year.</param>
/// <param name="GradePeriod">The period the office's quality grades are entered for in this window (null for the year: grades are read, not entered).</param>
/// <param name="Deadline">The report's deadline (null for the year).</param>
/// <param name="ScoringDate">The day the score is final: the deadline + 1 + <see cref="ScoreWindows.GraceDays"/> days; today for the year.</param>
/// <param name="AsOf">The snapshot's date: the scoring date, or today while the scoring date has not come.</param>
public sealed record ScoreWindow(string Key, string Name, IReadOnlyList<ReportPeriod> Periods, ReportPeriod? GradePeriod, DateOnly? Deadline, DateOnly ScoringDate, DateOnly AsOf)
{
    /// <summary>The scoring date has not come: the figures can still change.</summary>
    public bool Provisional => AsOf < ScoringDate || GradePeriod is null;

    public string PeriodNames => string.Join("、", Periods.Select(p => p == ReportPeriod.WorkPlan ? "办理工作方案" : ReportPeriodLabels.Of(p) + "报告"));
}

/// <summary>
/// The windows a district's calendar offers, and the grace after a deadline: a report approved up to
/// <see cref="GraceDays"/> days after the day after its deadline still counts (as late, half the points);
/// one approved later counts as not filed in that quarter's score (it counts as late in the year's).
/// </summary>
public static class ScoreWindows
{
    /// <summary>Days after the day after a deadline on which a quarter's score is taken (deadline Apr 10 → scored as of Apr 16).</summary>
    public const int GraceDays = 5;

    public const string Year = "Year";

    /// <summary>Every window of the calendar, report periods in date order, then the year.</summary>
    public static IReadOnlyList<ScoreWindow> All(PlanCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return [.. calendar.Reports.Select(d => For(d.Period.ToString(), calendar, today)!), For(Year, calendar, today)!];
    }

    /// <summary>The window named by <paramref name="key"/> (Q1 … Q4, Annual, Year), or null when the calendar has no such report.</summary>
    public static ScoreWindow? For(string key, PlanCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (string.Equals(key, Year, StringComparison.OrdinalIgnoreCase))
        {
            return new ScoreWindow(Year, "年度累计（截至" + ChineseDates.Day(today) + "）",
                [.. calendar.Deadlines.OrderBy(d => d.Date).Select(d => d.Period)], null, null, today, today);
        }

        if (key.Length == 0 || !char.IsAsciiLetter(key[0]) || !Enum.TryParse<ReportPeriod>(key, ignoreCase: true, out var period) || period == ReportPeriod.WorkPlan
            || !Enum.IsDefined(period) || calendar.For(period) is not { } deadline)
        {
            return null;
        }

        bool first = calendar.Reports.First().Period == period;
        IReadOnlyList<ReportPeriod> periods = first && calendar.WorkPlan is not null ? [ReportPeriod.WorkPlan, period] : [period];
        var scoring = deadline.Date.AddDays(1 + GraceDays);
        return new ScoreWindow(period.ToString(), ReportPeriodLabels.Of(period), periods, period, deadline.Date, scoring, scoring < today ? scoring : today);
    }

    /// <summary>The window shown when none is asked for: the latest report whose scoring date has come, else the year so far.</summary>
    public static ScoreWindow Default(PlanCalendar calendar, DateOnly today) =>
        All(calendar, today).Where(w => w.GradePeriod is not null && w.ScoringDate <= today).LastOrDefault() ?? For(Year, calendar, today)!;
}
