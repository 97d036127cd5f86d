namespace Luoshi.Parsing.Calendar;

/// <summary>How a date was printed.</summary>
internal enum DateForm
{
    /// <summary>2026年4月10日.</summary>
    Full,

    /// <summary>4月10日: the year comes from the list or the notice.</summary>
    MonthDay,

    /// <summary>10日, after another date of the same list: year and month come from it.</summary>
    DayOnly,

    /// <summary>1月底, 2026年6月末: the month's last day.</summary>
    MonthEnd,

    /// <summary>2026年底, 年底: 31 December.</summary>
    YearEnd,

    /// <summary>2026115日, 2026年115日, 20264月10日: 年 or 月 lost; read by enumerating the candidates.</summary>
    Damaged,
}

/// <summary>What the year of a sentence's dates defaults to, and what damaged dates are measured from.</summary>
/// <param name="PlanYear">The year the notice is about (from its title), if known.</param>
/// <param name="SignedOn">The notice's signing date, if known.</param>
internal readonly record struct DateContext(int? PlanYear, DateOnly? SignedOn)
{
    public int? ImpliedYear => PlanYear ?? SignedOn?.Year;
}

/// <summary>A remark about one date, turned into a diagnostic by the caller (which knows the line).</summary>
/// <param name="Start">Index in the sentence.</param>
/// <param name="Printed">The date as printed.</param>
/// <param name="Severity">How serious.</param>
/// <param name="Code">Diagnostic code.</param>
/// <param name="Message">Message in Chinese.</param>
internal readonly record struct DateNote(int Start, string Printed, Severity Severity, string Code, string Message);

/// <summary>One date read from a sentence.</summary>
/// <param name="Start">Index of its first character in the sentence.</param>
/// <param name="End">Index after its last character.</param>
/// <param name="Printed">The text as printed.</param>
/// <param name="Date">The date as read (for a damaged date, the chosen reading).</param>
/// <param name="Form">How it was printed.</param>
/// <param name="Readings">For a damaged date, every valid reading in date order; otherwise the date alone.</param>
internal sealed record DateMention(int Start, int End, string Printed, DateOnly Date, DateForm Form, IReadOnlyList<DateOnly> Readings);

/// <summary>Dates printed as one list ("2026年4月10日、7月10日、10月10日及2027年1月10日前").</summary>
/// <param name="Start">Index of the first date in the sentence.</param>
/// <param name="End">Index after the list, including a following 前/之前/以前.</param>
/// <param name="Dates">The dates in printed order.</param>
/// <param name="Before">True when the list is followed by 前/之前/以前.</param>
internal sealed record DateGroup(int Start, int End, IReadOnlyList<DateMention> Dates, bool Before);

/// <summary>
/// Finds dates in a sentence, alone or in lists that share their year and month ("2026年4月10日、7月10日"):
/// a date without a year takes the previous date's year, rolling to the next year when it would
/// go backwards, and the first one takes the notice's year. Damaged digit runs ("2026115日") are
/// read by <see cref="DamagedDates"/>. Never throws.
/// </summary>
internal static class DateRecognizer
{
    private sealed record RawDate(int Start, int End, DateForm Form, int? Year, int Month, int Day, string Run, int Next);

    public static List<DateGroup> Find(string s, DateContext context, List<DateNote> notes)
    {
        var t = DateTokens.Read(s);
        var groups = new List<DateGroup>();
        int i = 0;
        while (i < t.Count)
        {
            var first = Atom(t, i);
            if (first is null || first.Form == DateForm.DayOnly)
            {
                i++;
                continue;
            }

            var raws = new List<RawDate> { first };
            int j = first.Next;
            while (Kind(t, j) == DateTokenKind.Separator && Atom(t, j + 1) is { } next)
            {
                raws.Add(next);
                j = next.Next;
            }

            bool before = Kind(t, j) == DateTokenKind.Before;
            int end = before ? t[j].End : raws[^1].End;
            var mentions = Resolve(s, raws, context, notes);
            if (mentions.Count > 0)
            {
                groups.Add(new DateGroup(mentions[0].Start, end, mentions, before));
            }

            i = Math.Max(j, i + 1);
        }

        return groups;
    }

    private static DateTokenKind Kind(List<DateToken> t, int i) => i >= 0 && i < t.Count ? t[i].Kind : DateTokenKind.Other;

    private static bool IsYear(DateToken n) => n.Digits.Length >= 4 && n.Digits[..2] is "19" or "20";

    private static int YearOf(DateToken n) => ((n.Digits[0] - '0') * 1000) + ((n.Digits[1] - '0') * 100) + ((n.Digits[2] - '0') * 10) + (n.Digits[3] - '0');

    private static int MonthOf(string digits) => digits.Length is 1 or 2 ? digits.Aggregate(0, (v, c) => (v * 10) + (c - '0')) : 0;

    private static RawDate? Atom(List<DateToken> t, int i)
    {
        if (Kind(t, i) == DateTokenKind.Year && Kind(t, i + 1) == DateTokenKind.End && Kind(t, i - 1) != DateTokenKind.Number)
        {
            return new RawDate(t[i].Start, t[i + 1].End, DateForm.YearEnd, null, 12, 31, string.Empty, i + 2);
        }

        if (Kind(t, i) != DateTokenKind.Number)
        {
            return null;
        }

        var n = t[i];
        int len = n.Digits.Length;
        if (len == 4 && IsYear(n) && Kind(t, i + 1) == DateTokenKind.Year)
        {
            int y = n.Value;
            bool monthFollows = Kind(t, i + 2) == DateTokenKind.Number && t[i + 2].Digits.Length <= 2 && Kind(t, i + 3) == DateTokenKind.Month;
            if (monthFollows && Kind(t, i + 4) == DateTokenKind.Number && t[i + 4].Digits.Length <= 2)
            {
                // "2026年1月15前": 日 lost before 前 still reads one way.
                if (Kind(t, i + 5) == DateTokenKind.Day)
                {
                    return new RawDate(n.Start, t[i + 5].End, DateForm.Full, y, t[i + 2].Value, t[i + 4].Value, string.Empty, i + 6);
                }

                return Kind(t, i + 5) == DateTokenKind.Before
                    ? new RawDate(n.Start, t[i + 4].End, DateForm.Full, y, t[i + 2].Value, t[i + 4].Value, string.Empty, i + 5)
                    : null;
            }

            if (monthFollows && Kind(t, i + 4) == DateTokenKind.End)
            {
                return new RawDate(n.Start, t[i + 4].End, DateForm.MonthEnd, y, t[i + 2].Value, 0, string.Empty, i + 5);
            }

            if (Kind(t, i + 2) == DateTokenKind.Number && t[i + 2].Digits.Length is >= 2 and <= 4 && Kind(t, i + 3) == DateTokenKind.Day)
            {
                return new RawDate(n.Start, t[i + 3].End, DateForm.Damaged, y, 0, 0, t[i + 2].Digits, i + 4);
            }

            return Kind(t, i + 2) == DateTokenKind.End
                ? new RawDate(n.Start, t[i + 2].End, DateForm.YearEnd, y, 12, 31, string.Empty, i + 3)
                : null;
        }

        if (len is >= 5 and <= 8 && IsYear(n) && Kind(t, i + 1) == DateTokenKind.Day)
        {
            return new RawDate(n.Start, t[i + 1].End, DateForm.Damaged, YearOf(n), 0, 0, n.Digits[4..], i + 2);
        }

        if (len is 5 or 6 && IsYear(n) && Kind(t, i + 1) == DateTokenKind.Month
            && Kind(t, i + 2) == DateTokenKind.Number && t[i + 2].Digits.Length <= 2 && Kind(t, i + 3) == DateTokenKind.Day)
        {
            // "20264月10日": 年 lost, the month is still marked.
            return new RawDate(n.Start, t[i + 3].End, DateForm.Damaged, YearOf(n), MonthOf(n.Digits[4..]), t[i + 2].Value, string.Empty, i + 4);
        }

        if (len <= 2 && Kind(t, i + 1) == DateTokenKind.Month)
        {
            if (Kind(t, i + 2) == DateTokenKind.Number && t[i + 2].Digits.Length <= 2 && Kind(t, i + 3) == DateTokenKind.Day)
            {
                return new RawDate(n.Start, t[i + 3].End, DateForm.MonthDay, null, n.Value, t[i + 2].Value, string.Empty, i + 4);
            }

            return Kind(t, i + 2) == DateTokenKind.End
                ? new RawDate(n.Start, t[i + 2].End, DateForm.MonthEnd, null, n.Value, 0, string.Empty, i + 3)
                : null;
        }

        return len <= 2 && Kind(t, i + 1) == DateTokenKind.Day
            ? new RawDate(n.Start, t[i + 1].End, DateForm.DayOnly, null, 0, n.Value, string.Empty, i + 2)
            : null;
    }

    private static List<DateMention> Resolve(string s, List<RawDate> raws, DateContext context, List<DateNote> notes)
    {
        var result = new List<DateMention>(raws.Count);
        DateOnly? previous = null;
        foreach (var raw in raws)
        {
            string printed = s[raw.Start..raw.End];
            int? year = raw.Year ?? previous?.Year ?? context.ImpliedYear;
            if (year is not int y)
            {
                notes.Add(new DateNote(raw.Start, printed, Severity.Warning, "schedule-year-unknown",
                    $"日期“{printed}”未写年份，通知中也找不到年份，未读取。"));
                continue;
            }

            IReadOnlyList<DateOnly> readings;
            DateOnly date;
            if (raw.Form == DateForm.Damaged)
            {
                readings = DamagedDates.Readings(y, raw.Run, raw.Month, raw.Day);
                if (readings.Count == 0)
                {
                    notes.Add(new DateNote(raw.Start, printed, Severity.Warning, "schedule-date-unreadable",
                        $"日期“{printed}”残缺，无法读成任何有效日期，未读取。"));
                    continue;
                }

                date = DamagedDates.Choose(readings, previous, context, out string reason);
                notes.Add(DamagedDates.Note(raw.Start, printed, readings, date, reason));
            }
            else if (!TryMake(raw, y, previous, out date))
            {
                notes.Add(new DateNote(raw.Start, printed, Severity.Warning, "schedule-date-invalid",
                    $"日期“{printed}”不是有效日期，未读取。"));
                continue;
            }
            else
            {
                readings = [date];
                if (raw.Year is null && raw.Form != DateForm.DayOnly)
                {
                    date = ImpliedYear(raw, printed, date, previous, context, notes);
                    readings = [date];
                }
            }

            result.Add(new DateMention(raw.Start, raw.End, printed, date, raw.Form, readings));
            previous = date;
        }

        return result;
    }

    private static bool TryMake(RawDate raw, int year, DateOnly? previous, out DateOnly date)
    {
        date = default;
        int month = raw.Form == DateForm.DayOnly ? previous?.Month ?? 0 : raw.Month;
        if (year is < 1 or > 9999 || month is < 1 or > 12)
        {
            return false;
        }

        int last = DateTime.DaysInMonth(year, month);
        int day = raw.Form is DateForm.MonthEnd ? last : raw.Day;
        if (day < 1 || day > last)
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>
    /// A date printed without its year: after another date of the list it must not go backwards
    /// ("10月10日及1月10日" is January of the next year); alone, it takes the notice's year.
    /// </summary>
    private static DateOnly ImpliedYear(RawDate raw, string printed, DateOnly date, DateOnly? previous, DateContext context, List<DateNote> notes)
    {
        if (previous is DateOnly p && date < p && date.Year < 9999)
        {
            var rolled = date.AddYears(1);
            notes.Add(new DateNote(raw.Start, printed, Severity.Info, "schedule-year-inferred",
                $"日期“{printed}”未写年份，早于前一日期 {ChineseDates.Day(p)}，按次年读作 {ChineseDates.Day(rolled)}。"));
            return rolled;
        }

        if (previous is null && context.SignedOn is DateOnly signed && date < signed)
        {
            if (context.PlanYear is null && date.Year < 9999)
            {
                var rolled = date.AddYears(1);
                notes.Add(new DateNote(raw.Start, printed, Severity.Info, "schedule-year-inferred",
                    $"日期“{printed}”未写年份，早于落款日期 {ChineseDates.Day(signed)}，按次年读作 {ChineseDates.Day(rolled)}。"));
                return rolled;
            }

            notes.Add(new DateNote(raw.Start, printed, Severity.Warning, "schedule-date-before-signing",
                $"日期“{printed}”读作 {ChineseDates.Day(date)}，早于落款日期 {ChineseDates.Day(signed)}，请核对。"));
        }

        return date;
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
