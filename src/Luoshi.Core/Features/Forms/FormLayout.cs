namespace Luoshi.Core.Features.Forms;

/// <summary>The parts every form shares: a merged bold title, header lines, the column headers, row heights.</summary>
internal static class FormLayout
{
    private const double LineHeight = 14.5;
    private const double Padding = 5;
    private const double MinimumRowHeight = 20;

    /// <summary>
    /// The head a form starts with: the merged title in row 1, the header line below it if the form has one, then the column
    /// headers (repeated on every printed page, frozen on screen). Returns the first row of data.
    /// </summary>
    public static int Head(SheetModel sheet, string title, string? headerLine, IReadOnlyList<string> headers)
    {
        Title(sheet, 1, title);
        int row = 2;
        if (headerLine is not null)
        {
            HeaderLine(sheet, row++, headerLine);
        }

        ColumnHeaders(sheet, row, headers);
        sheet.HeaderRows = (row, row);
        return row + 1;
    }

    /// <summary>
    /// A record on as many rows as it has <paramref name="parts"/> (at least one: a record without parts gets one row with
    /// none): <paramref name="write"/> writes each part's row from <paramref name="row"/> on, then the record's own
    /// <paramref name="mergedColumns"/> are merged down its rows. Returns the rows taken.
    /// </summary>
    public static int PartRows<T>(SheetModel sheet, int row, IReadOnlyList<T> parts, Action<int, T?> write, params ReadOnlySpan<int> mergedColumns)
        where T : class
    {
        int count = Math.Max(1, parts.Count);
        for (int i = 0; i < count; i++)
        {
            write(row + i, i < parts.Count ? parts[i] : null);
        }

        MergeDown(sheet, row, count, mergedColumns);
        return count;
    }

    /// <summary>Merges each of <paramref name="columns"/> down a block of <paramref name="count"/> rows from <paramref name="row"/> (one record on several rows).</summary>
    public static void MergeDown(SheetModel sheet, int row, int count, params ReadOnlySpan<int> columns)
    {
        foreach (int column in columns)
        {
            sheet.Merge(row, column, row + count - 1, column);
        }
    }

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
