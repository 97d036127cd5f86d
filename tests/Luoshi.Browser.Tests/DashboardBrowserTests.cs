using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>The dashboard under the real content-security policy: ECharts served by the app draws every chart (a canvas each), and nothing is refused.</summary>
[Collection("browser")]
public class DashboardBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Dashboard_Office_DrawsEveryChartFromTheAppsOwnScript()
    {
        var page = await fixture.SignedInPageAsync("jiangan.office");
        var refused = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                refused.Add(m.Text);
            }
        };
        var missing = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && !r.Url.EndsWith("/favicon.ico", StringComparison.Ordinal))
            {
                missing.Add(r.Status + " " + r.Url);
            }
        };
        var external = new List<string>();
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(fixture.BaseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                external.Add(r.Url);
            }
        };

        await page.GotoAsync(fixture.BaseUrl + "/Dashboard?district=jiangan");
        foreach (string id in new[] { "chart-parts", "chart-leaders", "chart-units", "chart-late" })
        {
            await page.WaitForSelectorAsync($"#{id} canvas", new PageWaitForSelectorOptions { Timeout = 20000 });
        }

        // No unit has reported a number in the demo data yet: the targets chart says so instead of drawing nothing.
        (await page.TextContentAsync("#chart-targets"))!.ShouldContain("暂无数据");

        (await page.TextContentAsync("main"))!.ShouldContain("江岸区");
        refused.ShouldBeEmpty("no script or style refused by the CSP, no script error");
        missing.ShouldBeEmpty("every script and style the page asks for is served");
        external.ShouldBeEmpty("nothing is loaded from outside the app (no CDN)");
        await page.SetViewportSizeAsync(1400, 1800);
        await BrowserFixture.ScreenshotAsync(page, "dashboard-office");
        await page.Context.CloseAsync();
    }
}
