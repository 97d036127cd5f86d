using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>
/// Issue 11.4 and 11.5 in a real browser: Jiang'an's office sorts supervision worst first, reminds a late unit (区发展和改革局)
/// from its row (the message arrives in the unit clerk's inbox), issues a 督办单 prefilled from the row; the clerk replies with
/// an attachment, the unit's head approves; the office returns it once as not satisfied, then closes it. Screenshots of the
/// list at 1366×768 and 390×844.
/// </summary>
[Collection("browser")]
public class SupervisionBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Office_SortsWorstFirst_RemindsAndOrdersFromARow_HeadApproves_OfficeReturnsThenCloses()
    {
        var office = await fixture.SignedInPageAsync("jiangan.office");
        var clerk = await fixture.SignedInPageAsync("jiangan.fgj.clerk");
        var head = await fixture.SignedInPageAsync("jiangan.fgj.head");
        try
        {
            // The list, worst first: no row after one in a better state.
            await office.GotoAsync(fixture.BaseUrl + "/Supervision?district=jiangan&sort=worst");
            var statuses = await office.Locator("table.sv-rows tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.status)");
            statuses.Length.ShouldBeGreaterThan(1);
            var ranks = statuses.Select(Rank).ToList();
            ranks.ShouldBe([.. ranks.Order()]);
            statuses[0].ShouldBe("Missing");
            await office.SetViewportSizeAsync(1366, 768);
            await ShotAsync(office, "supervision-1366");
            await office.Locator("section.sv-items").ScrollIntoViewIfNeededAsync();
            await ShotAsync(office, "supervision-rows-1366");
            await office.SetViewportSizeAsync(390, 844);
            await office.EvaluateAsync("window.scrollTo(0, 0)");
            await ShotAsync(office, "supervision-390");
            await office.Locator("table.sv-rows").ScrollIntoViewIfNeededAsync();
            await ShotAsync(office, "supervision-rows-390");
            (await office.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390 + 1, "no sideways scrolling on a phone");
            await office.Locator("nav.pager").ScrollIntoViewIfNeededAsync();
            await ShotAsync(office, "supervision-pager-390");
            await office.SetViewportSizeAsync(1366, 768);

            // 50 rows a page; 下一页 goes on, still worst first after the last row of page 1.
            statuses.Length.ShouldBe(50);
            await office.Locator("nav.pager").ScrollIntoViewIfNeededAsync();
            await ShotAsync(office, "supervision-pager-1366");
            await office.ClickAsync("nav.pager a[rel=next]");
            await office.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await office.TextContentAsync("nav.pager span"))!.ShouldContain("第 2 /");
            var next = await office.Locator("table.sv-rows tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.status)");
            next.Length.ShouldBeGreaterThan(0);
            Rank(next[0]).ShouldBeGreaterThanOrEqualTo(ranks[^1]);
            await office.GotoAsync(fixture.BaseUrl + "/Supervision?district=jiangan&sort=worst");

            // 催报 from 区发展和改革局's late row.
            string fgj = (await office.Locator("table.sv-units tr", new() { HasText = "区发展和改革局" }).First.GetAttributeAsync("data-unit"))!;
            var late = office.Locator($"table.sv-rows span.ob[data-unit='{fgj}'][data-status='Missing']").First;
            await late.Locator("button.sv-remind").ClickAsync();
            await office.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await office.TextContentAsync("p.notice[role=status]"))!.ShouldContain("已向区发展和改革局催报");
            await clerk.GotoAsync(fixture.BaseUrl + "/Inbox");
            (await clerk.TextContentAsync("main"))!.ShouldContain("【催报】区发展和改革局");

            // A 督办单 from the same row, prefilled.
            late = office.Locator($"table.sv-rows span.ob[data-unit='{fgj}'][data-status='Missing']").First;
            await late.Locator("a.sv-order").ClickAsync();
            await office.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await office.TextContentAsync("p.proposed"))!.ShouldContain("已按督办列表中的逾期事项预填");
            (await office.InputValueAsync("input[name=subject]")).ShouldContain("逾期未报送");
            (await office.InputValueAsync("textarea[name=requirement]")).ShouldContain("已逾期");
            await ShotAsync(office, "supervision-order-proposed");
            await office.ClickAsync("form.issue-form button[type=submit]");
            await office.WaitForLoadStateAsync(LoadState.NetworkIdle);
            string order = office.Url;
            order.ShouldContain("/Orders/");

            // The clerk replies with an attachment and submits it to the head.
            await clerk.GotoAsync(order);
            await clerk.SetInputFilesAsync("form.order-attach input[type=file]", new FilePayload { Name = "停车场建设进度.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%reply\n%%EOF\n"u8.ToArray() });
            await clerk.ClickAsync("form.order-attach button[type=submit]");
            await clerk.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await clerk.TextContentAsync("ul.order-file-list"))!.ShouldContain("停车场建设进度.pdf");
            await SubmitReplyAsync(clerk, "第三季度进展情况已于今日补报，逾期原因为数据核对。");
            (await clerk.GetAttributeAsync(".order-state", "data-state")).ShouldBe("AwaitingHead");

            // The head approves; the office returns it once as not satisfied.
            await ApproveAsync(head, order);
            await office.GotoAsync(order);
            (await office.GetAttributeAsync(".order-state", "data-state")).ShouldBe("Replied");
            await office.FillAsync("form.order-return textarea[name=comment]", "请说明下步措施和完成时限。");
            await office.ClickAsync("form.order-return button[type=submit]");
            await office.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await office.GetAttributeAsync(".order-state", "data-state")).ShouldBe("Returned");

            // Answered again through the head; the office closes it (办结).
            await clerk.GotoAsync(order);
            (await clerk.TextContentAsync(".order-return-comment"))!.ShouldContain("请说明下步措施和完成时限。");
            await SubmitReplyAsync(clerk, "已补报；下步每周调度，12月底前完成全部建设任务。");
            await ApproveAsync(head, order);
            await office.GotoAsync(order);
            await office.ClickAsync("form.close-order button[type=submit]");
            await office.WaitForSelectorAsync("#confirm-close-order");
            (await office.TextContentAsync("#confirm-close-order .confirm-summary"))!.ShouldContain("将办结督办单");
            (await office.GetAttributeAsync(".order-state", "data-state")).ShouldBe("Replied");
            await office.ClickAsync("#confirm-close-order button[type=submit]");
            await office.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await office.GetAttributeAsync(".order-state", "data-state")).ShouldBe("Closed");
            (await office.TextContentAsync("ol.order-history"))!.ShouldContain("督查室退回（未达要求）");
            await ShotAsync(office, "supervision-order-closed");
        }
        finally
        {
            await office.Context.CloseAsync();
            await clerk.Context.CloseAsync();
            await head.Context.CloseAsync();
        }
    }

    private static async Task SubmitReplyAsync(IPage clerk, string text)
    {
        await clerk.FillAsync("form.order-reply-form textarea[name=reply]", text);
        await clerk.ClickAsync("form.order-reply-form button[value=true]");
        await clerk.WaitForLoadStateAsync(LoadState.NetworkIdle);
        (await clerk.TextContentAsync("p.notice[role=status]"))!.ShouldContain("已提交单位负责人审定");
    }

    private static async Task ApproveAsync(IPage head, string order)
    {
        await head.GotoAsync(order);
        await head.ClickAsync("form.order-approve button[type=submit]");
        await head.WaitForLoadStateAsync(LoadState.NetworkIdle);
        (await head.GetAttributeAsync(".order-state", "data-state")).ShouldBe("Replied");
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        await BrowserFixture.ScreenshotAsync(page, name);
        Directory.CreateDirectory("/tmp/shots/supv");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/shots/supv/{name}.png", FullPage = false });
    }

    private static int Rank(string status) => status switch
    {
        "Missing" => 0,
        "Late" => 1,
        "Pending" => 2,
        _ => 3,
    };
}
