namespace Luoshi.Parsing.Text;

/// <summary>
/// A table flattened one cell per line (a PDF table copied as text): a run of header cells
/// ("序号", "工作任务", "牵头单位", …), then each row as a number line followed by its other cells.
/// The number line is rewritten to "N. 任务", the row's last cell line to its unit clause, and the
/// lines between are emptied, so the item spans the row's lines.
/// </summary>
internal static class FlatTableReader
{
    public static void Rewrite(List<SourceLine> lines, List<Diagnostic> diagnostics)
    {
        int i = 0;
        while (i < lines.Count)
        {
            if (ReadHeader(lines, i) is not ({ } header, int next))
            {
                i++;
                continue;
            }

            int headerLine = lines[i].Number;
            Blank(lines, i, next);
            TableReader.ReportUnknownColumns(header, headerLine, diagnostics);
            diagnostics.Add(new Diagnostic(headerLine, 0, Severity.Info, "table-flattened",
                $"表格（每格一行）：计划表格被拆成每格一行，已按表头逐行重组；{header.Describe()}。"));
            i = ReadRows(lines, next, header, diagnostics);
        }
    }

    /// <summary>A run of consecutive non-blank lines that reads as a header row; returns it and the index after it.</summary>
    private static (TableHeader, int)? ReadHeader(List<SourceLine> lines, int start)
    {
        if (TableHeader.Classify(lines[start].Text) is not (TableColumn.Number or TableColumn.Task))
        {
            return null;
        }

        var cells = new List<string>();
        int k = start;
        while (k < lines.Count && cells.Count < 12 && lines[k].Text.Length > 0
            && TableHeader.Classify(lines[k].Text) != TableColumn.Other && TableReader.SplitRow(lines[k].Text) is null
            && !NumberingReader.TryRead(lines[k].Text, out _))
        {
            cells.Add(lines[k].Text);
            k++;
        }

        return cells.Count >= 3 && TableHeader.TryRead(cells) is { } h && h.IndexOf(TableColumn.Number) == 0 ? (h, k) : null;
    }

    private static int ReadRows(List<SourceLine> lines, int i, TableHeader header, List<Diagnostic> diagnostics)
    {
        int expected = 1;
        while (i < lines.Count)
        {
            string t = lines[i].Text;
            if (t.Length == 0 || LineSplitter.IsPageNumber(t))
            {
                i++;
                continue;
            }

            if (ReadHeader(lines, i) is ({ } again, int after) && again.IsRepeatedBy([.. lines.Skip(i).Take(after - i).Select(l => l.Text)]))
            {
                Blank(lines, i, after);
                i = after;
                continue;
            }

            if (NumberingReader.TryRead(t, out var heading) && heading.Style is NumberStyle.ChineseComma or NumberStyle.ParenChinese)
            {
                // A part or group heading between rows: the next part restarts its numbering or runs on.
                i++;
                continue;
            }

            if (!TableReader.IsBareNumber(t))
            {
                return i;
            }

            int value = int.Parse(string.Concat(t.Select(c => (char)('0' + Chars.DigitValue(c)))), System.Globalization.CultureInfo.InvariantCulture);
            if (value != expected && value != 1)
            {
                diagnostics.Add(new Diagnostic(lines[i].Number, 0, Severity.Warning, "table-row-uncertain",
                    $"表格序号{t}与预期的{expected}不符，请核对该行。"));
            }

            expected = value + 1;
            i = ReadRow(lines, i, header, diagnostics);
        }

        return i;
    }

    /// <summary>Reads one row starting at its number line; returns the index after the row.</summary>
    private static int ReadRow(List<SourceLine> lines, int numberAt, TableHeader header, List<Diagnostic> diagnostics)
    {
        var cellLines = new List<int> { numberAt };
        int k = numberAt + 1;
        while (k < lines.Count && cellLines.Count < header.Count)
        {
            string t = lines[k].Text;
            if (t.Length == 0 || LineSplitter.IsPageNumber(t))
            {
                k++;
                continue;
            }

            if (TableReader.IsBareNumber(t) && cellLines.Count > 1 && header.Columns[cellLines.Count] != TableColumn.Number)
            {
                break;
            }

            if (cellLines.Count > 1 && Milestone(t) is int m && m > 1 && Milestone(lines[cellLines[^1]].Text) == m - 1)
            {
                // "1.4月底前…" then "2.9月底前…": milestones inside one cell, not cells nor items.
                lines[cellLines[^1]].Text += "；" + t;
                lines[k].Text = string.Empty;
                diagnostics.Add(new Diagnostic(lines[k].Number, 0, Severity.Info, "table-cell-milestones",
                    $"“{t}”是同一单元格内的进度节点，已并入上一格，不作为任务。"));
                k++;
                continue;
            }

            cellLines.Add(k);
            k++;
        }

        var cells = cellLines.Select(x => lines[x].Text).ToList();
        if (cells.Count < header.Count)
        {
            diagnostics.Add(new Diagnostic(lines[numberAt].Number, 0, Severity.Warning, "table-row-shape",
                $"表格第{cells[0]}行只有 {cells.Count} 个单元格，表头有 {header.Count} 列，已按列序读取，请核对。"));
        }

        int synthesized = 0;
        string rewritten = TableReader.RowText(header, cells, lines[numberAt].Number, ref synthesized, diagnostics);
        string clause = header.Clause(cells.Select(TableReader.CellValue).ToList());
        if (clause.Length > 0 && rewritten.EndsWith(clause, StringComparison.Ordinal) && cellLines.Count > 1)
        {
            lines[numberAt].Text = rewritten[..^clause.Length];
            Blank(lines, numberAt + 1, cellLines[^1]);
            lines[cellLines[^1]].Text = clause;
        }
        else
        {
            lines[numberAt].Text = rewritten;
            Blank(lines, numberAt + 1, cellLines[^1] + 1);
        }

        return cellLines[^1] + 1;
    }

    /// <summary>The number of a milestone line inside a cell ("1.4月底前…", "（2）9月底前…"), or null.</summary>
    private static int? Milestone(string t)
    {
        // The last milestone joined into a cell ends the cell's text: look at the part after the last joint.
        int joint = t.LastIndexOf('；');
        var s = t.AsSpan(joint + 1).TrimStart();
        int i = 0;
        bool paren = s.Length > 0 && s[0] is '（' or '(';
        if (paren)
        {
            i++;
        }

        int start = i;
        while (i < s.Length && i - start < 2 && Chars.IsDigit(s[i]))
        {
            i++;
        }

        if (i == start || i >= s.Length - 1)
        {
            return null;
        }

        bool closed = paren ? s[i] is '）' or ')' : s[i] is '.' or '．' or '、' or '﹒';
        if (!closed)
        {
            return null;
        }

        int value = 0;
        foreach (char c in s[start..i])
        {
            value = (value * 10) + Chars.DigitValue(c);
        }

        return value;
    }

    private static void Blank(List<SourceLine> lines, int from, int to)
    {
        for (int k = from; k < to && k < lines.Count; k++)
        {
            lines[k].Text = string.Empty;
        }
    }
}
