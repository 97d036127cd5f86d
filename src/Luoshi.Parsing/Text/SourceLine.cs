using System.Text;

namespace Luoshi.Parsing.Text;

/// <summary>One physical line of the source and its cleaned text.</summary>
internal sealed class SourceLine(int number, string raw, string text)
{
    /// <summary>1-based line number in the source.</summary>
    public int Number { get; } = number;

    public string Raw { get; } = raw;

    /// <summary>Markdown marks and invisible characters removed, trimmed; may be rewritten by the table reader.</summary>
    public string Text { get; set; } = text;

    public bool IsBlank => Text.Length == 0;

    public override string ToString() => $"{Number}: {Text}";
}

/// <summary>Stage 1: split the text into lines and clean each one.</summary>
internal static class LineSplitter
{
    public static List<SourceLine> Split(string text)
    {
        var lines = new List<SourceLine>(Math.Max(16, text.Length / 40));
        int start = 0;
        int number = 1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool end = i == text.Length;
            if (!end && text[i] != '\n' && text[i] != '\r' && text[i] != '\u2028' && text[i] != '\u2029')
            {
                continue;
            }

            string raw = text[start..i];
            lines.Add(new SourceLine(number++, raw, Clean(raw)));
            if (!end && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            start = i + 1;
        }

        return lines;
    }

    /// <summary>Removes markdown heading marks, bold marks, quote marks and invisible characters; trims.</summary>
    public static string Clean(string raw)
    {
        ReadOnlySpan<char> s = raw.AsSpan().Trim();
        if (s.IsEmpty)
        {
            return string.Empty;
        }

        int i = 0;
        while (i < s.Length && s[i] == '#')
        {
            i++;
        }

        if (i > 0 && i < s.Length && s[i] != ' ' && s[i] != '\t' && i == 1)
        {
            // "#tag" is not a markdown heading; keep it.
            i = 0;
        }

        if (i < s.Length && s[i] == '>' && (i + 1 == s.Length || s[i + 1] == ' '))
        {
            i++;
        }

        s = s[i..];
        var sb = new StringBuilder(s.Length);
        for (int k = 0; k < s.Length; k++)
        {
            char c = s[k];
            if (Chars.IsInvisible(c) || c == '\0')
            {
                continue;
            }

            if ((c == '*' || c == '_') && k + 1 < s.Length && s[k + 1] == c)
            {
                k++;
                continue;
            }

            sb.Append(c);
        }

        return TrimSpaces(sb.ToString());
    }

    private static string TrimSpaces(string s)
    {
        int a = 0;
        int b = s.Length;
        while (a < b && Chars.IsSpace(s[a]) && s[a] != '\t')
        {
            a++;
        }

        while (b > a && Chars.IsSpace(s[b - 1]) && s[b - 1] != '\t')
        {
            b--;
        }

        // Leading and trailing tabs only matter inside table rows, which have inner tabs too.
        string t = s[a..b];
        return t.Contains('\t', StringComparison.Ordinal) && t.Trim('\t').Contains('\t', StringComparison.Ordinal) ? t : t.Trim();
    }

    /// <summary>Page footers such as "- 3 -", "— 12 —", "第 3 页", "3/12".</summary>
    public static bool IsPageNumber(string t)
    {
        if (t.Length is 0 or > 16)
        {
            return false;
        }

        int digits = 0;
        int dashes = 0;
        int other = 0;
        foreach (char c in t)
        {
            if (Chars.IsDigit(c))
            {
                digits++;
            }
            else if (c is '-' or '—' or '–' or '－' or '/' or '／')
            {
                dashes++;
            }
            else if (c is '第' or '页' or '共' || Chars.IsSpace(c))
            {
                if (c is '第' or '页' or '共')
                {
                    dashes++;
                }
            }
            else
            {
                other++;
            }
        }

        return digits > 0 && dashes > 0 && other == 0;
    }
}
