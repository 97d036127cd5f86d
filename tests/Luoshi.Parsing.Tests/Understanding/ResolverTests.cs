using Luoshi.Parsing.Catalogue;
using Luoshi.Parsing.Resolution;

namespace Luoshi.Parsing.Tests.Understanding;

public class ResolverTests
{
    public static TheoryData<string, string> Seeds => new()
    {
        { "000_4e4f19e7498f2113", "jiangan" },
        { "001_b07d873149f44e2f", "hongshan" },
        { "002_4ba397864c4b7ffe", "caidian" },
    };

    internal static UnitCatalogue LoadCatalogue(string code) =>
        UnitCatalogue.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "data", "catalogues", code + ".yaml")));

    internal static ResolvedPlan ResolveSeed(string seed, string code) =>
        new UnitResolver(LoadCatalogue(code)).Resolve(NoticeParser.Parse(TestPaths.ReadSeed(seed + ".txt")));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_Resolved_EveryMentionResolves(string seed, string code)
    {
        var plan = ResolveSeed(seed, code);
        var unknown = plan.Unknown.Select(m => m.Name).Distinct().ToList();
        unknown.ShouldBeEmpty($"unknown units: {string.Join(", ", unknown)}");
        plan.Diagnostics.Where(d => d.Code is "unknown-unit" or "ambiguous-unit").ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_Resolved_EveryItemHasALead(string seed, string code)
    {
        var plan = ResolveSeed(seed, code);
        plan.Items.Where(i => i.LeadUnits.Count == 0 && !i.Lead.Concat(i.Responsible).All(m => m.Open))
            .Select(i => i.Item.Number).ShouldBeEmpty();
    }
}

public class ResolverRuleTests
{
    private static readonly UnitCatalogue Catalogue = UnitCatalogue.Parse("""
        district: 测试区
        code: test
        units:
          - name: 区发展和改革局
            kind: department
          - name: 区卫生健康局
            kind: department
          - name: 区人力资源和社会保障局
            kind: department
          - name: 区市场监督管理局
            kind: department
          - name: 区教育局
            kind: department
          - name: 甲街道
            kind: subdistrict
          - name: 乙街道
            kind: subdistrict
          - name: 测试经济开发区管委会
            kind: management_committee
          - name: 武汉测试研究院
            kind: state_company
        collectives:
          - name: 各街道
            members: {kinds: [subdistrict]}
          - name: 区有关部门
            open: true
            members: {kinds: [department]}
        """);

    private static ResolvedMention One(string name, int line = 10, params InPlaceDefinition[] defs)
    {
        var diagnostics = new List<Diagnostic>();
        return new UnitResolver(Catalogue).Resolve(new UnitMention(name, name, "责任单位"), line, defs, diagnostics).Single();
    }

    [Theory]
    [InlineData("区发改局", "区发展和改革局", "发改 is the regular abbreviation of 发展和改革; not in the catalogue as an alias")]
    [InlineData("区卫健局", "区卫生健康局", "卫健 for 卫生健康")]
    [InlineData("区人社局", "区人力资源和社会保障局", "人社 for 人力资源和社会保障")]
    [InlineData("区人力资源局", "区人力资源和社会保障局", "Hongshan's shorter form")]
    [InlineData("区市场监管局", "区市场监督管理局", "市场监管 for 市场监督管理")]
    [InlineData("区 发展和改革局", "区发展和改革局", "a space left by a page break")]
    [InlineData("教育局", "区教育局", "the district prefix 区 lost (Caidian 28)")]
    [InlineData("测试经济开发区管理委员会", "测试经济开发区管委会", "管理委员会 and 管委会 are one word")]
    public void Resolve_RegularAbbreviation_FindsCanonicalUnit(string printed, string canonical, string reason)
    {
        var m = One(printed);
        m.Kind.ShouldBe(ResolutionKind.Unit, reason);
        m.Canonical.ShouldBe(canonical, reason);
    }

    [Fact]
    public void Resolve_CollectiveName_ExpandsToMembers()
    {
        var m = One("各街道");
        m.Kind.ShouldBe(ResolutionKind.Collective);
        m.Members.ShouldBe(["甲街道", "乙街道"]);
        m.Open.ShouldBeFalse();
    }

    [Fact]
    public void Resolve_IncludesDefinition_AppliesFromWhereItStandsOnwards()
    {
        var def = new InPlaceDefinition(DefinitionKind.Includes, "各街道", ["测试经济开发区管委会"], 20);
        One("各街道", 10, def).Members.ShouldNotContain("测试经济开发区管委会");
        One("各街道", 20, def).Members.ShouldContain("测试经济开发区管委会");
        One("各街道", 30, def).Members.ShouldContain("测试经济开发区管委会");
    }

    [Fact]
    public void Resolve_ShortNameDefinition_ResolvesTheShortNameAfterIt()
    {
        var def = new InPlaceDefinition(DefinitionKind.ShortName, "武汉测试研究院", ["测研院"], 20);
        One("测研院", 10, def).Kind.ShouldBe(ResolutionKind.Unknown);
        var after = One("测研院", 25, def);
        after.Canonical.ShouldBe("武汉测试研究院");
        after.How.ShouldBe("definition");
    }

    [Fact]
    public void Resolve_UnknownUnit_GivesCandidatesAndDiagnostic()
    {
        var diagnostics = new List<Diagnostic>();
        var m = new UnitResolver(Catalogue).Resolve(new UnitMention("区发展改革委员会", "区发展改革委员会", "责任单位"), 7, [], diagnostics).Single();
        m.Kind.ShouldBe(ResolutionKind.Unknown);
        m.Candidates.ShouldContain("区发展和改革局");
        diagnostics.ShouldContain(d => d.Code == "unknown-unit" && d.Line == 7);
    }

    [Fact]
    public void Resolve_UnitAndOthers_GivesUnitAndOpenCollective()
    {
        var ms = new UnitResolver(Catalogue).Resolve(new UnitMention("区教育局等有关部门", "区教育局等有关部门", "责任单位"), 1, [], []).ToList();
        ms.Select(m => m.Canonical).ShouldBe(["区教育局", "区有关部门"]);
        ms[1].Open.ShouldBeTrue();
    }

    [Theory]
    [InlineData(LeadRule.ResponsibleUnitsLead, LeadSource.ResponsibleUnitsLead, new[] { "区教育局", "甲街道" })]
    [InlineData(LeadRule.FirstListedLeads, LeadSource.FirstListed, new[] { "区教育局" })]
    [InlineData(LeadRule.Unstated, LeadSource.NoConvention, new[] { "区教育局", "甲街道" })]
    public void Resolve_ItemWithoutLead_AppliesTheNoticesConvention(LeadRule rule, LeadSource source, string[] leads)
    {
        var item = new NoticeItem(1, PartKind.KeyWork, "1", 1, null, null, "任务", [],
            [new UnitMention("区教育局", "区教育局", "责任单位"), new UnitMention("甲街道", "甲街道", "责任单位")], [], null, 1, 1);
        var notice = new ParsedNotice(new NoticeDocument(null, null, null, null, rule, null), [], [item], [], []);
        var resolved = new UnitResolver(Catalogue).Resolve(notice).Items.Single();
        resolved.LeadSource.ShouldBe(source);
        resolved.LeadUnits.ShouldBe(leads);
        resolved.CoUnits.ShouldBe(new[] { "区教育局", "甲街道" }.Except(leads).ToList());
    }

    [Fact]
    public void Resolve_PlanRepeatingMentionsAroundDefinitions_ResolvesEachAsOnItsOwn()
    {
        // The plan resolves a repeated mention once per stretch between definitions; each item must still see exactly the
        // definitions standing before it, as when its mentions are resolved one by one.
        InPlaceDefinition[] defs =
        [
            new(DefinitionKind.ShortName, "武汉测试研究院", ["测研院"], 20),
            new(DefinitionKind.Includes, "各街道", ["测试经济开发区管委会", "丙街道"], 25),
            new(DefinitionKind.Includes, "各街道", ["乙街道", "丁街道"], 45),
        ];
        string[] names = ["测研院", "各街道", "区发改局", "戊单位"];
        int[] lines = [10, 20, 21, 30, 44, 45, 50];
        var items = lines.Select((line, k) => new NoticeItem(1, PartKind.KeyWork, (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            k + 1, null, null, "任务", [], [.. names.Select(n => new UnitMention(n, n, "责任单位"))], [], null, line, line)).ToList();
        var notice = new ParsedNotice(new NoticeDocument(null, null, null, null, LeadRule.ResponsibleUnitsLead, null), [], items, defs, []);

        var plan = new UnitResolver(Catalogue).Resolve(notice);

        for (int k = 0; k < lines.Length; k++)
        {
            var one = names.Select(n => Shape(One(n, lines[k], defs))).ToList();
            plan.Items[k].Responsible.Select(Shape).ShouldBe(one, $"item at line {lines[k]}");
        }

        plan.Items[0].Responsible[0].Kind.ShouldBe(ResolutionKind.Unknown);
        plan.Items[1].Responsible[0].Canonical.ShouldBe("武汉测试研究院");
        plan.Items[2].Responsible[1].Members.ShouldBe(["甲街道", "乙街道"]);
        plan.Items[3].Responsible[1].Members.ShouldBe(["甲街道", "乙街道", "测试经济开发区管委会", "丙街道"]);
        plan.Items[5].Responsible[1].Members.ShouldBe(["甲街道", "乙街道", "测试经济开发区管委会", "丙街道", "丁街道"]);
        // 戊单位 is unknown in every item, at the item's line.
        plan.Diagnostics.Where(d => d.Code == "unknown-unit" && d.Message.Contains("戊单位", StringComparison.Ordinal))
            .Select(d => d.Line).ShouldBe(lines);
    }

    private static string Shape(ResolvedMention m) =>
        $"{m.Printed}|{m.Name}|{m.Kind}|{m.Canonical}|{string.Join(",", m.Members)}|{m.Open}|{string.Join(",", m.Candidates)}|{m.How}";

    [Fact]
    public void Resolve_PlanNamingACollectiveOften_ReportsAnUnknownMemberOnceAtItsDefinition()
    {
        var def = new InPlaceDefinition(DefinitionKind.Includes, "各街道", ["丙街道"], 5);
        var items = Enumerable.Range(1, 4).Select(k => new NoticeItem(1, PartKind.KeyWork, k.ToString(System.Globalization.CultureInfo.InvariantCulture),
            k, null, null, "任务", [], [new UnitMention("各街道", "各街道", "责任单位")], [], null, 10 * k, 10 * k)).ToList();
        var notice = new ParsedNotice(new NoticeDocument(null, null, null, null, LeadRule.ResponsibleUnitsLead, null), [], items, [def], []);

        var plan = new UnitResolver(Catalogue).Resolve(notice);

        plan.Items.ShouldAllBe(i => i.Responsible.Single().Members.Contains("丙街道"));
        var unknown = plan.Diagnostics.Where(d => d.Code == "unknown-unit").ToList();
        unknown.Count.ShouldBe(1);
        unknown[0].Line.ShouldBe(5);
        unknown[0].Message.ShouldBe("“各街道”所含单位“丙街道”不在测试区单位名录中。");
    }

    [Fact]
    public void Parse_MalformedCatalogue_ThrowsWithClearMessage()
    {
        var e = Should.Throw<CatalogueFormatException>(() => UnitCatalogue.Parse("district: 测试区\nunits:\n  - name: 甲\n    kind: planet\n"));
        e.Message.ShouldContain("planet");
    }
}
