using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>
/// Issue 10.6 in a real browser at 1366×768 (an office clerk's laptop): the office splits Hongshan's item 58 (two sentences
/// the reader took for one item) at the cut the form proposes, then joins item 56 with the next one. Screenshots of each step
/// are kept in artifacts/screenshots/.
/// </summary>
[Collection("browser")]
public class DraftSplitJoinBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Office_SplitsAnItemAtTheProposedCut_AndJoinsAnotherWithTheNext()
    {
        string seed = await File.ReadAllTextAsync(Path.Combine(FindRepo(), "tests", "seeds", "001_b07d873149f44e2f.txt"));
        string file = Path.Combine(Path.GetTempPath(), "洪山区分解方案-" + Guid.NewGuid().ToString("N")[..6] + ".txt");
        await File.WriteAllTextAsync(file, seed);
        var page = await fixture.SignedInPageAsync("hongshan.office");
        try
        {
            await page.SetViewportSizeAsync(1366, 768);
            await page.GotoAsync(fixture.BaseUrl + "/Imports");
            await page.SetInputFilesAsync("input[name=file]", file);
            await page.ClickAsync("form.upload-form button[type=submit]");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Imports/\\d+"));
            int items = int.Parse((await page.TextContentAsync(".item-count"))!, System.Globalization.CultureInfo.InvariantCulture);

            // Item 58: its links offer the split; the form opens with the cut between its two sentences.
            var item58 = page.Locator("article.draft-item:has(.number:text-is('58'))").First;
            await item58.ScrollIntoViewIfNeededAsync();
            await item58.Locator("a.split-link").ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var form = page.Locator("form.split-item");
            await form.ScrollIntoViewIfNeededAsync();
            string marked = await form.Locator("textarea[name=marked]").InputValueAsync();
            marked.ShouldBe("新改建各类排水管网 5 公里，疏浚管网 500 公里。\n———— 以下拆为新的一项 ————\n完成“三无”老旧小区 113 个供水水箱（池）定期清洗。");
            await BrowserFixture.ScreenshotAsync(page, "import-draft-split-form");
            await form.Locator("button[type=submit]").ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await page.TextContentAsync("p.notice[role=status]"))!.ShouldContain("已将第 58 项拆分为两项：第 58 项和第 58之二 项。");
            (await page.TextContentAsync(".item-count"))!.ShouldBe((items + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var second = page.Locator("article.draft-item:has(.number:text-is('58之二'))");
            (await second.Locator("p.text").TextContentAsync())!.ShouldBe("完成“三无”老旧小区 113 个供水水箱（池）定期清洗。");
            await second.ScrollIntoViewIfNeededAsync();
            await BrowserFixture.ScreenshotAsync(page, "import-draft-split-done");

            // Item 56 joined with 57: asked, shown with both texts, confirmed.
            var item56 = page.Locator("article.draft-item:has(.number:text-is('56'))").First;
            await item56.ScrollIntoViewIfNeededAsync();
            await item56.Locator("a.join-link").ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var join = page.Locator("form.join-items");
            await join.ScrollIntoViewIfNeededAsync();
            (await join.TextContentAsync())!.ShouldContain("新增停车泊位 1 万个");
            await BrowserFixture.ScreenshotAsync(page, "import-draft-join-confirm");
            await join.Locator("button[type=submit]").ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await page.TextContentAsync("p.notice[role=status]"))!.ShouldContain("已将第 56 项与第 57 项合并为第 56 项。");
            (await page.TextContentAsync(".item-count"))!.ShouldBe(items.ToString(System.Globalization.CultureInfo.InvariantCulture));
            (await page.Locator("article.draft-item:has(.number:text-is('56')) p.text").First.TextContentAsync())!.ShouldContain("开工菱云路等微循环道路 3 条，建成青菱湖北路、华科大西路等道路 5 条。新增停车泊位 1 万个、充电桩 6000 个。");
        }
        finally
        {
            await page.Context.CloseAsync();
            File.Delete(file);
        }
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
