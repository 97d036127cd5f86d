using System.Globalization;

namespace Luoshi.Core.Common;

/// <summary>A date inside a Chinese sentence, as the pages write it: 2026年4月10日 (ISO stays in the API and data files).</summary>
public static class ChineseDates
{
    public static string Of(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");

    /// <summary>Month and day only (4月10日), for lists within one year.</summary>
    public static string MonthDay(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Month}月{d.Day}日");
}
