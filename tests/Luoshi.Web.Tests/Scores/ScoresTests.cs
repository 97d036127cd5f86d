using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Tests.Exports;
using Luoshi.Web.Tests.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Scores;

/// <summary>
/// Jiang'an's first quarter, filed at chosen dates on the app's clock (work plan due Jan 20, Q1 report due Apr 10, so the
/// quarter is scored as of Apr 16: the day after the deadline plus five days' grace):
/// <list type="bullet">
/// <item>区总工会 (leads one item, with targets): work plan Jan 19, Q1 Apr 9 with every target met; graded A.</item>
/// <item>区委机构编制委员会办公室 (leads item 129 with 区委社会工作部): work plan Jan 25 (late), Q1 Apr 13 (late, inside the grace); graded C.</item>
/// <item>区委社会工作部 (leads items 107 and 129): item 129 only, work plan Jan 19 and Q1 Apr 9; item 107 nothing.</item>
/// <item>江岸区档案馆 (leads item 81): work plan Jan 19, Q1 Apr 20 — after the scoring date, so not filed in Q1's score.</item>
/// </list>
/// </summary>
public class ScoresFixture : IAsyncLifetime
{
    public const string Union = "区总工会", Staffing = "区委机构编制委员会办公室", Social = "区委社会工作部", Archives = "江岸区档案馆";

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 1, 10, 9, 0, 0, China));

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public LuoshiWebFactory App { get; private set; } = null!;

    public WebApplicationFactory<Program> Host { get; private set; } = null!;

    public int District { get; private set; }

    public Dictionary<string, int> Units { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        App = new LuoshiWebFactory(Provider);
        Host = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
        _ = Host.Server;
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
        District = await db.Districts.Where(d => d.Code == "jiangan").Select(d => d.Id).SingleAsync();
        foreach (string name in new[] { Union, Staffing, Social, Archives })
        {
            Units[name] = await db.Units.Where(u => u.DistrictId == District && u.Name == name).Select(u => u.Id).SingleAsync();
        }

        // The hand-worked totals rest on these: which items each unit is on, and with whom.
        var led = await db.ItemUnits.Where(u => Units.Values.Contains(u.UnitId)).Select(u => new { u.UnitId, u.ItemId, u.Role }).ToListAsync();
        led.ShouldAllBe(u => u.Role == UnitRole.Lead, "Jiang'an names responsible units only; each files its own");
        int union = led.Single(u => u.UnitId == Units[Union]).ItemId;
        int shared = led.Single(u => u.UnitId == Units[Staffing]).ItemId;
        int archives = led.Single(u => u.UnitId == Units[Archives]).ItemId;
        led.Count(u => u.UnitId == Units[Social]).ShouldBe(2);
        led.ShouldContain(u => u.UnitId == Units[Social] && u.ItemId == shared);
        (await db.ItemUnits.CountAsync(u => u.ItemId == union)).ShouldBe(1, "区总工会 leads its item alone");
        (await db.ItemUnits.CountAsync(u => u.ItemId == shared)).ShouldBe(2, "item 129: 编办 and 社工部 only");
        (await db.ItemIndicators.CountAsync(x => x.ItemId == shared)).ShouldBe(0);
        var targets = await db.ItemIndicators.Where(x => x.ItemId == union).ToDictionaryAsync(x => x.Id, x => (decimal?)x.Value);
        targets.Count.ShouldBeGreaterThan(0);

        var plan = new FilingEdit(Steps: [new WorkStep(null, "制定工作方案（评分测试）", "3月底前")]);
        FilingEdit Report(IReadOnlyDictionary<int, decimal?>? actuals = null) => new(Progress: "一季度按计划推进（评分测试）", Problems: "无", Actuals: actuals);

        await At(1, 19, () => File(union, Union, ReportPeriod.WorkPlan, plan), () => File(archives, Archives, ReportPeriod.WorkPlan, plan), () => File(shared, Social, ReportPeriod.WorkPlan, plan));
        await At(1, 25, () => File(shared, Staffing, ReportPeriod.WorkPlan, plan));
        await At(4, 9, () => File(union, Union, ReportPeriod.Q1, Report(targets)), () => File(shared, Social, ReportPeriod.Q1, Report()));
        await At(4, 13, () => File(shared, Staffing, ReportPeriod.Q1, Report()));
        await At(4, 20, () => File(archives, Archives, ReportPeriod.Q1, Report()));
        await At(5, 1);
    }

    private Task File(int item, string unit, ReportPeriod period, FilingEdit edit) =>
        FilingSteps.ToOfficeAsync(Host.Services, District, item, Units[unit], period, edit);

    /// <summary>Moves the clock to 10:00 (China) of the day and files.</summary>
    private async Task At(int month, int day, params Func<Task>[] steps)
    {
        var when = new DateTimeOffset(2026, month, day, 10, 0, 0, China);
        when.ShouldBeGreaterThan(Clock.GetUtcNow());
        Clock.Advance(when - Clock.GetUtcNow());
        foreach (var step in steps)
        {
            await step();
        }
    }

    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await LuoshiWebFactory.SignInAsync(client, userName, Infrastructure.DemoData.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    public T WithDb<T>(Func<LuoshiDb, T> read)
    {
        using var scope = Host.Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<LuoshiDb>());
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        App.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The same fixture on PostgreSQL.</summary>
public sealed class PostgresScoresFixture : ScoresFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class ScoresTests(ScoresFixture fx) : ScoresTestsBase<ScoresFixture>(fx);

public sealed class ScoresPostgresTests(PostgresScoresFixture fx) : ScoresTestsBase<PostgresScoresFixture>(fx);

/// <summary>The scores page, its downloads, the scheme and the grades; on SQLite and on PostgreSQL.</summary>
public abstract class ScoresTestsBase<TFixture>(TFixture fx) : IClassFixture<TFixture>
    where TFixture : ScoresFixture
{
    [Fact]
    public async Task FirstQuarter_GradedByTheOffice_ShowsTheHandWorkedRanksAndTotals_AndTheSameInExcelAndCsv()
    {
        using var office = await fx.SignInAsync("jiangan.office");
        await GradeAsync(office, ScoresFixture.Union, "A", 0);
        await GradeAsync(office, ScoresFixture.Staffing, "C", 0);

        // Default scheme: timeliness 30, completeness 20, progress 30, quality 20.
        // 区总工会: 2/2 on time → 30; 1/1 complete → 20; its item done → 30; A → 20. Total 100.
        // 编办: work plan and Q1 both late → (½ + ½)/2 × 30 = 15; complete → 20; item 129 on track (both leads reported) → 30; C → 0.6 × 20 = 12. Total 77.
        // 社工部: item 129 on time twice, item 107 missing twice → 2/4 × 30 = 15; 1 of 2 reports → 10; items on track and overdue → ½ × 30 = 15;
        //   not graded → its 20 spread over the other 80 (× 1.25): 18.75 + 12.5 + 18.75 = 50.
        // 档案馆: work plan on time, Q1 approved Apr 20 after the scoring date Apr 16 → missing: ½ × 30 = 15; no report → 0; item overdue → 0;
        //   not graded → × 1.25: 18.75.
        // Everyone else filed nothing: 0, sharing rank 5.
        string html = await office.GetStringAsync("/Scores?district=jiangan&period=Q1");
        html.ShouldContain("2026年4月16日", customMessage: "the scoring date is shown");
        var rows = Rows(html);
        rows[fx.Units[ScoresFixture.Union]].ShouldBe((1, 100m));
        rows[fx.Units[ScoresFixture.Staffing]].ShouldBe((2, 77m));
        rows[fx.Units[ScoresFixture.Social]].ShouldBe((3, 50m));
        rows[fx.Units[ScoresFixture.Archives]].ShouldBe((4, 18.75m));
        rows.Values.Where(r => r.Rank > 4).ShouldAllBe(r => r.Rank == 5 && r.Total == 0m);
        rows.Count.ShouldBeGreaterThan(5);
        html.ShouldContain("总分相同者名次并列，其后名次顺延（如 1、2、2、4）");
        html.ShouldContain($"并列第5名：{rows.Count - 4}个单位，各0分");
        Working(html, fx.Units[ScoresFixture.Archives]).ShouldContain("按时 1、逾期报送 0（计一半）、未报 1");
        Working(html, fx.Units[ScoresFixture.Staffing]).ShouldContain("评定 第一季度 C");
        Working(html, fx.Units[ScoresFixture.Social]).ShouldContain("督查室未评定（无可评内容，权重按其余指标折算）");

        using var xlsx = await office.GetAsync("/Scores?handler=Xlsx&district=jiangan&period=Q1");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("江岸区2026年-绩效考核得分-第一季度.xlsx");
        using var book = new Workbook(await xlsx.Content.ReadAsByteArrayAsync());
        book.SheetNames.ShouldBe(["得分汇总", "计分明细"]);
        var cells = book.Cells("得分汇总");
        new[] { 1, 2, 3, 4, 5, 6, 7 }.Select(c => Workbook.At(cells, 2, c)).ShouldBe(["名次", "单位", "按时报送（权重30）", "材料完整（权重20）", "目标进度（权重30）", "督查室评定（权重20）", "总分"]);
        Workbook.At(cells, 1, 1)!.ShouldContain("总分相同者名次并列，其后名次顺延（如 1、2、2、4）");
        var detail = book.Cells("计分明细");
        Workbook.At(detail, Workbook.RowOf(detail, 2, ScoresFixture.Staffing), 5).ShouldBe("30", "the detail sheet gives each criterion's weight");
        foreach (var (unit, rank, total) in new[] { (ScoresFixture.Union, 1, 100m), (ScoresFixture.Staffing, 2, 77m), (ScoresFixture.Social, 3, 50m), (ScoresFixture.Archives, 4, 18.75m) })
        {
            int r = Workbook.RowOf(cells, 2, unit);
            r.ShouldBeGreaterThan(2, unit);
            decimal.Parse(Workbook.At(cells, r, 1)!, CultureInfo.InvariantCulture).ShouldBe(rank, unit);
            decimal.Parse(Workbook.At(cells, r, 7)!, CultureInfo.InvariantCulture).ShouldBe(total, unit);
        }

        using var csv = await office.GetAsync("/Scores?handler=Csv&district=jiangan&period=Q1");
        csv.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("江岸区2026年-绩效考核得分-第一季度.csv");
        byte[] bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble(), "a BOM, so that Excel reads the Chinese");
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        lines[0].ShouldStartWith("\"名次（总分相同者名次并列，其后名次顺延（如 1、2、2、4））\",\"单位\",\"按时报送（权重30）\",\"材料完整（权重20）\",\"目标进度（权重30）\",\"督查室评定（权重20）\",\"总分\"");
        lines.Count(l => l.StartsWith("\"5\",", StringComparison.Ordinal)).ShouldBe(rows.Count - 4, "the units tied at 0 share rank 5 in the file too");
        lines.ShouldContain(l => l.StartsWith("\"2\",\"区委机构编制委员会办公室\",\"15\",\"20\",\"30\",\"12\",\"77\"", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("\"4\",\"江岸区档案馆\",\"18.75\",\"0\",\"0\",\"0\",\"18.75\"", StringComparison.Ordinal));

        // The year so far (today, May 1): 档案馆's Q1 report now counts, as late.
        string year = await office.GetStringAsync("/Scores?district=jiangan&period=Year");
        Working(year, fx.Units[ScoresFixture.Archives]).ShouldContain("按时 1、逾期报送 1（计一半）、未报 0");

        // A leader reads the same, without the forms.
        using var leader = await fx.SignInAsync("jiangan.leader");
        string read = await leader.GetStringAsync("/Scores?district=jiangan&period=Q1");
        Rows(read)[fx.Units[ScoresFixture.Staffing]].ShouldBe((2, 77m));
        read.ShouldNotContain("grade-form");
        read.ShouldNotContain("scheme-form");

        // A new scheme is used at once: 编办 with timeliness 40, progress 20 → 0.5 × 40 + 20 + 20 + 12 = 72.
        await PostAsync(office, "Scheme", "Q1", new() { ["version"] = "0", ["timeliness"] = "40", ["completeness"] = "20", ["progress"] = "20", ["quality"] = "20" }, expectRedirect: true);
        Rows(await office.GetStringAsync("/Scores?district=jiangan&period=Q1"))[fx.Units[ScoresFixture.Staffing]].ShouldBe((2, 72m));
    }

    [Fact]
    public async Task Scheme_SumNot100_IsRefusedAndNothingSaved()
    {
        using var office = await fx.SignInAsync("hongshan.office");
        string html = await PostAsync(office, "Scheme", "Q1", new() { ["version"] = "0", ["timeliness"] = "30", ["completeness"] = "30", ["progress"] = "30", ["quality"] = "20" }, district: "hongshan");
        html.ShouldContain("四项权重之和须为 100，现为 110。方案没有保存。");
        html.ShouldContain("name=\"timeliness\" type=\"number\" min=\"0\" max=\"100\" step=\"0.01\" required value=\"30\"", customMessage: "what was typed is shown again");
        fx.WithDb(db => db.ScoreSchemes.Any(s => s.DistrictId == db.Districts.Single(d => d.Code == "hongshan").Id)).ShouldBeFalse();
    }

    [Fact]
    public async Task Scheme_StaleVersion_IsRefusedWithWhoChangedIt()
    {
        using var office = await fx.SignInAsync("caidian.office");
        long before = fx.WithDb(db => db.Districts.Single(d => d.Code == "caidian").Revision);
        await PostAsync(office, "Scheme", "Q1", new() { ["version"] = "0", ["timeliness"] = "25", ["completeness"] = "25", ["progress"] = "25", ["quality"] = "25" }, district: "caidian", expectRedirect: true);
        fx.WithDb(db => db.Districts.Single(d => d.Code == "caidian").Revision).ShouldBeGreaterThan(before, "a change bumps the district's revision");

        // A second form, read before the first save, still carries version 0.
        string html = await PostAsync(office, "Scheme", "Q1", new() { ["version"] = "0", ["timeliness"] = "40", ["completeness"] = "10", ["progress"] = "40", ["quality"] = "10" }, district: "caidian");
        html.ShouldContain("评分方案已被caidian.office 于 2026-05-01 10:00 修改，您的修改没有保存。请刷新页面查看最新方案后再修改。");
        var saved = fx.WithDb(db => db.ScoreSchemes.AsNoTracking().Single(s => s.DistrictId == CaidianId(db)));
        (saved.TimelinessWeight, saved.CompletenessWeight, saved.ProgressWeight, saved.QualityWeight, saved.Version).ShouldBe((25m, 25m, 25m, 25m, 1));
        fx.WithDb(db => db.AuditEntries.Count(a => a.Action == "edit-score-scheme" && a.DistrictId == CaidianId(db))).ShouldBe(1);
    }

    [Fact]
    public async Task Grade_StaleVersion_IsRefused_AndLeadersMayNotGrade()
    {
        using var office = await fx.SignInAsync("caidian.office");
        int unit = fx.WithDb(db => db.Units.Where(u => u.DistrictId == CaidianId(db)).OrderBy(u => u.Id).Select(u => u.Id).First());
        await PostAsync(office, "Grade", "Q1", new() { ["unitId"] = unit.ToString(CultureInfo.InvariantCulture), ["grade"] = "B", ["version"] = "0" }, district: "caidian", expectRedirect: true);
        string html = await PostAsync(office, "Grade", "Q1", new() { ["unitId"] = unit.ToString(CultureInfo.InvariantCulture), ["grade"] = "D", ["version"] = "0" }, district: "caidian");
        html.ShouldContain("的评定已被他人修改，现为 B（caidian.office 于 2026-05-01 10:00 评定），您的修改没有保存。");
        fx.WithDb(db => db.QualityGrades.Single(g => g.UnitId == unit).Grade).ShouldBe("B");

        string bad = await PostAsync(office, "Grade", "Q1", new() { ["unitId"] = unit.ToString(CultureInfo.InvariantCulture), ["grade"] = "E", ["version"] = "1" }, district: "caidian");
        bad.ShouldContain("评定只能是 A、B、C、D 之一。");

        using var leader = await fx.SignInAsync("jiangan.leader");
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(leader, "/Scores?district=jiangan&period=Q1");
        using var refused = await leader.PostAsync("/Scores?handler=Grade&district=jiangan&period=Q1", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["unitId"] = fx.Units[ScoresFixture.Union].ToString(CultureInfo.InvariantCulture), ["grade"] = "D", ["version"] = "0", ["__RequestVerificationToken"] = token,
        }));
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("jiangan.fgj.clerk", "jiangan")]
    [InlineData("jiangan.fgj.head", "jiangan")]
    [InlineData("city", "jiangan")]
    [InlineData("hongshan.office", "jiangan")]
    public async Task Page_OthersThanTheOfficeAndLeaders_Get404(string user, string district)
    {
        using var client = await fx.SignInAsync(user);
        (await client.GetAsync($"/Scores?district={district}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/Scores?handler=Xlsx&district={district}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pages_AdminWithoutADistrict_ChoosesOne()
    {
        using var admin = await fx.SignInAsync("admin");
        string scores = await admin.GetStringAsync("/Scores");
        scores.ShouldContain("请选择区");
        scores.ShouldContain("href=\"/Scores?district=hongshan\"");
        scores.ShouldContain("href=\"/Scores\">考核评分</a>", customMessage: "the menu links the page");
        string exports = await admin.GetStringAsync("/Exports");
        exports.ShouldContain("href=\"/Exports?district=caidian\"");
    }

    private static int CaidianId(LuoshiDb db) => db.Districts.Single(d => d.Code == "caidian").Id;

    private async Task GradeAsync(HttpClient office, string unit, string grade, int version) =>
        await PostAsync(office, "Grade", "Q1", new()
        {
            ["unitId"] = fx.Units[unit].ToString(CultureInfo.InvariantCulture), ["grade"] = grade, ["version"] = version.ToString(CultureInfo.InvariantCulture),
        }, expectRedirect: true);

    private static async Task<string> PostAsync(HttpClient client, string handler, string period, Dictionary<string, string> form, string district = "jiangan", bool expectRedirect = false)
    {
        form["__RequestVerificationToken"] = await LuoshiWebFactory.AntiforgeryTokenAsync(client, $"/Scores?district={district}&period={period}");
        using var response = await client.PostAsync($"/Scores?handler={handler}&district={district}&period={period}", new FormUrlEncodedContent(form));
        string body = await response.Content.ReadAsStringAsync();
        if (expectRedirect)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, Regex.Match(body, "<p class=\"error\"[^>]*>([^<]*)</p>").Groups[1].Value);
            return body;
        }

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return body;
    }

    private static Dictionary<int, (int Rank, decimal Total)> Rows(string html) => ScorePage.Rows(html);

    private static string Working(string html, int unit) => ScorePage.Working(html, unit);
}

/// <summary>Reads the scores page's table.</summary>
internal static partial class ScorePage
{
    /// <summary>Each unit's rank and total as the page shows them.</summary>
    public static Dictionary<int, (int Rank, decimal Total)> Rows(string html) =>
        ScoreRow().Matches(html).ToDictionary(
            m => int.Parse(m.Groups["unit"].Value, CultureInfo.InvariantCulture),
            m => (int.Parse(m.Groups["rank"].Value, CultureInfo.InvariantCulture), decimal.Parse(m.Groups["total"].Value, CultureInfo.InvariantCulture)));

    public static string Working(string html, int unit) =>
        Regex.Match(html, $"<tr class=\"working\" data-unit=\"{unit}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;

    [GeneratedRegex("<tr class=\"score\" data-unit=\"(?<unit>\\d+)\">.*?<td class=\"rank\">(?<rank>\\d+)</td>.*?<td class=\"total\">(?<total>[0-9.]+)</td>", RegexOptions.Singleline)]
    private static partial Regex ScoreRow();
}
