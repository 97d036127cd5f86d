namespace Luoshi.Parsing.Outline;

/// <summary>
/// The layout families the reader knows, as data: each a name shown to the office and the sign that the notice uses it
/// (a recogniser's diagnostic, a label, a leader). <see cref="Describe"/> names every family met, in one diagnostic, so the
/// office sees which layout was read; a plan read in none of them says so instead of guessing (layout-not-understood).
/// </summary>
internal static class LayoutFamilies
{
    private static readonly (string Name, Func<ParsedNotice, bool> Seen)[] All =
    [
        ("表格（竖线或制表符分隔的行）", n => Has(n, "table-read")),
        ("表格（每格一行）", n => Has(n, "table-flattened")),
        ("单元格内的进度节点（不作为任务）", n => Has(n, "table-cell-milestones")),
        ("“一、二、三、”即为任务", n => Has(n, "items-numbered-as-parts")),
        ("部分以领导命名", n => n.Parts.Any(p => p.Leader is not null)),
        ("带标签的单位说明（牵头单位、责任单位等）", n => Mentions(n).Any(m => m.Label.Length > 0 && !IsDivision(m.Label))),
        ("不带标签的单位说明（××牵头，××配合）", n => Mentions(n).Any(m => m.Label.Length == 0) || Has(n, "unlabelled-clause")),
        ("分工句（部门分工：…牵头，…配合）", n => Mentions(n).Any(m => IsDivision(m.Label))),
        ("领导行（分管领导、牵头负责领导）", n => n.Items.Any(i => i.Leaders.Count > 0)),
        ("完成时限", n => n.Items.Any(i => i.Deadline is not null)),
        ("牵头约定", n => n.Document.LeadRule != LeadRule.Unstated),
        ("文本中途截断", n => Has(n, "text-cut-off")),
    ];

    /// <summary>The layout diagnostic for a notice read, or null when it has no items.</summary>
    public static Diagnostic? Describe(ParsedNotice notice)
    {
        if (notice.Items.Count == 0)
        {
            return null;
        }

        var seen = All.Where(f => f.Seen(notice)).Select(f => f.Name).ToList();
        return new Diagnostic(0, 0, Severity.Info, "layout",
            seen.Count == 0 ? "版式：未识别出已知的版式。" : $"版式：{string.Join("；", seen)}。");
    }

    private static bool Has(ParsedNotice n, string code) => n.Diagnostics.Any(d => d.Code == code);

    private static IEnumerable<UnitMention> Mentions(ParsedNotice n) => n.Items.SelectMany(i => i.Lead.Concat(i.Responsible));

    private static bool IsDivision(string label) => label.EndsWith("分工", StringComparison.Ordinal);
}
