using System.Text.RegularExpressions;
using Luoshi.Parsing.Catalogue;

namespace Luoshi.Parsing.Resolution;

/// <summary>
/// Resolves every printed unit of a plan against a district catalogue: by name and alias, by regular
/// abbreviation, through the notice's own in-place definitions from where they stand, and decides who
/// leads each item under the notice's convention. Pure; never throws on a plan.
/// </summary>
public sealed partial class UnitResolver
{
    private readonly UnitCatalogue _catalogue;
    private readonly Dictionary<string, CatalogueUnit> _unitsByPlain = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CatalogueUnit>> _unitsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CatalogueUnit>> _unitsByBareKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CollectiveName> _collectivesByKey = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Name)> _allKeys = [];

    [GeneratedRegex(@"^(?<unit>.+?)等(?<rest>(?:有关|相关|其他|其它)?(?:部门|单位)|有关部门|相关部门)$")]
    private static partial Regex UnitAndOthers();

    /// <summary>Builds the lookup tables for a catalogue once.</summary>
    public UnitResolver(UnitCatalogue catalogue)
    {
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        foreach (var u in catalogue.Units)
        {
            foreach (string n in u.Aliases.Prepend(u.Name))
            {
                _unitsByPlain.TryAdd(NameKeys.Plain(n), u);
                Add(_unitsByKey, NameKeys.Abbreviated(n), u);
                Add(_unitsByBareKey, NameKeys.WithoutPrefix(NameKeys.Abbreviated(n)), u);
                _allKeys.Add((NameKeys.Abbreviated(n), u.Name));
            }
        }

        foreach (var c in catalogue.Collectives)
        {
            foreach (string n in c.Aliases.Prepend(c.Name))
            {
                _collectivesByKey.TryAdd(NameKeys.Abbreviated(n), c);
                _allKeys.Add((NameKeys.Abbreviated(n), c.Name));
            }
        }
    }

    /// <summary>Resolves a whole plan.</summary>
    public ResolvedPlan Resolve(ParsedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var diagnostics = new List<Diagnostic>();
        var items = new List<ResolvedItem>(notice.Items.Count);
        foreach (var item in notice.Items)
        {
            var lead = item.Lead.SelectMany(m => Resolve(m, item.FirstLine, notice.Definitions, diagnostics)).ToList();
            var resp = item.Responsible.SelectMany(m => Resolve(m, item.FirstLine, notice.Definitions, diagnostics)).ToList();
            items.Add(DecideLeads(item, lead, resp, notice.Document.LeadRule));
        }

        if (notice.Document.LeadRule == LeadRule.Unstated && items.Any(i => i.LeadSource == LeadSource.NoConvention))
        {
            diagnostics.Add(new Diagnostic(0, 0, Severity.Info, "no-lead-convention",
                "通知未说明未列牵头单位时由谁牵头；未列牵头单位的任务，各责任单位分别负责、分别报送。"));
        }

        return new ResolvedPlan(notice, _catalogue, items, [.. diagnostics.OrderBy(d => d.Line)]);
    }

    private static ResolvedItem DecideLeads(NoticeItem item, List<ResolvedMention> lead, List<ResolvedMention> resp, LeadRule rule)
    {
        static IEnumerable<string> Units(IEnumerable<ResolvedMention> ms) => ms.SelectMany(m => m.Open ? [] : m.Members);

        LeadSource source;
        List<string> leads;
        if (lead.Count > 0)
        {
            source = LeadSource.Printed;
            leads = [.. Units(lead).Distinct(StringComparer.Ordinal)];
        }
        else if (rule == LeadRule.FirstListedLeads && resp.Count > 0)
        {
            source = LeadSource.FirstListed;
            leads = [.. Units(resp.Take(1)).Distinct(StringComparer.Ordinal)];
        }
        else
        {
            source = rule == LeadRule.ResponsibleUnitsLead ? LeadSource.ResponsibleUnitsLead : LeadSource.NoConvention;
            leads = [.. Units(resp).Distinct(StringComparer.Ordinal)];
        }

        var co = Units(resp).Where(u => !leads.Contains(u, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        return new ResolvedItem(item, lead, resp, leads, co, source);
    }

    /// <summary>Resolves one mention; "区住建局等有关部门" gives two.</summary>
    public IEnumerable<ResolvedMention> Resolve(UnitMention mention, int line, IReadOnlyList<InPlaceDefinition> definitions, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var direct = TryResolve(mention.Name, line, definitions, diagnostics);
        if (direct is not null)
        {
            return [direct with { Printed = mention.Printed }];
        }

        var m = UnitAndOthers().Match(mention.Name);
        if (m.Success)
        {
            var unit = TryResolve(m.Groups["unit"].Value, line, definitions, diagnostics);
            var rest = TryResolve(m.Groups["rest"].Value, line, definitions, diagnostics)
                ?? TryResolve("区" + m.Groups["rest"].Value, line, definitions, diagnostics);
            if (unit is not null && rest is not null)
            {
                return [unit with { Printed = mention.Printed }, rest with { Printed = mention.Printed }];
            }
        }

        var candidates = Candidates(mention.Name);
        diagnostics.Add(new Diagnostic(line, 0, Severity.Warning, "unknown-unit",
            candidates.Count > 0
                ? $"单位“{mention.Name}”不在{_catalogue.District}单位名录中，最接近的是：{string.Join("、", candidates)}。"
                : $"单位“{mention.Name}”不在{_catalogue.District}单位名录中。"));
        return [new ResolvedMention(mention.Printed, mention.Name, ResolutionKind.Unknown, null, [], false, candidates, "unknown")];
    }

    private ResolvedMention? TryResolve(string name, int line, IReadOnlyList<InPlaceDefinition> definitions, List<Diagnostic> diagnostics)
    {
        string how = "name";
        foreach (var d in definitions)
        {
            if (d.Kind == DefinitionKind.ShortName && d.Line <= line && d.Values.Contains(name, StringComparer.Ordinal))
            {
                name = d.Name;
                how = "definition";
            }
        }

        string plain = NameKeys.Plain(name);
        if (_unitsByPlain.TryGetValue(plain, out var exact))
        {
            return UnitMention(name, exact, how == "definition" ? how : (NameKeys.Plain(exact.Name) == plain ? "name" : "alias"));
        }

        string key = NameKeys.Abbreviated(name);
        if (_collectivesByKey.TryGetValue(key, out var collective))
        {
            return CollectiveMention(name, collective, line, definitions, diagnostics);
        }

        if (Single(_unitsByKey, key, name, line, diagnostics) is { } byKey)
        {
            return UnitMention(name, byKey, "abbreviation");
        }

        if (Single(_unitsByBareKey, NameKeys.WithoutPrefix(key), name, line, diagnostics) is { } bare)
        {
            diagnostics.Add(new Diagnostic(line, 0, Severity.Info, "unit-without-prefix",
                $"单位“{name}”按“{bare.Name}”识别（原文缺少或多出“区”字）。"));
            return UnitMention(name, bare, "without-prefix");
        }

        // "区财政局〈区国资局〉": a unit with its second name in brackets, when the pair itself is not catalogued.
        int open = name.IndexOfAny(['〈', '<', '（', '(']);
        if (open > 1 && name.Length > open + 2)
        {
            var first = TryResolve(name[..open], line, definitions, diagnostics);
            if (first is { Kind: ResolutionKind.Unit })
            {
                return first with { Name = name, How = "second-name" };
            }
        }

        return null;
    }

    private CatalogueUnit? Single(Dictionary<string, List<CatalogueUnit>> index, string key, string name, int line, List<Diagnostic> diagnostics)
    {
        if (!index.TryGetValue(key, out var list))
        {
            return null;
        }

        var distinct = list.Distinct().ToList();
        if (distinct.Count == 1)
        {
            return distinct[0];
        }

        diagnostics.Add(new Diagnostic(line, 0, Severity.Warning, "ambiguous-unit",
            $"单位“{name}”可能是：{string.Join("、", distinct.Select(u => u.Name))}，无法确定。"));
        return null;
    }

    private static ResolvedMention UnitMention(string name, CatalogueUnit u, string how) =>
        new(name, name, ResolutionKind.Unit, u.Name, [u.Name], false, [], how);

    private ResolvedMention CollectiveMention(string name, CollectiveName c, int line, IReadOnlyList<InPlaceDefinition> definitions, List<Diagnostic> diagnostics)
    {
        var members = _catalogue.MembersOf(c).ToList();
        foreach (var d in definitions)
        {
            if (d.Kind != DefinitionKind.Includes || d.Line > line || NameKeys.Abbreviated(d.Name) != NameKeys.Abbreviated(name))
            {
                continue;
            }

            foreach (string v in d.Values)
            {
                var r = TryResolve(v, line, [], diagnostics);
                string member = r?.Canonical ?? v;
                if (r is null)
                {
                    diagnostics.Add(new Diagnostic(d.Line, 0, Severity.Warning, "unknown-unit",
                        $"“{d.Name}”所含单位“{v}”不在{_catalogue.District}单位名录中。"));
                }

                if (!members.Contains(member, StringComparer.Ordinal))
                {
                    members.Add(member);
                }
            }
        }

        return new ResolvedMention(name, name, ResolutionKind.Collective, c.Name, members, c.Open, [], "collective");
    }

    private List<string> Candidates(string name)
    {
        string key = NameKeys.Abbreviated(name);
        return [.. _allKeys
            .Select(k => (k.Name, Score: NameKeys.Similarity(key, k.Key)))
            .Where(x => x.Score >= 0.34)
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Score: g.Max(x => x.Score)))
            .OrderByDescending(x => x.Score)
            .Take(3)
            .Select(x => x.Name)];
    }

    private static void Add(Dictionary<string, List<CatalogueUnit>> index, string key, CatalogueUnit u)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(u);
    }
}
