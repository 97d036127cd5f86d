namespace Luoshi.Parsing.Calendar;

/// <summary>
/// A date inside a Chinese sentence, as every page, document and message writes it: Arabic numerals, no leading zeros
/// (2026年4月10日). The one helper; ISO dates (2026-04-10) stay in the API, data files, table cells and date inputs.
/// </summary>
public static class ChineseDates
{
    /// <summary>2026年4月10日.</summary>
    public static string Day(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary>4月10日: month and day only, for lists within one year.</summary>
    public static string MonthDay(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Month}月{date.Day}日");
}
