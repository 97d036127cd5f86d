namespace Luoshi.Core.Features.Forms;

/// <summary>The parts every form shares: a merged bold title, header lines, the column headers, row heights.</summary>
internal static class FormLayout
{
    private const double LineHeight = 14.5;
    private const double Padding = 5;
    private const double MinimumRowHeight = 20;

    public static void Title(SheetModel sheet, int row, string title)
    {
        sheet.Text(row, 1, title, CellLook.Title);
        sheet.Merge(row, 1, row, sheet.ColumnCount);
        sheet.Heights[row] = 40;
    }

    public static void HeaderLine(SheetModel sheet, int row, string text)
    {
        sheet.Text(row, 1, text, CellLook.HeaderLine);
        sheet.Merge(row, 1, row, sheet.ColumnCount);
        sheet.Heights[row] = 24;
    }

    public static void ColumnHeaders(SheetModel sheet, int row, IReadOnlyList<string> headers)
    {
        for (int c = 0; c < headers.Count; c++)
        {
            sheet.Text(row, c + 1, headers[c], CellLook.ColumnHeader);
        }
    }

    /// <summary>
    /// Sets the height of rows from <paramref name="firstRow"/> on so wrapped text shows whole when printed:
    /// Excel does not grow rows for text in merged cells, and not reliably for any row on opening a file.
    /// </summary>
    public static void FitRowHeights(SheetModel sheet, int firstRow)
    {
        var merged = new HashSet<(int, int)>();
        foreach (var m in sheet.Merges.Where(m => m.LastRow >= firstRow))
        {
            for (int r = m.FirstRow; r <= m.LastRow; r++)
            {
                for (int c = m.FirstColumn; c <= m.LastColumn; c++)
                {
                    merged.Add((r, c));
                }
            }
        }

        int lastRow = sheet.LastRow;
        for (int r = firstRow; r <= lastRow; r++)
        {
            int lines = 1;
            for (int c = 1; c <= sheet.ColumnCount; c++)
            {
                if (!merged.Contains((r, c)) && sheet.At(r, c)?.Text is { } text)
                {
                    lines = Math.Max(lines, Lines(text, sheet.Widths[c - 1]));
                }
            }

            sheet.Heights[r] = Math.Max(MinimumRowHeight, lines * LineHeight + Padding);
        }

        foreach (var m in sheet.Merges.Where(m => m.FirstRow >= firstRow && m.LastRow > m.FirstRow))
        {
            if (sheet.At(m.FirstRow, m.FirstColumn)?.Text is not { } text)
            {
                continue;
            }

            double width = Enumerable.Range(m.FirstColumn, m.LastColumn - m.FirstColumn + 1).Sum(c => sheet.Widths[c - 1]);
            double needed = Lines(text, width) * LineHeight + Padding;
            int count = m.LastRow - m.FirstRow + 1;
            double have = Enumerable.Range(m.FirstRow, count).Sum(r => sheet.Heights[r]);
            if (needed > have)
            {
                double extra = (needed - have) / count;
                for (int r = m.FirstRow; r <= m.LastRow; r++)
                {
                    sheet.Heights[r] += extra;
                }
            }
        }
    }

    /// <summary>Printed lines a text takes in a column: CJK and full-width characters are two units wide, others one.</summary>
    internal static int Lines(string text, double width)
    {
        int usable = Math.Max(2, (int)Math.Floor(width) - 1);
        int lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            int units = 0;
            foreach (char ch in paragraph)
            {
                units += ch switch
                {
                    _ when char.IsLowSurrogate(ch) => 0,
                    _ when char.IsHighSurrogate(ch) => 2,
                    >= '\uFF61' and <= '\uFFDC' => 1,
                    >= '\u2E80' => 2,
                    _ => 1,
                };
            }

            lines += Math.Max(1, (units + usable - 1) / usable);
        }

        return lines;
    }
}
