namespace Luoshi.Parsing.Outline;

/// <summary>Stage 4, continued: closing an item (its clause read, its numbering checked).</summary>
internal sealed partial class OutlineBuilder
{
    private void CloseItem()
    {
        if (_current is not { } b)
        {
            return;
        }

        _current = null;
        _lastClauseUnclosed = false;
        string text = b.Text;
        ClauseContent? clause = null;
        if (b.HasClause)
        {
            _lastClauseUnclosed = b.ClauseBracketed && !b.ClauseClosed;
            if (_lastClauseUnclosed)
            {
                _diagnostics.Add(new Diagnostic(b.ClauseLine, 0, Severity.Info, "unclosed-bracket",
                    "单位说明的括号没有闭合，已读到下一项任务之前为止。"));
            }

            if (b.ExtraClauses.Count == 0)
            {
                // One clause, the usual case: its content is what merging it into an empty one would give.
                clause = ClauseReader.Read(b.Clause, b.ClauseLine, _diagnostics);
            }
            else
            {
                clause = new ClauseContent();
                foreach (string extra in b.ExtraClauses)
                {
                    Merge(clause, ClauseReader.Read(extra, b.ClauseLine, _diagnostics));
                }

                Merge(clause, ClauseReader.Read(b.Clause, b.ClauseLine, _diagnostics));
            }
        }
        else
        {
            clause = TryUnlabelled(ref text, b.LastLine);
        }

        clause ??= new ClauseContent();

        _definitions.AddRange(clause.Definitions);
        if (clause.Lead.Count == 0 && clause.Responsible.Count == 0)
        {
            _diagnostics.Add(new Diagnostic(b.FirstLine, 0, Severity.Warning, "item-without-units",
                $"第{b.Numbering.Token}项没有读到牵头单位或责任单位。"));
        }

        if (text.Length == 0)
        {
            _diagnostics.Add(new Diagnostic(b.FirstLine, 0, Severity.Warning, "item-without-text",
                $"第{b.Numbering.Token}项没有任务内容。"));
        }

        var leaders = clause.Leaders.Count > 0 ? clause.Leaders
            : (_groupLeader ?? _part!.Leader) is { } l ? [l] : new List<string>();
        CheckNumbering(b);
        _items.Add(new NoticeItem(_part!.Index, _part.Kind, b.Numbering.Token, b.Numbering.Value, _group, _theme, text,
            clause.Lead, clause.Responsible, leaders, clause.Deadline, b.FirstLine, b.LastLine));
    }

    private ClauseContent? TryUnlabelled(ref string text, int line)
    {
        if (UnlabelledClause.TrySplit(text, line, _diagnostics) is not { } split)
        {
            return null;
        }

        text = split.Text;
        _diagnostics.Add(new Diagnostic(line, 0, Severity.Info, "unlabelled-clause",
            "单位说明没有“牵头单位：”等标签，已按“××牵头，××配合”的写法读取。"));
        return split.Clause;
    }

    private static void Merge(ClauseContent into, ClauseContent from)
    {
        into.Lead.AddRange(from.Lead);
        into.Responsible.AddRange(from.Responsible);
        into.Leaders.AddRange(from.Leaders);
        into.Deadline ??= from.Deadline;
        into.Definitions.AddRange(from.Definitions);
    }

    private void CheckNumbering(ItemBuilder b)
    {
        int value = b.Numbering.Value;
        if (_items.Count == 0)
        {
            if (value != 1)
            {
                _diagnostics.Add(new Diagnostic(b.FirstLine, 0, Severity.Warning, "numbering-gap",
                    $"计划的第一项编号是{b.Numbering.Token}，不是1。"));
            }

            return;
        }

        var prev = _items[^1];
        bool samePart = prev.Part == _part!.Index;
        // Numbering runs on, or restarts at 1 in a new part or a new group.
        bool ok = value == prev.Ordinal + 1 || (value == 1 && (!samePart || !string.Equals(prev.Group, _group, StringComparison.Ordinal)));
        if (!ok)
        {
            _diagnostics.Add(new Diagnostic(b.FirstLine, 0, Severity.Warning, "numbering-gap",
                $"编号不连续：第{prev.Number}项之后是第{b.Numbering.Token}项。"));
        }
    }

    private int ExpectedNext() =>
        _current is not null ? _current.Numbering.Value + 1
        : _items.Count > 0 && _items[^1].Part == _part!.Index ? _items[^1].Ordinal + 1
        : 1;
}
