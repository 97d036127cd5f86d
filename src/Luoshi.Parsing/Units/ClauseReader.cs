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
    private static readonly string[] LeadMarkers = ["（牵头）", "(牵头)", "〈牵头〉", "[牵头]", "【牵头】", "（牵头单位）", "(牵头单位)"];

    private static readonly char[] SegmentSeparators = ['，', ',', '；', ';'];

    private static readonly char[] LeaderSeparators = ['、', '，', ',', '；', ';'];

    [GeneratedRegex(@"^(?<units>.+?)(?<verb>牵头负责|牵头落实|牵头)$")]
    private static partial Regex LeadSegment();

    [GeneratedRegex(@"^(?<units>.+?)(?<verb>按职责分工负责|按职责负责|配合落实|配合实施|配合|参与|协同|协助|负责落实|负责)$")]
    private static partial Regex CoSegment();

    public static ClauseContent Read(string clause, int line, List<Diagnostic> diagnostics) => Read(clause.AsSpan(), line, diagnostics);

    public static ClauseContent Read(ReadOnlySpan<char> clause, int line, List<Diagnostic> diagnostics)
    {
        var content = new ClauseContent();
        var s = StripOuterBracket(clause.Trim());

        // Each label's value runs to the next label: it is read when the next label (or the end) is found.
        (string Label, LabelRole Role, int After)? open = null;
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
                if (open is { } previous)
                {
                    Apply(content, previous.Label, previous.Role, s[previous.After..i], line, diagnostics);
                }
                else
                {
                    ReportTextBefore(s[..i], line, diagnostics);
                }

                open = m;
                i = m.After - 1;
            }
        }

        if (open is { } last)
        {
            Apply(content, last.Label, last.Role, s[last.After..], line, diagnostics);
        }

        return content;
    }

    private static void ReportTextBefore(ReadOnlySpan<char> text, int line, List<Diagnostic> diagnostics)
    {
        if (text.IsEmpty)
        {
            return;
        }

        string before = UnitListReader.TrimStray(new string(text));
        if (before.Length > 0)
        {
            diagnostics.Add(new Diagnostic(line, 0, Severity.Warning, "clause-text-ignored",
                $"单位说明前的文字“{before}”无法归入任何单位类别，已忽略。"));
        }
    }

    /// <summary>
    /// Reads a clause without labels, such as "区发改局牵头，区财政局、区商务局配合". Returns null when the
    /// text does not read as one, so that the caller keeps it as item text.
    /// </summary>
    public static ClauseContent? ReadUnlabelled(string text, int line, List<Diagnostic>? diagnostics)
    {
        string s = StripOuterBracket(text.Trim()).TrimEnd('。', '.', '；', ';');
        if (s.Length < 4 || s.Length > 300)
        {
            return null;
        }

        var segments = s.Split(SegmentSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
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

        diagnostics?.AddRange(local);
        return content;
    }

    private static bool AllLookLikeUnits(ClauseContent c) =>
        c.Lead.Concat(c.Responsible).All(m => m.Name.Length is >= 2 and <= 30 && !m.Name.Contains('。', StringComparison.Ordinal)
            && (UnitListReader.HasUnitEnding(m.Name) || m.Name.StartsWith('各')));

    private static void Apply(ClauseContent content, string label, LabelRole role, ReadOnlySpan<char> value, int line, List<Diagnostic> diagnostics)
    {
        switch (role)
        {
            case LabelRole.Lead:
            case LabelRole.Responsible:
                var into = role == LabelRole.Lead ? content.Lead : content.Responsible;
                int from = into.Count;
                var read = UnitListReader.Read(value, label, line, into);
                if (role == LabelRole.Responsible)
                {
                    MoveLeadMarked(content, from, line, diagnostics);
                }

                content.Definitions.AddRange(read.Definitions);
                diagnostics.AddRange(read.Diagnostics);
                break;
            case LabelRole.Leader:
                content.Leaders.AddRange(new string(value).Split(LeaderSeparators, StringSplitOptions.RemoveEmptyEntries)
                    .Select(UnitListReader.TrimStray).Where(x => x.Length > 0));
                break;
            case LabelRole.Division:
                // "部门分工：省发展改革委牵头，各地、各部门配合。": read as an unlabelled clause, else as responsible units.
                if (ReadUnlabelled(new string(value), line, diagnostics) is { } division)
                {
                    content.Lead.AddRange(division.Lead.Select(m => m with { Label = label }));
                    content.Responsible.AddRange(division.Responsible.Select(m => m with { Label = label }));
                    content.Definitions.AddRange(division.Definitions);
                }
                else
                {
                    Apply(content, label, LabelRole.Responsible, value, line, diagnostics);
                }

                break;
            case LabelRole.Deadline:
                string d = UnitListReader.TrimStray(new string(value));
                if (d.Length > 0)
                {
                    content.Deadline = d;
                }

                break;
            default:
                throw new InvalidOperationException($"unknown label role {role}");
        }
    }

    /// <summary>"区发改局（牵头）" in a list of responsible units marks the lead unit in place: moves such units, from <paramref name="from"/> on, to the leads.</summary>
    private static void MoveLeadMarked(ClauseContent content, int from, int line, List<Diagnostic> diagnostics)
    {
        var responsible = content.Responsible;
        int kept = from;
        for (int k = from; k < responsible.Count; k++)
        {
            var mention = responsible[k];
            if (LeadMarked(mention.Name) is { } bare)
            {
                content.Lead.Add(mention with { Name = bare });
                diagnostics.Add(new Diagnostic(line, 0, Severity.Info, "lead-marked-in-list",
                    $"“{mention.Printed}”标注为牵头，已列为牵头单位。"));
            }
            else
            {
                responsible[kept++] = mention;
            }
        }

        responsible.RemoveRange(kept, responsible.Count - kept);
    }

    /// <summary>The unit's name without a trailing "（牵头）" marker, or null when it has none.</summary>
    internal static string? LeadMarked(string name)
    {
        foreach (string m in LeadMarkers)
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
        var (start, length) = OuterBracketRange(s);
        return length == s.Length ? s : s.Substring(start, length);
    }

    /// <inheritdoc cref="StripOuterBracket(string)"/>
    internal static ReadOnlySpan<char> StripOuterBracket(ReadOnlySpan<char> s)
    {
        var (start, length) = OuterBracketRange(s);
        return s.Slice(start, length);
    }

    /// <summary>Where the text left by <see cref="StripOuterBracket(string)"/> stands in <paramref name="s"/>.</summary>
    private static (int Start, int Length) OuterBracketRange(ReadOnlySpan<char> s)
    {
        if (s.Length == 0)
        {
            return (0, 0);
        }

        int a = Chars.IsOpenBracket(s[0]) ? 1 : 0;
        int b = s.Length;
        if (b > a && Chars.IsCloseBracket(s[b - 1]))
        {
            int depth = 0;
            foreach (char c in s[a..b])
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
                b--;
            }
        }

        while (a < b && char.IsWhiteSpace(s[a]))
        {
            a++;
        }

        while (b > a && char.IsWhiteSpace(s[b - 1]))
        {
            b--;
        }

        return (a, b - a);
    }
}
