using DocumentFormat.OpenXml.Spreadsheet;
using Luoshi.Core.Features.Forms;
using Luoshi.Parsing.Calendar;

namespace Luoshi.Core.Tests.Forms;

/// <summary>
/// The districts' template forms. Expected titles, header lines and column headers are written here from reading
/// the attachments at the end of data/seeds/000_… (江岸 附件2 样表) and 001_… (洪山 附件1, 附件2);
/// <see cref="SeedTemplateTests"/> checks these literals against the seed text itself.
/// </summary>
public sealed class DistrictFormTests
{
    internal static readonly string[] JianganHeaders = ["序号", "责任事项", "具体工作内容", "完成时限", "分管领导", "责任科室"];

    // 季度工作安排 spans two columns in the seed: the quarter's name, then its work.
    internal static readonly string[] HongshanPlanHeaders = ["序号", "责任事项", "季度工作安排", null!, "完成时限", "责任领导", "责任单位"];

    internal static readonly string[] HongshanReportHeaders = ["序号", "责任事项", "完成情况", "存在主要问题及下步工作打算"];

    [Fact]
    public void JianganWorkPlan_OneUnit_TitleHeaderLineAndColumnHeadersAsPrinted()
    {
        var rows = Samples.JianganRows().Where(r => r.UnitName == Samples.FireBrigade).ToList();
        using var book = new Workbook(FormWorkbooks.JianganWorkPlan(Samples.FireBrigade, 2026, rows, new FormHeader(Principal: "赵六")));

        book.SheetNames.ShouldBe([Samples.FireBrigade]);
        var s = Samples.FireBrigade;
        book.Text(s, "A1").ShouldBe("区消防救援局区《政府工作报告》办理工作方案");
        book.Text(s, "A2").ShouldBe("主要责任人: 赵六");
        book.RowTexts(s, 3, 6).ShouldBe(JianganHeaders);
        book.Text(s, "G3").ShouldBeNull();
        book.Merges(s).ShouldContain("A1:F1");
        book.Merges(s).ShouldContain("A2:F2");
        book.Title.ShouldBe("2026年 区消防救援局办理工作方案");
    }

    [Fact]
    public void JianganWorkPlan_ItemWithThreeSteps_OneRowPerStepItemCellsMergedVertically()
    {
        var rows = Samples.JianganRows().Where(r => r.UnitName == Samples.FireBrigade).ToList();
        using var book = new Workbook(FormWorkbooks.JianganWorkPlan(Samples.FireBrigade, 2026, rows));
        var s = Samples.FireBrigade;

        book.RowTexts(s, 4, 6).ShouldBe(["39", "新建 1 座消防站。", "完成消防站选址和用地预审", "3月底前", "张副区长", "防火监督科"]);
        book.RowTexts(s, 5, 6).ShouldBe([null, null, "完成立项、设计和招标", "6月底前", null, null]);
        book.RowTexts(s, 6, 6).ShouldBe([null, null, "主体完工并投入使用", "12月底前", null, null]);
        book.RowTexts(s, 7, 6).ShouldBe(["40", "为辖区五类人员安装烟感报警器 500 个。", "摸排五类人员底数，分批入户安装", "10月底前", "张副区长", "社会消防工作科"]);

        var merges = book.Merges(s);
        merges.ShouldContain("A4:A6");
        merges.ShouldContain("B4:B6");
        merges.ShouldContain("E4:E6");
        merges.ShouldContain("F4:F6");
        merges.ShouldNotContain("C4:C6");
        merges.ShouldNotContain("D4:D6");
        merges.ShouldAllBe(m => !m.StartsWith("A7", StringComparison.Ordinal), "a one-step item is one row, nothing to merge");
        book.Text(s, "A8").ShouldBeNull();
    }

    [Fact]
    public void JianganWorkPlan_StepWithoutDue_TakesTheItemDeadline_ItemWithoutSteps_KeepsOneRow()
    {
        WorkPlanRow[] rows =
        [
            new("1", "甲事项", [new(null, "第一步", null)], null, null, "区甲局", "6月底前"),
            new("2", "乙事项", [], null, null, "区甲局", "年底前"),
        ];
        using var book = new Workbook(FormWorkbooks.JianganWorkPlan("区甲局", 2026, rows));

        book.RowTexts("区甲局", 4, 4).ShouldBe(["1", "甲事项", "第一步", "6月底前"]);
        book.RowTexts("区甲局", 5, 4).ShouldBe(["2", "乙事项", null, "年底前"]);
        book.Text("区甲局", "A2").ShouldBe("主要责任人:");
    }

    [Fact]
    public void JianganWorkPlan_SeveralUnits_OneSheetEachInOrderOfFirstAppearance()
    {
        var principals = new Dictionary<string, FormHeader> { [Samples.WaterBureau] = new("钱七") };
        using var book = new Workbook(FormWorkbooks.JianganWorkPlan(2026, Samples.JianganRows(), principals));

        book.SheetNames.ShouldBe([Samples.FireBrigade, Samples.WaterBureau]);
        book.Text(Samples.WaterBureau, "A1").ShouldBe("区水务和湖泊局区《政府工作报告》办理工作方案");
        book.Text(Samples.WaterBureau, "A2").ShouldBe("主要责任人: 钱七");
        book.Text(Samples.FireBrigade, "A2").ShouldBe("主要责任人:");
        book.RowTexts(Samples.WaterBureau, 3, 6).ShouldBe(JianganHeaders);
        book.RowTexts(Samples.WaterBureau, 4, 4).ShouldBe(["38", "提升城区排渍能力，整治易渍水点位 27 处。", "汛前完成 15 处易渍水点位整治", "5月底前"]);
        book.Merges(Samples.WaterBureau).ShouldContain("A4:A5");
        book.Text(Samples.FireBrigade, "A4").ShouldBe("39");
        book.Title.ShouldBe("2026年 2个单位办理工作方案");
    }

    [Fact]
    public void OneUnitForm_RowOfAnotherUnit_Throws()
    {
        Should.Throw<ArgumentException>(() => FormWorkbooks.JianganWorkPlan(Samples.FireBrigade, 2026, Samples.JianganRows()))
            .Message.ShouldContain(Samples.WaterBureau);
        Should.Throw<ArgumentException>(() => FormWorkbooks.HongshanWorkPlan(2026, []));
    }

    [Fact]
    public void HongshanWorkPlan_TitleHeaderLineAndColumnHeadersAsPrinted()
    {
        var rows = Samples.HongshanRows().Where(r => r.UnitName == "区总工会").ToList();
        using var book = new Workbook(FormWorkbooks.HongshanWorkPlan("区总工会", 2026, rows, new FormHeader(FilledOn: new DateOnly(2026, 1, 28))));

        book.Text("区总工会", "A1").ShouldBe("区总工会办理工作方案");
        book.Text("区总工会", "A2").ShouldBe("填报时间: 2026年1月28日");
        book.RowTexts("区总工会", 3, 7).ShouldBe(HongshanPlanHeaders);
        book.Merges("区总工会").ShouldBe(["A1:G1", "A2:G2", "C3:D3", "A4:A7", "B4:B7", "E4:E7", "F4:F7", "G4:G7"], ignoreOrder: true);
    }

    [Fact]
    public void HongshanWorkPlan_EveryItem_FourQuarterRowsWithTheItemsCellsMergedAcrossThem()
    {
        using var book = new Workbook(FormWorkbooks.HongshanWorkPlan(2026, Samples.HongshanRows()));
        book.SheetNames.ShouldBe(["区总工会", "区红十字会"]);

        const string union = "区总工会";
        book.RowTexts(union, 4, 7).ShouldBe(["28", "开展职工心理关爱活动 60 场次以上。", "一季度", "制定年度活动方案，开展 10 场（3月底前）", "12月底前", "王副区长", "区总工会"]);
        book.RowTexts(union, 5, 7).ShouldBe([null, null, "二季度", "开展 20 场", null, null, null]);
        // A step without a quarter goes where its deadline falls (9月30日前 → 三季度; 年底前 → 四季度).
        book.RowTexts(union, 6, 7).ShouldBe([null, null, "三季度", "1. 开展 15 场（9月30日前）\n2. 中期评估（9月底前）", null, null, null]);
        book.RowTexts(union, 7, 7).ShouldBe([null, null, "四季度", "开展 15 场并总结（年底前）", null, null, null]);
        book.Text(union, "A8").ShouldBeNull();

        const string redCross = "区红十字会";
        book.Text(redCross, "A1").ShouldBe("区红十字会办理工作方案");
        book.Text(redCross, "A2").ShouldBe("填报时间:");
        Enumerable.Range(4, 4).Select(r => book.Text(redCross, $"C{r}")).ShouldBe(["一季度", "二季度", "三季度", "四季度"]);
        Enumerable.Range(4, 4).Select(r => book.Text(redCross, $"D{r}")).ShouldBe(["培训 0.5 万人次", "培训 1 万人次", "培训 0.8 万人次", "培训 0.7 万人次"]);
        book.Text(redCross, "G4").ShouldBe("区红十字会（牵头）、区应急管理局");
    }

    [Fact]
    public void HongshanWorkPlan_ItemWithoutSteps_StillFourQuarterRows()
    {
        WorkPlanRow[] rows = [new("1", "甲事项", [], "领导", null, "区甲局", null), new("2", "乙事项", [], null, null, "区甲局", null)];
        using var book = new Workbook(FormWorkbooks.HongshanWorkPlan("区甲局", 2026, rows));

        Enumerable.Range(4, 8).Select(r => book.Text("区甲局", $"C{r}"))
            .ShouldBe(["一季度", "二季度", "三季度", "四季度", "一季度", "二季度", "三季度", "四季度"]);
        book.Text("区甲局", "A8").ShouldBe("2");
        book.Merges("区甲局").ShouldContain("B8:B11");
    }

    [Fact]
    public void HongshanQuarterReport_TitleHeaderLineColumnsAndValues()
    {
        ReportRow[] rows =
        [
            new("28", "开展职工心理关爱活动 60 场次以上。", "一季度开展 12 场，覆盖职工 1800 人次。", "部分街道场地不足；下步协调社区活动室。", "区总工会"),
            new("24", "开展群众性应急救援培训“五进”工作", "完成 0.6 万人次。", "无", "区总工会"),
        ];
        using var book = new Workbook(FormWorkbooks.HongshanQuarterReport("区总工会", 2026, ReportPeriodLabels.Quarter(1), rows, new FormHeader(FilledOn: new DateOnly(2026, 4, 7))));

        book.Text("区总工会", "A1").ShouldBe("区总工会一季度工作目标完成情况表");
        book.Text("区总工会", "A2").ShouldBe("填报时间: 2026年4月7日");
        book.RowTexts("区总工会", 3, 4).ShouldBe(HongshanReportHeaders);
        book.RowTexts("区总工会", 4, 4).ShouldBe(["28", "开展职工心理关爱活动 60 场次以上。", "一季度开展 12 场，覆盖职工 1800 人次。", "部分街道场地不足；下步协调社区活动室。"]);
        book.RowTexts("区总工会", 5, 4).ShouldBe(["24", "开展群众性应急救援培训“五进”工作", "完成 0.6 万人次。", "无"]);
        book.Merges("区总工会").ShouldBe(["A1:D1", "A2:D2"], ignoreOrder: true);
    }

    [Fact]
    public void HongshanQuarterReport_SeveralUnits_SheetPerUnit_AnnualTitle()
    {
        ReportRow[] rows = [new("1", "甲", "完成", "无", "区甲局"), new("2", "乙", "完成", "无", "区乙局"), new("3", "丙", "完成", "无", "区甲局")];
        using var book = new Workbook(FormWorkbooks.HongshanQuarterReport(2026, "全年", rows));

        book.SheetNames.ShouldBe(["区甲局", "区乙局"]);
        book.Text("区甲局", "A1").ShouldBe("区甲局全年工作目标完成情况表");
        book.Text("区甲局", "A5").ShouldBe("3");
        book.Text("区乙局", "A4").ShouldBe("2");
        book.Text("区乙局", "A5").ShouldBeNull();
    }

    [Fact]
    public void EmptyForm_OneUnitWithoutRows_TitleAndHeadersOnly()
    {
        using var book = new Workbook(FormWorkbooks.HongshanWorkPlan("区甲局", 2026, []));

        book.SheetNames.ShouldBe(["区甲局"]);
        book.Text("区甲局", "A1").ShouldBe("区甲局办理工作方案");
        book.RowTexts("区甲局", 3, 7).ShouldBe(HongshanPlanHeaders);
        book.Sheet("区甲局").Descendants<Row>().Max(r => r.RowIndex!.Value).ShouldBe(3U);
    }

    [Fact]
    public void WorkPlan_LongText_RowTallerThanOneLine()
    {
        string longText = string.Concat(Enumerable.Repeat("推进老旧小区改造和完整社区建设，", 12));
        WorkPlanRow[] rows = [new("1", "短", [new(1, longText, null), new(2, "短", null)], null, null, "区甲局", null)];
        using var book = new Workbook(FormWorkbooks.JianganWorkPlan("区甲局", 2026, rows));

        var heights = book.Sheet("区甲局").Descendants<Row>().ToDictionary(r => r.RowIndex!.Value, r => r.Height?.Value ?? 15);
        heights[4].ShouldBeGreaterThan(heights[5] * 3);
    }
}
