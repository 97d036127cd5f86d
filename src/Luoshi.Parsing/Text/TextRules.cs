namespace Luoshi.Parsing.Text;

/// <summary>The one rule for repairing layout damage in text taken from the notice.</summary>
internal static class TextRules
{
    /// <summary>Inputs up to this many characters are folded in a stack buffer; longer ones in a pooled array.</summary>
    private const int StackLimit = 256;

    /// <summary>Every character that <see cref="Fold(string)"/> may drop or rewrite: white space, line breaks, invisible marks.</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(
        " \t\u3000\u00A0\u2002\u2003\u2009\u202F\r\n\u200B\u200C\u200D\u2060\uFEFF\u00AD");

    /// <summary>
    /// Folds runs of white space to one space, removes a white space standing between two Han
    /// characters (a line merge or PDF artefact), drops invisible characters, and trims.
    /// Everything else, typos included, stays as printed.
    /// </summary>
    /// <remarks>Text that is already folded (the common case) is returned as it is, without a copy.</remarks>
    public static string Fold(string s)
    {
        return FirstChange(s) < 0 ? s : Fold(s.AsSpan());
    }

    /// <summary>Folds text held in a buffer (see <see cref="Fold(string)"/>): one string is made, the folded one.</summary>
    public static string Fold(ReadOnlySpan<char> s)
    {
        int from = FirstChange(s);
        if (from < 0)
        {
            return s.IsEmpty ? string.Empty : new string(s);
        }

        char[]? rented = null;
        Span<char> buffer = s.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(s.Length));
        try
        {
            s.CopyTo(buffer);
            return new string(buffer[..FoldInPlace(buffer[..s.Length], from)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Joins the pieces of one logical text broken over lines, with nothing between them, then folds.</summary>
    public static string JoinLines(IReadOnlyList<string> pieces)
    {
        if (pieces.Count == 1)
        {
            string only = pieces[0];
            return Fold(only.AsSpan().Trim().Length == only.Length ? only : only.Trim());
        }

        int total = 0;
        foreach (string p in pieces)
        {
            total += p.AsSpan().Trim().Length;
        }

        if (total == 0)
        {
            return string.Empty;
        }

        char[]? rented = null;
        Span<char> buffer = total <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(total));
        try
        {
            int length = 0;
            foreach (string p in pieces)
            {
                var trimmed = p.AsSpan().Trim();
                trimmed.CopyTo(buffer[length..]);
                length += trimmed.Length;
            }

            var joined = buffer[..length];
            int from = FirstChange(joined);
            return new string(from < 0 ? joined : joined[..FoldInPlace(joined, from)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The index of the first character that folding would change, or -1 when the text is already folded:
    /// only single ASCII spaces that stand inside the text and not between two Han characters are kept as they are.
    /// </summary>
    private static int FirstChange(ReadOnlySpan<char> s)
    {
        int i = 0;
        while (true)
        {
            int k = s[i..].IndexOfAny(Special);
            if (k < 0)
            {
                return -1;
            }

            k += i;
            if (s[k] != ' ' || k == 0 || k + 1 >= s.Length || Special.Contains(s[k + 1])
                || (Chars.IsHan(s[k - 1]) && Chars.IsHan(s[k + 1])))
            {
                return k;
            }

            i = k + 1;
        }
    }

    /// <summary>
    /// Folds <paramref name="text"/> in place from <paramref name="from"/> on, where everything before it is already
    /// folded and no run of white space starts before it; returns the folded length. Writing never overtakes reading.
    /// </summary>
    private static int FoldInPlace(Span<char> text, int from)
    {
        int length = from;
        int i = from;
        while (i < text.Length)
        {
            char c = text[i];
            if (Chars.IsInvisible(c))
            {
                i++;
                continue;
            }

            if (Chars.IsSpace(c) || c is '\r' or '\n')
            {
                int j = i;
                while (j < text.Length && (Chars.IsSpace(text[j]) || text[j] is '\r' or '\n' || Chars.IsInvisible(text[j])))
                {
                    j++;
                }

                bool atEdge = length == 0 || j >= text.Length;
                bool betweenHan = !atEdge && Chars.IsHan(text[length - 1]) && Chars.IsHan(text[j]);
                if (!atEdge && !betweenHan)
                {
                    text[length++] = ' ';
                }

                i = j;
                continue;
            }

            text[length++] = c;
            i++;
        }

        return length;
    }
}
