using Luoshi.Core.Features.Circulars;

namespace Luoshi.Core.Tests.Circulars;

public class CircularComposerTests
{
    [Fact]
    public void Compose_Title_NamesYearAndPeriod()
    {
        CircularComposer.Compose(CircularSamples.JiangAnQ2()).Title.ShouldBe("关于2026年第二季度政府工作报告目标任务推进情况的通报");
    }

    [Fact]
    public void Compose_Body_HasOpeningFourSectionsAndTheOverviewTable()
    {
        var draft = CircularComposer.Compose(CircularSamples.JiangAnQ2());
        var blocks = OfficialDocumentText.Parse(draft.Body);

        blocks[0].ShouldBe(new ParagraphBlock("根据《江岸区2026年政府工作报告目标任务责任分解方案》要求，区政府督查室对2026年第二季度政府工作报告目标任务推进情况进行了跟踪督办。现将有关情况通报如下："));
        blocks.OfType<Heading1Block>().Select(h => h.Text).ShouldBe(["一、总体情况", "二、未按时报送的单位", "三、进度滞后的事项", "四、下步工作要求"]);
        Section(blocks, "一、").OfType<ParagraphBlock>().First().Text
            .ShouldBe("截至2026年7月15日，责任分解方案共有目标任务184项，其中已完成18项，正常推进141项，进度滞后15项，逾期未报10项。各部分推进情况如下：");
        var table = blocks.OfType<TableBlock>().ShouldHaveSingleItem();
        table.Header.ShouldBe(["部分", "事项数", "已完成", "正常推进", "进度滞后", "逾期未报"]);
        table.Rows.Select(r => r[0]).ShouldBe(["主要预期目标", "重点工作", "政府自身建设", "民生实事", "合计"]);
        table.Rows[^1].ShouldBe(["合计", "184", "18", "141", "15", "10"]);
    }

    [Fact]
    public void Compose_LateUnits_NamesExactlyTheUnitsGivenWithWhatTheyWereLateOn()
    {
        var blocks = OfficialDocumentText.Parse(CircularComposer.Compose(CircularSamples.JiangAnQ2()).Body);
        var late = Section(blocks, "二、").OfType<ParagraphBlock>().Select(p => p.Text).ToList();

        late[0].ShouldBe("截至2026年7月10日报送截止，区发展和改革局、二七街道办事处共2家单位未按时报送第二季度推进情况。具体如下：");
        late.Skip(1).ShouldBe(
        [
            "1.区发展和改革局：第12项（第二季度，至今未报送）、第88项（第二季度，2026年7月13日补报）。",
            "2.二七街道办事处：民生实事第22项（第二季度，至今未报送）。",
        ]);
        string.Concat(late).ShouldNotContain("区住房和城市更新局", customMessage: "a lead unit of a behind item that reported on time is not a late unit");
    }

    [Fact]
    public void Compose_NoLateUnits_SaysAllReportedOnTime()
    {
        var blocks = OfficialDocumentText.Parse(CircularComposer.Compose(CircularSamples.JiangAnQ2(lateUnits: [])).Body);
        Section(blocks, "二、").ShouldBe([new ParagraphBlock("本季度各单位均按时报送。")]);
    }

    [Fact]
    public void Compose_BehindItems_ListNumberAbbreviatedTextLeadUnitAndPercentages()
    {
        var blocks = OfficialDocumentText.Parse(CircularComposer.Compose(CircularSamples.JiangAnQ2()).Body);
        // Item 88 cut after 30 characters (digits count one each).
        var behind = Section(blocks, "三、").OfType<ParagraphBlock>().Select(p => p.Text).ToList();

        behind.ShouldBe(
        [
            "对照序时进度，共有2项目标任务进度滞后：",
            "1.重点工作第88项“新增停车泊位1万个、充电桩5000个，推进老旧小区停车设施改……”（牵头单位：区住房和城市更新局），实际进度35%，序时进度50%。",
            "2.主要预期目标（一）“地区生产总值增长6%左右”（牵头单位：区发展和改革局），实际进度40%，序时进度50%。",
        ]);
    }

    [Fact]
    public void Compose_NothingBehind_SaysSoAndDropsTheCatchUpRequirement()
    {
        var blocks = OfficialDocumentText.Parse(CircularComposer.Compose(CircularSamples.JiangAnQ2(behind: [])).Body);
        Section(blocks, "三、").ShouldBe([new ParagraphBlock("本季度暂无进度滞后的事项。")]);
        Section(blocks, "四、").Select(b => b.GetType()).ShouldAllBe(t => t == typeof(Heading2Block));
        Section(blocks, "四、").Cast<Heading2Block>().Select(h => h.Text[..3]).ShouldBe(["（一）", "（二）"]);
        string.Concat(Section(blocks, "四、").Cast<Heading2Block>().Select(h => h.Text)).ShouldNotContain("滞后");
    }

    [Fact]
    public void Compose_DataLookingLikeMarkup_CannotMakeTablesOrHeadings()
    {
        var facts = CircularSamples.JiangAnQ2(
            lateUnits: [new("区发改局 | 测试\n一、单位", [new("5", "第二季度", null)])],
            behind: [new("重点工作", "9", "一、甲|乙\n（二）丙", "区财政局\n|x", 10, 50)]);
        var blocks = OfficialDocumentText.Parse(CircularComposer.Compose(facts).Body);

        blocks.OfType<TableBlock>().Count().ShouldBe(1, "only the overview table");
        blocks.OfType<Heading1Block>().Count().ShouldBe(4);
        blocks.OfType<Heading2Block>().Count().ShouldBe(3, "the three requirements only");
        Section(blocks, "二、").OfType<ParagraphBlock>().Last().Text.ShouldBe("1.区发改局 ｜ 测试一、单位：第5项（第二季度，至今未报送）。");
        Section(blocks, "三、").OfType<ParagraphBlock>().Last().Text.ShouldBe("1.重点工作第9项“一、甲｜乙（二）丙”（牵头单位：区财政局｜x），实际进度10%，序时进度50%。");
    }

    [Fact]
    public void Compose_SameUnitListedTwice_IsNamedOnce()
    {
        var facts = CircularSamples.JiangAnQ2(lateUnits:
        [
            new("区民政局", [new("30", "第二季度", null)]),
            new("区民政局", [new("31", "第二季度", null)]),
        ]);
        var late = Section(OfficialDocumentText.Parse(CircularComposer.Compose(facts).Body), "二、").OfType<ParagraphBlock>().Select(p => p.Text).ToList();
        late[0].ShouldContain("区民政局共1家单位");
        late.Skip(1).ShouldBe(["1.区民政局：第30项（第二季度，至今未报送）、第31项（第二季度，至今未报送）。"]);
    }

    // The blocks after the first-level heading that starts with the prefix, up to the next one.
    private static List<DocBlock> Section(IReadOnlyList<DocBlock> blocks, string prefix) =>
        blocks.SkipWhile(b => b is not Heading1Block h || !h.Text.StartsWith(prefix, StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(b => b is not Heading1Block)
            .ToList();
}
