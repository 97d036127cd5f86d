namespace Luoshi.Parsing.Text;

/// <summary>The numbering styles of a notice, from the outermost level in.</summary>
internal enum NumberStyle
{
    None,

    /// <summary>一、 — parts.</summary>
    ChineseComma,

    /// <summary>（一） — groups, or items in a part with no arabic numbers.</summary>
    ParenChinese,

    /// <summary>1. 1、 1． 1﹒ — items.</summary>
    ArabicDot,

    /// <summary>（1） — items, or points inside an item.</summary>
    ParenArabic,
}

/// <summary>A numbering token at the start of a line.</summary>
/// <param name="Style">Its style.</param>
/// <param name="Token">As printed, without the trailing separator ("7", "（一）").</param>
/// <param name="Value">Its value.</param>
/// <param name="ContentStart">Index in the line where the content after it starts.</param>
internal readonly record struct Numbering(NumberStyle Style, string Token, int Value, int ContentStart);

internal static class NumberingReader
{
    /// <summary>Reads a numbering token at the start of <paramref name="t"/>, if there is one.</summary>
    public static bool TryRead(string t, out Numbering numbering) => TryRead(t, false, out numbering);

    /// <summary>
    /// Reads "21.65岁以上…" as item 21 whose text starts with a number: only for a caller that knows
    /// item 21 is the one due next.
    /// </summary>
    public static bool TryReadGlued(string t, out Numbering numbering) =>
        TryRead(t, true, out numbering) && numbering.Style == NumberStyle.ArabicDot;

    private static bool TryRead(string t, bool allowDecimalLike, out Numbering numbering)
    {
        numbering = default;
        if (t.Length < 2)
        {
            return false;
        }

        char c0 = t[0];
        if (Chars.IsDigit(c0))
        {
            int i = 0;
            int value = 0;
            while (i < t.Length && Chars.IsDigit(t[i]) && i < 4)
            {
                value = (value * 10) + Chars.DigitValue(t[i]);
                i++;
            }

            if (i >= t.Length || i > 3 || value == 0)
            {
                return false;
            }

            int sepAt = i;
            while (sepAt < t.Length && t[sepAt] == ' ')
            {
                sepAt++;
            }

            if (sepAt >= t.Length)
            {
                return false;
            }

            char sep = t[sepAt];
            bool isSep = sep is '.' or '、' or '．' or '﹒' or '。' or '，' or ',' or '､';
            if (!isSep)
            {
                return false;
            }

            // "1.7万人次" is a number, not an item (unless the caller knows item 1 is due: see TryReadGlued).
            if (sep is '.' or '．' && sepAt + 1 < t.Length && Chars.IsDigit(t[sepAt + 1]) && !allowDecimalLike)
            {
                return false;
            }

            // "1，2，3" style lists and commas after a number are rare as numbering: accept only when Han text follows.
            if (sep is '，' or ',' && !(sepAt + 1 < t.Length && Chars.IsHan(t[sepAt + 1])))
            {
                return false;
            }

            int content = SkipSpaces(t, sepAt + 1);
            if (content >= t.Length)
            {
                return false;
            }

            numbering = new Numbering(NumberStyle.ArabicDot, t[..i], value, content);
            return true;
        }

        if (c0 is '(' or '（')
        {
            int i = SkipSpaces(t, 1);
            int digitsStart = i;
            int value = 0;
            while (i < t.Length && Chars.IsDigit(t[i]) && i - digitsStart < 3)
            {
                value = (value * 10) + Chars.DigitValue(t[i]);
                i++;
            }

            NumberStyle style;
            if (i > digitsStart)
            {
                style = NumberStyle.ParenArabic;
            }
            else
            {
                while (i < t.Length && Chars.IsChineseNumeralChar(t[i]) && i - digitsStart < 3)
                {
                    i++;
                }

                if (i == digitsStart)
                {
                    return false;
                }

                value = Chars.ChineseNumeralValue(t.AsSpan(digitsStart, i - digitsStart));
                style = NumberStyle.ParenChinese;
            }

            int closeAt = SkipSpaces(t, i);
            if (value <= 0 || closeAt >= t.Length || t[closeAt] is not (')' or '）'))
            {
                return false;
            }

            int content = SkipSpaces(t, closeAt + 1);
            if (content < t.Length && t[content] is '、' or '.' or '．')
            {
                content = SkipSpaces(t, content + 1);
            }

            numbering = new Numbering(style, t[..(closeAt + 1)], value, content);
            return true;
        }

        if (c0 == '第' && TryReadPartOrdinal(t, out numbering))
        {
            return true;
        }

        if (Chars.IsChineseNumeralChar(c0))
        {
            int i = 0;
            while (i < t.Length && Chars.IsChineseNumeralChar(t[i]) && i < 3)
            {
                i++;
            }

            if (i >= t.Length || t[i] is not ('、' or '．' or '.'))
            {
                return false;
            }

            int value = Chars.ChineseNumeralValue(t.AsSpan(0, i));
            if (value <= 0)
            {
                return false;
            }

            numbering = new Numbering(NumberStyle.ChineseComma, t[..i], value, SkipSpaces(t, i + 1));
            return true;
        }

        return false;
    }

    /// <summary>"第一部分 主要预期目标": a part heading written as an ordinal, read as the outermost level.</summary>
    private static bool TryReadPartOrdinal(string t, out Numbering numbering)
    {
        numbering = default;
        int i = 1;
        while (i < t.Length && Chars.IsChineseNumeralChar(t[i]) && i < 4)
        {
            i++;
        }

        int value = Chars.ChineseNumeralValue(t.AsSpan(1, i - 1));
        if (value <= 0 || !t.AsSpan(i).StartsWith("部分", StringComparison.Ordinal))
        {
            return false;
        }

        int content = SkipSpaces(t, i + 2);
        if (content < t.Length && t[content] is '：' or ':' or '、' or '　')
        {
            content = SkipSpaces(t, content + 1);
        }

        numbering = new Numbering(NumberStyle.ChineseComma, t[..(i + 2)], value, content);
        return true;
    }

    private static int SkipSpaces(string t, int i)
    {
        while (i < t.Length && Chars.IsSpace(t[i]))
        {
            i++;
        }

        return i;
    }
}
