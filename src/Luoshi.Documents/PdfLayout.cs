using System.Text.RegularExpressions;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Luoshi.Documents;

/// <summary>
/// Rebuilds lines and paragraphs from positioned letters.
/// <para>Lines: letters whose baselines lie within 0.4 em of each other form a line, ordered along the baseline. A space
/// goes where the PDF draws one; where it does not, a gap becomes a space only when it is wider than justification makes
/// it: about a fifth of an em between letters, half an em between a CJK glyph and a letter, most of an em between two CJK
/// glyphs (justified Chinese text is stretched glyph by glyph). A gap wider than one and a half em is a '\t' (tab stops,
/// table columns; several empty tab columns in a row come out as one '\t').</para>
/// <para>Paragraphs: a line that reaches the right edge of the text block so closely that the next line's first word could
/// not have fitted on it, followed at the normal line pitch by a line of the same size that is not indented further, was
/// wrapped by the layout: the two are joined (with nothing between CJK, a space between words). A wider gap than the
/// normal pitch becomes a blank line. Pages are separated by a blank line, unless the last line of one page runs on into
/// the first line of the next by the same rule. Lines that only carry a page number (“— 3 —”, “第 3 页”) at the top or
/// bottom of a page are dropped.</para>
/// </summary>
internal static partial class PdfLayout
{
    /// <summary>One letter in its line's frame: U runs along the baseline, V across it (larger V is earlier).</summary>
    internal readonly record struct Glyph(string Value, double U0, double U1, double V, double Size);

    /// <summary>A line of text with its geometry.</summary>
    /// <param name="Text">The letters, with spaces and tabs where the gaps call for them.</param>
    /// <param name="Start">Where the first letter starts along the baseline.</param>
    /// <param name="End">Where the last letter ends along the baseline.</param>
    /// <param name="V">The baseline's position across the lines (larger is earlier).</param>
    /// <param name="Size">The median font size in points.</param>
    /// <param name="FirstTokenWidth">The width of the first word (or CJK character with its closing punctuation).</param>
    /// <param name="TrailingSpace">The PDF draws a space after the last letter: a space the layout swallowed at a wrap.</param>
    internal sealed record Line(string Text, double Start, double End, double V, double Size, double FirstTokenWidth, bool TrailingSpace = false);

    /// <summary>The lines of one page, top to bottom, and the page's extent along the lines (NaN when unknown).</summary>
    internal sealed record PageLines(IReadOnlyList<Line> Lines, double ExtentStart = double.NaN, double ExtentEnd = double.NaN);

    /// <summary>The lines of a page; <paramref name="box"/> is its crop box, which tells the right margin when the text alone cannot.</summary>
    public static PageLines Lines(IEnumerable<Letter> letters, PdfRectangle? box = null)
    {
        // Each orientation is laid out on its own: rotated stamps or margin notes must not interleave with the body.
        var groups = new Dictionary<TextOrientation, List<Glyph>>();
        foreach (Letter l in letters)
        {
            if (string.IsNullOrEmpty(l.Value))
            {
                continue;
            }

            TextOrientation o = l.TextOrientation == TextOrientation.Other ? TextOrientation.Horizontal : l.TextOrientation;
            (double dx, double dy) = o switch
            {
                TextOrientation.Rotate180 => (-1.0, 0.0),
                TextOrientation.Rotate90 => (0.0, -1.0),
                TextOrientation.Rotate270 => (0.0, 1.0),
                _ => (1.0, 0.0),
            };

            // "Up" is the text direction turned a quarter anticlockwise.
            (double ux, double uy) = (-dy, dx);
            double u0 = (l.StartBaseLine.X * dx) + (l.StartBaseLine.Y * dy);
            double u1 = (l.EndBaseLine.X * dx) + (l.EndBaseLine.Y * dy);
            double size = l.PointSize > 0.5 ? l.PointSize : Math.Max(l.BoundingBox.Height, 1);
            if (u1 - u0 <= 0.01)
            {
                u1 = u0 + Math.Max(l.BoundingBox.Width, size * (Cjk.Is(l.Value[0]) ? 1.0 : 0.5));
            }

            double v = (l.StartBaseLine.X * ux) + (l.StartBaseLine.Y * uy);
            if (!groups.TryGetValue(o, out List<Glyph>? list))
            {
                groups[o] = list = [];
            }

            list.Add(new Glyph(l.Value, u0, u1, v, size));
        }

        var lines = new List<Line>();
        foreach (List<Glyph> group in groups.OrderByDescending(g => g.Value.Count).Select(g => g.Value))
        {
            lines.AddRange(Lines(group));
        }

        TextOrientation main = groups.Count == 0 ? TextOrientation.Horizontal : groups.MaxBy(g => g.Value.Count).Key;
        if (box is not PdfRectangle b)
        {
            return new PageLines(lines);
        }

        (double lo, double hi) = main switch
        {
            TextOrientation.Rotate180 => (-b.Right, -b.Left),
            TextOrientation.Rotate90 => (-b.Top, -b.Bottom),
            TextOrientation.Rotate270 => (b.Bottom, b.Top),
            _ => (b.Left, b.Right),
        };
        return new PageLines(lines, lo, hi);
    }

    /// <summary>Groups glyphs into lines by baseline and writes each line.</summary>
    internal static List<Line> Lines(List<Glyph> glyphs)
    {
        var result = new List<Line>();
        var sorted = glyphs.OrderByDescending(g => g.V).ThenBy(g => g.U0).ToList();
        var current = new List<Glyph>();
        double lineV = 0;
        double lineSize = 0;
        foreach (Glyph g in sorted)
        {
            if (current.Count > 0 && Math.Abs(g.V - lineV) > 0.4 * Math.Max(g.Size, lineSize))
            {
                Flush(current, result);
                current.Clear();
            }

            if (current.Count == 0)
            {
                lineV = g.V;
                lineSize = g.Size;
            }
            else if (!IsSpace(g.Value))
            {
                lineSize = Math.Max(lineSize, g.Size);
            }

            current.Add(g);
        }

        Flush(current, result);
        return result;
    }

    private static void Flush(List<Glyph> glyphs, List<Line> result)
    {
        var ordered = glyphs.OrderBy(g => g.U0).ToList();
        var text = new StringBuilder();
        Glyph? prev = null;
        bool pendingSpace = false;
        int spaces = 0;
        double spaceWidth = 0;
        double lastSpaceAt = double.NegativeInfinity;
        double start = 0;
        double end = 0;
        var sizes = new List<double>();
        var vs = new List<double>();
        foreach (Glyph g in ordered)
        {
            if (IsSpace(g.Value))
            {
                // Leading spaces are indentation, not text; a space drawn twice at one place (fake bold) counts once.
                if (prev is not null && g.U0 - lastSpaceAt > 0.05 * g.Size)
                {
                    pendingSpace = true;
                    spaces++;
                    spaceWidth += g.U1 - g.U0;
                    lastSpaceAt = g.U0;
                }

                continue;
            }

            if (prev is Glyph p)
            {
                // Fake bold: the same glyph drawn twice, slightly offset.
                if (string.Equals(p.Value, g.Value, StringComparison.Ordinal) && Math.Abs(g.U0 - p.U0) < 0.2 * g.Size
                    && Math.Abs(g.V - p.V) < 0.2 * g.Size)
                {
                    continue;
                }

                double gap = g.U0 - p.U1;
                double em = Math.Max(p.Size, g.Size);
                bool cjkPair = Cjk.Is(p.Value[^1]) && Cjk.Is(g.Value[0]);
                if (gap - spaceWidth > 1.5 * em)
                {
                    text.Append('\t');
                }
                else if (spaces > 0)
                {
                    text.Append(' ', spaces);
                }
                else if (gap > (cjkPair ? 0.8 : Cjk.Is(p.Value[^1]) || Cjk.Is(g.Value[0]) ? 0.45 : 0.2) * em)
                {
                    text.Append(' ');
                }
            }
            else
            {
                start = g.U0;
            }

            text.Append(g.Value);
            end = Math.Max(end, g.U1);
            sizes.Add(g.Size);
            vs.Add(g.V);
            prev = g;
            pendingSpace = false;
            spaces = 0;
            spaceWidth = 0;
        }

        if (prev is null)
        {
            return;
        }

        sizes.Sort();
        vs.Sort();
        string s = text.ToString();
        result.Add(new Line(s, start, end, vs[vs.Count / 2], sizes[sizes.Count / 2], FirstTokenWidth(ordered), pendingSpace));
    }

    /// <summary>
    /// The width of what a layout engine would have had to fit on the previous line to keep this line's start there:
    /// a whole word of letters or digits, or one CJK character with the punctuation that may not begin a line after it.
    /// </summary>
    private static double FirstTokenWidth(List<Glyph> ordered)
    {
        int i = 0;
        while (i < ordered.Count && IsSpace(ordered[i].Value))
        {
            i++;
        }

        if (i == ordered.Count)
        {
            return 0;
        }

        double start = ordered[i].U0;

        // Opening brackets and quotes may not end a line: they go down with the character after them.
        while (i + 1 < ordered.Count && Cjk.NoLineEnd(ordered[i].Value[^1]) && !IsSpace(ordered[i + 1].Value))
        {
            i++;
        }

        double end = ordered[i].U1;
        bool cjk = Cjk.Is(ordered[i].Value[0]);
        for (int j = i + 1; j < ordered.Count; j++)
        {
            Glyph g = ordered[j];
            if (IsSpace(g.Value) || g.U0 - end > 0.2 * g.Size)
            {
                break;
            }

            bool noStart = Cjk.NoLineStart(g.Value[0]);
            if (cjk ? !noStart : Cjk.Is(g.Value[0]) && !noStart)
            {
                break;
            }

            end = g.U1;
        }

        return end - start;
    }

    private static bool IsSpace(string s) => string.IsNullOrWhiteSpace(s);

    /// <summary>Writes the pages as text: wrapped lines joined, paragraph gaps as blank lines, pages separated by a blank line.</summary>
    public static string Compose(IReadOnlyList<PageLines> pages, out int pageNumbersDropped)
    {
        pageNumbersDropped = 0;
        var cleaned = new List<List<Line>>();
        foreach (PageLines page in pages)
        {
            var lines = page.Lines.ToList();
            pageNumbersDropped += DropPageNumbers(lines);
            cleaned.Add(lines);
        }

        double pitch = PitchRatio(cleaned);
        (double left, double right) = Block(cleaned);
        double bodyEm = Median(cleaned.SelectMany(l => l).Select(l => l.Size).ToList(), 12);
        var sb = new StringBuilder();
        Line? prev = null;
        bool anyPage = false;
        for (int p = 0; p < cleaned.Count; p++)
        {
            List<Line> lines = cleaned[p];
            if (lines.Count == 0)
            {
                continue;
            }

            double pageLeft = double.IsFinite(left) ? left : lines.Min(l => l.Start);
            double pageRight = right;
            if (double.IsFinite(pages[p].ExtentStart) && double.IsFinite(pages[p].ExtentEnd))
            {
                // Margins as wide on the right as on the left: official documents keep them within a few millimetres.
                // A right edge that lines share but that lies far from there (a column of equally short lines) is not the block's edge.
                double symmetric = pages[p].ExtentEnd - (pageLeft - pages[p].ExtentStart);
                if (!double.IsFinite(right) || Math.Abs(right - symmetric) > 4 * bodyEm)
                {
                    pageRight = symmetric;
                }
            }

            for (int i = 0; i < lines.Count; i++)
            {
                Line line = lines[i];
                if (prev is null)
                {
                    // First line of the document.
                }
                else if (i == 0)
                {
                    bool runsOn = Wrapped(prev, line, pageLeft, pageRight);
                    sb.Append(runsOn ? Joiner(prev, line) : "\n\n");
                }
                else
                {
                    double em = Math.Max(prev.Size, line.Size);
                    double delta = prev.V - line.V;
                    if (delta <= 1.35 * pitch * em && delta > 0.5 * pitch * em && Wrapped(prev, line, pageLeft, pageRight))
                    {
                        sb.Append(Joiner(prev, line));
                    }
                    else
                    {
                        sb.Append(delta > 1.7 * pitch * em ? "\n\n" : "\n");
                    }
                }

                sb.Append(line.Text);
                prev = line;
                anyPage = true;
            }
        }

        return anyPage ? sb.ToString() : string.Empty;
    }

    /// <summary>The previous line was filled to the right edge and the next continues it at the same size without indentation.</summary>
    private static bool Wrapped(Line prev, Line next, double left, double right)
    {
        double em = Math.Max(prev.Size, next.Size);
        if (Math.Abs(prev.Size - next.Size) > 0.2 * em || prev.Text.Contains('\t', StringComparison.Ordinal)
            || next.Text.Contains('\t', StringComparison.Ordinal))
        {
            return false;
        }

        bool full = right - prev.End < next.FirstTokenWidth + (0.6 * em);
        bool notIndented = next.Start <= prev.Start + (0.5 * em) || next.Start <= left + (0.5 * em);
        return full && notIndented;
    }

    private static string Joiner(Line prev, Line next)
    {
        char a = prev.Text[^1];
        char b = next.Text[0];
        if (prev.TrailingSpace && !(Cjk.Is(a) && Cjk.Is(b)))
        {
            return " ";
        }

        return Cjk.Is(a) || Cjk.Is(b) || a == '-' ? string.Empty : " ";
    }

    private static double Median(List<double> values, double fallback)
    {
        if (values.Count == 0)
        {
            return fallback;
        }

        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>The normal distance between baselines, in em: a low percentile of the gaps between neighbouring lines of the same size.</summary>
    private static double PitchRatio(List<List<Line>> pages)
    {
        var ratios = new List<double>();
        foreach (List<Line> lines in pages)
        {
            for (int i = 1; i < lines.Count; i++)
            {
                Line a = lines[i - 1];
                Line b = lines[i];
                double em = Math.Max(a.Size, b.Size);
                double r = (a.V - b.V) / em;
                if (Math.Abs(a.Size - b.Size) <= 0.2 * em && r >= 0.9 && r <= 4)
                {
                    ratios.Add(r);
                }
            }
        }

        if (ratios.Count == 0)
        {
            return 1.5;
        }

        ratios.Sort();
        return ratios[ratios.Count / 10];
    }

    /// <summary>
    /// The left and right edges of the text block: the outermost line starts and ends that several lines share (within
    /// an em), so that one wide table row or one short page does not set them. Without such support there is no evidence
    /// of wrapping and no line counts as full.
    /// </summary>
    private static (double Left, double Right) Block(List<List<Line>> pages)
    {
        var lines = pages.SelectMany(l => l).Where(l => !l.Text.Contains('\t', StringComparison.Ordinal)).ToList();
        int k = Math.Max(3, (int)Math.Ceiling(lines.Count * 0.05));
        double right = Edge(lines.Select(l => (-l.End, l.Size)).ToList(), k, 1.0) is double r ? -r : double.PositiveInfinity;
        double left = Edge(lines.Select(l => (l.Start, l.Size)).ToList(), k, 0.5) ?? double.NegativeInfinity;
        return (left, right);
    }

    /// <summary>The smallest value that at least <paramref name="k"/> values reach within <paramref name="ems"/> em of it.</summary>
    private static double? Edge(List<(double Value, double Size)> values, int k, double ems)
    {
        if (values.Count < k)
        {
            return null;
        }

        values.Sort((a, b) => a.Value.CompareTo(b.Value));
        for (int i = 0; i + k - 1 < values.Count; i++)
        {
            if (values[i + k - 1].Value - values[i].Value <= ems * values[i].Size)
            {
                return values[i].Value;
            }
        }

        return null;
    }

    /// <summary>Removes a page's first or last line when it carries only a page number and stands apart from the text.</summary>
    private static int DropPageNumbers(List<Line> lines)
    {
        int dropped = 0;
        if (lines.Count > 0 && IsPageNumber(lines[^1]) && (lines.Count == 1 || Apart(lines[^2], lines[^1])))
        {
            lines.RemoveAt(lines.Count - 1);
            dropped++;
        }

        if (lines.Count > 0 && IsPageNumber(lines[0]) && (lines.Count == 1 || Apart(lines[0], lines[1])))
        {
            lines.RemoveAt(0);
            dropped++;
        }

        return dropped;
    }

    private static bool Apart(Line upper, Line lower) => upper.V - lower.V > 2.0 * Math.Max(upper.Size, lower.Size);

    private static bool IsPageNumber(Line line) => PageNumber().IsMatch(line.Text.Normalize(NormalizationForm.FormKC).Trim());

    [GeneratedRegex(@"^(?:[-—–~·\s]*\d{1,4}[-—–~·\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();
}

/// <summary>Character classes for Chinese layout.</summary>
internal static class Cjk
{
    /// <summary>Han characters, CJK punctuation, full-width forms, Kangxi radicals, and the quotes and dashes set in Chinese text.</summary>
    public static bool Is(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF')
            or (>= '\u2E80' and <= '\u2FDF') or (>= '\u3000' and <= '\u303F') or (>= '\uFF00' and <= '\uFFEF')
            or (>= '\u3200' and <= '\u33FF') or (>= '\uFE30' and <= '\uFE4F') or '“' or '”' or '‘' or '’' or '—' or '…' or '·'
        || char.IsSurrogate(c);

    /// <summary>Opening brackets and quotes, which may not end a line (kinsoku).</summary>
    public static bool NoLineEnd(char c) =>
        c is '(' or '[' or '{' or '（' or '【' or '《' or '〈' or '「' or '『' or '〔' or '“' or '‘' or '［' or '｛';

    /// <summary>Punctuation that may not begin a line (kinsoku): the layout pulls the character before it down too.</summary>
    public static bool NoLineStart(char c) =>
        c is '，' or '。' or '、' or '；' or '：' or '！' or '？' or '）' or '》' or '〉' or '」' or '』' or '】' or '〕' or '”' or '’'
            or ',' or '.' or ';' or ':' or '!' or '?' or ')' or ']' or '%' or '％' or '…';
}
