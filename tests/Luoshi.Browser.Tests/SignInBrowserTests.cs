namespace Luoshi.Browser.Tests;

[Collection("browser")]
public class SignInBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SignIn_Office_SeesItsDistrictOnTheHomePage()
    {
        var page = await fixture.SignedInPageAsync("jiangan.office");
        (await page.TextContentAsync("main"))!.ShouldContain("江岸区");
        (await page.TextContentAsync("main"))!.ShouldNotContain("洪山区");
        await BrowserFixture.ScreenshotAsync(page, "home-office");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsTheMessageInChinese()
    {
        var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/Account/Login");
        await page.FillAsync("input[name=userName]", "hongshan.office");
        await page.FillAsync("input[name=password]", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        (await page.TextContentAsync(".error"))!.ShouldContain("用户名或密码不正确");
        await BrowserFixture.ScreenshotAsync(page, "login-error");
        await context.CloseAsync();
    }
}
