namespace Luoshi.Parsing.Text;

/// <summary>What a table column holds, read from its header cell.</summary>
internal enum TableColumn
{
    Other,
    Number,
    Task,
    Lead,
    Responsible,
    Leader,
    Deadline,

    /// <summary>目标要求, 工作措施 …: what the task must reach, read into the item's text after the task.</summary>
    Detail,

    /// <summary>目标类型, 任务来源, 备注 …: a column the reader knows and does not need.</summary>
    Known,
}

/// <summary>A table's header row: the role of each column and the label its clause is written under.</summary>
internal sealed class TableHeader
{
    private static readonly string[] TaskWords = ["任务", "事项", "工作内容", "目标", "项目", "指标"];

    /// <summary>Header cells of a column that says what the task must reach (read after the task's text).</summary>
    private static readonly string[] DetailHeaders =
    [
        "目标要求", "工作要求", "具体目标", "目标任务要求", "主要内容", "具体内容", "工作措施", "具体措施", "推进措施",
        "工作目标", "年度目标", "进度安排", "主要举措", "预期目标", "目标值", "具体要求", "完成标准", "工作举措",
    ];

    /// <summary>Words of header cells the reader knows and leaves unread (the kind of target, where the task comes from).</summary>
    private static readonly string[] KnownWords = ["类型", "类别", "来源", "属性", "备注", "分值", "权重", "依据"];

    private TableHeader(TableColumn[] columns, string[] labels)
    {
        Columns = columns;
        Labels = labels;
    }

    public TableColumn[] Columns { get; }

    /// <summary>The header cell as printed (spaces removed), per column.</summary>
    public string[] Labels { get; }

    public int Count => Columns.Length;

    public int IndexOf(TableColumn c) => Array.IndexOf(Columns, c);

    /// <summary>
    /// Reads a header row: it needs a task column and a column naming units or leaders, and at
    /// most one cell in three that is not a known header.
    /// </summary>
    public static TableHeader? TryRead(IReadOnlyList<string> cells)
    {
        if (cells.Count < 2 || cells.Count > 12)
        {
            return null;
        }

        var columns = new TableColumn[cells.Count];
        var labels = new string[cells.Count];
        int other = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            labels[i] = Compact(cells[i]);
            var c = Classify(labels[i]);
            if (c is TableColumn.Task or TableColumn.Number && Array.IndexOf(columns, c, 0, i) >= 0)
            {
                // A second task-like column ("具体工作内容" beside "责任事项") is not read.
                c = TableColumn.Other;
            }

            columns[i] = c;
            other += c == TableColumn.Other ? 1 : 0;
        }

        if (Array.IndexOf(columns, TableColumn.Task) < 0 && Array.IndexOf(columns, TableColumn.Detail) is int d and >= 0)
        {
            // "序号 | 目标要求 | 牵头部门": the only text column is the task.
            columns[d] = TableColumn.Task;
        }

        bool hasTask = Array.IndexOf(columns, TableColumn.Task) >= 0;
        bool hasWho = columns.Any(c => c is TableColumn.Lead or TableColumn.Responsible or TableColumn.Leader);
        return hasTask && hasWho && other * 3 <= cells.Count ? new TableHeader(columns, labels) : null;
    }

    /// <summary>True when the cells repeat this header (tables repeat their header on every page).</summary>
    public bool IsRepeatedBy(IReadOnlyList<string> cells) =>
        cells.Count == Count && cells.Select(Compact).SequenceEqual(Labels, StringComparer.Ordinal);

    public static TableColumn Classify(string header)
    {
        // Every line of a notice is asked whether it is a header cell: count before copying.
        int kept = CompactLength(header);
        if (kept == 0 || kept > 12)
        {
            return TableColumn.Other;
        }

        string h = kept == header.Length ? header : Compact(header);

        if (h is "序号" or "编号" or "序" or "顺序号")
        {
            return TableColumn.Number;
        }

        bool unitWord = h.Contains("单位", StringComparison.Ordinal) || h.Contains("部门", StringComparison.Ordinal);
        if (h.StartsWith("牵头", StringComparison.Ordinal) && unitWord)
        {
            return TableColumn.Lead;
        }

        if (h.Contains("领导", StringComparison.Ordinal) || h is "责任人" or "牵头负责人")
        {
            return TableColumn.Leader;
        }

        if (h.Contains("时限", StringComparison.Ordinal) || h.Contains("完成时间", StringComparison.Ordinal)
            || h.Contains("时间节点", StringComparison.Ordinal))
        {
            return TableColumn.Deadline;
        }

        if (unitWord)
        {
            return TableColumn.Responsible;
        }

        if (Array.IndexOf(DetailHeaders, h) >= 0)
        {
            return TableColumn.Detail;
        }

        foreach (string w in KnownWords)
        {
            if (h.Contains(w, StringComparison.Ordinal))
            {
                return TableColumn.Known;
            }
        }

        return HasTaskWord(h) && !h.Contains("科室", StringComparison.Ordinal) ? TableColumn.Task : TableColumn.Other;
    }

    private static bool HasTaskWord(string h)
    {
        foreach (string w in TaskWords)
        {
            if (h.Contains(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The clause label a column's cell is written under when the row is rewritten.</summary>
    public string ClauseLabel(int column) => Columns[column] switch
    {
        TableColumn.Lead => "牵头单位",
        TableColumn.Responsible => Units.ClauseLabels.MatchAt(Labels[column] + "：", 0) is { Role: Units.LabelRole.Responsible } m
            ? m.Label : "责任单位",
        TableColumn.Leader => Units.ClauseLabels.MatchAt(Labels[column] + "：", 0) is { Role: Units.LabelRole.Leader } l
            ? l.Label : "责任领导",
        TableColumn.Deadline => "完成时限",
        TableColumn.Other or TableColumn.Number or TableColumn.Task or TableColumn.Detail or TableColumn.Known => string.Empty,
        _ => string.Empty,
    };

    /// <summary>
    /// Which column the reader takes each thing from, for the layout diagnostic: "任务取自第2列“工作任务”，牵头单位取自第4列“牵头部门”…".
    /// </summary>
    public string Describe()
    {
        var parts = new List<string>();
        for (int i = 0; i < Count; i++)
        {
            string? what = Columns[i] switch
            {
                TableColumn.Number => "序号",
                TableColumn.Task => "任务",
                TableColumn.Detail => "任务要求",
                TableColumn.Lead => "牵头单位",
                TableColumn.Responsible => "责任单位",
                TableColumn.Leader => "领导",
                TableColumn.Deadline => "完成时限",
                _ => null,
            };
            if (what is not null)
            {
                parts.Add($"{what}取自第{i + 1}列“{Labels[i]}”");
            }
        }

        return string.Join("，", parts);
    }

    /// <summary>The clause for a row: "（牵头单位：A；责任单位：B；完成时限：C）", or empty when no cell names anything.</summary>
    public string Clause(IReadOnlyList<string> cells)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < Count && i < cells.Count; i++)
        {
            string label = ClauseLabel(i);
            string value = TableReader.CellValue(cells[i]);
            if (label.Length == 0 || value.Length == 0)
            {
                continue;
            }

            sb.Append(sb.Length == 0 ? "（" : "；").Append(label).Append('：').Append(value);
        }

        return sb.Length == 0 ? string.Empty : sb.Append('）').ToString();
    }

    private static bool IsKept(char c) => !Chars.IsSpace(c) && c is not ('*' or '#');

    private static int CompactLength(string s)
    {
        int n = 0;
        foreach (char c in s)
        {
            if (IsKept(c) && ++n > 12)
            {
                break;
            }
        }

        return n;
    }

    private static string Compact(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            if (IsKept(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
