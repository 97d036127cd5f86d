namespace Luoshi.Parsing.Calendar;

/// <summary>A quarterly deadline stated as a rule, and the dates it gives for the plan year.</summary>
/// <param name="Start">Index of the rule in the sentence.</param>
/// <param name="End">Index after the rule.</param>
/// <param name="Printed">The rule as printed ("每季度末月底之前").</param>
/// <param name="Dates">The quarter and date the rule gives, for each quarter from the starting one.</param>
/// <param name="Note">A caveat for the diagnostic (working days counted without holidays), if any.</param>
internal sealed record QuarterRule(int Start, int End, string Printed, IReadOnlyList<(ReportPeriod Period, DateOnly Date)> Dates, string? Note);

/// <summary>
/// Reads quarterly deadlines stated as rules rather than dates:
/// "每季度末" / "每季度末月底之前" / "每季度最后一个月月底前" (the quarter's last day);
/// "每季度结束后N日内" / "N个工作日内" (the quarter's last day plus N days or working days);
/// "每季度第一个月N日前" / "每季度首月N日前" and "（季度结束后）次月N日前" (day N of the month after the
/// quarter: a report covers the quarter just ended). "自2026年第二季度开始" sets the first quarter
/// and the year; otherwise Q1 of the plan year.
/// </summary>
internal static partial class QuarterRules
{
    private const string Each = @"(?:每|各)个?季度?";
    private const string Number = @"(?<n>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})";

    [GeneratedRegex(Each + @"(?:末|最后一个月|末月|结束前)(?:月?底|月?末)?\s*(?:之前|以前|前)?")]
    private static partial Regex QuarterEnd();

    [GeneratedRegex(Each + @"(?:结束|终了|期满)后\s*" + Number + @"\s*(?<unit>个工作日|个自然日|日|天)\s*(?:之内|以内|内|前)")]
    private static partial Regex DaysAfterEnd();

    [GeneratedRegex(@"(?:" + Each + @"(?:的)?(?:第一个月|首月)|(?:" + Each + @"(?:结束后)?的?)?次月)\s*" + Number + @"\s*(?:日|号)\s*(?:之前|以前|前)")]
    private static partial Regex DayOfNextMonth();

    [GeneratedRegex(@"(?:自|从)\s*(?:(?<y>[0-9]{4})\s*年\s*)?第?(?<q>[一二三四1-4])\s*季度\s*(?:开始|起)")]
    private static partial Regex StartQuarter();

    /// <summary>The first quarterly rule of the sentence, or null (also when no year is known).</summary>
    public static QuarterRule? Find(string s, int? planYear)
    {
        int firstQuarter = 1;
        int? year = planYear;
        if (StartQuarter().Match(s) is { Success: true } start)
        {
            firstQuarter = PeriodWordReader.QuarterNumber(start.Groups["q"].Value[0]);
            if (start.Groups["y"].Success)
            {
                year = int.Parse(start.Groups["y"].ValueSpan, provider: CultureInfo.InvariantCulture);
            }
        }

        if (year is not int y || y is < 1 or > 9998 || firstQuarter is < 1 or > 4)
        {
            return null;
        }

        var candidates = new[]
        {
            (QuarterEnd().Match(s), Kind: 0),
            (DaysAfterEnd().Match(s), Kind: 1),
            (DayOfNextMonth().Match(s), Kind: 2),
        };
        var best = candidates.Where(c => c.Item1.Success).OrderBy(c => c.Item1.Index).FirstOrDefault();
        if (best.Item1 is not { Success: true } m)
        {
            return null;
        }

        // A bare "次月N日前" is quarterly only in a sentence about quarters, not about months.
        if (best.Kind == 2 && !m.Value.Contains('季', StringComparison.Ordinal)
            && (!s.Contains("季度", StringComparison.Ordinal) || s.Contains("每月", StringComparison.Ordinal)))
        {
            return null;
        }

        int n = m.Groups["n"].Success ? Value(m.Groups["n"].Value) : 0;
        if (best.Kind != 0 && n is < 1 or > 31)
        {
            return null;
        }

        bool workingDays = best.Kind == 1 && m.Groups["unit"].Value == "个工作日";
        var dates = new List<(ReportPeriod, DateOnly)>();
        for (int q = firstQuarter; q <= 4; q++)
        {
            var end = new DateOnly(y, q * 3, DateTime.DaysInMonth(y, q * 3));
            DateOnly date = best.Kind switch
            {
                0 => end,
                1 => workingDays ? AddWorkingDays(end, n) : end.AddDays(n),
                _ => DayOfMonth(end.AddDays(1), n),
            };
            dates.Add((PeriodWordReader.Quarter(q), date));
        }

        string? note = workingDays ? "按周一至周五计算工作日，未考虑法定节假日和调休" : null;
        return new QuarterRule(m.Index, m.Index + m.Length, m.Value, dates, note);
    }

    private static DateOnly DayOfMonth(DateOnly firstOfMonth, int day) =>
        new(firstOfMonth.Year, firstOfMonth.Month, Math.Min(day, DateTime.DaysInMonth(firstOfMonth.Year, firstOfMonth.Month)));

    private static DateOnly AddWorkingDays(DateOnly from, int n)
    {
        var d = from;
        while (n > 0)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                n--;
            }
        }

        return d;
    }

    private static int Value(string n)
    {
        if (n.Length > 0 && Chars.IsDigit(n[0]))
        {
            return n.Aggregate(0, (v, c) => (v * 10) + Chars.DigitValue(c));
        }

        return Chars.ChineseNumeralValue(n);
    }
}
