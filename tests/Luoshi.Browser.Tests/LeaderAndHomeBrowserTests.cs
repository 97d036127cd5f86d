namespace Luoshi.Browser.Tests;

/// <summary>The leader's view and each role's home page at a phone's size (390×844) and a desk's (1366×768): no sideways scroll, no squeezed table cell.</summary>
[Collection("browser")]
public class LeaderAndHomeBrowserTests(BrowserFixture fixture)
{
    public static TheoryData<string, string, int, int> Pages() => new()
    {
        { "jiangan.leader", "/Leader", 390, 844 },
        { "jiangan.leader", "/Leader", 1366, 768 },
        { "jiangan.leader", "/", 390, 844 },
        { "jiangan.leader", "/", 1366, 768 },
        { "jiangan.office", "/", 390, 844 },
        { "jiangan.office", "/", 1366, 768 },
        { "jiangan.fgj.clerk", "/", 390, 844 },
        { "jiangan.fgj.clerk", "/", 1366, 768 },
        { "jiangan.fgj.head", "/", 390, 844 },
        { "jiangan.fgj.head", "/", 1366, 768 },
        { "auditor", "/", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_FitsTheScreen(string user, string path, int width, int height)
    {
        var page = await fixture.SignedInPageAsync(user);
        await page.SetViewportSizeAsync(width, height);
        var r = await page.GotoAsync(fixture.BaseUrl + path);
        r!.Status.ShouldBe(200);
        int scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        scroll.ShouldBeLessThanOrEqualTo(width, $"{user} {path} at {width}: no sideways scroll");
        (await NarrowCells.FindAsync(page)).ShouldBeEmpty($"{user} {path} at {width}");
        if (path == "/Leader")
        {
            (await page.Locator(".unit-card").CountAsync()).ShouldBeGreaterThan(0, "the demo leader has units in charge");
        }

        await BrowserFixture.ScreenshotAsync(page, $"leader-{user.Replace('.', '-')}{(path == "/" ? "-home" : "-leader")}-{width}");
        await page.Context.CloseAsync();
    }
}
