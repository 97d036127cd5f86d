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
    private readonly Dictionary<string, (List<string> Candidates, string Message)> _unknown = new(StringComparer.Ordinal);

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
    /// <remarks>
    /// A plan repeats the same unit lists item after item, so each printed mention is resolved once per stretch of lines
    /// over which the notice's definitions that could apply to it are the same (<see cref="Probe"/>), and the result and
    /// its diagnostics at the mention's line are repeated for the mention's other occurrences in that stretch. A diagnostic
    /// about a definition (a member of "各街道（含…）" not in the catalogue) is reported once, at the definition's line.
    /// </remarks>
    public ResolvedPlan Resolve(ParsedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var diagnostics = new List<Diagnostic>();
        var items = new List<ResolvedItem>(notice.Items.Count);
        var scope = new Scope(notice.Definitions);
        var memo = new Dictionary<(string Printed, string Name), List<Memo>>();
        var reported = new HashSet<Diagnostic>();
        foreach (var item in notice.Items)
        {
            var lead = new List<ResolvedMention>(item.Lead.Count);
            var resp = new List<ResolvedMention>(item.Responsible.Count);
            foreach (var m in item.Lead)
            {
                lead.AddRange(Remembered(m, item.FirstLine, scope, memo, reported, diagnostics));
            }

            foreach (var m in item.Responsible)
            {
                resp.AddRange(Remembered(m, item.FirstLine, scope, memo, reported, diagnostics));
            }

            items.Add(DecideLeads(item, lead, resp, notice.Document.LeadRule));
        }

        if (notice.Document.LeadRule == LeadRule.Unstated && items.Any(i => i.LeadSource == LeadSource.NoConvention))
        {
            diagnostics.Add(new Diagnostic(0, 0, Severity.Info, "no-lead-convention",
                "通知未说明未列牵头单位时由谁牵头；未列牵头单位的任务，各责任单位分别负责、分别报送。"));
        }

        return new ResolvedPlan(notice, _catalogue, items, [.. diagnostics.OrderBy(d => d.Line)]);
    }

    private ResolvedMention[] Remembered(
        UnitMention mention, int line, Scope scope, Dictionary<(string, string), List<Memo>> memo, HashSet<Diagnostic> reported, List<Diagnostic> diagnostics)
    {
        if (memo.TryGetValue((mention.Printed, mention.Name), out var known))
        {
            foreach (var k in known)
            {
                if (k.From <= line && line < k.Until)
                {
                    // Only the diagnostics at the mention's own line are repeated; those at a definition's line were reported when the entry was made.
                    foreach (var d in k.AtLine)
                    {
                        diagnostics.Add(d.Line != line ? d with { Line = line } : d);
                    }

                    return k.Result;
                }
            }
        }
        else
        {
            memo[(mention.Printed, mention.Name)] = known = [];
        }

        var probe = new Probe(line);
        var result = Resolve(mention, scope, probe);
        var atLine = new List<Diagnostic>();
        foreach (var (d, isAtLine) in probe.Diagnostics)
        {
            if (isAtLine)
            {
                atLine.Add(d);
                diagnostics.Add(d);
            }
            else if (reported.Add(d))
            {
                // A definition's unknown member is reported once, at the definition, not again for every item naming the collective.
                diagnostics.Add(d);
            }
        }

        known.Add(new Memo(probe.From, probe.Until, result, [.. atLine]));
        return result;
    }

    private static ResolvedItem DecideLeads(NoticeItem item, List<ResolvedMention> lead, List<ResolvedMention> resp, LeadRule rule)
    {
        LeadSource source;
        var leads = new List<string>();
        if (lead.Count > 0)
        {
            source = LeadSource.Printed;
            AddUnits(leads, lead, lead.Count, except: null);
        }
        else if (rule == LeadRule.FirstListedLeads && resp.Count > 0)
        {
            source = LeadSource.FirstListed;
            AddUnits(leads, resp, 1, except: null);
        }
        else
        {
            source = rule == LeadRule.ResponsibleUnitsLead ? LeadSource.ResponsibleUnitsLead : LeadSource.NoConvention;
            AddUnits(leads, resp, resp.Count, except: null);
        }

        var co = new List<string>();
        AddUnits(co, resp, resp.Count, except: leads);
        return new ResolvedItem(item, lead, resp, leads, co, source);
    }

    /// <summary>Adds the units the first <paramref name="count"/> mentions stand for (an open collective stands for none), each once, in order, except those in <paramref name="except"/>.</summary>
    private static void AddUnits(List<string> into, List<ResolvedMention> mentions, int count, List<string>? except)
    {
        for (int k = 0; k < count; k++)
        {
            var m = mentions[k];
            if (m.Open)
            {
                continue;
            }

            foreach (string unit in m.Members)
            {
                if (!Holds(into, unit) && (except is null || !Holds(except, unit)))
                {
                    into.Add(unit);
                }
            }
        }

        // The lists are short (the units of one item): a scan is cheaper than a set per item.
        static bool Holds(List<string> list, string unit)
        {
            foreach (string s in list)
            {
                if (string.Equals(s, unit, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Resolves one mention; "区住建局等有关部门" gives two.</summary>
    public IEnumerable<ResolvedMention> Resolve(UnitMention mention, int line, IReadOnlyList<InPlaceDefinition> definitions, List<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(mention);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var probe = new Probe(line);
        var result = Resolve(mention, definitions.Count == 0 ? Scope.Empty : new Scope(definitions), probe);
        foreach (var (d, _) in probe.Diagnostics)
        {
            diagnostics.Add(d);
        }

        return result;
    }

    private ResolvedMention[] Resolve(UnitMention mention, Scope scope, Probe probe)
    {
        var direct = TryResolve(mention.Name, scope, probe);
        if (direct is not null)
        {
            return [direct with { Printed = mention.Printed }];
        }

        var m = UnitAndOthers().Match(mention.Name);
        if (m.Success)
        {
            var unit = TryResolve(m.Groups["unit"].Value, scope, probe);
            var rest = TryResolve(m.Groups["rest"].Value, scope, probe)
                ?? TryResolve("区" + m.Groups["rest"].Value, scope, probe);
            if (unit is not null && rest is not null)
            {
                return [unit with { Printed = mention.Printed }, rest with { Printed = mention.Printed }];
            }
        }

        var (candidates, message) = Unknown(mention.Name);
        probe.Add(new Diagnostic(probe.Line, 0, Severity.Warning, "unknown-unit", message), atLine: true);
        return [new ResolvedMention(mention.Printed, mention.Name, ResolutionKind.Unknown, null, [], false, candidates, "unknown")];
    }

    private ResolvedMention? TryResolve(string name, Scope scope, Probe probe)
    {
        string how = "name";
        // The definitions are applied in their order, each to the name as the earlier ones left it.
        int next = 0;
        while (scope.ShortNames.TryGetValue(name, out var at))
        {
            int applied = -1;
            foreach (int k in at)
            {
                if (k >= next && probe.Sees(scope.Definitions[k].Line))
                {
                    applied = k;
                    break;
                }
            }

            if (applied < 0)
            {
                break;
            }

            name = scope.Definitions[applied].Name;
            how = "definition";
            next = applied + 1;
        }

        string plain = NameKeys.Plain(name);
        if (_unitsByPlain.TryGetValue(plain, out var exact))
        {
            return UnitMention(name, exact, how == "definition" ? how : (NameKeys.Plain(exact.Name) == plain ? "name" : "alias"));
        }

        string key = NameKeys.Abbreviated(name);
        if (_collectivesByKey.TryGetValue(key, out var collective))
        {
            return CollectiveMention(name, collective, scope, probe);
        }

        if (Single(_unitsByKey, key, name, probe) is { } byKey)
        {
            return UnitMention(name, byKey, "abbreviation");
        }

        if (Single(_unitsByBareKey, NameKeys.WithoutPrefix(key), name, probe) is { } bare)
        {
            probe.Add(new Diagnostic(probe.Line, 0, Severity.Info, "unit-without-prefix",
                $"单位“{name}”按“{bare.Name}”识别（原文缺少或多出“区”字）。"), atLine: true);
            return UnitMention(name, bare, "without-prefix");
        }

        // "区财政局〈区国资局〉": a unit with its second name in brackets, when the pair itself is not catalogued.
        int open = name.IndexOfAny(['〈', '<', '（', '(']);
        if (open > 1 && name.Length > open + 2)
        {
            var first = TryResolve(name[..open], scope, probe);
            if (first is { Kind: ResolutionKind.Unit })
            {
                return first with { Name = name, How = "second-name" };
            }
        }

        return null;
    }

    private static CatalogueUnit? Single(Dictionary<string, List<CatalogueUnit>> index, string key, string name, Probe probe)
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

        probe.Add(new Diagnostic(probe.Line, 0, Severity.Warning, "ambiguous-unit",
            $"单位“{name}”可能是：{string.Join("、", distinct.Select(u => u.Name))}，无法确定。"), atLine: true);
        return null;
    }

    private static ResolvedMention UnitMention(string name, CatalogueUnit u, string how) =>
        new(name, name, ResolutionKind.Unit, u.Name, [u.Name], false, [], how);

    private ResolvedMention CollectiveMention(string name, CollectiveName c, Scope scope, Probe probe)
    {
        var members = _catalogue.MembersOf(c).ToList();
        if (scope.Includes.TryGetValue(NameKeys.Abbreviated(name), out var at))
        {
            foreach (int k in at)
            {
                var d = scope.Definitions[k];
                if (!probe.Sees(d.Line))
                {
                    continue;
                }

                foreach (var v in IncludedMembers(scope, k))
                {
                    foreach (var atLine in v.AtLine)
                    {
                        probe.Add(atLine.Line != probe.Line ? atLine with { Line = probe.Line } : atLine, atLine: true);
                    }

                    if (v.Unknown is not null)
                    {
                        probe.Add(v.Unknown, atLine: false);
                    }

                    if (!members.Contains(v.Member, StringComparer.Ordinal))
                    {
                        members.Add(v.Member);
                    }
                }
            }
        }

        return new ResolvedMention(name, name, ResolutionKind.Collective, c.Name, members, c.Open, [], "collective");
    }

    /// <summary>
    /// The members an inclusion definition adds, each resolved on its own (without definitions) once per plan: the unit it
    /// is, the diagnostics that resolution gives at the line resolved, and the diagnostic at the definition when it is unknown.
    /// </summary>
    private IncludedMember[] IncludedMembers(Scope scope, int k)
    {
        if (scope.Included[k] is { } known)
        {
            return known;
        }

        var d = scope.Definitions[k];
        var members = new IncludedMember[d.Values.Count];
        for (int j = 0; j < members.Length; j++)
        {
            string v = d.Values[j];
            var probe = new Probe(0);
            var r = TryResolve(v, Scope.Empty, probe);
            members[j] = new IncludedMember(r?.Canonical ?? v, [.. probe.Diagnostics.Select(x => x.Diagnostic)],
                r is not null ? null : new Diagnostic(d.Line, 0, Severity.Warning, "unknown-unit",
                    $"“{d.Name}”所含单位“{v}”不在{_catalogue.District}单位名录中。"));
        }

        return scope.Included[k] = members;
    }

    /// <summary>The closest catalogue names to an unknown name and the diagnostic's message, worked out once per name.</summary>
    private (List<string> Candidates, string Message) Unknown(string name)
    {
        if (!_unknown.TryGetValue(name, out var known))
        {
            var candidates = Candidates(name);
            known = (candidates, candidates.Count > 0
                ? $"单位“{name}”不在{_catalogue.District}单位名录中，最接近的是：{string.Join("、", candidates)}。"
                : $"单位“{name}”不在{_catalogue.District}单位名录中。");
            _unknown[name] = known;
        }

        return known;
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

    /// <summary>A mention resolved once, valid for the lines <c>From &lt;= line &lt; Until</c>.</summary>
    private sealed record Memo(int From, int Until, ResolvedMention[] Result, Diagnostic[] AtLine);

    /// <summary>A member added by an inclusion definition: its unit, the diagnostics (at the line resolved) its resolution gives, and the one at the definition when it is unknown.</summary>
    private sealed record IncludedMember(string Member, Diagnostic[] AtLine, Diagnostic? Unknown);

    /// <summary>The notice's definitions, indexed: short names by the names they stand for, inclusions by their key.</summary>
    private sealed class Scope
    {
        public static readonly Scope Empty = new([]);

        public Scope(IReadOnlyList<InPlaceDefinition> definitions)
        {
            Definitions = definitions;
            Included = new IncludedMember[]?[definitions.Count];
            for (int k = 0; k < definitions.Count; k++)
            {
                var d = definitions[k];
                if (d.Kind == DefinitionKind.ShortName)
                {
                    foreach (string v in d.Values)
                    {
                        AddPosition(ShortNames, v, k);
                    }
                }
                else if (d.Kind == DefinitionKind.Includes)
                {
                    AddPosition(Includes, NameKeys.Abbreviated(d.Name), k);
                }
            }
        }

        public IReadOnlyList<InPlaceDefinition> Definitions { get; }

        /// <summary>By position, the members of an inclusion definition once resolved (<see cref="IncludedMembers"/>).</summary>
        public IncludedMember[]?[] Included { get; }

        /// <summary>Positions (ascending) of the short-name definitions whose values hold the name.</summary>
        public Dictionary<string, List<int>> ShortNames { get; } = new(StringComparer.Ordinal);

        /// <summary>Positions (ascending) of the inclusion definitions whose name has the key.</summary>
        public Dictionary<string, List<int>> Includes { get; } = new(StringComparer.Ordinal);

        private static void AddPosition(Dictionary<string, List<int>> index, string key, int k)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            if (list.Count == 0 || list[^1] != k)
            {
                list.Add(k);
            }
        }
    }

    /// <summary>
    /// One resolution at a line: its diagnostics, and the stretch of lines over which every definition it looked at
    /// would have been seen the same way (a definition applies from its own line on), so the result holds there too.
    /// </summary>
    private sealed class Probe(int line)
    {
        public int Line { get; } = line;

        public int From { get; private set; } = int.MinValue;

        public int Until { get; private set; } = int.MaxValue;

        public List<(Diagnostic Diagnostic, bool AtLine)> Diagnostics { get; } = [];

        /// <summary>Whether a definition made at <paramref name="definitionLine"/> applies at this line; narrows the stretch either way.</summary>
        public bool Sees(int definitionLine)
        {
            if (definitionLine <= Line)
            {
                From = Math.Max(From, definitionLine);
                return true;
            }

            Until = Math.Min(Until, definitionLine);
            return false;
        }

        /// <summary>Adds a diagnostic; <paramref name="atLine"/> when it is reported at the line resolved, not at a definition's.</summary>
        public void Add(Diagnostic diagnostic, bool atLine) => Diagnostics.Add((diagnostic, atLine));
    }
}
