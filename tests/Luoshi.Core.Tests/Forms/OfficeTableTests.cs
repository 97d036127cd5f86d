using Luoshi.Core.Features.Forms;
using Luoshi.Core.Features.Supervision;

namespace Luoshi.Core.Tests.Forms;

/// <summary>The office's own tables: the whole plan's progress and the scores (no district template; headers from the brief).</summary>
public sealed class OfficeTableTests
{
    private static readonly string[] ProgressHeaders =
        ["序号", "部分", "责任事项", "牵头单位", "责任单位", "指标（目标）", "实际完成", "序时进度%", "完成进度%", "状态", "红黄绿", "说明", "最近报告摘要"];

    internal static IReadOnlyList<ProgressRow> ProgressRows() =>
    [
        new("25", "（十）开展便民服务活动", "新增机动车停车泊位 1 万个。", "区住房和城乡建设局", "区住房和城乡建设局", "停车泊位 1 万个", "4200 个", 50m, 42m, "进度滞后", Rag.Amber, "落后序时进度 8 个百分点。", "二季度新增泊位 2100 个。"),
        new("23", "（九）", "开展各类防范电信网络诈骗宣传活动 50 场", "洪山公安分局", "洪山公安分局", "50 场", "=50-20", 50m, null, "逾期未报", Rag.Red, "二季度报告未报送。", "-"),
        new("28", "（十）开展便民服务活动", "开展职工心理关爱活动 60 场次以上。", "区总工会", "区总工会", "60 场次", "60 场次", 50m, 100m, "已完成", Rag.Green, "已报告完成。", "全年目标提前完成。"),
        new("29", "（十）", "未开始事项", "区甲局", "区甲局、区乙局", "", "", 0m, null, "未开始", Rag.None, "", ""),
    ];

    internal static IReadOnlyList<ScoreRow> ScoreRows() =>
    [
        new(1, "区总工会", 98.5m,
            [
                new("按时报送", 20m, 20m, "4 次报告均按时报送：20 分。"),
                new("目标完成", 60m, 58.5m, "完成率 97.5%，60 × 97.5% = 58.5 分。"),
                new("督查通报", 20m, 20m, "未被通报：20 分。"),
            ]),
        new(2, "区红十字会", 90m,
            [
                new("按时报送", 20m, 15m, "一季度迟报 1 次，扣 5 分。"),
                new("目标完成", 60m, 60m, "全部完成。"),
                new("加分项", 5m, 0m, "无。"),
                new("督查通报", 20m, 15m, "被通报 1 次，扣 5 分。"),
            ]),
    ];

    [Fact]
    public void PlanProgress_HeadersValuesAndColours()
    {
        using var book = new Workbook(FormWorkbooks.PlanProgress("2026年洪山区目标任务推进情况", ProgressRows()));
        book.SheetNames.ShouldBe(["推进情况"]);
        const string s = "推进情况";

        book.Text(s, "A1").ShouldBe("2026年洪山区目标任务推进情况");
        book.Merges(s).ShouldContain("A1:M1");
        book.RowTexts(s, 2, 13).ShouldBe(ProgressHeaders);
        book.RowTexts(s, 3, 13).ShouldBe(["25", "（十）开展便民服务活动", "新增机动车停车泊位 1 万个。", "区住房和城乡建设局", "区住房和城乡建设局", "停车泊位 1 万个", "4200 个", "50", "42", "进度滞后", "黄", "落后序时进度 8 个百分点。", "二季度新增泊位 2100 个。"]);

        var expected = book.Cell(s, "H3")!;
        expected.DataType.ShouldBeNull("percentages are numbers, so they can be sorted and summed");
        book.Text(s, "I4").ShouldBeNull("no measurable progress is an empty cell, not 0");
        book.Text(s, "G4").ShouldBe("=50-20");
        book.Cell(s, "G4")!.CellFormula.ShouldBeNull();
        (book.StyleOf(book.Cell(s, "G4")!).QuotePrefix?.Value ?? false).ShouldBeTrue();
        (book.StyleOf(book.Cell(s, "M4")!).QuotePrefix?.Value ?? false).ShouldBeTrue();

        string? Fill(string reference) => book.FillColour(book.Cell(s, reference)!);
        Fill("K3").ShouldBe("FFFFEB9C");
        Fill("K4").ShouldBe("FFFFC7CE");
        Fill("K5").ShouldBe("FFC6EFCE");
        book.Text(s, "K4").ShouldBe("红");
        book.Text(s, "K5").ShouldBe("绿");
        book.Text(s, "K6").ShouldBeNull();
    }

    [Fact]
    public void Scores_SummaryWithACriterionColumnEach_DetailWithWorkingAndMergedUnitCells()
    {
        using var book = new Workbook(FormWorkbooks.Scores("2026年度目标任务考评得分", ScoreRows()));
        book.SheetNames.ShouldBe(["得分汇总", "计分明细"]);

        const string summary = "得分汇总";
        book.Text(summary, "A1").ShouldBe("2026年度目标任务考评得分");
        book.RowTexts(summary, 2, 7).ShouldBe(["名次", "单位", "按时报送", "目标完成", "督查通报", "加分项", "总分"]);
        book.RowTexts(summary, 3, 7).ShouldBe(["1", "区总工会", "20", "58.5", "20", null, "98.5"]);
        book.RowTexts(summary, 4, 7).ShouldBe(["2", "区红十字会", "15", "60", "15", "0", "90"]);
        book.Merges(summary).ShouldContain("A1:G1");

        const string detail = "计分明细";
        book.RowTexts(detail, 2, 7).ShouldBe(["名次", "单位", "总分", "考核项目", "权重", "得分", "计分说明"]);
        book.RowTexts(detail, 3, 7).ShouldBe(["1", "区总工会", "98.5", "按时报送", "20", "20", "4 次报告均按时报送：20 分。"]);
        book.RowTexts(detail, 4, 7).ShouldBe([null, null, null, "目标完成", "60", "58.5", "完成率 97.5%，60 × 97.5% = 58.5 分。"]);
        book.RowTexts(detail, 6, 4).ShouldBe(["2", "区红十字会", "90", "按时报送"]);
        book.Merges(detail).ShouldBe(["A1:G1", "A3:A5", "B3:B5", "C3:C5", "A6:A9", "B6:B9", "C6:C9"], ignoreOrder: true);
    }
}
