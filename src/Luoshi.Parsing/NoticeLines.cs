namespace Luoshi.Parsing;

/// <summary>
/// The notice's lines as the reader numbers them: every line number in the reader's output (an item's
/// <see cref="NoticeItem.FirstLine"/>, a diagnostic's <see cref="Diagnostic.Line"/>) is a 1-based index into
/// these lines. \r\n, \n, \r, U+2028 and U+2029 each end a line; the text after the last line break is
/// the last line, even when it is empty. The lines are as printed: nothing is cleaned.
/// </summary>
public static class NoticeLines
{
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\n\r\u2028\u2029");

    /// <summary>Every line of <paramref name="text"/>, line endings excluded; element k is line k + 1.</summary>
    public static IReadOnlyList<string> Split(string text) => Lines(text, 1, int.MaxValue);

    /// <summary>Lines <paramref name="first"/> to <paramref name="last"/> (1-based, inclusive) of <paramref name="text"/>, as far as the text goes.</summary>
    /// <returns>The lines, line endings excluded; empty when <paramref name="first"/> is below 1, after <paramref name="last"/> or past the end.</returns>
    public static IReadOnlyList<string> Lines(string text, int first, int last)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<string>();
        if (first < 1 || last < first)
        {
            return result;
        }

        int start = 0;
        for (int number = 1; number <= last; number++)
        {
            int end = LineEnd(text, start, out int next);
            if (number >= first)
            {
                result.Add(text[start..end]);
            }

            if (next < 0)
            {
                break;
            }

            start = next;
        }

        return result;
    }

    /// <summary>Where the line starting at <paramref name="start"/> ends (its line ending excluded).</summary>
    /// <param name="text">The whole text.</param>
    /// <param name="start">Index of the line's first character (may be the text's length: an empty last line).</param>
    /// <param name="next">Index where the next line starts, or -1 when this is the last line.</param>
    internal static int LineEnd(string text, int start, out int next)
    {
        int k = text.AsSpan(start).IndexOfAny(LineBreaks);
        if (k < 0)
        {
            next = -1;
            return text.Length;
        }

        int end = start + k;
        next = text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : end + 1;
        return end;
    }
}
