using Luoshi.Parsing.Catalogue;
using Luoshi.Parsing.Indicators;

namespace Luoshi.Parsing.Tests.Understanding;

/// <summary><see cref="NoticeUnderstanding"/>: each item comes whole, and the header gives the plan's year.</summary>
public class UnderstandingTests
{
    [Theory]
    [MemberData(nameof(ResolverTests.Seeds), MemberType = typeof(ResolverTests))]
    public void Seed_Understood_EachItemCarriesItsOwnResolutionAndTargets(string seed, string code)
    {
        string text = TestPaths.ReadSeed(seed + ".txt");
        var u = NoticeUnderstanding.Understand(text, new CatalogueSet([ResolverTests.LoadCatalogue(code)]));

        u.Items.Select(x => x.Item).ShouldBe(u.Notice.Items);
        u.Items.Count(x => x.Targets.Count > 0).ShouldBeGreaterThan(10);
        foreach (var x in u.Items)
        {
            x.Resolved.ShouldNotBeNull();
            x.Resolved.Item.ShouldBeSameAs(x.Item);
            x.Targets.ShouldBe(IndicatorReader.Read(x.Item.Text));
        }
    }

    [Fact]
    public void Understand_NoCatalogue_ItemsCarryNoResolution()
    {
        var u = NoticeUnderstanding.Understand(TestPaths.ReadSeed("000_4e4f19e7498f2113.txt"), new CatalogueSet([]));
        u.Resolved.ShouldBeNull();
        u.Items.Count.ShouldBe(u.Notice.Items.Count);
        u.Items.ShouldAllBe(x => x.Resolved == null);
    }

    [Theory]
    [InlineData("岸政办〔2026〕1号", "2025年12月30日", 2026)]
    [InlineData("岸政办〔２０２７〕３号", "2026年12月30日", 2027)]
    [InlineData("", "2025年12月30日", 2025)]
    [InlineData("", "", null)]
    public void Header_Year_IsTheDocumentNumbersYearElseTheSigningYear(string docNumber, string signed, int? year)
    {
        string text = $"""
            武汉市江岸区人民政府办公室文件
            {docNumber}
            区人民政府办公室关于印发目标任务责任分解方案的通知
            各街道办事处，区政府各部门：
            现将方案印发给你们，请认真贯彻落实。
            武汉市江岸区人民政府办公室
            {signed}
            一、重点工作
            1. 建成口袋公园 3 个。（责任单位：区园林局）
            2. 新增停车泊位 100 个。（责任单位：区住房和城市更新局）
            """;
        NoticeParser.Parse(text).Document.Year.ShouldBe(year);
    }

    [Theory]
    [MemberData(nameof(GoldenTests.Seeds), MemberType = typeof(GoldenTests))]
    public void Seed_Header_YearIs2026(string seed)
    {
        NoticeParser.Parse(TestPaths.ReadSeed(seed + ".txt")).Document.Year.ShouldBe(2026);
    }
}
