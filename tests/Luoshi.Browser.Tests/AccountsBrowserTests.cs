using System.Text;
using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>Issue 10, people, in a browser: the Hongshan office uploads a roster, prints the 通知单, a new clerk signs in and must change its password.</summary>
[Collection("browser")]
public class AccountsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Roster_Sheet_FirstSignIn_ForcedChange()
    {
        var page = await fixture.SignedInPageAsync("hongshan.office");
        await page.GotoAsync(fixture.BaseUrl + "/Accounts/Roster");
        const string csv = "单位,姓名,用户名,角色,手机,邮箱\r\n区发改局,陈晓明,hs.br.fgj.clerk,填报人,13800001111,chenxm@example.gov.cn\r\n区教育局,刘建华,hs.br.jyj.head,单位负责人,13800002222,\r\n区民政局,周丽,hs.br.mzj.clerk,填报人,,zhouli@example.gov.cn\r\n";
        await page.SetInputFilesAsync("input[type=file]", new FilePayload
        {
            Name = "洪山区账号名单.csv", MimeType = "text/csv", Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)],
        });
        await page.ClickAsync("form.account-form button[type=submit]");
        await page.WaitForSelectorAsync("article.sheet-block, .error");
        (await page.Locator(".error").CountAsync()).ShouldBe(0, await page.TextContentAsync("main"));
        (await page.Locator("article.sheet-block").CountAsync()).ShouldBe(3);
        string user = (await page.Locator("code.credential:not(.password)").First.TextContentAsync())!;
        string password = (await page.Locator("code.password").First.TextContentAsync())!;
        user.ShouldBe("hs.br.fgj.clerk");

        await page.SetViewportSizeAsync(1366, 768);
        await BrowserFixture.ScreenshotAsync(page, "accounts-sheet-1366");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "accounts-sheet-390");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        (await page.Locator("header.top").IsVisibleAsync()).ShouldBeFalse("the app's header is not printed");
        (await page.Locator("article.sheet-block").First.IsVisibleAsync()).ShouldBeTrue();
        await page.SetViewportSizeAsync(794, 1123);
        await BrowserFixture.ScreenshotAsync(page, "accounts-sheet-print");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        await page.GotoAsync(fixture.BaseUrl + "/Accounts?q=hs.br");
        (await page.Locator("table.accounts tbody tr").CountAsync()).ShouldBe(3);
        (await page.TextContentAsync("main"))!.ShouldNotContain(password);
        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync(fixture.BaseUrl + "/Accounts");
        await BrowserFixture.ScreenshotAsync(page, "accounts-list-1366");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "accounts-list-390");
        await page.Context.CloseAsync();

        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(60_000);
        var clerk = await context.NewPageAsync();
        await clerk.GotoAsync(fixture.BaseUrl + "/Account/Login");
        await clerk.FillAsync("input[name=userName]", user);
        await clerk.FillAsync("input[name=password]", password);
        await clerk.ClickAsync("button[type=submit]");
        await clerk.WaitForURLAsync(fixture.BaseUrl + "/Account/Password");
        (await clerk.TextContentAsync("main"))!.ShouldContain("初始密码");
        await BrowserFixture.ScreenshotAsync(clerk, "accounts-forced-change");

        // Any other page sends it back.
        await clerk.GotoAsync(fixture.BaseUrl + "/Work");
        clerk.Url.ShouldStartWith(fixture.BaseUrl + "/Account/Password");

        await clerk.FillAsync("input[name=current]", password);
        await clerk.FillAsync("input[name=next]", "Chen#Xm2026");
        await clerk.FillAsync("input[name=confirm]", "Chen#Xm2026");
        await clerk.ClickAsync("main form button[type=submit]");
        await clerk.WaitForURLAsync(fixture.BaseUrl + "/Work");
        (await clerk.TextContentAsync("main"))!.ShouldContain("区发展和改革局");
        await context.CloseAsync();
    }
}
