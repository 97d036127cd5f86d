using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>
/// The office's whole first task in a real browser: import a notice, fix a unit the reader could not
/// place, publish, find an item by search, open a unit's task list. Screenshots of each main page are
/// kept in artifacts/screenshots/.
/// </summary>
[Collection("browser")]
public class ImportAndBrowseFlowTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Office_ImportsFixesPublishesSearchesAndOpensAUnitsTaskList()
    {
        // Jiang'an's notice with one unit misprinted, as a reader would meet it.
        string seed = await File.ReadAllTextAsync(Path.Combine(FindRepo(), "tests", "seeds", "000_4e4f19e7498f2113.txt"));
        string damaged = seed.Replace("责任单位：区审计局、区统计局、", "责任单位：区审计局、区统计处、", StringComparison.Ordinal);
        damaged.ShouldNotBe(seed);
        string file = Path.Combine(Path.GetTempPath(), "江岸区分解方案-" + Guid.NewGuid().ToString("N")[..6] + ".txt");
        await File.WriteAllTextAsync(file, damaged);

        var page = await fixture.SignedInPageAsync("jiangan.office");
        try
        {
            await page.GotoAsync(fixture.BaseUrl + "/Imports");
            await page.SetInputFilesAsync("input[name=file]", file);
            await page.ClickAsync("form.upload-form button[type=submit]");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Imports/\\d+"));
            (await page.TextContentAsync("#unresolved"))!.ShouldContain("区统计处");
            (await page.IsDisabledAsync("#publish button[type=submit]")).ShouldBeTrue();
            await BrowserFixture.ScreenshotAsync(page, "import-draft-unresolved");

            // The reader suggests 区统计局: one click maps it.
            await page.ClickAsync("#unresolved button.candidate:has-text('区统计局')");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await page.Locator("#unresolved").CountAsync()).ShouldBe(0);
            await BrowserFixture.ScreenshotAsync(page, "import-draft-ready");

            await page.ClickAsync("#publish button[type=submit]");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            // Publishing asks for confirmation with a summary (issue 10.6); nothing is published before the click.
            (await page.TextContentAsync("#confirm-publish"))!.ShouldContain("将发布 2026 年计划");
            await page.ClickAsync("#confirm-publish button[type=submit]");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            // Search finds the parking item; its page names its unit; the unit's task list opens.
            await page.GotoAsync(fixture.BaseUrl + "/Plans/Search?q=" + Uri.EscapeDataString("停车泊位"));
            (await page.TextContentAsync("main"))!.ShouldContain("新增停车泊位");
            await BrowserFixture.ScreenshotAsync(page, "search");
            await page.ClickAsync("main a:has-text('第 88 项')");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await page.TextContentAsync("main"))!.ShouldContain("1 万个");
            await BrowserFixture.ScreenshotAsync(page, "item");

            await page.ClickAsync("main a:has-text('区住房和城市更新局')");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await page.TextContentAsync("h1"))!.ShouldContain("区住房和城市更新局");
            await BrowserFixture.ScreenshotAsync(page, "unit-tasks");

            await page.GotoAsync(fixture.BaseUrl + "/Plans/jiangan");
            await BrowserFixture.ScreenshotAsync(page, "plan-tree");
            await page.GotoAsync(fixture.BaseUrl + "/Plans/jiangan/Deadlines");
            (await page.TextContentAsync("main"))!.ShouldContain("2026-04-10");
            await BrowserFixture.ScreenshotAsync(page, "deadlines");
        }
        finally
        {
            await page.Context.CloseAsync();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task CityViewer_SeesTheDistrictsSideBySide()
    {
        var page = await fixture.SignedInPageAsync("city");
        await page.GotoAsync(fixture.BaseUrl + "/City");
        string text = (await page.TextContentAsync("main"))!;
        text.ShouldContain("江岸区");
        text.ShouldContain("洪山区");
        text.ShouldContain("蔡甸区");
        await BrowserFixture.ScreenshotAsync(page, "city");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "city-390");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390 + 1, "no sideways scrolling on a phone");
        await page.Context.CloseAsync();
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Luoshi.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Luoshi.sln not found");
    }
}
