namespace Luoshi.Core.Features.Circulars;

/// <summary>
/// Reads the editable plain-text body of an official document into blocks. The only rules: a line starting with
/// "一、" (Chinese numeral and 、) is a first-level heading; a line starting with "（一）" (full-width brackets) a
/// second-level heading; consecutive lines containing '|' form a table, the first being the header row (a markdown
/// separator row such as |---|---| is skipped); blank lines separate paragraphs, and consecutive other lines join into
/// one paragraph. Inside a table, a line with '|' stays a row even if it starts like a heading. Nothing else is markup: "&lt;b&gt;", "&amp;amp;", "**" stay as written.
/// </summary>
public static partial class OfficialDocumentText
{
    [GeneratedRegex("^[一二三四五六七八九十]+、")]
    private static partial Regex Heading1Pattern();

    [GeneratedRegex("^（[一二三四五六七八九十]+）")]
    private static partial Regex Heading2Pattern();

    [GeneratedRegex(@"^\s*:?-+:?\s*$")]
    private static partial Regex SeparatorCellPattern();

    public static IReadOnlyList<DocBlock> Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var blocks = new List<DocBlock>();
        var paragraph = new StringBuilder();
        var table = new List<IReadOnlyList<string>>();

        foreach (string raw in body.ReplaceLineEndings("\n").Split('\n'))
        {
            // Trim() also removes the full-width space U+3000 that people type to indent Chinese paragraphs.
            string line = raw.Trim();
            if (line.Length == 0)
            {
                FlushParagraph(blocks, paragraph);
                FlushTable(blocks, table);
            }
            else if ((Heading1Pattern().IsMatch(line) || Heading2Pattern().IsMatch(line)) && !(table.Count > 0 && line.Contains('|', StringComparison.Ordinal)))
            {
                FlushParagraph(blocks, paragraph);
                FlushTable(blocks, table);
                blocks.Add(Heading1Pattern().IsMatch(line) ? new Heading1Block(line) : new Heading2Block(line));
            }
            else if (line.Contains('|', StringComparison.Ordinal))
            {
                FlushParagraph(blocks, paragraph);
                var cells = Cells(line);
                if (!cells.All(c => SeparatorCellPattern().IsMatch(c)))
                {
                    table.Add(cells);
                }
            }
            else
            {
                FlushTable(blocks, table);
                Append(paragraph, line);
            }
        }

        FlushParagraph(blocks, paragraph);
        FlushTable(blocks, table);
        return blocks;
    }

    private static string[] Cells(string line)
    {
        string inner = line;
        if (inner.StartsWith('|'))
        {
            inner = inner[1..];
        }

        if (inner.EndsWith('|'))
        {
            inner = inner[..^1];
        }

        return [.. inner.Split('|').Select(c => c.Trim())];
    }

    private static void Append(StringBuilder paragraph, string line)
    {
        // Chinese lines join without a space; two Latin words or numbers broken across lines keep one between them.
        if (paragraph.Length > 0 && char.IsAsciiLetterOrDigit(paragraph[^1]) && char.IsAsciiLetterOrDigit(line[0]))
        {
            paragraph.Append(' ');
        }

        paragraph.Append(line);
    }

    private static void FlushParagraph(List<DocBlock> blocks, StringBuilder paragraph)
    {
        if (paragraph.Length > 0)
        {
            blocks.Add(new ParagraphBlock(paragraph.ToString()));
            paragraph.Clear();
        }
    }

    private static void FlushTable(List<DocBlock> blocks, List<IReadOnlyList<string>> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        int width = rows.Max(r => r.Count);
        var padded = rows.Select(r => (IReadOnlyList<string>)[.. r, .. Enumerable.Repeat(string.Empty, width - r.Count)]).ToList();
        blocks.Add(new TableBlock(padded[0], padded.Skip(1).ToList()));
        rows.Clear();
    }
}
