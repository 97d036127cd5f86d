using Luoshi.Parsing.Catalogue;

namespace Luoshi.Parsing.Tests;

/// <summary>A catalogue proposed from the notice itself, for a government that has none yet.</summary>
public class CatalogueProposerTests
{
    private const string Notice = """
        关于印发2026年市政府工作报告重点任务分工方案的通知

        附件

        一、重点工作

        1. 地区生产总值增长6%。（牵头单位：市发展和改革委员会；责任单位：市统计局、市财政局）

        2. 扩大有效投资。（牵头单位：市发改委；责任单位：各县、市、区人民政府）

        3. 稳住外贸基本盘。（牵头单位：市发展改革委；责任单位：市商务局、有关部门）

        4. 推进数字政府建设。（牵头单位：市政务服务和大数据管理局；责任单位：政务服务和大数据管理局、市委网信办、团市委）

        5. 加强乡村振兴。（牵头单位：市农业农村局；责任单位：各乡镇（含经济开发区管委会，下同）、市供电公司、市税务局）

        6. 建设航空产业园。（牵头单位：武汉航空新材料产业发展研究院〈以下简称“武航院”〉；责任单位：市经开区管委会）

        7. 引进航空企业5家。（牵头单位：武航院；责任单位：市投促局）
        """;

    private static CatalogueProposal Proposal() => CatalogueProposer.Propose(NoticeParser.Parse(Notice));

    [Fact]
    public void Propose_AbbreviationsOfOneUnit_AreOneUnitWithAliases()
    {
        var fgw = Proposal().Units.Single(u => u.Name == "市发展和改革委员会");

        fgw.Aliases.ShouldBe(["市发改委", "市发展改革委"], "发改委 = 发展改革委 = 发展和改革委员会 by rule, the fullest form is the name");
        fgw.Mentions.ShouldBe(3);
        fgw.FirstLine.ShouldBe(7);
        fgw.Kind.ShouldBe(UnitKind.Department);
    }

    [Fact]
    public void Propose_FormWithoutLevelPrefix_JoinsThePrefixedUnit()
    {
        var unit = Proposal().Units.Single(u => u.Name == "市政务服务和大数据管理局");

        unit.Aliases.ShouldBe(["政务服务和大数据管理局"]);
    }

    [Fact]
    public void Propose_ShortNameTheNoticeDefines_IsAnAlias()
    {
        var unit = Proposal().Units.Single(u => u.Name == "武汉航空新材料产业发展研究院");

        unit.Aliases.ShouldBe(["武航院"]);
        unit.Mentions.ShouldBe(2);
    }

    [Fact]
    public void Propose_Collectives_AreKeptApartWithTheirKinds()
    {
        var p = Proposal();

        p.Collectives.Select(c => c.Name).ShouldBe(["各县、市、区人民政府", "有关部门", "各乡镇"]);
        p.Collectives[0].MemberKinds.ShouldBe([UnitKind.Subdistrict]);
        p.Collectives[1].Open.ShouldBeTrue("有关部门 leaves the members to the office");
        p.Collectives[2].Include.ShouldBe(["经济开发区管委会"], "the in-place definition says what the collective includes");
        p.Units.ShouldNotContain(u => u.Name.StartsWith('各') || u.Name == "有关部门");
    }

    [Fact]
    public void Propose_EveryUnitNamed_IsProposedOnce()
    {
        var names = Proposal().Units.Select(u => u.Name).ToList();

        names.ShouldBe(
        [
            "市发展和改革委员会", "市统计局", "市财政局", "市商务局", "市政务服务和大数据管理局", "市委网信办", "团市委",
            "市农业农村局", "市供电公司", "市税务局", "武汉航空新材料产业发展研究院", "市经开区管委会", "市投促局",
            "经济开发区管委会",
        ], "units in order of first mention; a unit only an in-place definition names comes after those the items name");
    }

    [Theory]
    [InlineData("市委网信办", UnitKind.PartyMass, "市委…办 is a Party organ")]
    [InlineData("团市委", UnitKind.PartyMass, "the Youth League")]
    [InlineData("市发展和改革委员会", UnitKind.Department, "委员会 of the government is a department")]
    [InlineData("市供电公司", UnitKind.Vertical, "power supply is vertically managed")]
    [InlineData("市城投集团", UnitKind.StateCompany, "a city company")]
    [InlineData("珞南街道", UnitKind.Subdistrict, "a sub-district")]
    [InlineData("市经开区管委会", UnitKind.ManagementCommittee, "a management committee")]
    [InlineData("市税务局", UnitKind.Vertical, "tax is vertically managed")]
    [InlineData("城市更新工作专班", UnitKind.TaskForce, "a task force")]
    [InlineData("黄陂区人民政府", UnitKind.Subdistrict, "a government below the city")]
    public void KindOf_Name_GuessesTheKind(string name, UnitKind kind, string reason) =>
        CatalogueProposer.KindOf(name).ShouldBe(kind, reason);

    [Theory]
    [InlineData("市发改委", "市发展改革委", true)]
    [InlineData("市发改委", "市发展和改革委员会", true)]
    [InlineData("区人社局", "区人力资源和社会保障局", true)]
    [InlineData("市财政局", "市税务局", false)]
    public void GroupKey_Forms_AreOneUnitByRule(string a, string b, bool same) =>
        (CatalogueProposer.GroupKey(a) == CatalogueProposer.GroupKey(b)).ShouldBe(same);

    [Fact]
    public void ToCatalogue_Proposal_ResolvesTheNoticeAgainstIt()
    {
        var notice = NoticeParser.Parse(Notice);
        var catalogue = CatalogueProposer.Propose(notice).ToCatalogue("某市", "moushi", null);

        var resolved = new Resolution.UnitResolver(catalogue).Resolve(notice);

        resolved.Items[1].LeadUnits.ShouldBe(["市发展和改革委员会"], "市发改委 resolves through the proposed aliases");
        resolved.Items[6].LeadUnits.ShouldBe(["武汉航空新材料产业发展研究院"]);
    }
}
