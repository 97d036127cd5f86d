using Luoshi.Core.Features.Imports;

namespace Luoshi.Core.Tests.Imports;

/// <summary>Where the split form proposes the cut, how the marked text is cut, and a join on a draft built by hand (issue 10.6).</summary>
public class DraftCutsTests
{
    [Theory]
    [InlineData("完成第一件事。59. 启动第二件事。", "完成第一件事。")]
    [InlineData("甲事一。乙事二。丙事三，继续写得更长一些。丁事四。", "甲事一。乙事二。")]
    [InlineData("新增停车泊位1万个、充电桩6000个", "新增停车泊位1万个、")]
    [InlineData("新增停车泊位一万个充电桩六千个", "新增停车泊位一")]
    public void ProposedCut_BeforeANumberLeftInTheText_ElseAtTheSentenceOrClauseEndNearestTheMiddle_ElseInTheMiddle(string text, string before) =>
        text[..DraftCuts.ProposedCut(text)].ShouldBe(before);

    [Fact]
    public void Cut_TakesTheTwoSidesOfTheOneMarkerLine_AnyDashLineCounts_CrLfToo()
    {
        DraftCuts.Cut("甲。\r\n" + DraftCuts.Marker + "\r\n乙。", out string? none).ShouldBe(("甲。", "乙。"));
        none.ShouldBeNull();
        DraftCuts.Cut("甲。\n  ----- \n乙。", out _).ShouldBe(("甲。", "乙。"));
        DraftCuts.Cut("甲。乙。", out string? missing).ShouldBeNull();
        missing.ShouldNotBeNull().ShouldContain("没有找到分隔线");
        DraftCuts.Cut("甲\n---\n乙\n---\n丙", out string? twice).ShouldBeNull();
        twice.ShouldNotBeNull().ShouldContain("只保留一条分隔线");
        DraftCuts.IsMarker("——").ShouldBeFalse("two dashes are punctuation, not the marker");
    }

    [Fact]
    public void Join_KeepsTheFirstNumber_UnitsOfBothLeadWinning_TargetsReadFromTheJoinedText_OrderClosesUp()
    {
        var plan = new DraftPlan
        {
            Items =
            [
                new() { Key = 1, Part = 1, Number = "1", Text = "建成道路3条，", Lead = [Unit("甲局")], Co = [Unit("乙局")] },
                new() { Key = 2, Part = 1, Number = "2", Text = "新增泊位500个。", Lead = [Unit("乙局")], Co = [Unit("丙局"), new() { Printed = "丁中心" }] },
                new() { Key = 3, Part = 2, Number = "1", Text = "另一部分。", Lead = [Unit("甲局")] },
            ],
        };
        DraftCuts.JoinWithNext(1)(plan).ShouldBeNull();
        plan.Items.Select(i => (i.Key, i.Number)).ShouldBe([(1, "1"), (2, "1")]);
        var joined = plan.Items[0];
        joined.Text.ShouldBe("建成道路3条，新增泊位500个。");
        joined.Lead.Select(u => u.Name).ShouldBe(["甲局", "乙局"]);
        joined.Co.Select(u => u.Name ?? "?" + u.Printed).ShouldBe(["丙局", "?丁中心"]);
        joined.Indicators.Select(x => (x.Value, x.Unit)).ShouldBe([(3m, "条"), (500m, "个")]);

        // Across parts: refused, nothing changed.
        DraftCuts.JoinWithNext(1)(plan).ShouldNotBeNull().Message.ShouldContain("不能与下一部分的第 1 项合并");
        plan.Items.Count.ShouldBe(2);
    }

    private static DraftUnit Unit(string name) => new() { Printed = name, Name = name };
}
