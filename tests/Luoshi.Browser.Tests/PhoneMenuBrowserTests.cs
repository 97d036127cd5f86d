using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>
/// Issue 13.1, the site's menu on a phone: at 390×844 the main pages of each role do not scroll sideways, the menu is folded
/// behind a 菜单 button (the links hidden until it is tapped), and once open every link lies within the screen and leads to
/// its page; the name and 退出 are there too. At 1366×768 there is no button and the links are one row. Screenshots go to
/// /tmp/shots/demo2/.
/// </summary>
[Collection("browser")]
public class PhoneMenuBrowserTests(BrowserFixture fixture)
{
    private const string ShotDir = "/tmp/shots/demo2";

    public static TheoryData<string, string> RolePages => new()
    {
        { "jiangan.fgj.clerk", "/,/Work,/Inbox,/Orders" },
        { "jiangan.fgj.head", "/,/Work,/Inbox" },
        { "jiangan.office", "/,/Dashboard?district=jiangan,/Work,/Supervision,/Orders,/Circulars,/Years,/Accounts" },
        { "jiangan.leader", "/,/Leader,/Work,/Inbox" },
        { "city", "/,/City" },
        { "admin", "/,/Accounts" },
        { "auditor", "/,/Admin/Audit" },
    };

    [Theory]
    [MemberData(nameof(RolePages))]
    public async Task Phone_MenuFoldsAndEveryLinkIsReachable_NoSidewaysScrolling(string user, string pages)
    {
        var page = await fixture.SignedInPageAsync(user);
        try
        {
            await page.SetViewportSizeAsync(390, 844);
            foreach (string path in pages.Split(','))
            {
                var response = await page.GotoAsync(fixture.BaseUrl + path);
                response!.Status.ShouldBe(200, $"{user} {path}");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                int scroll = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
                scroll.ShouldBeLessThanOrEqualTo(390, $"{user} {path}: no sideways scrolling at 390 px");
            }

            await page.GotoAsync(fixture.BaseUrl + "/");
            (await page.IsVisibleAsync("label.menu-button")).ShouldBeTrue("the 菜单 button shows on a phone");
            (await page.IsVisibleAsync("nav.main")).ShouldBeFalse("the menu is folded until tapped");
            await Shot(page, $"menu-{user}-390-closed", fullPage: false);

            await page.ClickAsync("label.menu-button");
            (await page.IsVisibleAsync("nav.main")).ShouldBeTrue("tapping 菜单 opens the menu");
            (await page.IsVisibleAsync("form.user button[type=submit]")).ShouldBeTrue("退出 is in the opened menu");
            var outside = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('nav.main > a')]
                  .filter(a => { const r = a.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > innerWidth; })
                  .map(a => a.textContent.trim())
                """);
            outside.ShouldBeEmpty("every menu link is shown within the screen");
            (await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, "the opened menu fits");
            await Shot(page, $"menu-{user}-390-open", fullPage: true);

            // A link of the opened menu leads to its page.
            await page.ClickAsync("nav.main > a[href='/Inbox']");
            await page.WaitForURLAsync(fixture.BaseUrl + "/Inbox");
            (await page.TextContentAsync("h1"))!.ShouldBe("站内消息");

            await page.SetViewportSizeAsync(1366, 768);
            await page.GotoAsync(fixture.BaseUrl + "/");
            (await page.IsVisibleAsync("label.menu-button")).ShouldBeFalse("no 菜单 button at a desk");
            (await page.IsVisibleAsync("nav.main")).ShouldBeTrue("the menu is a row at a desk");
            var tops = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('nav.main > a')].map(a => Math.round(a.getBoundingClientRect().top))");
            tops.Distinct().Count().ShouldBeLessThanOrEqualTo(2, "at 1366 px the menu is one row (two at most for the widest roles)");
            await Shot(page, $"menu-{user}-1366", fullPage: false);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Without script (a locked-down intranet browser) the menu still opens: it is a checkbox and its label.</summary>
    [Fact]
    public async Task Phone_MenuOpensWithoutScript()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN", JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        try
        {
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync(fixture.BaseUrl + "/Account/Login");
            await page.FillAsync("input[name=userName]", "jiangan.office");
            await page.FillAsync("input[name=password]", Luoshi.Web.Infrastructure.DemoData.DemoPassword);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(fixture.BaseUrl + "/");
            (await page.IsVisibleAsync("nav.main")).ShouldBeFalse();
            await page.ClickAsync("label.menu-button");
            (await page.IsVisibleAsync("nav.main > a[href='/Supervision']")).ShouldBeTrue("the menu opens without script");
            await Shot(page, "menu-noscript-390-open", fullPage: false);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static async Task Shot(IPage page, string name, bool fullPage)
    {
        Directory.CreateDirectory(ShotDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ShotDir, name + ".png"), FullPage = fullPage });
    }
}
