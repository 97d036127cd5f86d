using System.Net;
using System.Text;
using System.Text.Json;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Imports;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.Core.Features.Years;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Tests.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Year;

/// <summary>
/// Several plan years side by side (issue 10.4): with the clock at 2026-07-03, Hongshan's notice made into a 2027 notice
/// (every year in its text moved on by one) is published. Every 2026 Q2 filing stays as it was and can still be worked;
/// 2026 stays the current year; both years are reachable from the switch. Closing 2026 refuses writes on it; 结转 carries
/// its unfinished items into 2027, each marked.
/// </summary>
public class PlanYearsTests
{
    private const string Hongshan = "hongshan";
    private const string Fgj = "区发展和改革局";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A2027NoticeInJuly2026_LeavesEvery2026FilingWorkable_AndBothYearsReachable(DatabaseProvider provider)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 7, 3, 2, 0, 0, TimeSpan.Zero));
        await using var app = new LuoshiWebFactory(provider);
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var scope = host.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<LuoshiDb>();
        int district = await db.Districts.Where(d => d.Code == Hongshan).Select(d => d.Id).SingleAsync();
        int fgj = await db.Units.Where(u => u.DistrictId == district && u.Name == Fgj).Select(u => u.Id).SingleAsync();
        var plan2026 = await db.Plans.AsNoTracking().SingleAsync(p => p.DistrictId == district);
        plan2026.Year.ShouldBe(2026);
        var items = await db.PlanItems.Where(i => i.PlanId == plan2026.Id && i.Units.Any(u => u.UnitId == fgj && u.Role == UnitRole.Lead))
            .OrderBy(i => i.Seq).Select(i => i.Id).Take(3).ToListAsync();
        items.Count.ShouldBe(3, "区发改局 leads at least three items in Hongshan's plan");

        // 区发改局 works on its Q2 reports: one saved as a draft, one submitted to the head.
        var clerk = new Actor("t.clerk", "填报人", AppRole.Clerk, district, fgj);
        var filings = sp.GetRequiredService<FilingEditing>();
        var handOffs = sp.GetRequiredService<FilingHandOffs>();
        var q2 = new List<Filing>();
        foreach (int item in items)
        {
            var f = (await filings.OpenAsync(item, fgj, ReportPeriod.Q2, clerk)).Value!;
            f = (await filings.SaveAsync(f.Id, f.Version, new FilingEdit(Progress: $"第二季度推进情况（事项 {item}）。"), clerk)).Value!;
            q2.Add(f);
        }

        var submitted = (await handOffs.ActAsync(q2[0].Id, q2[0].Version, FilingAction.Submit, null, clerk)).Value!;
        db.ChangeTracker.Clear();
        var before = await db.Filings.AsNoTracking().Where(f => f.PlanId == plan2026.Id).OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.ItemId, f.PlanId, f.Period, f.State, f.Progress, f.Version }).ToListAsync();
        before.Count.ShouldBe(3);

        // The 2027 notice: Hongshan's text with every year moved on by one.
        string text = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "tests", "seeds", "001_b07d873149f44e2f.txt"));
        string next = text.Replace("2027", "2028", StringComparison.Ordinal).Replace("2026", "2027", StringComparison.Ordinal);
        var imports = sp.GetRequiredService<ImportService>();
        var draft = (await imports.CreateDraftAsync(district, "2027.txt", Encoding.UTF8.GetBytes(next), "hongshan.office")).Value!;
        var published = await sp.GetRequiredService<PlanPublisher>().PublishAsync(draft.Id, district, draft.Version, "hongshan.office");
        published.Failure.ShouldBeNull();
        published.Value!.Year.ShouldBe(2027);
        db.ChangeTracker.Clear();

        // 2026 untouched: the same plan row, every filing as it was.
        (await db.Plans.AsNoTracking().SingleAsync(p => p.DistrictId == district && p.Year == 2026)).Id.ShouldBe(plan2026.Id);
        var after = await db.Filings.AsNoTracking().Where(f => f.PlanId == plan2026.Id).OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.ItemId, f.PlanId, f.Period, f.State, f.Progress, f.Version }).ToListAsync();
        after.ShouldBe(before);
        (await db.PlanItems.CountAsync(i => i.PlanId == plan2026.Id)).ShouldBeGreaterThan(0);

        // 2026 is still the current year (its reporting period contains 2026-07-03), and both years are listed.
        var years = await sp.GetRequiredService<PlanYears>().ListAsync(district);
        years.Select(y => y.Year).ShouldBe([2027, 2026]);
        years.Single(y => y.Current).Year.ShouldBe(2026);

        // Workable: the draft is saved again, the submitted one approved by the head.
        var again = await filings.SaveAsync(q2[1].Id, q2[1].Version, new FilingEdit(Progress: "发布 2027 年方案后继续填报。"), clerk);
        again.Failure.ShouldBeNull();
        var head = new Actor("t.head", "负责人", AppRole.UnitHead, district, fgj);
        var approved = await handOffs.ActAsync(submitted.Id, submitted.Version, FilingAction.Approve, null, head);
        approved.Failure.ShouldBeNull();
        approved.Value!.State.ShouldBe(FilingState.AwaitingOffice);

        // The pages: 我的工作 shows 2026 with a link to 2027; ?year=2027 shows 2027 and links back; the office's 督办 likewise.
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await LuoshiWebFactory.SignInAsync(client, "hongshan.fgj.clerk", Infrastructure.DemoData.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        string work = await client.GetStringAsync("/Work");
        work.ShouldContain("当前显示：<strong>2026 年度</strong>");
        work.ShouldContain("href=\"/Work?year=2027\"");
        work.ShouldContain(Fgj);
        string work2027 = await client.GetStringAsync("/Work?year=2027");
        work2027.ShouldContain("当前显示：<strong>2027 年度</strong>");
        work2027.ShouldContain("href=\"/Work?year=2026\"");

        var office = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await LuoshiWebFactory.SignInAsync(office, "hongshan.office", Infrastructure.DemoData.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        foreach (var (path, shown, other) in new[]
        {
            ("/Supervision", 2026, 2027), ("/Supervision?year=2027", 2027, 2026), ("/Dashboard?year=2027", 2027, 2026),
            ("/Plans/hongshan", 2026, 2027), ("/Plans/hongshan?year=2027", 2027, 2026), ("/Scores", 2026, 2027), ("/Circulars", 2026, 2027),
            ("/Exports?year=2027", 2027, 2026), ("/", 2026, 2027),
        })
        {
            string html = await office.GetStringAsync(path);
            html.ShouldContain($"当前显示：<strong>{shown} 年度</strong>", customMessage: path);
            html.ShouldContain($"year={other}", customMessage: path);
        }

        // The API: both years, and each year's plan.
        using var list = JsonDocument.Parse(await office.GetStringAsync("/api/districts/hongshan/years"));
        list.RootElement.EnumerateArray().Select(y => y.GetProperty("year").GetInt32()).ShouldBe([2027, 2026]);
        using var p2027 = JsonDocument.Parse(await office.GetStringAsync("/api/districts/hongshan/plan?year=2027"));
        p2027.RootElement.GetProperty("plan").GetProperty("year").GetInt32().ShouldBe(2027);
        using var p2026 = JsonDocument.Parse(await office.GetStringAsync("/api/districts/hongshan/plan"));
        p2026.RootElement.GetProperty("plan").GetProperty("year").GetInt32().ShouldBe(2026);
        (await office.GetAsync("/api/districts/hongshan/plan?year=2030")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await office.GetStringAsync("/api/openapi.json")).ShouldContain("/api/districts/{code}/years");

        // The office chooses 2027 as current: pages without ?year= show 2027.
        var officer = new Actor("hongshan.office", "督查室", AppRole.Office, district, null);
        var service = sp.GetRequiredService<YearService>();
        (await service.ChooseAsync(district, 2027, officer)).Failure.ShouldBeNull();
        (await office.GetStringAsync("/Supervision")).ShouldContain("当前显示：<strong>2027 年度</strong>");
        (await service.ChooseAsync(district, null, officer)).Failure.ShouldBeNull();
        (await office.GetStringAsync("/Supervision")).ShouldContain("当前显示：<strong>2026 年度</strong>");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ClosingAYear_RefusesWrites_AndCarryOverMarksTheItems(DatabaseProvider provider)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 7, 3, 2, 0, 0, TimeSpan.Zero));
        await using var app = new LuoshiWebFactory(provider);
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var scope = host.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<LuoshiDb>();
        int district = await db.Districts.Where(d => d.Code == Hongshan).Select(d => d.Id).SingleAsync();
        int fgj = await db.Units.Where(u => u.DistrictId == district && u.Name == Fgj).Select(u => u.Id).SingleAsync();
        var plan2026 = await db.Plans.AsNoTracking().SingleAsync(p => p.DistrictId == district);
        int item = await db.PlanItems.Where(i => i.PlanId == plan2026.Id && i.Units.Any(u => u.UnitId == fgj && u.Role == UnitRole.Lead))
            .OrderBy(i => i.Seq).Select(i => i.Id).FirstAsync();
        var clerk = new Actor("t.clerk", "填报人", AppRole.Clerk, district, fgj);
        var officer = new Actor("hongshan.office", "督查室", AppRole.Office, district, null);
        var filings = sp.GetRequiredService<FilingEditing>();
        var handOffs = sp.GetRequiredService<FilingHandOffs>();
        var closing = sp.GetRequiredService<PeriodClosing>();
        var f = (await filings.OpenAsync(item, fgj, ReportPeriod.Q2, clerk)).Value!;

        string text = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "tests", "seeds", "001_b07d873149f44e2f.txt"));
        string next = text.Replace("2027", "2028", StringComparison.Ordinal).Replace("2026", "2027", StringComparison.Ordinal);
        var imports = sp.GetRequiredService<ImportService>();
        var draft = (await imports.CreateDraftAsync(district, "2027.txt", Encoding.UTF8.GetBytes(next), "hongshan.office")).Value!;
        (await sp.GetRequiredService<PlanPublisher>().PublishAsync(draft.Id, district, draft.Version, "hongshan.office")).Failure.ShouldBeNull();
        var plan2027 = await db.Plans.AsNoTracking().SingleAsync(p => p.DistrictId == district && p.Year == 2027);
        int items2027 = await db.PlanItems.CountAsync(i => i.PlanId == plan2027.Id);

        // 结转: every item of 2026 not done goes to 2027, marked; a second run carries nothing twice.
        var service = sp.GetRequiredService<YearService>();
        (await service.CarryOverAsync(district, 2026, null, clerk)).Failure!.Kind.ShouldBe(Core.Common.FailureKind.Forbidden);
        var carried = await service.CarryOverAsync(district, 2026, [item], officer);
        carried.Failure.ShouldBeNull();
        carried.Value!.Numbers.Count.ShouldBe(1);
        db.ChangeTracker.Clear();
        var source = await db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == item);
        var copy = await db.PlanItems.AsNoTracking().Include(i => i.Units).SingleAsync(i => i.PlanId == plan2027.Id && i.CarriedFromYear == 2026);
        copy.CarriedFromNumber.ShouldBe(source.Number);
        copy.Text.ShouldBe(source.Text);
        copy.Units.ShouldContain(u => u.UnitId == fgj && u.Role == UnitRole.Lead);
        (await db.PlanItems.CountAsync(i => i.PlanId == plan2027.Id)).ShouldBe(items2027 + 1);
        (await service.CarryOverAsync(district, 2026, [item], officer)).Ok.ShouldBeFalse("an item is carried once");
        var part = await db.PlanParts.AsNoTracking().SingleAsync(p => p.Id == copy.PartId);
        part.Title.ShouldBe("2026年度结转事项");

        // The badge on the 2027 plan page.
        var office = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await LuoshiWebFactory.SignInAsync(office, "hongshan.office", Infrastructure.DemoData.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await office.GetStringAsync("/Plans/hongshan?year=2027")).ShouldContain($"结转自2026年第{source.Number}项");

        // Issue 13.4: closing a year and 结转 are asked with a summary first; the POST without confirm changes nothing.
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(office, "/Years?district=hongshan");
        var year2026 = new Dictionary<string, string>(StringComparer.Ordinal) { ["year"] = "2026", ["__RequestVerificationToken"] = token };
        using (var ask = await office.PostAsync("/Years?handler=Carry&district=hongshan", new FormUrlEncodedContent(year2026)))
        {
            ask.StatusCode.ShouldBe(HttpStatusCode.OK);
            string html = await ask.Content.ReadAsStringAsync();
            html.ShouldContain("确认结转");
            html.ShouldContain("结转到2027年度方案，放在“2026年度结转事项”部分");
        }

        using (var ask = await office.PostAsync("/Years?handler=Close&district=hongshan", new FormUrlEncodedContent(year2026)))
        {
            ask.StatusCode.ShouldBe(HttpStatusCode.OK);
            string html = await ask.Content.ReadAsStringAsync();
            html.ShouldContain("确认关闭年度");
            html.ShouldContain("将关闭洪山区2026年度");
            html.ShouldContain("name=\"confirm\" value=\"yes\"");
        }

        (await db.PlanItems.CountAsync(i => i.PlanId == plan2027.Id)).ShouldBe(items2027 + 1);
        (await db.Plans.AsNoTracking().SingleAsync(p => p.Id == plan2026.Id)).ClosedAt.ShouldBeNull();

        // Closing 2026: every write on its filings, circulars and orders refused, with a Chinese message; 2027 still open.
        (await service.CloseAsync(district, 2026, officer)).Failure.ShouldBeNull();
        var refused = await filings.SaveAsync(f.Id, f.Version, new FilingEdit(Progress: "关闭后再改"), clerk);
        refused.Ok.ShouldBeFalse();
        refused.Failure!.Message.ShouldBe("2026年度已关闭，只能查看，不能再修改。");
        (await handOffs.ActAsync(f.Id, f.Version, FilingAction.Submit, null, clerk)).Ok.ShouldBeFalse();
        (await closing.LockPeriodAsync(plan2026.Id, ReportPeriod.Q2, officer)).Ok.ShouldBeFalse();
        int otherItem = await db.PlanItems.Where(i => i.PlanId == plan2026.Id && i.Id != item && i.Units.Any(u => u.UnitId == fgj))
            .Select(i => i.Id).FirstAsync();
        (await filings.OpenAsync(otherItem, fgj, ReportPeriod.Q2, clerk)).Failure!.Message.ShouldContain("已关闭");
        (await sp.GetRequiredService<Core.Features.Circulars.CircularService>().CreateDraftAsync(district, ReportPeriod.Q1, officer, year: 2026))
            .Failure!.Message.ShouldContain("已关闭");
        (await db.Filings.AsNoTracking().SingleAsync(x => x.Id == f.Id)).Progress.ShouldBe(f.Progress);
        (await service.CloseAsync(district, 2026, officer)).Ok.ShouldBeFalse("a year is closed once");
        (await office.GetStringAsync("/Work?year=2026")).ShouldContain("已关闭，只读");

        // 2027 is open: its carried item can be filed.
        var open2027 = await filings.OpenAsync(copy.Id, fgj, ReportPeriod.WorkPlan, clerk);
        open2027.Failure.ShouldBeNull();
        // With 2026 closed, the open 2027 is not current until its period starts; the office may choose it.
        (await sp.GetRequiredService<PlanYears>().ListAsync(district)).Single(y => y.Current).Year.ShouldBe(2026);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Luoshi.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
