using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>
/// A report's way in a real browser: Jiang'an's 发改局 clerk opens a report of one of its items from 我的工作, fills it and
/// submits it; the unit head approves it; the office sees it waiting, sees the item's standing change, and accepts it.
/// Screenshots of each step go to artifacts/screenshots/.
/// </summary>
[Collection("browser")]
public class ReportFlowBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Clerk_FillsAndSubmits_HeadApproves_OfficeSeesTheChangeAndAccepts()
    {
        var clerk = await fixture.SignedInPageAsync("jiangan.fgj.clerk");
        var head = await fixture.SignedInPageAsync("jiangan.fgj.head");
        var office = await fixture.SignedInPageAsync("jiangan.office");
        try
        {
            // 我的工作: the unit's obligations, the nearest deadline first; open a report of an item with no numeric target.
            await clerk.GotoAsync(fixture.BaseUrl + "/Work");
            (await clerk.TextContentAsync("h1"))!.ShouldBe("我的工作");
            await BrowserFixture.ScreenshotAsync(clerk, "work-clerk");
            var row = clerk.Locator("section.period").First.Locator("tr.obligation[data-targets='0']").First;
            string item = (await row.GetAttributeAsync("data-item"))!;
            string period = (await row.GetAttributeAsync("data-period"))!;
            period.ShouldNotBe("WorkPlan");
            await row.Locator("td a").First.ClickAsync();
            await clerk.WaitForLoadStateAsync(LoadState.NetworkIdle);
            string filing = clerk.Url;
            filing.ShouldContain("/Work/Filing?item=" + item);

            await clerk.FillAsync("textarea[name='Input.Progress']", "已完成年度重点项目谋划，开工建设三个项目。");
            await clerk.FillAsync("textarea[name='Input.Problems']", "项目用地报批进度偏慢，下步加强协调。");
            await BrowserFixture.ScreenshotAsync(clerk, "filing-clerk-filled");
            await clerk.ClickAsync("button.submit");
            await clerk.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await clerk.TextContentAsync("p.notice[role=status]"))!.ShouldContain("已提交");
            (await clerk.TextContentAsync(".filing-state"))!.ShouldBe("待单位负责人审定");
            (await clerk.TextContentAsync("#history"))!.ShouldContain("提交审定");
            await BrowserFixture.ScreenshotAsync(clerk, "filing-submitted");

            // The head sees it under 待我审定 and approves it.
            await head.GotoAsync(fixture.BaseUrl + "/Work");
            (await head.Locator($"#awaiting-me tr[data-item='{item}'][data-period='{period}']").CountAsync()).ShouldBe(1);
            await BrowserFixture.ScreenshotAsync(head, "work-head");
            await head.GotoAsync(filing);
            (await head.TextContentAsync("section.filing-form"))!.ShouldContain("已完成年度重点项目谋划");
            await head.ClickAsync("button.approve");
            await head.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await head.TextContentAsync(".filing-state"))!.ShouldBe("已报送督查室");
            await BrowserFixture.ScreenshotAsync(head, "filing-approved");

            // The office: waiting on 我的工作; on the item, its unit's report now filed; accepted from the list.
            await office.GotoAsync(fixture.BaseUrl + "/Work");
            var waiting = office.Locator($"#awaiting-office tr[data-item='{item}'][data-period='{period}']");
            (await waiting.CountAsync()).ShouldBe(1);
            (await waiting.TextContentAsync())!.ShouldContain("已报送督查室");
            await BrowserFixture.ScreenshotAsync(office, "work-office-awaiting");
            await office.GotoAsync(filing);
            (await office.TextContentAsync(".filing-state"))!.ShouldBe("已报送督查室");
            (await office.TextContentAsync("#standing tr.current"))!.ShouldContain("已报送督查室");
            (await office.TextContentAsync("#standing tr.current"))!.ShouldNotContain("逾期未报");
            await BrowserFixture.ScreenshotAsync(office, "filing-office");

            await office.GotoAsync(fixture.BaseUrl + "/Work");
            await waiting.Locator("button.accept").ClickAsync();
            await office.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await office.TextContentAsync("p.notice[role=status]"))!.ShouldContain("已接收");
            (await office.Locator($"#awaiting-office tr[data-item='{item}'][data-period='{period}']").CountAsync()).ShouldBe(0);
            (await office.TextContentAsync($"#accepted tr[data-item='{item}'][data-period='{period}']"))!.ShouldContain("督查室已接收");
            await BrowserFixture.ScreenshotAsync(office, "work-office-accepted");
            await office.GotoAsync(filing);
            (await office.TextContentAsync(".filing-state"))!.ShouldBe("督查室已接收");
            await BrowserFixture.ScreenshotAsync(office, "filing-accepted");
        }
        finally
        {
            await clerk.Context.CloseAsync();
            await head.Context.CloseAsync();
            await office.Context.CloseAsync();
        }
    }
}
