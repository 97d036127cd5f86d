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
        var table = Section(blocks, "一、").OfType<TableBlock>().ShouldHaveSingleItem();
        table.Header.ShouldBe(["部分", "事项", "完成", "正常", "滞后", "逾期", "完成率", "正常率"]);
        table.Rows.Select(r => r[0]).ShouldBe(["主要预期目标", "重点工作", "政府自身建设", "民生实事", "合计"]);
        // 18 / 184 = 9.78 %; (18 + 141) / 184 = 86.41 %; 民生实事 (5 + 30) / 41 = 85.37 %.
        table.Rows[^1].ShouldBe(["合计", "184", "18", "141", "15", "10", "9.8%", "86.4%"]);
        table.Rows[3].ShouldBe(["民生实事", "41", "5", "30", "4", "2", "12.2%", "85.4%"]);
        table.Rows[2][6].ShouldBe("0%");
    }

    [Fact]
    public void Compose_LateUnits_NamesExactlyTheUnitsGivenWithWhatTheyWereLateOn()
    {
        var blocks = OfficialDocumentText.Parse(CircularComposer.Compose(CircularSamples.JiangAnQ2()).Body);
        var late = Section(blocks, "二、").OfType<ParagraphBlock>().Select(p => p.Text).ToList();

        late[0].ShouldBe("截至2026年7月10日报送截止，共有2家单位未按时报送第二季度推进情况，均有事项至今未报送。各单位未按时报送的事项如下：");
        late.Skip(1).ShouldBe(
        [
            "1.区发展和改革局：第12项未报送；第88项逾期补报。",
            "2.二七街道办事处：民生实事第22项未报送。",
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
        var section = Section(blocks, "三、");
        section.OfType<ParagraphBlock>().Single().Text.ShouldBe("对照序时进度，共有2项目标任务进度滞后：");
        var table = section.OfType<TableBlock>().ShouldHaveSingleItem();
        table.Header.ShouldBe(["事项", "内容", "牵头单位", "实际进度", "序时进度"]);
        table.Rows.ShouldBe(
        [
            ["重点工作第88项", "新增停车泊位1万个、充电桩5000个，推进老旧小区停车设施改……", "区住房和城市更新局", "35%", "50%"],
            ["主要预期目标（一）", "地区生产总值增长6%左右", "区发展和改革局", "40%", "50%"],
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

        blocks.OfType<TableBlock>().Count().ShouldBe(2, "the overview and the items behind");
        blocks.OfType<Heading1Block>().Count().ShouldBe(4);
        blocks.OfType<Heading2Block>().Count().ShouldBe(3, "the three requirements only");
        Section(blocks, "二、").OfType<ParagraphBlock>().Last().Text.ShouldBe("1.区发改局 ｜ 测试一、单位：第5项。");
        Section(blocks, "三、").OfType<TableBlock>().Single().Rows.ShouldBe([["重点工作第9项", "一、甲｜乙（二）丙", "区财政局｜x", "10%", "50%"]]);
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
        late[0].ShouldContain("共有1家单位未按时报送第二季度推进情况，均至今未报送");
        late.Skip(1).ShouldBe(["1.区民政局：第30、31项。"]);
    }

    [Fact]
    public void Compose_LateItems_GroupedByPartInOneSentencePerUnit()
    {
        var facts = CircularSamples.JiangAnQ2(lateUnits:
        [
            new("区发改局",
            [
                new("12", "第三季度", null) { PartName = "重点工作" },
                new("3", "第三季度", null) { PartName = "民生实事" },
                new("15", "第三季度", null) { PartName = "重点工作" },
                new("16", "第三季度", null) { PartName = "重点工作" },
                new("17", "第三季度", null) { PartName = "重点工作" },
                new("20", "第三季度", null) { PartName = "重点工作" },
                new("21", "第三季度", null) { PartName = "重点工作" },
                new("（二）", "第三季度", null) { PartName = "主要预期目标" },
            ]),
        ]);
        var late = Section(OfficialDocumentText.Parse(CircularComposer.Compose(facts).Body), "二、").OfType<ParagraphBlock>().Select(p => p.Text).ToList();
        late.Skip(1).ShouldBe(["1.区发改局：重点工作第12、15—17、20、21项，民生实事第3项，主要预期目标（二）。"]);
    }

    [Fact]
    public void Compose_NoticeCited_WithInnerTitleMarksAndItsNumber()
    {
        var facts = CircularSamples.JiangAnQ2() with
        {
            NoticeTitle = "区人民政府办公室关于印发2026年 区《政府工作报告》确定的主要目标任务 责任分解方案的通知",
            NoticeNumber = "洪政办〔2026〕1号",
        };
        OfficialDocumentText.Parse(CircularComposer.Compose(facts).Body)[0].ShouldBe(new ParagraphBlock(
            "根据《区人民政府办公室关于印发2026年区〈政府工作报告〉确定的主要目标任务责任分解方案的通知》（洪政办〔2026〕1号）要求，区政府督查室对2026年第二季度政府工作报告目标任务推进情况进行了跟踪督办。现将有关情况通报如下："));
    }

    // The blocks after the first-level heading that starts with the prefix, up to the next one.
    private static List<DocBlock> Section(IReadOnlyList<DocBlock> blocks, string prefix) =>
        blocks.SkipWhile(b => b is not Heading1Block h || !h.Text.StartsWith(prefix, StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(b => b is not Heading1Block)
            .ToList();
}
