namespace Luoshi.Parsing.Text;

/// <summary>Character classes decided explicitly: <see cref="char.IsDigit(char)"/> accepts digits of every script.</summary>
internal static class Chars
{
    public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    public static bool IsFullWidthDigit(char c) => c is >= '０' and <= '９';

    /// <summary>ASCII or full-width decimal digit; no other script's digits.</summary>
    public static bool IsDigit(char c) => IsAsciiDigit(c) || IsFullWidthDigit(c);

    public static int DigitValue(char c) => IsAsciiDigit(c) ? c - '0' : c - '０';

    /// <summary>CJK unified ideographs (basic block, extension A, compatibility block).</summary>
    public static bool IsHan(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    public static bool IsOpenBracket(char c) => c is '(' or '（' or '[' or '［' or '【' or '〔' or '〈' or '《' or '<' or '〖' or '｛' or '{';

    public static bool IsCloseBracket(char c) => c is ')' or '）' or ']' or '］' or '】' or '〕' or '〉' or '》' or '>' or '〗' or '｝' or '}';

    /// <summary>Separators between units in a list.</summary>
    public static bool IsListSeparator(char c) => c is '、' or '，' or ',' or '；' or ';' or '､';

    /// <summary>White space including the ideographic space and no-break space.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\u3000' or '\u00A0' or '\u2002' or '\u2003' or '\u2009' or '\u202F';

    /// <summary>Characters that carry nothing: zero-width marks and the byte-order mark.</summary>
    public static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD';

    /// <summary>Value of a Chinese numeral of up to two places (一 … 九十九), or -1.</summary>
    public static int ChineseNumeralValue(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > 3)
        {
            return -1;
        }

        static int Digit(char c) => c switch
        {
            '一' => 1, '二' => 2, '三' => 3, '四' => 4, '五' => 5,
            '六' => 6, '七' => 7, '八' => 8, '九' => 9, _ => -1,
        };

        int tenAt = s.IndexOf('十');
        if (tenAt < 0)
        {
            return s.Length == 1 ? Digit(s[0]) : -1;
        }

        int tens = tenAt == 0 ? 1 : (tenAt == 1 ? Digit(s[0]) : -1);
        if (tens < 0)
        {
            return -1;
        }

        int rest = s.Length - tenAt - 1;
        if (rest == 0)
        {
            return tens * 10;
        }

        int ones = rest == 1 ? Digit(s[tenAt + 1]) : -1;
        return ones < 0 ? -1 : (tens * 10) + ones;
    }

    public static bool IsChineseNumeralChar(char c) => c is '一' or '二' or '三' or '四' or '五' or '六' or '七' or '八' or '九' or '十';
}
