namespace Luoshi.Parsing.Calendar;

/// <summary>One sentence of the notice's body, with the source position of every character.</summary>
internal sealed class Sentence
{
    private readonly SourceLine[] lineOf;
    private readonly int[] indexInLine;

    public Sentence(string text, SourceLine[] lineOf, int[] indexInLine)
    {
        Text = text;
        this.lineOf = lineOf;
        this.indexInLine = indexInLine;
    }

    public string Text { get; }

    /// <summary>1-based source line of the character at <paramref name="index"/>.</summary>
    public int LineAt(int index) => lineOf.Length == 0 ? 0 : lineOf[Math.Clamp(index, 0, lineOf.Length - 1)].Number;

    /// <summary>1-based column in the raw source line of <paramref name="fragment"/>, which starts at <paramref name="index"/>.</summary>
    public int ColumnAt(int index, string fragment)
    {
        if (lineOf.Length == 0)
        {
            return 0;
        }

        int i = Math.Clamp(index, 0, lineOf.Length - 1);
        var line = lineOf[i];
        // Cleaning only removes characters (markdown marks, invisible ones, leading space), so the
        // fragment stands at or after its index in the cleaned text.
        int inRaw = fragment.Length == 0 || indexInLine[i] >= line.Raw.Length
            ? -1
            : line.Raw.IndexOf(fragment, indexInLine[i], StringComparison.Ordinal);
        return inRaw >= 0 ? inRaw + 1 : indexInLine[i] + 1;
    }
}

/// <summary>
/// Splits the body of the notice into sentences. Lines broken by a page break are joined again:
/// a long line that does not end a sentence continues on the next non-blank line, unless that one
/// starts a numbered heading or the attachment list.
/// </summary>
internal static class BodySentences
{
    private const int HeadingMaxLength = 25;

    public static List<Sentence> Split(IReadOnlyList<SourceLine> lines, int start, int end)
    {
        var sentences = new List<Sentence>();
        var text = new StringBuilder();
        var lineOf = new List<SourceLine>();
        var indexInLine = new List<int>();
        string previous = string.Empty;

        for (int i = Math.Max(0, start); i < Math.Min(end, lines.Count); i++)
        {
            var line = lines[i];
            string t = line.Text;
            if (t.Length == 0 || LineSplitter.IsPageNumber(t))
            {
                continue;
            }

            if (text.Length > 0 && StartsParagraph(previous, t))
            {
                Flush(text, lineOf, indexInLine, sentences);
            }

            for (int k = 0; k < t.Length; k++)
            {
                text.Append(t[k]);
                lineOf.Add(line);
                indexInLine.Add(k);
            }

            previous = t;
        }

        Flush(text, lineOf, indexInLine, sentences);
        return sentences;
    }

    private static bool StartsParagraph(string previous, string next)
    {
        char last = previous[^1];
        bool ended = last is '。' or '；' or ';' or '！' or '？' or '!' or '?' or '：' or ':';
        return ended
            || previous.Length < HeadingMaxLength
            || next.StartsWith("附件", StringComparison.Ordinal)
            || NumberingReader.TryRead(next, out _);
    }

    private static void Flush(StringBuilder text, List<SourceLine> lineOf, List<int> indexInLine, List<Sentence> sentences)
    {
        int from = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            bool end = i == text.Length;
            if (!end && text[i] is not ('。' or '；' or ';' or '！' or '？' or '!' or '?'))
            {
                continue;
            }

            if (i > from)
            {
                sentences.Add(new Sentence(
                    text.ToString(from, i - from),
                    [.. lineOf.GetRange(from, i - from)],
                    [.. indexInLine.GetRange(from, i - from)]));
            }

            from = i + 1;
        }

        text.Clear();
        lineOf.Clear();
        indexInLine.Clear();
    }
}
