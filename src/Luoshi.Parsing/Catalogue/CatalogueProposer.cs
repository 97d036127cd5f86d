namespace Luoshi.Parsing.Catalogue;

/// <summary>A unit the notice names, proposed for a catalogue: its fullest printed form and the other forms as aliases.</summary>
/// <param name="Name">The name proposed as canonical: the fullest form printed ("市发展和改革委员会").</param>
/// <param name="Kind">The kind guessed from the name's ending (局 → department, 街道 → sub-district …).</param>
/// <param name="Aliases">The other printed forms grouped with it by the abbreviation rules ("市发改委", "市发展改革委").</param>
/// <param name="Mentions">How many times the notice names it.</param>
/// <param name="FirstLine">1-based source line of the first item that names it.</param>
public sealed record ProposedUnit(string Name, UnitKind Kind, IReadOnlyList<string> Aliases, int Mentions, int FirstLine);

/// <summary>A collective name the notice uses ("各街道", "区直各部门", "各县、市、区人民政府"), proposed with the kinds it stands for.</summary>
/// <param name="Name">The name as printed.</param>
/// <param name="Aliases">Other printed forms grouped with it.</param>
/// <param name="Open">The notice leaves the members to the office ("有关", "相关", "其他").</param>
/// <param name="MemberKinds">The kinds of unit it stands for (empty when the name does not say).</param>
/// <param name="Include">Units the notice says it includes ("各街道（含经开区管委会，下同）").</param>
/// <param name="Mentions">How many times the notice names it.</param>
/// <param name="FirstLine">1-based source line of the first item that names it.</param>
public sealed record ProposedCollective(
    string Name, IReadOnlyList<string> Aliases, bool Open, IReadOnlyList<UnitKind> MemberKinds, IReadOnlyList<string> Include, int Mentions, int FirstLine);

/// <summary>The catalogue proposed from a notice, for a government that has none yet: to be confirmed or edited by the office.</summary>
public sealed record CatalogueProposal(IReadOnlyList<ProposedUnit> Units, IReadOnlyList<ProposedCollective> Collectives)
{
    /// <summary>The proposal as a catalogue (for reading the notice against it before the office confirms it).</summary>
    public UnitCatalogue ToCatalogue(string district, string code, string? city) =>
        new(district, code, city,
            [.. Units.Select(u => new CatalogueUnit(u.Name, u.Kind, u.Aliases, Unsure: true, Note: "由通知生成，待确认"))],
            [.. Collectives.Select(c => new CollectiveName(c.Name, c.Aliases, c.Open, c.MemberKinds, c.Include, []))]);
}

/// <summary>
/// Proposes a catalogue from the notice itself: every unit its items name, printed forms grouped by the abbreviation rules
/// (发改委 = 发展改革委 = 发展和改革委员会; a form without the level prefix joins the prefixed one), short names the notice
/// defines ("以下简称“武航院”") as aliases, collectives recognised and kept apart. Pure: the notice in, the proposal out.
/// </summary>
public static partial class CatalogueProposer
{
    private static readonly char[] LevelPrefixes = ['省', '市', '州', '县', '区', '旗'];

    /// <summary>Kinds by the name's ending or a word in it, first match wins (checked in this order).</summary>
    private static readonly (string Word, bool Ending, UnitKind Kind)[] KindRules =
    [
        ("专班", false, UnitKind.TaskForce), ("指挥部", false, UnitKind.TaskForce), ("领导小组办公室", false, UnitKind.TaskForce),
        ("管委会", true, UnitKind.ManagementCommittee), ("管理委员会", true, UnitKind.ManagementCommittee),
        ("公安", false, UnitKind.Vertical), ("税务", false, UnitKind.Vertical), ("消防救援", false, UnitKind.Vertical),
        ("供电", false, UnitKind.Vertical), ("海关", false, UnitKind.Vertical), ("气象局", true, UnitKind.Vertical),
        ("烟草", false, UnitKind.Vertical), ("邮政", false, UnitKind.Vertical), ("人民银行", false, UnitKind.Vertical),
        ("金融监管", false, UnitKind.Vertical), ("调查队", true, UnitKind.Vertical), ("法院", true, UnitKind.Vertical),
        ("检察院", true, UnitKind.Vertical), ("铁路", false, UnitKind.Vertical),
        ("集团", false, UnitKind.StateCompany), ("公司", true, UnitKind.StateCompany),
        ("妇联", true, UnitKind.PartyMass), ("总工会", true, UnitKind.PartyMass), ("工商联", true, UnitKind.PartyMass),
        ("科协", true, UnitKind.PartyMass), ("残联", true, UnitKind.PartyMass), ("红十字会", true, UnitKind.PartyMass),
        ("文联", true, UnitKind.PartyMass), ("侨联", true, UnitKind.PartyMass), ("团市委", false, UnitKind.PartyMass),
        ("团县委", false, UnitKind.PartyMass), ("团区委", false, UnitKind.PartyMass), ("团省委", false, UnitKind.PartyMass),
        ("街道办事处", true, UnitKind.Subdistrict), ("街道", true, UnitKind.Subdistrict), ("乡", true, UnitKind.Subdistrict),
        ("镇", true, UnitKind.Subdistrict), ("人民政府", true, UnitKind.Subdistrict),
    ];

    [GeneratedRegex(@"^[省市州县区旗]委(?!员会)[\u4e00-\u9fff]{1,8}(?:部|办|办公室|会|室)$")]
    private static partial Regex PartyOrgan();

    [GeneratedRegex(@"(?:有关|相关|其他|其它|各)[\u4e00-\u9fff、]{0,8}(?:部门|单位|机构|企业|成员单位)$")]
    private static partial Regex CollectiveWords();

    /// <summary>Proposes the catalogue for <paramref name="notice"/>.</summary>
    public static CatalogueProposal Propose(ParsedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);

        // Every printed form, in order of first mention, with its count.
        var forms = new Dictionary<string, (int Count, int FirstLine, int Order)>(StringComparer.Ordinal);
        foreach (var item in notice.Items)
        {
            foreach (var m in item.Lead.Concat(item.Responsible))
            {
                string name = m.Name.Trim();
                if (name.Length is < 2 or > 64)
                {
                    continue;
                }

                forms[name] = forms.TryGetValue(name, out var f) ? (f.Count + 1, f.FirstLine, f.Order) : (1, item.FirstLine, forms.Count);
            }
        }

        var includes = notice.Definitions.Where(d => d.Kind == DefinitionKind.Includes).ToList();
        var shortNames = notice.Definitions.Where(d => d.Kind == DefinitionKind.ShortName && d.Values.Count > 0)
            .GroupBy(d => d.Values[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        foreach (var d in includes)
        {
            foreach (string v in d.Values.Where(v => v.Length is >= 2 and <= 64 && !forms.ContainsKey(v)))
            {
                forms[v] = (0, d.Line, forms.Count);
            }
        }

        // Group keys: the abbreviation rules, then a short name joins its full name, then a form without the level prefix
        // joins the one prefixed form it matches.
        var keyOf = forms.Keys.ToDictionary(f => f, GroupKey, StringComparer.Ordinal);
        foreach (var (shortName, full) in shortNames)
        {
            if (keyOf.ContainsKey(shortName))
            {
                keyOf[shortName] = keyOf.TryGetValue(full, out string? k) ? k : GroupKey(full);
            }
        }

        var prefixed = keyOf.Values.Distinct(StringComparer.Ordinal)
            .Where(k => k.Length > 2 && Array.IndexOf(LevelPrefixes, k[0]) >= 0)
            .GroupBy(k => k[1..], StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        foreach (string f in forms.Keys)
        {
            if (prefixed.TryGetValue(keyOf[f], out string? withPrefix))
            {
                keyOf[f] = withPrefix;
            }
        }

        var units = new List<ProposedUnit>();
        var collectives = new List<ProposedCollective>();
        foreach (var group in forms.Keys.GroupBy(f => keyOf[f], StringComparer.Ordinal).OrderBy(g => g.Min(f => forms[f].Order)))
        {
            var members = group.ToList();
            // The fullest form is the name: the longest, the level prefix preferred, the first printed on a tie.
            string name = members.OrderByDescending(f => Array.IndexOf(LevelPrefixes, f[0]) >= 0 && !IsCollective(f) ? 1 : 0)
                .ThenByDescending(f => f.Length).ThenBy(f => forms[f].Order).First();
            var aliases = members.Where(f => f != name).OrderBy(f => forms[f].Order).ToList();
            int mentions = members.Sum(f => forms[f].Count);
            int firstLine = members.Min(f => forms[f].FirstLine);
            if (IsCollective(name))
            {
                var include = includes.Where(d => members.Contains(d.Name, StringComparer.Ordinal)).SelectMany(d => d.Values)
                    .Distinct(StringComparer.Ordinal).ToList();
                collectives.Add(new ProposedCollective(name, aliases, IsOpen(name), MemberKindsOf(name), include, mentions, firstLine));
            }
            else
            {
                units.Add(new ProposedUnit(name, KindOf(name), aliases, mentions, firstLine));
            }
        }

        return new CatalogueProposal(units, collectives);
    }

    /// <summary>
    /// The key under which printed forms are one unit: the regular abbreviations (发展和改革 → 发改), 委员会 → 委, brackets and
    /// spaces made one. "市发改委", "市发展改革委" and "市发展和改革委员会" share a key.
    /// </summary>
    public static string GroupKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = NameKeys.Abbreviated(name);
        return key.Replace("委员会", "委", StringComparison.Ordinal).Replace("办公室", "办", StringComparison.Ordinal);
    }

    /// <summary>True for a name that stands for many units: "各街道", "区直各部门", "有关单位", "各县、市、区人民政府".</summary>
    public static bool IsCollective(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith('各') || name.Contains("各部门", StringComparison.Ordinal) || name.Contains("各单位", StringComparison.Ordinal)
            || name.Contains('、', StringComparison.Ordinal) || CollectiveWords().IsMatch(name);
    }

    private static bool IsOpen(string name) =>
        name.Contains("有关", StringComparison.Ordinal) || name.Contains("相关", StringComparison.Ordinal)
        || name.Contains("其他", StringComparison.Ordinal) || name.Contains("其它", StringComparison.Ordinal);

    /// <summary>The kind of a unit guessed from its name (the office confirms it).</summary>
    public static UnitKind KindOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (PartyOrgan().IsMatch(name))
        {
            return UnitKind.PartyMass;
        }

        foreach (var (word, ending, kind) in KindRules)
        {
            if (ending ? name.EndsWith(word, StringComparison.Ordinal) : name.Contains(word, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return UnitKind.Department;
    }

    /// <summary>The kinds a collective stands for, read from its last word.</summary>
    private static List<UnitKind> MemberKindsOf(string name)
    {
        if (name.EndsWith("街道", StringComparison.Ordinal) || name.EndsWith("乡镇", StringComparison.Ordinal)
            || name.EndsWith("街乡", StringComparison.Ordinal) || name.EndsWith("镇", StringComparison.Ordinal)
            || name.EndsWith("政府", StringComparison.Ordinal) || name.EndsWith("街道办事处", StringComparison.Ordinal)
            || name is "各地" or "各县市区" or "各区" or "各县" or "各县（市、区）")
        {
            return [UnitKind.Subdistrict];
        }

        if (name.EndsWith("管委会", StringComparison.Ordinal))
        {
            return [UnitKind.ManagementCommittee];
        }

        if (name.EndsWith("企业", StringComparison.Ordinal) || name.EndsWith("公司", StringComparison.Ordinal))
        {
            return [UnitKind.StateCompany];
        }

        return name.EndsWith("部门", StringComparison.Ordinal) || name.EndsWith("单位", StringComparison.Ordinal)
            ? [UnitKind.Department]
            : [];
    }
}
