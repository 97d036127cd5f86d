namespace Luoshi.Parsing.Text;

/// <summary>
/// Stage 1b: plans laid out as tables are rewritten as numbered lines with a unit clause
/// ("3. 任务（牵头单位：A；责任单位：B）"), so that the later stages read them like any plan.
/// Three layouts: rows of cells split by '|' (markdown), rows split by tabs (a Word table pasted),
/// and a table flattened one cell per line (copied from a PDF). The header row decides the columns;
/// rows whose task cell is empty (blank templates) produce nothing.
/// </summary>
internal static class TableReader
{
    public static List<Diagnostic> Rewrite(List<SourceLine> lines)
    {
        var diagnostics = new List<Diagnostic>();
        RewriteRowTables(lines, diagnostics);
        FlatTableReader.Rewrite(lines, diagnostics);
        return diagnostics;
    }

    /// <summary>A cell's value: trimmed, with placeholders for an empty cell ("/", "—", "无") read as empty.</summary>
    public static string CellValue(string cell)
    {
        string v = TextRules.Fold(cell);
        return v is "/" or "／" or "—" or "——" or "-" or "－" or "无" or "空" or "\\" ? string.Empty : v;
    }

    /// <summary>Splits a row of a '|' or tab table into cells, or returns null when the line is not a row.</summary>
    public static List<string>? SplitRow(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (IsPipeRow(text))
        {
            string t = text.Trim();
            if (t[0] is '|' or '｜')
            {
                t = t[1..];
            }

            if (t.Length > 0 && t[^1] is '|' or '｜')
            {
                t = t[..^1];
            }

            return [.. t.Split(['|', '｜']).Select(c => c.Trim())];
        }

        return text.Contains('\t', StringComparison.Ordinal) ? [.. text.Split('\t').Select(c => TextRules.Fold(c))] : null;
    }

    private static bool IsPipeRow(string text)
    {
        int pipes = text.AsSpan().Count('|') + text.AsSpan().Count('｜');
        return pipes >= 2 || (pipes == 1 && text.Length > 0 && text[0] is '|' or '｜');
    }

    private static bool IsSeparatorRow(List<string> cells) =>
        cells.All(c => c.Length == 0 || c.All(ch => ch is '-' or ':' or '：' or '—' or ' ' or '='))
        && cells.Any(c => c.Contains('-', StringComparison.Ordinal) || c.Contains('—', StringComparison.Ordinal));

    private static void RewriteRowTables(List<SourceLine> lines, List<Diagnostic> diagnostics)
    {
        TableHeader? header = null;
        int headerLine = 0;
        int rowsRead = 0;
        int synthesized = 0;
        void CloseTable()
        {
            if (header is not null && rowsRead == 0)
            {
                diagnostics.Add(new Diagnostic(headerLine, 0, Severity.Info, "table-template",
                    "这张表格没有填写任何任务，视为空白样表，未读取。"));
            }

            header = null;
        }

        int unreadStart = -1;
        int unreadRows = 0;
        void FlushUnread()
        {
            if (unreadRows >= 3)
            {
                diagnostics.Add(new Diagnostic(lines[unreadStart].Number, 0, Severity.Warning, "table-not-understood",
                    $"这里有 {unreadRows} 行表格，但表头未能识别（需要“任务”“牵头单位”“责任单位”等列），未按表格读取。"));
            }

            unreadStart = -1;
            unreadRows = 0;
        }

        for (int i = 0; i < lines.Count; i++)
        {
            var cells = SplitRow(lines[i].Text);
            if (cells is not null && !IsPipeRow(lines[i].Text) && lines[i].Raw.Contains('\t', StringComparison.Ordinal))
            {
                // Cleaning trimmed the line's leading tabs, and with them its empty first cells.
                cells = SplitRow(LineSplitter.Clean(lines[i].Raw.Replace("\t", "\u0001", StringComparison.Ordinal))
                    .Replace("\u0001", "\t", StringComparison.Ordinal));
            }

            if (cells is null)
            {
                // A table ends at the first line that is not a row, except blank lines and lines a table
                // may hold between its rows (part headings, page footers).
                if (lines[i].Text.Length > 0 && !NumberingReader.TryRead(lines[i].Text, out _)
                    && !LineSplitter.IsPageNumber(lines[i].Text))
                {
                    CloseTable();
                    FlushUnread();
                }

                continue;
            }

            if (TableHeader.TryRead(cells) is { } h && (header is null || !header.IsRepeatedBy(cells)))
            {
                CloseTable();
                header = h;
                headerLine = lines[i].Number;
                rowsRead = 0;
                synthesized = 0;
                unreadStart = -1;
                unreadRows = 0;
                lines[i].Text = string.Empty;
                continue;
            }

            if (header is null)
            {
                if (cells.Count >= 3 && !IsSeparatorRow(cells))
                {
                    unreadStart = unreadStart < 0 ? i : unreadStart;
                    unreadRows++;
                }

                continue;
            }

            if (IsSeparatorRow(cells) || header.IsRepeatedBy(cells))
            {
                lines[i].Text = string.Empty;
                continue;
            }

            lines[i].Text = RowText(header, cells, lines[i].Number, ref synthesized, diagnostics, out bool isItem);
            if (isItem && cells.Count < header.Count && lines.Skip(i + 1).All(l => l.Text.Trim().Length == 0))
            {
                // A web copy that stops inside the last row: read what is there and say where it stops.
                diagnostics.Add(new Diagnostic(lines[i].Number, 0, Severity.Warning, "text-cut-off",
                    $"文本在第{lines[i].Number}行的表格行中途结束（只有 {cells.Count} 列），之后的内容可能缺失，请核对原文。"));
            }

            if (isItem && cells.Count != header.Count)
            {
                diagnostics.Add(new Diagnostic(lines[i].Number, 0, Severity.Warning, "table-row-shape",
                    $"表格这一行有 {cells.Count} 个单元格，表头有 {header.Count} 列，已按列序读取，请核对。"));
            }

            if (isItem && rowsRead++ == 0)
            {
                ReportUnknownColumns(header, headerLine, diagnostics);
                diagnostics.Add(new Diagnostic(headerLine, 0, Severity.Info, "table-read",
                    $"表格：计划以表格排列，已按表头“{string.Join("、", header.Labels.Where(l => l.Length > 0))}”逐行读取；{header.Describe()}。"));
            }
        }

        CloseTable();
        FlushUnread();
    }

    /// <summary>The text a row is rewritten to: a heading row keeps its one cell; an empty template row becomes blank.</summary>
    internal static string RowText(TableHeader header, IReadOnlyList<string> cells, int lineNumber, ref int synthesized,
        List<Diagnostic> diagnostics) => RowText(header, cells, lineNumber, ref synthesized, diagnostics, out _);

    internal static string RowText(TableHeader header, IReadOnlyList<string> cells, int lineNumber, ref int synthesized,
        List<Diagnostic> diagnostics, out bool isItem)
    {
        isItem = false;
        var filled = cells.Select(CellValue).ToList();
        int nonEmpty = filled.Count(c => c.Length > 0);
        if (nonEmpty == 1 && filled[0].Length > 0 && !IsBareNumber(filled[0]))
        {
            // A group or part heading written across a merged row ("一、重点工作").
            return filled[0];
        }

        int taskAt = header.IndexOf(TableColumn.Task);
        string task = taskAt < filled.Count ? filled[taskAt] : string.Empty;
        if (task.Length == 0)
        {
            return string.Empty;
        }

        int numberAt = header.IndexOf(TableColumn.Number);
        string number = numberAt >= 0 && numberAt < filled.Count ? filled[numberAt] : string.Empty;
        string prefix;
        if (number.Length > 0 && NumberingReader.TryRead(number + "x", out var n) && n.ContentStart == number.Length)
        {
            prefix = number;
        }
        else if (IsBareNumber(number))
        {
            prefix = number + ". ";
        }
        else
        {
            synthesized++;
            prefix = synthesized.ToString(System.Globalization.CultureInfo.InvariantCulture) + ". ";
            diagnostics.Add(new Diagnostic(lineNumber, 0, Severity.Warning, "table-number-missing",
                $"表格这一行没有可读的序号，已按行次编为第{synthesized}项，请核对。"));
        }

        int detailAt = header.IndexOf(TableColumn.Detail);
        string detail = detailAt >= 0 && detailAt < filled.Count ? filled[detailAt] : string.Empty;
        if (detail.Length > 0)
        {
            // "地区生产总值 | 增长6%": the target's requirement belongs to the task's text.
            task += (Chars.IsCloseBracket(task[^1]) || task[^1] is '。' or '；' or '：' or ':' ? string.Empty : "：") + detail;
        }

        isItem = true;
        return prefix + task + header.Clause(filled);
    }

    internal static bool IsBareNumber(string s) => s.Length is > 0 and <= 3 && s.All(Chars.IsDigit) && !s.All(c => c is '0' or '０');

    internal static void ReportUnknownColumns(TableHeader h, int lineNumber, List<Diagnostic> diagnostics)
    {
        for (int c = 0; c < h.Count; c++)
        {
            if (h.Columns[c] is TableColumn.Other or TableColumn.Known && h.Labels[c].Length > 0)
            {
                diagnostics.Add(new Diagnostic(lineNumber, 0, Severity.Info, "table-column-ignored",
                    $"表格列“{h.Labels[c]}”不是任务、单位、领导或时限，未读取其内容。"));
            }
        }
    }
}
