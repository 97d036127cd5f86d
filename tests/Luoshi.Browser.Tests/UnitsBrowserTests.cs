using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>Issue 10, the organisation, in a browser: the Hongshan office lists and filters its units, adds one, and merges it with confirmation.</summary>
[Collection("browser")]
public class UnitsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task UnitsList_Filter_Add_MergeWithConfirmation()
    {
        var page = await fixture.SignedInPageAsync("hongshan.office");
        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync(fixture.BaseUrl + "/Units");
        (await page.TextContentAsync("h1"))!.ShouldContain("洪山区");
        int all = await page.Locator("table.units tbody tr").CountAsync();
        all.ShouldBeGreaterThan(50, "Hongshan's catalogue lists every unit");
        await BrowserFixture.ScreenshotAsync(page, "units-list-1366");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "units-list-390");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, "no sideways scrolling on a phone");

        // Filter: the sub-districts only.
        await page.SetViewportSizeAsync(1366, 768);
        await page.SelectOptionAsync("select[name=kind]", "Subdistrict");
        await page.ClickAsync("form.account-filter button[type=submit]");
        await page.WaitForURLAsync("**kind=Subdistrict**");
        int subdistricts = await page.Locator("table.units tbody tr").CountAsync();
        subdistricts.ShouldBeGreaterThan(0);
        subdistricts.ShouldBeLessThan(all);
        foreach (string kind in await page.Locator("table.units tbody td[data-label=类别]").AllTextContentsAsync())
        {
            kind.ShouldBe("街道、乡镇");
        }

        // Add a unit.
        await page.GotoAsync(fixture.BaseUrl + "/Units/Edit");
        await page.FillAsync("input[name=name]", "区城市更新局");
        await page.FillAsync("input[name=aliases]", "区更新局");
        await page.ClickAsync("form.account-form button[type=submit]");
        await page.WaitForURLAsync("**/Units/Detail**");
        (await page.TextContentAsync("main"))!.ShouldContain("已新增该单位");
        (await page.TextContentAsync("dl.unit-facts"))!.ShouldContain("区更新局");

        // Merge it into 区发展和改革局: the summary first, then the confirmation.
        await page.ClickAsync("text=并入其他单位");
        await page.WaitForURLAsync("**/Units/Merge**");
        await page.SelectOptionAsync("select[name=into]", new SelectOptionValue { Label = "区发展和改革局" });
        await page.ClickAsync("form.account-filter button[type=submit]");
        await page.WaitForSelectorAsync("section.merge-summary");
        (await page.TextContentAsync("section.merge-summary"))!.ShouldContain("“区城市更新局”将并入“区发展和改革局”");
        await BrowserFixture.ScreenshotAsync(page, "units-merge-summary-1366");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "units-merge-summary-390");
        await page.ClickAsync("text=确认合并");
        await page.WaitForSelectorAsync(".merge-done");
        (await page.TextContentAsync(".merge-done"))!.ShouldContain("已将“区城市更新局”并入“区发展和改革局”");
        await BrowserFixture.ScreenshotAsync(page, "units-merge-done-390");

        // The detail page of the survivor shows the merged names as aliases.
        await page.ClickAsync(".merge-done a");
        await page.SetViewportSizeAsync(1366, 768);
        (await page.TextContentAsync("dl.unit-facts"))!.ShouldContain("区城市更新局");
        await BrowserFixture.ScreenshotAsync(page, "units-detail-1366");
        await page.Context.CloseAsync();
    }
}
