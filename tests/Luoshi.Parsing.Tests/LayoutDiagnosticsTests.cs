namespace Luoshi.Parsing.Tests;

/// <summary>Where the layout cannot be understood, the reader says so instead of inventing structure.</summary>
public class LayoutDiagnosticsTests
{
    private const string Head = "区人民政府办公室关于印发2026年重点工作责任分解方案的通知\n\n附件\n\n一、重点工作\n\n";

    [Fact]
    public void Parse_CutInsideAClause_SaysTextCutOff()
    {
        string text = Head + "1. 推进城市更新。（牵头单位：区住建局；责任单位：区房管局）\n\n2. 新增学位2000个。（牵头单位：区教育局；责任单位：区发";

        var notice = NoticeParser.Parse(text);

        notice.Items.Count.ShouldBe(2);
        notice.Items[1].Lead.Single().Name.ShouldBe("区教育局");
        notice.Diagnostics.ShouldContain(d => d.Code == "text-cut-off" && d.Line == 9);
    }

    [Fact]
    public void Parse_ClauseUnclosedButTextGoesOn_DoesNotSayCutOff()
    {
        string text = Head + "1. 推进城市更新。（牵头单位：区住建局；责任单位：区房管局\n\n2. 新增学位2000个。（牵头单位：区教育局）\n";

        var notice = NoticeParser.Parse(text);

        notice.Items.Count.ShouldBe(2);
        notice.Diagnostics.ShouldContain(d => d.Code == "unclosed-bracket");
        notice.Diagnostics.ShouldNotContain(d => d.Code == "text-cut-off");
    }

    [Fact]
    public void Parse_UnitsInAnUnknownForm_SaysLayoutNotUnderstood()
    {
        // "主办：" is no label the reader knows: it must not guess who is responsible.
        string text = Head + string.Concat(Enumerable.Range(1, 6).Select(n => $"{n}. 第{n}项任务。\n主办：区发改局\n\n"))
            + "7. 第7项任务。（责任单位：区财政局）\n";

        var notice = NoticeParser.Parse(text);

        notice.Items.Count.ShouldBe(7);
        notice.Items.Take(6).ShouldAllBe(i => i.Lead.Count == 0 && i.Responsible.Count == 0);
        notice.Diagnostics.ShouldContain(d => d.Code == "layout-not-understood" && d.Severity == Severity.Error);
    }

    [Fact]
    public void Parse_TitledPartsWithoutNumberedItems_SaysNoPlan()
    {
        string text = "关于印发方案的通知\n\n一、主要预期目标\n\n地区生产总值增长6%。\n\n二、重点工作\n\n推进城市更新。\n";

        var notice = NoticeParser.Parse(text);

        notice.Items.ShouldBeEmpty();
        notice.Diagnostics.ShouldContain(d => d.Code == "no-plan");
    }

    [Fact]
    public void Parse_TableWithUnknownColumn_SaysWhichColumnWasNotRead()
    {
        string text = Head + "| 序号 | 重点任务 | 牵头单位 | 备注 |\n| --- | --- | --- | --- |\n| 1 | 推进城市更新 | 区住建局 | 省考指标 |\n";

        var notice = NoticeParser.Parse(text);

        notice.Items.Single().Lead.Single().Name.ShouldBe("区住建局");
        notice.Diagnostics.ShouldContain(d => d.Code == "table-column-ignored" && d.Message.Contains("备注", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_TableWithUnknownHeader_SaysTableNotUnderstood()
    {
        string text = Head + "| 编号 | 内容 | 备注 |\n| --- | --- | --- |\n| 1 | 推进城市更新 | 区住建局 |\n| 2 | 新增学位 | 区教育局 |\n";

        var notice = NoticeParser.Parse(text);

        notice.Items.ShouldBeEmpty();
        notice.Diagnostics.ShouldContain(d => d.Code == "table-not-understood" && d.Line == 7, string.Join("\n", notice.Diagnostics));
    }

    [Fact]
    public void Parse_TableRowWithoutNumber_NumbersItAndSaysSo()
    {
        string text = Head + "序号\t重点任务\t牵头单位\n\t推进城市更新\t区住建局\n";

        var notice = NoticeParser.Parse(text);

        notice.Items.Single().Number.ShouldBe("1");
        notice.Diagnostics.ShouldContain(d => d.Code == "table-number-missing");
    }

    [Fact]
    public void Parse_TemplateTableWithEmptyTaskCells_ProducesNothing()
    {
        string text = Head + "1. 推进城市更新。（牵头单位：区住建局）\n\n附件2\n\n序号\t责任事项\t季度工作安排\t完成时限\t责任领导\t责任单位\n1\t\t一季度\t\t\t\n2\t\t二季度\t\t\t\n";

        var notice = NoticeParser.Parse(text);

        notice.Items.Count.ShouldBe(1);
        notice.Diagnostics.ShouldContain(d => d.Code == "table-template");
        notice.Diagnostics.ShouldNotContain(d => d.Code == "table-read");
    }

    [Fact]
    public void Parse_SquareBracketClauseWithParenthesisedName_KeepsTheNameWhole()
    {
        string text = Head + "1、抓好粮食储备。[牵头单位：县发改局(粮食局)；责任单位：县财政局(国资局)、县农业农村局]\n";

        var notice = NoticeParser.Parse(text);

        var item = notice.Items.Single();
        item.Text.ShouldBe("抓好粮食储备。");
        item.Lead.Select(u => u.Name).ShouldBe(["县发改局(粮食局)"]);
        item.Responsible.Select(u => u.Name).ShouldBe(["县财政局(国资局)", "县农业农村局"]);
    }
}
