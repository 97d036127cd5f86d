namespace Luoshi.Parsing.Outline;

/// <summary>
/// The layout families the reader knows, as data: each a name shown to the office and the sign that the notice uses it
/// (a recogniser's diagnostic, a label, a leader). <see cref="Describe"/> names every family met, in one diagnostic, so the
/// office sees which layout was read; a plan read in none of them says so instead of guessing (layout-not-understood).
/// </summary>
internal static class LayoutFamilies
{
    private static readonly (string Name, Func<Signs, bool> Seen)[] All =
    [
        ("表格（竖线或制表符分隔的行）", n => n.Has("table-read")),
        ("表格（每格一行）", n => n.Has("table-flattened")),
        ("单元格内的进度节点（不作为任务）", n => n.Has("table-cell-milestones")),
        ("“一、二、三、”即为任务", n => n.Has("items-numbered-as-parts")),
        ("部分以领导命名", n => n.Notice.Parts.Any(p => p.Leader is not null)),
        ("带标签的单位说明（牵头单位、责任单位等）", n => n.LabelledMention),
        ("不带标签的单位说明（××牵头，××配合）", n => n.UnlabelledMention || n.Has("unlabelled-clause")),
        ("分工句（部门分工：…牵头，…配合）", n => n.DivisionMention),
        ("领导行（分管领导、牵头负责领导）", n => n.Notice.Items.Any(i => i.Leaders.Count > 0)),
        ("完成时限", n => n.Notice.Items.Any(i => i.Deadline is not null)),
        ("牵头约定", n => n.Notice.Document.LeadRule != LeadRule.Unstated),
        ("文本中途截断", n => n.Has("text-cut-off")),
    ];

    /// <summary>The layout diagnostic for a notice read, or null when it has no items.</summary>
    public static Diagnostic? Describe(ParsedNotice notice)
    {
        if (notice.Items.Count == 0)
        {
            return null;
        }

        var signs = new Signs(notice);
        var seen = All.Where(f => f.Seen(signs)).Select(f => f.Name).ToList();
        return new Diagnostic(0, 0, Severity.Info, "layout",
            seen.Count == 0 ? "版式：未识别出已知的版式。" : $"版式：{string.Join("；", seen)}。");
    }

    private static bool IsDivision(string label) => label.EndsWith("分工", StringComparison.Ordinal);

    /// <summary>
    /// What the families look for, gathered in one pass over the diagnostics and one over the mentions (a large plan has
    /// hundreds of thousands of each; asking every family on its own scanned them once per family).
    /// </summary>
    private sealed class Signs
    {
        private readonly HashSet<string> _codes = new(StringComparer.Ordinal);

        public Signs(ParsedNotice notice)
        {
            Notice = notice;
            foreach (var d in notice.Diagnostics)
            {
                _codes.Add(d.Code);
            }

            foreach (var item in notice.Items)
            {
                Look(item.Lead);
                Look(item.Responsible);
                if (LabelledMention && UnlabelledMention && DivisionMention)
                {
                    break;
                }
            }
        }

        public ParsedNotice Notice { get; }

        /// <summary>A mention under a label other than a division sentence's ("牵头单位：").</summary>
        public bool LabelledMention { get; private set; }

        /// <summary>A mention without a label ("××牵头，××配合").</summary>
        public bool UnlabelledMention { get; private set; }

        /// <summary>A mention read from a division sentence ("部门分工：").</summary>
        public bool DivisionMention { get; private set; }

        public bool Has(string code) => _codes.Contains(code);

        private void Look(IReadOnlyList<UnitMention> mentions)
        {
            for (int k = 0; k < mentions.Count; k++)
            {
                string label = mentions[k].Label;
                if (label.Length == 0)
                {
                    UnlabelledMention = true;
                }
                else if (IsDivision(label))
                {
                    DivisionMention = true;
                }
                else
                {
                    LabelledMention = true;
                }
            }
        }
    }
}
