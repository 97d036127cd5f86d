namespace Luoshi.Parsing.Calendar;

/// <summary>
/// Reads dates that lost their 年 or 月 ("2026115日", "202614日", "2026年115日"): the digits after
/// the year are split into every valid month and day, and the reading chosen is the first one on or
/// after the reference date (the previous date of the same list, else the signing date); when none
/// is, the latest. The choice is always reported, with the other readings.
/// </summary>
internal static class DamagedDates
{
    /// <summary>Every valid reading, in date order.</summary>
    /// <param name="year">The year (the first four digits).</param>
    /// <param name="run">The digits after the year, month and day run together; empty when the month is marked.</param>
    /// <param name="month">The month when it is marked ("20264月10日"), else 0.</param>
    /// <param name="day">The day when the month is marked, else 0.</param>
    public static List<DateOnly> Readings(int year, string run, int month, int day)
    {
        var readings = new List<DateOnly>();
        if (year is < 1 or > 9999)
        {
            return readings;
        }

        if (run.Length == 0)
        {
            Add(readings, year, month, day);
            return readings;
        }

        for (int k = 1; k <= 2 && k < run.Length; k++)
        {
            if (run.Length - k > 2)
            {
                continue;
            }

            Add(readings, year, Number(run[..k]), Number(run[k..]));
        }

        readings.Sort();
        return readings;
    }

    /// <summary>Chooses a reading and says why, in Chinese, for the diagnostic.</summary>
    public static DateOnly Choose(IReadOnlyList<DateOnly> readings, DateOnly? previous, DateContext context, out string reason)
    {
        (DateOnly? reference, string label) = previous is DateOnly p
            ? (p, "同一列举中前一日期")
            : context.SignedOn is DateOnly s
                ? (s, "落款日期")
                : ((DateOnly?)null, string.Empty);

        if (reference is not DateOnly r)
        {
            reason = "找不到落款日期可参照，取最早的一个";
            return readings[0];
        }

        foreach (var d in readings)
        {
            if (d >= r)
            {
                reason = $"它是{label} {ChineseDates.Day(r)} 之后最近的一个";
                return d;
            }
        }

        reason = $"各读法都早于{label} {ChineseDates.Day(r)}，取最晚的一个";
        return readings[^1];
    }

    /// <summary>The diagnostic for a damaged date: a warning when it reads several ways, else information.</summary>
    public static DateNote Note(int start, string printed, IReadOnlyList<DateOnly> readings, DateOnly chosen, string reason)
    {
        if (readings.Count == 1)
        {
            return new DateNote(start, printed, Severity.Info, "schedule-date-damaged",
                $"日期“{printed}”缺字（“年”或“月”），只有一种有效读法：{ChineseDates.Day(chosen)}。");
        }

        string others = string.Join("、", readings.Where(d => d != chosen).Select(ChineseDates.Day));
        return new DateNote(start, printed, Severity.Warning, "schedule-date-damaged",
            $"日期“{printed}”缺字（“年”或“月”），可读作 {ChineseDates.Day(chosen)}，也可读作 {others}；取 {ChineseDates.Day(chosen)}，因为{reason}。请核对原件。");
    }

    private static void Add(List<DateOnly> readings, int year, int month, int day)
    {
        if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            var d = new DateOnly(year, month, day);
            if (!readings.Contains(d))
            {
                readings.Add(d);
            }
        }
    }

    private static int Number(string digits) =>
        digits.Length is 0 or > 2 ? 0 : digits.Aggregate(0, (v, c) => (v * 10) + (c - '0'));
}
