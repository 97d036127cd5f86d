using System.Net;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests.Exports;

/// <summary>
/// One app with filings made through the filing use cases and sent to the office: 江岸 区发展和改革局's work plan and first-quarter
/// report on one item (and a draft on another, which must not be printed), 洪山 区发展和改革局's work plan with a step in
/// each quarter.
/// </summary>
public class ExportsFixture : IAsyncLifetime
{
    public const string Step1 = "完成重点项目谋划储备（导出测试）";
    public const string Step2 = "推动储备项目开工建设（导出测试）";
    public const string Leader = "王副局长";
    public const string Section = "投资科";
    public const string Progress = "一季度已储备重点项目12个，开工3个（导出测试）。";
    public const string Problems = "要素保障不足；下步加强协调调度（导出测试）。";
    public const string DraftText = "仍在填写的草稿不应导出";

    public static readonly string[] Quarters = ["一季度完成方案制定（洪山导出）", "二季度启动实施（洪山导出）", "三季度全面推进（洪山导出）", "四季度总结验收（洪山导出）"];

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public LuoshiWebFactory Factory { get; private set; } = null!;

    public (int District, int Unit, int OtherUnit, PlanItem Item, PlanItem DraftItem) Jiangan { get; private set; }

    public (int District, int Unit, PlanItem Item) Hongshan { get; private set; }

    public async Task InitializeAsync()
    {
        Factory = new LuoshiWebFactory(Provider);
        _ = Factory.Server;
        Jiangan = Factory.WithDb(db =>
        {
            var (district, unit, items) = Lead(db, "jiangan");
            int other = db.Units.Single(u => u.DistrictId == district && u.Name == "区商务局").Id;
            return (district, unit, other, items[0], items[1]);
        });
        Hongshan = Factory.WithDb(db =>
        {
            var (district, unit, items) = Lead(db, "hongshan");
            return (district, unit, items[0]);
        });

        var j = Jiangan;
        await FilingSteps.ToOfficeAsync(Factory.Services, j.District, j.Item.Id, j.Unit, ReportPeriod.WorkPlan, new FilingEdit(
            Leader: Leader, Section: Section, Steps: [new WorkStep(null, Step1, "6月底前"), new WorkStep(null, Step2, null)]));
        await FilingSteps.ToOfficeAsync(Factory.Services, j.District, j.Item.Id, j.Unit, ReportPeriod.Q1, new FilingEdit(Progress: Progress, Problems: Problems));
        await FilingSteps.DraftAsync(Factory.Services, j.District, j.DraftItem.Id, j.Unit, ReportPeriod.WorkPlan, new FilingEdit(Steps: [new WorkStep(null, DraftText, null)]));

        var h = Hongshan;
        await FilingSteps.ToOfficeAsync(Factory.Services, h.District, h.Item.Id, h.Unit, ReportPeriod.WorkPlan, new FilingEdit(
            Leader: "李副局长", Steps: [.. Quarters.Select((q, i) => new WorkStep(i + 1, q, null))]));
    }

    /// <summary>A district's 区发展和改革局 and the first two items it leads.</summary>
    private static (int District, int Unit, List<PlanItem> Items) Lead(LuoshiDb db, string code)
    {
        int district = db.Districts.Single(d => d.Code == code).Id;
        int unit = db.Units.Single(u => u.DistrictId == district && u.Name == "区发展和改革局").Id;
        var items = db.PlanItems.AsNoTracking()
            .Where(i => db.Plans.Any(p => p.Id == i.PlanId && p.DistrictId == district) && i.Units.Any(u => u.UnitId == unit && u.Role == UnitRole.Lead))
            .OrderBy(i => i.Seq).Take(2).ToList();
        items.Count.ShouldBe(2, code + " 区发展和改革局 leads at least two items");
        return (district, unit, items);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The same fixture on PostgreSQL.</summary>
public sealed class PostgresExportsFixture : ExportsFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class ExportsTests(ExportsFixture fx) : ExportsTestsBase<ExportsFixture>(fx);

public sealed class ExportsPostgresTests(PostgresExportsFixture fx) : ExportsTestsBase<PostgresExportsFixture>(fx);

/// <summary>The downloads opened with DocumentFormat.OpenXml, and who may have them; on SQLite and on PostgreSQL.</summary>
public abstract class ExportsTestsBase<TFixture>(TFixture fx) : IClassFixture<TFixture>
    where TFixture : ExportsFixture
{
    [Fact]
    public async Task JianganWorkPlan_OwnUnitsClerk_GetsOneSheetWithTheFilingInItsRow()
    {
        using var clerk = await fx.Factory.SignedInClientAsync("jiangan.fgj.clerk");
        using var response = await clerk.GetAsync("/Exports?handler=WorkPlan&district=jiangan");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("江岸区2026年-区发展和改革局-办理工作方案.xlsx");
        response.Content.Headers.ContentDisposition.ToString().ShouldContain("filename*=UTF-8''");

        using var book = new Workbook(await response.Content.ReadAsByteArrayAsync());
        book.SheetNames.ShouldBe(["区发展和改革局"], "a unit's export holds that unit's sheet only");
        var cells = book.Cells("区发展和改革局");
        Workbook.At(cells, 3, 3).ShouldBe("具体工作内容");
        int r = Workbook.RowOf(cells, 2, fx.Jiangan.Item.Text);
        r.ShouldBeGreaterThan(3, "the item is a row of the form");
        Workbook.At(cells, r, 1).ShouldBe(fx.Jiangan.Item.Number);
        Workbook.At(cells, r, 3).ShouldBe(ExportsFixture.Step1);
        Workbook.At(cells, r, 4).ShouldBe("6月底前");
        Workbook.At(cells, r, 5).ShouldBe(ExportsFixture.Leader);
        Workbook.At(cells, r, 6).ShouldBe(ExportsFixture.Section);
        Workbook.At(cells, r + 1, 3).ShouldBe(ExportsFixture.Step2, "the second step is the next row");
        Workbook.At(cells, r + 1, 4).ShouldBe(fx.Jiangan.Item.Deadline, "a step without its own deadline takes the item's");

        int draftRow = Workbook.RowOf(cells, 2, fx.Jiangan.DraftItem.Text);
        draftRow.ShouldBeGreaterThan(3, "an item still being written is listed");
        cells.Values.ShouldNotContain(ExportsFixture.DraftText, "a draft's text is not printed: only what reached the office");
    }

    [Fact]
    public async Task HongshanWorkPlan_WholeDistrict_HasFourQuarterRowsForTheItem()
    {
        using var office = await fx.Factory.SignedInClientAsync("hongshan.office");
        using var response = await office.GetAsync("/Exports?handler=WorkPlan&district=hongshan");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("洪山区2026年-各单位-办理工作方案.xlsx");

        using var book = new Workbook(await response.Content.ReadAsByteArrayAsync());
        book.SheetNames.Count.ShouldBeGreaterThan(1, "every unit that files gets a sheet");
        book.SheetNames.ShouldContain("区发展和改革局");
        var cells = book.Cells("区发展和改革局");
        Workbook.At(cells, 3, 3).ShouldBe("季度工作安排");
        int r = Workbook.RowOf(cells, 2, fx.Hongshan.Item.Text);
        r.ShouldBeGreaterThan(3);
        for (int q = 0; q < 4; q++)
        {
            Workbook.At(cells, r + q, 3).ShouldBe(new[] { "一季度", "二季度", "三季度", "四季度" }[q]);
            Workbook.At(cells, r + q, 4).ShouldBe(ExportsFixture.Quarters[q]);
        }

        Workbook.At(cells, r, 6).ShouldBe("李副局长");
        book.Merges("区发展和改革局").ShouldContain($"B{r}:B{r + 3}", "the item's text spans its four quarter rows");
        Workbook.At(cells, r + 4, 3).ShouldBe("一季度", "the next item starts its own four rows");
    }

    [Fact]
    public async Task WorkPlan_StyleParameter_OverridesTheDistrictsStyle()
    {
        using var office = await fx.Factory.SignedInClientAsync("hongshan.office");
        var bytes = await office.GetByteArrayAsync($"/Exports?handler=WorkPlan&district=hongshan&unit={fx.Hongshan.Unit}&style=Jiangan");
        using var book = new Workbook(bytes);
        var cells = book.Cells("区发展和改革局");
        Workbook.At(cells, 3, 3).ShouldBe("具体工作内容");
        int r = Workbook.RowOf(cells, 2, fx.Hongshan.Item.Text);
        Enumerable.Range(r, 4).Select(x => Workbook.At(cells, x, 3)).ShouldBe(ExportsFixture.Quarters, "one row per step in Jiang'an's form");
    }

    [Fact]
    public async Task QuarterReport_Leader_GetsTheUnitsReportInTheProgressAndProblemsColumns()
    {
        using var leader = await fx.Factory.SignedInClientAsync("jiangan.leader");
        using var response = await leader.GetAsync($"/Exports?handler=Report&district=jiangan&unit={fx.Jiangan.Unit}&period=Q1");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("江岸区2026年-区发展和改革局-一季度工作目标完成情况表.xlsx");
        using var book = new Workbook(await response.Content.ReadAsByteArrayAsync());
        book.SheetNames.ShouldBe(["区发展和改革局"]);
        var cells = book.Cells("区发展和改革局");
        Workbook.At(cells, 1, 1).ShouldBe("区发展和改革局一季度工作目标完成情况表");
        new[] { 1, 2, 3, 4 }.Select(c => Workbook.At(cells, 3, c)).ShouldBe(["序号", "责任事项", "完成情况", "存在主要问题及下步工作打算"]);
        int r = Workbook.RowOf(cells, 2, fx.Jiangan.Item.Text);
        Workbook.At(cells, r, 1).ShouldBe(fx.Jiangan.Item.Number);
        Workbook.At(cells, r, 3).ShouldBe(ExportsFixture.Progress);
        Workbook.At(cells, r, 4).ShouldBe(ExportsFixture.Problems);
    }

    [Fact]
    public async Task PlanProgress_Office_HasTheLatestReportExcerptAndStatus()
    {
        using var office = await fx.Factory.SignedInClientAsync("jiangan.office");
        using var response = await office.GetAsync("/Exports?handler=Progress&district=jiangan");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("江岸区2026年-目标任务推进情况.xlsx");
        using var book = new Workbook(await response.Content.ReadAsByteArrayAsync());
        book.SheetNames.ShouldBe(["推进情况"]);
        var cells = book.Cells("推进情况");
        int r = Workbook.RowOf(cells, 3, fx.Jiangan.Item.Text);
        r.ShouldBeGreaterThan(2);
        Workbook.At(cells, r, 1).ShouldBe(fx.Jiangan.Item.Number);
        Workbook.At(cells, r, 4)!.ShouldContain("区发展和改革局");
        Workbook.At(cells, r, 13).ShouldBe("【第一季度·区发展和改革局】" + ExportsFixture.Progress);
        Workbook.At(cells, r, 10).ShouldNotBeNullOrEmpty("the status is printed");
        int items = fx.Factory.WithDb(db => db.PlanItems.Count(i => db.Plans.Any(p => p.Id == i.PlanId && p.DistrictId == fx.Jiangan.District)));
        cells.Keys.Where(k => k.Column == 3 && k.Row > 2).Count().ShouldBe(items, "one row per item of the plan");
    }

    [Theory]
    [InlineData("jiangan.swj.clerk", "WorkPlan", "Unit", HttpStatusCode.NotFound)]
    [InlineData("jiangan.swj.clerk", "Report", "Unit", HttpStatusCode.NotFound)]
    [InlineData("jiangan.swj.clerk", "WorkPlan", "OtherUnit", HttpStatusCode.OK)]
    [InlineData("jiangan.fgj.head", "Report", "OtherUnit", HttpStatusCode.NotFound)]
    [InlineData("jiangan.fgj.head", "WorkPlan", "Unit", HttpStatusCode.OK)]
    [InlineData("jiangan.fgj.clerk", "Progress", "", HttpStatusCode.NotFound)]
    [InlineData("jiangan.leader", "WorkPlan", "OtherUnit", HttpStatusCode.OK)]
    [InlineData("jiangan.leader", "WorkPlan", "", HttpStatusCode.OK)]
    [InlineData("hongshan.office", "WorkPlan", "Unit", HttpStatusCode.NotFound)]
    [InlineData("hongshan.office", "Progress", "", HttpStatusCode.NotFound)]
    [InlineData("hongshan.fgj.clerk", "WorkPlan", "", HttpStatusCode.NotFound)]
    // "Unit" is Jiang'an's 区发展和改革局, "OtherUnit" its 区商务局 (the swj clerk's own unit), "" no unit (own, or all).
    public async Task Export_OfJiangan_FollowsTheCallersScope(string user, string handler, string unit, HttpStatusCode expected)
    {
        using var client = await fx.Factory.SignedInClientAsync(user);
        string unitQuery = unit switch
        {
            "Unit" => "&unit=" + fx.Jiangan.Unit,
            "OtherUnit" => "&unit=" + fx.Jiangan.OtherUnit,
            _ => string.Empty,
        };
        using var response = await client.GetAsync($"/Exports?handler={handler}&district=jiangan{unitQuery}&period=Q1");
        response.StatusCode.ShouldBe(expected);
    }

    [Fact]
    public async Task Page_Clerk_OffersOnlyTheirOwnUnit()
    {
        using var clerk = await fx.Factory.SignedInClientAsync("jiangan.fgj.clerk");
        string html = await clerk.GetStringAsync("/Exports");
        html.ShouldContain("江岸区 表格导出");
        html.ShouldContain($"<option value=\"{fx.Jiangan.Unit}\">区发展和改革局</option>");
        html.ShouldNotContain("区商务局");
        html.ShouldNotContain("全部单位");
        html.ShouldNotContain("handler=Progress");

        using var office = await fx.Factory.SignedInClientAsync("jiangan.office");
        string all = await office.GetStringAsync("/Exports?district=jiangan");
        all.ShouldContain("全部单位");
        all.ShouldContain("区商务局");
        all.ShouldContain("江岸样式（样表，具体工作内容、完成时限、分管领导、责任科室）（本区）");
    }
}
