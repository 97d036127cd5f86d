namespace Luoshi.Parsing.Calendar;

/// <summary>The report periods a clause names.</summary>
/// <param name="Named">Periods named one by one, in printed order ("第一、第二、第三季度及全年" → Q1, Q2, Q3, Annual).</param>
/// <param name="EachQuarter">True when the clause says "各季度" / "每季度" without naming them.</param>
internal sealed record PeriodWords(IReadOnlyList<ReportPeriod> Named, bool EachQuarter)
{
    public bool MentionsAnnual => Named.Contains(ReportPeriod.Annual);
}

/// <summary>
/// Reads the period words of a report clause and pairs them with its dates: named periods in order
/// ("第一、第二、第三季度及全年", "一至三季度", "一季度、上半年、前三季度及全年"); "各季度及全年" with
/// four dates is the first three quarters and the year.
/// </summary>
internal static partial class PeriodWordReader
{
    [GeneratedRegex(
        @"(?<q3>前三个?季度)|(?<h1>上半年|(?<![上下])半年)|(?<year>全年|年终|(?<![0-9０-９〇零一二三四五六七八九十本上下去今明])年度)" +
        @"|(?<each>(?:各|每)个?季度)" +
        @"|(?<![前上下本每各个])(?<list>(?:第?[一二三四1-4１-４]\s*(?:季度)?\s*(?:、|，|,|及|和|与|以及|至|到|—|-|~|～)\s*){0,4}第?[一二三四1-4１-４])\s*季度")]
    private static partial Regex Words();

    public static PeriodWords Read(string clause)
    {
        var named = new List<ReportPeriod>();
        bool each = false;
        foreach (Match m in Words().Matches(clause))
        {
            if (m.Groups["q3"].Success)
            {
                named.Add(ReportPeriod.Q3);
            }
            else if (m.Groups["h1"].Success)
            {
                named.Add(ReportPeriod.Q2);
            }
            else if (m.Groups["year"].Success)
            {
                if (!named.Contains(ReportPeriod.Annual))
                {
                    named.Add(ReportPeriod.Annual);
                }
            }
            else if (m.Groups["each"].Success)
            {
                each = true;
            }
            else
            {
                named.AddRange(QuarterList(m.Groups["list"].Value));
            }
        }

        return new PeriodWords(named, each);
    }

    /// <summary>
    /// Pairs periods with <paramref name="count"/> dates, or returns null when the words do not say
    /// (the caller then reads each date's period from its month, with a warning).
    /// </summary>
    public static List<ReportPeriod>? Pair(PeriodWords words, int count)
    {
        if (words.Named.Count == count && count > 0)
        {
            return [.. words.Named];
        }

        if (!words.EachQuarter)
        {
            return null;
        }

        int quarters = count - (words.MentionsAnnual ? 1 : 0);
        if (quarters is < 1 or > 4)
        {
            return null;
        }

        var periods = new List<ReportPeriod>(count);
        for (int q = 1; q <= quarters; q++)
        {
            periods.Add(Quarter(q));
        }

        if (words.MentionsAnnual)
        {
            periods.Add(ReportPeriod.Annual);
        }

        return periods;
    }

    /// <summary>
    /// The period a report due on <paramref name="date"/> most likely covers: the quarter that ends
    /// in the date's month, else the one that ended before it; a date in a later year closes the
    /// plan year (the year report when the clause mentions one, else Q4). Null for January and
    /// February of the plan year itself.
    /// </summary>
    public static ReportPeriod? FromDate(DateOnly date, int? planYear, bool annual)
    {
        if (planYear is int y && date.Year > y)
        {
            return annual ? ReportPeriod.Annual : ReportPeriod.Q4;
        }

        int q = date.Month % 3 == 0 ? date.Month / 3 : (date.Month - 1) / 3;
        if (q == 0)
        {
            return null;
        }

        return q == 4 && annual ? ReportPeriod.Annual : Quarter(q);
    }

    public static ReportPeriod Quarter(int q) => q switch
    {
        1 => ReportPeriod.Q1,
        2 => ReportPeriod.Q2,
        3 => ReportPeriod.Q3,
        _ => ReportPeriod.Q4,
    };

    public static int QuarterNumber(char c) => c switch
    {
        '一' or '1' or '１' => 1,
        '二' or '2' or '２' => 2,
        '三' or '3' or '３' => 3,
        '四' or '4' or '４' => 4,
        _ => 0,
    };

    /// <summary>"第一、第二、第三" → 1, 2, 3; "一至三" → 1, 2, 3.</summary>
    private static List<ReportPeriod> QuarterList(string list)
    {
        var quarters = new List<ReportPeriod>();
        int last = 0;
        bool range = false;
        foreach (char c in list)
        {
            int q = QuarterNumber(c);
            if (q > 0)
            {
                int from = range && last > 0 && last < q ? last + 1 : q;
                for (int k = from; k <= q; k++)
                {
                    quarters.Add(Quarter(k));
                }

                last = q;
                range = false;
            }
            else if (c is '至' or '到' or '—' or '-' or '~' or '～')
            {
                range = true;
            }
        }

        return quarters;
    }
}
