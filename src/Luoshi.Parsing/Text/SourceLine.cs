namespace Luoshi.Parsing.Text;

/// <summary>One physical line of the source and its cleaned text.</summary>
internal sealed class SourceLine
{
    private readonly string _source;
    private readonly int _start;
    private readonly int _length;

    public SourceLine(int number, string raw, string text)
        : this(number, raw, 0, raw.Length, text)
    {
    }

    /// <summary>
    /// A line that is <paramref name="length"/> characters of <paramref name="source"/> from <paramref name="start"/>.
    /// Its raw text is cut out only when asked for: the parser itself reads only the cleaned text.
    /// </summary>
    public SourceLine(int number, string source, int start, int length, string text)
    {
        Number = number;
        _source = source;
        _start = start;
        _length = length;
        Text = text;
    }

    /// <summary>1-based line number in the source.</summary>
    public int Number { get; }

    /// <summary>The line as printed, line ending excluded.</summary>
    public string Raw => _start == 0 && _length == _source.Length ? _source : _source.Substring(_start, _length);

    /// <summary>Markdown marks and invisible characters removed, trimmed; may be rewritten by the table reader.</summary>
    public string Text { get; set; }

    public bool IsBlank => Text.Length == 0;

    public override string ToString() => $"{Number}: {Text}";
}

/// <summary>Stage 1: split the text into lines (where <see cref="NoticeLines"/> says they end) and clean each one.</summary>
internal static class LineSplitter
{
    private const int StackLimit = 256;

    /// <summary>What <see cref="Clean(ReadOnlySpan{char})"/> may drop inside a line: invisible marks, NUL, bold and italic marks.</summary>
    private static readonly SearchValues<char> Droppable = SearchValues.Create("\u200B\u200C\u200D\u2060\uFEFF\u00AD\0*_");

    public static List<SourceLine> Split(string text)
    {
        var lines = new List<SourceLine>(text.AsSpan().Count('\n') + 1);
        int start = 0;
        int number = 1;
        while (true)
        {
            // Where lines end is one rule, NoticeLines, shared with every page that shows the source by line number.
            int end = NoticeLines.LineEnd(text, start, out int next);
            lines.Add(new SourceLine(number++, text, start, end - start, Clean(text.AsSpan(start, end - start))));
            if (next < 0)
            {
                return lines;
            }

            start = next;
        }
    }

    /// <summary>Removes markdown heading marks, bold marks, quote marks and invisible characters; trims.</summary>
    public static string Clean(string raw) => Clean(raw.AsSpan());

    /// <summary>Removes markdown heading marks, bold marks, quote marks and invisible characters; trims.</summary>
    public static string Clean(ReadOnlySpan<char> raw)
    {
        ReadOnlySpan<char> s = raw.Trim();
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
        if (!s.ContainsAny(Droppable))
        {
            return TrimSpaces(s);
        }

        char[]? rented = null;
        Span<char> buffer = s.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(s.Length));
        try
        {
            int length = 0;
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

                buffer[length++] = c;
            }

            return TrimSpaces(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static string TrimSpaces(ReadOnlySpan<char> s)
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
        var t = s[a..b];
        var kept = t.Contains('\t') && t.Trim('\t').Contains('\t') ? t : t.Trim();
        return kept.IsEmpty ? string.Empty : new string(kept);
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
