using Luoshi.Parsing.Header;
using Luoshi.Parsing.Outline;

namespace Luoshi.Parsing;

/// <summary>
/// Reads a target-task responsibility decomposition notice (目标任务责任分解方案的通知) from text.
/// Pure: no I/O; never throws on any input; returns what it could read with diagnostics.
/// </summary>
public static class NoticeParser
{
    /// <summary>Inputs longer than this are read only up to this many characters, with a diagnostic.</summary>
    public const int MaxLength = 32 * 1024 * 1024;

    /// <summary>Reads a notice.</summary>
    /// <param name="text">The notice's text, already decoded.</param>
    /// <returns>The plan that could be read, with diagnostics for every repair and doubt.</returns>
    public static ParsedNotice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = new List<Diagnostic>();
        if (text.Length > MaxLength)
        {
            diagnostics.Add(new Diagnostic(0, 0, Severity.Warning, "input-truncated",
                $"文本超过 {MaxLength / 1024 / 1024} MB，只读取了前面部分。"));
            text = text[..MaxLength];
        }

        var lines = LineSplitter.Split(text);
        diagnostics.AddRange(TableReader.Rewrite(lines));
        var facts = new LineFacts(lines);
        var region = PlanLocator.Locate(facts, diagnostics);
        var document = HeaderReader.Read(lines, region?.Start ?? lines.Count, diagnostics);
        if (document.LeadRuleAt > 0)
        {
            diagnostics.Add(new Diagnostic(document.LeadRuleAt, 0, Severity.Info, "lead-rule",
                $"牵头约定“{document.LeadRuleText}”（第{document.LeadRuleAt}行）适用于全部任务，已从单位名称中去除。"));
        }
        if (region is null)
        {
            return new ParsedNotice(document, [], [], [], Sorted(diagnostics));
        }

        var (parts, items, definitions) = OutlineBuilder.Build(facts, region, diagnostics);
        var countByPart = items.CountBy(x => x.Part).ToDictionary(x => x.Key, x => x.Value);
        foreach (var part in parts)
        {
            int count = countByPart.GetValueOrDefault(part.Index);
            if (part.DeclaredCount is int declared && declared != count)
            {
                diagnostics.Add(new Diagnostic(part.Line, 0, Severity.Error, "declared-count-mismatch",
                    $"“{part.Title}”声明共 {declared} 项，实际读到 {count} 项。"));
            }

            if (count == 0 && part == parts[^1] && lines.SkipWhile(l => l.Number <= part.Line).All(l => l.Text.Trim().Length == 0))
            {
                diagnostics.Add(new Diagnostic(part.Line, 0, Severity.Warning, "text-cut-off",
                    $"文本在“{part.Title}”之后结束，这一部分的任务没有读到：网页转载可能不完整，请核对原文。"));
            }

            if (count == 0)
            {
                diagnostics.Add(new Diagnostic(part.Line, 0, Severity.Warning, "empty-part",
                    $"“{part.Title}”下没有读到任何编号任务。"));
            }
        }

        int withoutUnits = items.Count(x => x.Lead.Count == 0 && x.Responsible.Count == 0);
        if (items.Count >= 4 && withoutUnits * 2 > items.Count)
        {
            diagnostics.Add(new Diagnostic(lines[region.Start].Number, 0, Severity.Error, "layout-not-understood",
                $"共读到 {items.Count} 项任务，其中 {withoutUnits} 项没有读到责任单位：计划的版式可能未被识别，请人工核对。"));
        }

        if (items.Count == 0)
        {
            diagnostics.Add(new Diagnostic(lines[region.Start].Number, 0, Severity.Error, "no-items",
                "找到了计划部分，但没有读到任何编号任务：计划的版式可能未被识别。"));
        }

        var read = new ParsedNotice(document, parts, items, definitions, diagnostics);
        if (LayoutFamilies.Describe(read) is { } layout)
        {
            diagnostics.Add(layout);
        }

        return read with { Diagnostics = Sorted(diagnostics) };
    }

    private static List<Diagnostic> Sorted(List<Diagnostic> diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)];
}
