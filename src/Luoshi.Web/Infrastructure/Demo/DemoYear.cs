using System.Text.RegularExpressions;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// The demo's plan year follows today's date. The seeds are notices of one year (2026); the demo year is the newest year
/// whose first quarterly report is already due today, so that the dashboard has reports to colour: from the first
/// report deadline (about 10 April) the current year, before it (January to early April) the year just ended, with its
/// annual report due or filed. The seed's text is moved by that many years (every year it names, 文号 and deadlines
/// alike) and imported as it stands, so the reader, the calendar and the plan all see the demo year.
/// </summary>
public static partial class DemoYear
{
    /// <summary>How many years to move the seed so that its first report deadline is the newest one before <paramref name="today"/>.</summary>
    public static int Shift(string noticeText, DateOnly today) => Shift(PlanCalendar.Read(noticeText), today);

    /// <summary>As <see cref="Shift(string, DateOnly)"/>, for a calendar already read.</summary>
    public static int Shift(PlanCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var first = calendar.Reports.Select(d => (DateOnly?)d.Date).FirstOrDefault();
        if (first is not { } d)
        {
            return 0;
        }

        int shift = today.Year - d.Year;
        return d.AddYears(shift) < today ? shift : shift - 1;
    }

    /// <summary>The notice's text with the years it names (its year and the next, the one before) moved by <paramref name="shift"/>.</summary>
    public static string Apply(string noticeText, int shift) => Apply(noticeText, shift, shift == 0 ? null : PlanCalendar.Read(noticeText));

    /// <summary>As <see cref="Apply(string, int)"/>, with the notice's calendar already read (once per seed: the first start reads each notice as few times as it can).</summary>
    public static string Apply(string noticeText, int shift, PlanCalendar? calendar)
    {
        ArgumentNullException.ThrowIfNull(noticeText);
        if (shift == 0 || calendar is null)
        {
            return noticeText;
        }

        var first = calendar.Reports.Select(d => (DateOnly?)d.Date).FirstOrDefault();
        int year = first?.Year ?? 2026;
        return YearPattern().Replace(noticeText, m =>
        {
            int y = int.Parse(m.Value, CultureInfo.InvariantCulture);
            return Math.Abs(y - year) <= 1 ? (y + shift).ToString(CultureInfo.InvariantCulture) : m.Value;
        });
    }

    /// <summary>The day the demo imports the notice: a few days before its work plan is due (early January of the plan year).</summary>
    public static DateOnly ImportDay(PlanCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var first = calendar.WorkPlan?.Date ?? calendar.Reports.Select(d => d.Date).FirstOrDefault(new DateOnly(2026, 1, 20));
        var start = new DateOnly(first.Year, 1, 4);
        return first.AddDays(-12) < start ? start : first.AddDays(-12);
    }

    [GeneratedRegex(@"(?<![\d.])20\d\d")]
    private static partial Regex YearPattern();
}
