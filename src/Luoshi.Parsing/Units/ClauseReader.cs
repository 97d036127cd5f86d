using System.Text.RegularExpressions;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Units;

/// <summary>What one item's unit clause says.</summary>
internal sealed class ClauseContent
{
    public List<UnitMention> Lead { get; } = [];

    public List<UnitMention> Responsible { get; } = [];

    public List<string> Leaders { get; } = [];

    public string? Deadline { get; set; }

    public List<InPlaceDefinition> Definitions { get; } = [];

    public bool IsEmpty => Lead.Count == 0 && Responsible.Count == 0 && Leaders.Count == 0 && Deadline is null;
}

/// <summary>Reads a unit clause ("（牵头单位：A；责任单位：B、C）") into its labelled lists.</summary>
internal static partial class ClauseReader
{
    [GeneratedRegex(@"^(?<units>.+?)(?<verb>牵头负责|牵头落实|牵头)$")]
    private static partial Regex LeadSegment();

    [GeneratedRegex(@"^(?<units>.+?)(?<verb>按职责分工负责|按职责负责|配合落实|配合实施|配合|参与|协同|协助|负责落实|负责)$")]
    private static partial Regex CoSegment();

    public static ClauseContent Read(string clause, int line, List<Diagnostic> diagnostics)
    {
        var content = new ClauseContent();
        string s = StripOuterBracket(clause.Trim());

        var labels = new List<(int Start, string Label, LabelRole Role, int After)>();
        int depth = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (Chars.IsOpenBracket(c) && c is not '《')
            {
                depth++;
            }
            else if (Chars.IsCloseBracket(c) && c is not '》')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && ClauseLabels.IsLabelBoundary(s, i) && ClauseLabels.MatchAt(s, i) is { } m)
            {
                labels.Add((i, m.Label, m.Role, m.After));
                i = m.After - 1;
            }
        }

        if (labels.Count == 0)
        {
            return content;
        }

        string before = UnitListReader.TrimStray(s[..labels[0].Start]);
        if (before.Length > 0)
        {
            diagnostics.Add(new Diagnostic(line, 0, Severity.Warning, "clause-text-ignored",
                $"单位说明前的文字“{before}”无法归入任何单位类别，已忽略。"));
        }

        for (int k = 0; k < labels.Count; k++)
        {
            var (_, label, role, after) = labels[k];
            int end = k + 1 < labels.Count ? labels[k + 1].Start : s.Length;
            string value = s[after..end];
            Apply(content, label, role, value, line, diagnostics);
        }

        return content;
    }

    /// <summary>
    /// Reads a clause without labels, such as "区发改局牵头，区财政局、区商务局配合". Returns null when the
    /// text does not read as one, so that the caller keeps it as item text.
    /// </summary>
    public static ClauseContent? ReadUnlabelled(string text, int line, List<Diagnostic> diagnostics)
    {
        string s = StripOuterBracket(text.Trim()).TrimEnd('。', '.', '；', ';');
        if (s.Length < 4 || s.Length > 300)
        {
            return null;
        }

        var segments = s.Split(['，', ',', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var content = new ClauseContent();
        var local = new List<Diagnostic>();
        foreach (string seg in segments)
        {
            var lead = LeadSegment().Match(seg);
            if (lead.Success)
            {
                Apply(content, "牵头", LabelRole.Lead, lead.Groups["units"].Value, line, local);
                continue;
            }

            var co = CoSegment().Match(seg);
            if (co.Success)
            {
                Apply(content, co.Groups["verb"].Value, LabelRole.Responsible, co.Groups["units"].Value, line, local);
                continue;
            }

            return null;
        }

        if (content.Lead.Count + content.Responsible.Count == 0 || !AllLookLikeUnits(content))
        {
            return null;
        }

        diagnostics.AddRange(local);
        return content;
    }

    private static bool AllLookLikeUnits(ClauseContent c) =>
        c.Lead.Concat(c.Responsible).All(m => m.Name.Length is >= 2 and <= 30 && !m.Name.Contains('。', StringComparison.Ordinal)
            && UnitListReader.HasUnitEnding(m.Name));

    private static void Apply(ClauseContent content, string label, LabelRole role, string value, int line, List<Diagnostic> diagnostics)
    {
        switch (role)
        {
            case LabelRole.Lead:
            case LabelRole.Responsible:
                var read = UnitListReader.Read(value, label, line);
                foreach (var mention in read.Mentions)
                {
                    // "区发改局（牵头）" in a list of responsible units marks the lead unit in place.
                    if (role == LabelRole.Responsible && LeadMarked(mention.Name) is { } bare)
                    {
                        content.Lead.Add(mention with { Name = bare });
                        diagnostics.Add(new Diagnostic(line, 0, Severity.Info, "lead-marked-in-list",
                            $"“{mention.Printed}”标注为牵头，已列为牵头单位。"));
                    }
                    else
                    {
                        (role == LabelRole.Lead ? content.Lead : content.Responsible).Add(mention);
                    }
                }

                content.Definitions.AddRange(read.Definitions);
                diagnostics.AddRange(read.Diagnostics);
                break;
            case LabelRole.Leader:
                content.Leaders.AddRange(value.Split(['、', '，', ',', '；', ';'], StringSplitOptions.RemoveEmptyEntries)
                    .Select(UnitListReader.TrimStray).Where(x => x.Length > 0));
                break;
            case LabelRole.Deadline:
                string d = UnitListReader.TrimStray(value);
                if (d.Length > 0)
                {
                    content.Deadline = d;
                }

                break;
            default:
                throw new InvalidOperationException($"unknown label role {role}");
        }
    }

    /// <summary>The unit's name without a trailing "（牵头）" marker, or null when it has none.</summary>
    internal static string? LeadMarked(string name)
    {
        string[] markers = ["（牵头）", "(牵头)", "〈牵头〉", "[牵头]", "【牵头】", "（牵头单位）", "(牵头单位)"];
        foreach (string m in markers)
        {
            if (name.Length > m.Length && name.EndsWith(m, StringComparison.Ordinal))
            {
                return name[..^m.Length].TrimEnd();
            }
        }

        return null;
    }

    /// <summary>Removes one bracket pair around the whole clause, or a lone opening or closing bracket left by damage.</summary>
    internal static string StripOuterBracket(string s)
    {
        if (s.Length == 0)
        {
            return s;
        }

        if (Chars.IsOpenBracket(s[0]))
        {
            s = s[1..];
        }

        if (s.Length > 0 && Chars.IsCloseBracket(s[^1]))
        {
            int depth = 0;
            foreach (char c in s)
            {
                if (Chars.IsOpenBracket(c) && c is not '《')
                {
                    depth++;
                }
                else if (Chars.IsCloseBracket(c) && c is not '》')
                {
                    depth--;
                }
            }

            if (depth < 0)
            {
                s = s[..^1];
            }
        }

        return s.Trim();
    }
}
