namespace Luoshi.Parsing.Calendar;

/// <summary>The kinds of token a date is built from.</summary>
internal enum DateTokenKind
{
    /// <summary>Arabic (ASCII or full-width) digits, or Chinese numerals standing before 年/月/日.</summary>
    Number,

    /// <summary>年.</summary>
    Year,

    /// <summary>月.</summary>
    Month,

    /// <summary>日 or 号.</summary>
    Day,

    /// <summary>底 or 末 (month end, year end).</summary>
    End,

    /// <summary>、 ， , 及 和 与 以及: between the dates of a list.</summary>
    Separator,

    /// <summary>前, 之前, 以前.</summary>
    Before,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>A token of a sentence.</summary>
/// <param name="Kind">Its kind.</param>
/// <param name="Start">Index of its first character in the sentence.</param>
/// <param name="End">Index after its last character.</param>
/// <param name="Digits">For numbers, the value in ASCII digits as printed (leading zeros kept); otherwise empty.</param>
internal readonly record struct DateToken(DateTokenKind Kind, int Start, int End, string Digits)
{
    public int Value => Digits.Length is > 0 and <= 9 ? int.Parse(Digits, NumberStyles.None, CultureInfo.InvariantCulture) : -1;
}

/// <summary>Cuts a sentence into date tokens; white space is skipped.</summary>
internal static class DateTokens
{
    public static List<DateToken> Read(string s)
    {
        var tokens = new List<DateToken>(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (Chars.IsSpace(c))
            {
                i++;
                continue;
            }

            if (Chars.IsDigit(c))
            {
                int j = i;
                var digits = new char[Math.Min(s.Length - i, 64)];
                int n = 0;
                while (j < s.Length && Chars.IsDigit(s[j]))
                {
                    if (n < digits.Length)
                    {
                        digits[n++] = (char)('0' + Chars.DigitValue(s[j]));
                    }

                    j++;
                }

                tokens.Add(new DateToken(DateTokenKind.Number, i, j, new string(digits, 0, n)));
                i = j;
                continue;
            }

            if (IsChineseDigit(c) && TryChineseNumber(s, i, out int end, out string value))
            {
                tokens.Add(new DateToken(DateTokenKind.Number, i, end, value));
                i = end;
                continue;
            }

            var (kind, length) = c switch
            {
                '年' => (DateTokenKind.Year, 1),
                '月' => (DateTokenKind.Month, 1),
                '日' or '号' => (DateTokenKind.Day, 1),
                '底' or '末' => (DateTokenKind.End, 1),
                '前' => (DateTokenKind.Before, 1),
                '之' when Next(s, i) == '前' => (DateTokenKind.Before, 2),
                '以' when Next(s, i) == '前' => (DateTokenKind.Before, 2),
                '以' when Next(s, i) == '及' => (DateTokenKind.Separator, 2),
                '、' or '，' or ',' or '及' or '和' or '与' => (DateTokenKind.Separator, 1),
                _ => (DateTokenKind.Other, 1),
            };
            tokens.Add(new DateToken(kind, i, i + length, string.Empty));
            i += length;
        }

        return tokens;
    }

    private static char Next(string s, int i) => i + 1 < s.Length ? s[i + 1] : '\0';

    private static bool IsChineseDigit(char c) => c is '〇' or '零' || Chars.IsChineseNumeralChar(c);

    /// <summary>
    /// Chinese numerals count only right before 年, 月, 日 or 号: "二〇二六年", "一月二十日". Elsewhere
    /// ("第一季度", "一个月") they are words.
    /// </summary>
    private static bool TryChineseNumber(string s, int i, out int end, out string value)
    {
        end = i;
        value = string.Empty;
        int j = i;
        while (j < s.Length && j - i < 4 && IsChineseDigit(s[j]))
        {
            j++;
        }

        int k = j;
        while (k < s.Length && Chars.IsSpace(s[k]))
        {
            k++;
        }

        if (k >= s.Length || s[k] is not ('年' or '月' or '日' or '号'))
        {
            return false;
        }

        var run = s.AsSpan(i, j - i);
        if (s[k] == '年')
        {
            // A year is four digit characters: 二〇二六.
            if (run.Length != 4 || run.Contains('十'))
            {
                return false;
            }

            var digits = new char[4];
            for (int d = 0; d < 4; d++)
            {
                digits[d] = (char)('0' + ChineseDigit(run[d]));
            }

            value = new string(digits);
        }
        else
        {
            int v = run.IndexOfAny('〇', '零') >= 0 ? -1 : Chars.ChineseNumeralValue(run);
            if (v <= 0)
            {
                return false;
            }

            value = v.ToString(CultureInfo.InvariantCulture);
        }

        end = j;
        return true;
    }

    private static int ChineseDigit(char c) => c switch
    {
        '〇' or '零' => 0, '一' => 1, '二' => 2, '三' => 3, '四' => 4,
        '五' => 5, '六' => 6, '七' => 7, '八' => 8, '九' => 9, _ => 0,
    };
}
