using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>
/// Issue 13.1 and 13.5: the pages clerks, heads and the office open on a phone (政务钉钉 links) read at 390×844 — no
/// sideways scrolling, tables as cards, no squeezed cells, dates on one line, charts as wide as the screen — and keep
/// their columns at 1366×768; the shared layout keeps its spacing where flex/grid <c>gap</c> is missing. Screenshots
/// (whole pages) go to /tmp/shots/phone/.
/// </summary>
[Collection("browser")]
public class PhoneLayoutBrowserTests(BrowserFixture fixture)
{
    private const string ShotDir = "/tmp/shots/phone";

    public static TheoryData<int, int> Sizes => new() { { 390, 844 }, { 1366, 768 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Clerk_Work_Filings_Inbox_Fit(int width, int height)
    {
        var page = await fixture.SignedInPageAsync("jiangan.fgj.clerk");
        try
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync(fixture.BaseUrl + "/Work");
            (await page.TextContentAsync("h1"))!.ShouldBe("我的工作");
            await CheckAsync(page, $"clerk-work-{width}");
            await TablesLaidOutAsync(page, "table.obligations", width);

            // A quarterly report with numeric targets (inputs in a table) and the work plan (rows of steps).
            var report = page.Locator("tr.obligation:not([data-period='WorkPlan'])[data-targets]:not([data-targets='0'])").First;
            if (await report.CountAsync() == 0)
            {
                report = page.Locator("tr.obligation:not([data-period='WorkPlan'])").First;
            }

            string reportUrl = (await report.Locator("td a").First.GetAttributeAsync("href"))!;
            string planUrl = (await page.Locator("tr.obligation[data-period='WorkPlan'] td a").First.GetAttributeAsync("href"))!;

            await page.GotoAsync(fixture.BaseUrl + reportUrl);
            await page.WaitForSelectorAsync("section.filing-form");
            await CheckAsync(page, $"clerk-report-{width}");
            await page.GotoAsync(fixture.BaseUrl + planUrl);
            await page.WaitForSelectorAsync("table.steps");
            await CheckAsync(page, $"clerk-workplan-{width}");
            await TablesLaidOutAsync(page, "table.steps", width);

            await page.GotoAsync(fixture.BaseUrl + "/Inbox");
            (await page.TextContentAsync("h1"))!.ShouldBe("站内消息");
            await CheckAsync(page, $"clerk-inbox-{width}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Head_Work_Filing_Inbox_Fit(int width, int height)
    {
        var page = await fixture.SignedInPageAsync("jiangan.fgj.head");
        try
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync(fixture.BaseUrl + "/Work");
            await CheckAsync(page, $"head-work-{width}");
            await TablesLaidOutAsync(page, "table.obligations", width);
            string url = (await page.Locator("tr.obligation td a").First.GetAttributeAsync("href"))!;
            await page.GotoAsync(fixture.BaseUrl + url);
            await page.WaitForSelectorAsync("section.filing-form");
            await CheckAsync(page, $"head-filing-{width}");
            await page.GotoAsync(fixture.BaseUrl + "/Inbox");
            await CheckAsync(page, $"head-inbox-{width}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Office_Dashboard_Work_Inbox_Fit(int width, int height)
    {
        var page = await fixture.SignedInPageAsync("jiangan.office");
        try
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync(fixture.BaseUrl + "/Dashboard?district=jiangan");
            await WaitForChartsAsync(page);
            await ChartsWithinAsync(page, width);
            await CheckAsync(page, $"office-dashboard-{width}");
            await TablesLaidOutAsync(page, "table.db-progress", width);

            await page.GotoAsync(fixture.BaseUrl + "/Work");
            await CheckAsync(page, $"office-work-{width}");
            await TablesLaidOutAsync(page, "table.periods", width);
            await page.GotoAsync(fixture.BaseUrl + "/Inbox");
            await CheckAsync(page, $"office-inbox-{width}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>A desk window narrowed to a phone's width (or a phone turned): the charts redraw to the new width.</summary>
    [Fact]
    public async Task Dashboard_ChartsFollowTheViewport()
    {
        var page = await fixture.SignedInPageAsync("jiangan.office");
        try
        {
            await page.SetViewportSizeAsync(1366, 768);
            await page.GotoAsync(fixture.BaseUrl + "/Dashboard?district=jiangan");
            await WaitForChartsAsync(page);
            double wide = await page.EvaluateAsync<double>("() => document.querySelector('#chart-units canvas').getBoundingClientRect().width");
            wide.ShouldBeGreaterThan(900, "at a desk the unit chart spans the page");

            await page.SetViewportSizeAsync(390, 844);
            await page.WaitForFunctionAsync("() => document.querySelector('#chart-units canvas').getBoundingClientRect().width <= innerWidth");
            await ChartsWithinAsync(page, 390);
            (await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
            await Screenshot(page, "office-dashboard-narrowed-390", fullPage: false);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// 13.5: a browser with flexbox/grid but no <c>gap</c> (360/QQ in older cores). Simulated by a style sheet that zeroes every
    /// gap: the menu links, the brand and the user's name stay apart, and the dashboard's charts do not touch.
    /// </summary>
    [Fact]
    public async Task WithoutGap_TheSharedLayoutKeepsItsSpacing()
    {
        var page = await fixture.SignedInPageAsync("jiangan.office");
        try
        {
            await page.SetViewportSizeAsync(1366, 768);
            await page.GotoAsync(fixture.BaseUrl + "/Dashboard?district=jiangan");
            await WaitForChartsAsync(page);
            // A constructed style sheet: allowed under the app's CSP (style-src 'self' refuses <style> elements, not CSSOM).
            await page.EvaluateAsync("""
                () => {
                  const s = new CSSStyleSheet();
                  s.replaceSync('* { gap: 0 !important; row-gap: 0 !important; column-gap: 0 !important; }');
                  document.adoptedStyleSheets = [...document.adoptedStyleSheets, s];
                }
                """);
            (await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.db-charts')).columnGap")).ShouldBe("0px");

            // Menu links on one line are at least 8 px apart; brand, menu and user form do not touch.
            double tightest = await page.EvaluateAsync<double>("""
                () => {
                  const boxes = [document.querySelector('header.top .brand'), ...document.querySelectorAll('nav.main > a'), document.querySelector('form.user')]
                    .map(e => e.getBoundingClientRect());
                  let min = 1e9;
                  for (let i = 1; i < boxes.length; i++) {
                    const a = boxes[i - 1], b = boxes[i];
                    if (Math.abs(a.top - b.top) < 4) min = Math.min(min, b.left - a.right);
                  }
                  return min;
                }
                """);
            tightest.ShouldBeGreaterThanOrEqualTo(8, "header items keep their distance without gap");

            double apart = await page.EvaluateAsync<double>("""
                () => {
                  const f = [...document.querySelectorAll('.db-charts figure')].map(e => e.getBoundingClientRect());
                  let min = 1e9;
                  for (let i = 0; i < f.length; i++) for (let j = 0; j < f.length; j++) {
                    if (i === j) continue;
                    const a = f[i], b = f[j];
                    if (b.top >= a.bottom - 1 && b.left < a.right && a.left < b.right) min = Math.min(min, b.top - a.bottom);
                    if (b.left >= a.right - 1 && b.top < a.bottom && a.top < b.bottom) min = Math.min(min, b.left - a.right);
                  }
                  return min;
                }
                """);
            apart.ShouldBeGreaterThanOrEqualTo(8, "chart frames keep their distance without gap");
            await Screenshot(page, "office-dashboard-nogap-1366", fullPage: false);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>No sideways scrolling, no squeezed cell, no date broken over lines; a whole-page screenshot.</summary>
    private static async Task CheckAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Screenshot(page, name, fullPage: true);
        await Screenshot(page, name + "-top", fullPage: false);
        var table = page.Locator("table.cards").First;
        if (await table.CountAsync() == 1)
        {
            await table.ScrollIntoViewIfNeededAsync();
            await Screenshot(page, name + "-table", fullPage: false);
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        }

        int scroll = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        int inner = await page.EvaluateAsync<int>("() => innerWidth");
        scroll.ShouldBeLessThanOrEqualTo(inner, $"{name}: no sideways scrolling ({page.Url})");
        await NarrowCells.ShouldHaveNoneAsync(page, name);
        var broken = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('td, th, dd')]
              .filter(c => c.getClientRects().length > 0 && /^\s*(\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)\s*$/.test(c.textContent))
              .filter(c => { const r = document.createRange(); r.selectNodeContents(c); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1; })
              .map(c => c.textContent.trim())
            """);
        broken.ShouldBeEmpty($"{name}: dates kept on one line");
    }

    /// <summary>Below 700 px the table is cards (no header row, each row a block); at a desk it keeps its columns.</summary>
    private static async Task TablesLaidOutAsync(IPage page, string table, int width)
    {
        var t = page.Locator(table).First;
        (await t.CountAsync()).ShouldBe(1, $"{table} is on the page");
        string head = await t.EvaluateAsync<string>("t => getComputedStyle(t.tHead).display");
        string row = await t.EvaluateAsync<string>("t => getComputedStyle(t.tBodies[0].rows[0]).display");
        if (width < 700)
        {
            head.ShouldBe("none", $"{table}: no header row on a phone");
            row.ShouldBe("block", $"{table}: each row a card on a phone");
            // Every non-empty cell of a card says which column it is (data-label from the header, by cards.js).
            int unlabelled = await t.EvaluateAsync<int>("t => [...t.tBodies[0].rows[0].cells].filter(c => c.textContent.trim() !== '' && !c.classList.contains('card-title') && !c.getAttribute('data-label')).length");
            unlabelled.ShouldBe(0, $"{table}: every cell of a card is labelled");
        }
        else
        {
            head.ShouldBe("table-header-group", $"{table}: columns with their header at a desk");
            row.ShouldBe("table-row", $"{table}: rows at a desk");
        }
    }

    private static async Task WaitForChartsAsync(IPage page)
    {
        foreach (string id in new[] { "chart-parts", "chart-leaders", "chart-units", "chart-late" })
        {
            await page.WaitForSelectorAsync($"#{id} canvas", new PageWaitForSelectorOptions { Timeout = 20000 });
        }
    }

    private static async Task ChartsWithinAsync(IPage page, int width)
    {
        var outside = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.db-chart canvas')]
              .filter(c => { const r = c.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth; })
              .map(c => c.closest('.db-chart').id + ' ' + Math.round(c.getBoundingClientRect().width))
            """);
        outside.ShouldBeEmpty($"every chart within the {width} px viewport");
    }

    private static async Task Screenshot(IPage page, string name, bool fullPage)
    {
        Directory.CreateDirectory(ShotDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotDir, name + ".png"), FullPage = fullPage });
    }
}
