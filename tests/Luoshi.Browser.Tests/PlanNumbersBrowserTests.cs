using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Supervision;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>
/// Issue 11.2 and 11.3 in a real browser, at 1366×768 and 390×844: Hongshan's 发改局 clerk types the quarterly values of an amount
/// target and two co-units' shares into its work plan and saves it; one co-unit hands over its Q1 value with a file (through the use
/// cases: the demo has no co-unit accounts); the lead's Q1 page then shows the co-units' table (share, value, state, file, the lead's own
/// value and the sum) as columns at a desk and as labelled cards on a phone, without sideways scrolling. Its own app (a fresh SQLite
/// database), the shared Chromium. Screenshots: /tmp/shots/cui/.
/// </summary>
[Collection("browser")]
public class PlanNumbersBrowserTests(BrowserFixture fixture)
{
    private const string ShotDir = "/tmp/shots/cui";

    [Fact]
    public async Task LeadTypesQuartersAndShares_ThenReadsItsCoUnitsWithTheSum_AtADeskAndOnAPhone()
    {
        await using var app = new BrowserApp(seed: true);
        app.StartServer();
        string baseUrl = app.BaseAddress.ToString().TrimEnd('/');
        var (district, item, lead, co1, co2, target) = await WithDbAsync(app, async db =>
        {
            int d = await db.Districts.Where(x => x.Code == "hongshan").Select(x => x.Id).SingleAsync();
            int fgj = await db.Units.Where(u => u.DistrictId == d && u.Name == "区发展和改革局").Select(u => u.Id).SingleAsync();
            var items = await db.PlanItems.Where(i => i.Units.Any(u => u.UnitId == fgj && u.Role == UnitRole.Lead) && i.Units.Count(u => u.Role == UnitRole.Co) >= 2)
                .OrderBy(i => i.Seq).Select(i => new { i.Id, Co = i.Units.Where(u => u.Role == UnitRole.Co).OrderBy(u => u.UnitId).Select(u => u.UnitId).ToList(), i.Indicators }).ToListAsync();
            var chosen = items.First(i => i.Indicators.Any(x => TargetKinds.Of(x.Unit, x.Sense).FollowsTime()));
            var t = chosen.Indicators.OrderBy(x => x.Seq).First(x => TargetKinds.Of(x.Unit, x.Sense).FollowsTime());
            return (d, chosen.Id, fgj, chosen.Co[0], chosen.Co[1], t);
        });
        string name1 = await WithDbAsync(app, db => db.Units.Where(u => u.Id == co1).Select(u => u.Name).SingleAsync());
        decimal q = Math.Round(target.Value * 0.1m, 2), share = Math.Round(target.Value * 0.04m, 2), v1 = Math.Round(share * 0.8m, 2), own = q - v1;
        string planUrl = $"{baseUrl}/Work/Filing?item={N(item)}&unit={N(lead)}&period=WorkPlan";
        string reportUrl = $"{baseUrl}/Work/Filing?item={N(item)}&unit={N(lead)}&period=Q1";

        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(baseUrl + "/Account/Login");
            await page.FillAsync("input[name=userName]", "hongshan.fgj.clerk");
            await page.FillAsync("input[name=password]", Luoshi.Web.Infrastructure.DemoData.DemoPassword);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(baseUrl + "/");

            // The work plan: a step, the quarterly values (per quarter, not cumulative), two co-units' shares.
            await page.GotoAsync(planUrl);
            await page.FillAsync("textarea[name='Input.Steps[0].Content']", "推进停车泊位和充电桩建设");
            string[] quarters = [N(q), N(q), N(q), N(target.Value - 3 * q)];
            for (int k = 0; k < 4; k++)
            {
                await page.GetByLabel($"{target.Measure} {ReportPeriodLabels.Quarter(k + 1)}计划值", new() { Exact = true }).FillAsync(quarters[k]);
            }

            await page.GetByLabel($"分解给{name1}的{target.Measure}任务量", new() { Exact = true }).FillAsync(N(share));
            (await page.TextContentAsync("section.plan-numbers"))!.ShouldContain("当季量，不是累计数");
            await Shot(page, "workplan-filled-1366", "section.plan-numbers");
            await page.ClickAsync("button.save");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await page.TextContentAsync("p.notice[role=status]"))!.ShouldBe("已保存。");
            (await page.InputValueAsync($"input[aria-label='分解给{name1}的{target.Measure}任务量']")).ShouldBe(N(share));
            await page.SetViewportSizeAsync(390, 844);
            await FitsAsync(page, "table.plan-shares", 390);
            await Shot(page, "workplan-saved-390", "section.plan-numbers");
            await Shot(page, "workplan-shares-390", "table.plan-shares");

            // The head approves the plan; co1 hands over its Q1 value with a file; co2 has not reported.
            await WithAsync(app, async sp =>
            {
                var handOffs = sp.GetRequiredService<FilingHandOffs>();
                var editing = sp.GetRequiredService<FilingEditing>();
                var db = sp.GetRequiredService<LuoshiDb>();
                var plan = await db.Filings.AsNoTracking().SingleAsync(f => f.ItemId == item && f.UnitId == lead && f.Period == ReportPeriod.WorkPlan);
                var sub = await handOffs.ActAsync(plan.Id, plan.Version, FilingAction.Submit, null, Clerk(district, lead));
                (await handOffs.ActAsync(plan.Id, sub.Value!.Version, FilingAction.Approve, null, Head(district, lead))).Failure.ShouldBeNull();

                var part = (await editing.OpenAsync(item, co1, ReportPeriod.Q1, Clerk(district, co1))).Value!;
                (await sp.GetRequiredService<EvidenceStore>().AttachAsync(part.Id, "停车场照片.pdf", "%PDF-1.4\n%photo\n%%EOF\n"u8.ToArray(), Clerk(district, co1))).Failure.ShouldBeNull();
                int version = await db.Filings.AsNoTracking().Where(f => f.Id == part.Id).Select(f => f.Version).SingleAsync();
                var saved = await editing.SaveAsync(part.Id, version, new FilingEdit(Progress: "辖区新增停车泊位。", Problems: "无。", Actuals: new Dictionary<int, decimal?> { [target.Id] = v1 }), Clerk(district, co1));
                saved.Failure.ShouldBeNull();
                var s2 = await handOffs.ActAsync(part.Id, saved.Value!.Version, FilingAction.Submit, null, Clerk(district, co1));
                (await handOffs.ActAsync(part.Id, s2.Value!.Version, FilingAction.Approve, null, Head(district, co1))).Failure.ShouldBeNull();
                return true;
            });

            // The lead's Q1 report: its own value saved, then the co-units' table, at a desk and on a phone.
            await page.SetViewportSizeAsync(1366, 768);
            await page.GotoAsync(reportUrl);
            await page.FillAsync($"input[name='Input.Actuals[{N(target.Id)}]']", N(own));
            await page.ClickAsync("button.save");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await page.TextContentAsync("p.notice[role=status]"))!.ShouldBe("已保存。");
            var table = page.Locator("table.co-figures");
            var row1 = table.Locator($"tr.co-unit[data-unit='{N(co1)}']");
            (await row1.TextContentAsync())!.ShouldContain(N(v1) + " " + target.Unit);
            (await row1.TextContentAsync())!.ShouldContain(N(share) + " " + target.Unit);
            (await row1.Locator("a.co-evidence").TextContentAsync()).ShouldBe("停车场照片.pdf");
            (await table.Locator($"tr.co-unit[data-unit='{N(co2)}']").TextContentAsync())!.ShouldContain("尚未报来");
            (await table.Locator("tr.co-sum").TextContentAsync())!.ShouldContain(N(own + v1) + " " + target.Unit);
            await FitsAsync(page, "table.co-figures", 1366);
            await Shot(page, "lead-q1-cofigures-1366", "table.co-figures");
            await page.SetViewportSizeAsync(390, 844);
            await FitsAsync(page, "table.co-figures", 390);
            await Shot(page, "lead-q1-cofigures-390", "table.co-figures");
            await Shot(page, "lead-q1-cosum-390", "tr.co-sum");
            await page.SetViewportSizeAsync(1366, 768);
            await Shot(page, "lead-q1-cosum-1366", "tr.co-sum");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static Actor Clerk(int district, int unit) => new($"t.clerk.{unit}", "填报人", AppRole.Clerk, district, unit);

    private static Actor Head(int district, int unit) => new($"t.head.{unit}", "负责人", AppRole.UnitHead, district, unit);

    private static string N(decimal v) => v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    private static string N(int v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<T> WithDbAsync<T>(BrowserApp app, Func<LuoshiDb, Task<T>> read) => await WithAsync(app, sp => read(sp.GetRequiredService<LuoshiDb>()));

    private static async Task<T> WithAsync<T>(BrowserApp app, Func<IServiceProvider, Task<T>> run)
    {
        using var scope = app.Services.CreateScope();
        return await run(scope.ServiceProvider);
    }

    /// <summary>No sideways scrolling, nothing squeezed; the table as columns at a desk, as labelled cards on a phone.</summary>
    private static async Task FitsAsync(IPage page, string selector, int width)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        int scroll = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        int inner = await page.EvaluateAsync<int>("() => innerWidth");
        scroll.ShouldBeLessThanOrEqualTo(inner, $"{selector} at {width}: no sideways scrolling");
        await NarrowCells.ShouldHaveNoneAsync(page, $"{selector}-{width}");
        var t = page.Locator(selector).First;
        string head = await t.EvaluateAsync<string>("t => getComputedStyle(t.tHead).display");
        head.ShouldBe(width < 700 ? "none" : "table-header-group", $"{selector} at {width}");
        if (width < 700)
        {
            int unlabelled = await t.EvaluateAsync<int>("t => [...t.tBodies[0].rows].flatMap(r => [...r.cells]).filter(c => c.textContent.trim() !== '' && !c.classList.contains('card-title') && !c.getAttribute('data-label')).length");
            unlabelled.ShouldBe(0, $"{selector}: every cell of a card is labelled");
        }
    }

    private static async Task Shot(IPage page, string name, string scrollTo)
    {
        Directory.CreateDirectory(ShotDir);
        await page.Locator(scrollTo).First.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotDir, name + ".png"), FullPage = false });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotDir, name + "-full.png"), FullPage = true });
    }
}
