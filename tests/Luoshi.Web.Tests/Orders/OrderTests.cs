using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Luoshi.Core.Features.Notifications;
using Luoshi.Core.Features.Orders;
using Luoshi.Web.Tests.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Orders;

/// <summary>Supervision orders over HTTP: the office issues, the unit's clerk sees and replies, the office closes; others get 404.</summary>
public sealed class OrderTests
{
    private static readonly DateOnly Today = new(2026, 5, 4);

    private static Dictionary<string, string> Issue(int unitId, string subject, DateOnly replyBy) => new(StringComparer.Ordinal)
    {
        ["unitId"] = unitId.ToString(CultureInfo.InvariantCulture),
        ["itemId"] = "",
        ["subject"] = subject,
        ["requirement"] = "请于反馈时限前书面报告停车泊位建设进度及下步措施。",
        ["replyBy"] = replyBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Order_IssueSeeReplyClose_FollowsTheUnitAndTheOffice()
    {
        await using var host = await ReminderHost.StartAsync(Today);
        using var office = await PageClient.SignInAsync(host.Web, "jiangan.office");
        using var clerk = await PageClient.SignInAsync(host.Web, "jiangan.fgj.clerk");
        using var otherClerk = await PageClient.SignInAsync(host.Web, "jiangan.swj.clerk");

        var issued = await office.PostAsync("/Orders?district=jiangan&handler=Issue", Issue(host.Fgj, "停车泊位建设进度滞后", Today.AddDays(5)), "/Orders?district=jiangan");
        issued.Status.ShouldBe(HttpStatusCode.Redirect, issued.Html);
        string url = issued.Location!;
        var order = await host.WithDbAsync((db, _) => db.SupervisionOrders.AsNoTracking().SingleAsync());
        order.Number.ShouldBe("岸督办〔2026〕1号");
        url.ShouldBe("/Orders/" + order.Id.ToString(CultureInfo.InvariantCulture));

        // The unit's clerk and head are told in the app and by mail.
        var rows = (await host.NotificationsAsync()).Where(n => n.Kind == NotificationKinds.Order).ToList();
        rows.Where(n => n.Channel == Channel.InApp).Select(n => n.UserId)
            .ShouldBe([await host.UserIdAsync("jiangan.fgj.clerk"), await host.UserIdAsync("jiangan.fgj.head")], ignoreOrder: true);
        rows.Count(n => n.Channel == Channel.Email).ShouldBe(2);
        await host.Web.Services.GetRequiredService<Web.Infrastructure.Reminders.ReminderJob>().SendPendingAsync();
        host.MailRecipients().ShouldBe([ReminderHost.FgjClerkMail, ReminderHost.FgjHeadMail]);
        host.JianganMails()[0].Subject.ShouldBe("【督办单】岸督办〔2026〕1号：停车泊位建设进度滞后");
        var inbox = await clerk.GetAsync("/Inbox");
        inbox.Html.ShouldContain("【督办单】岸督办〔2026〕1号：停车泊位建设进度滞后");
        inbox.Html.ShouldContain("class=\"badge unread-badge\">1<");

        // The clerk sees it in the list and opens it; another unit's clerk sees neither.
        (await clerk.GetAsync("/Orders")).Html.ShouldContain("督办〔2026〕1号");
        var page = await clerk.GetAsync(url);
        page.Status.ShouldBe(HttpStatusCode.OK);
        (await otherClerk.GetAsync(url)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await otherClerk.GetAsync("/Orders")).Html.ShouldNotContain("督办〔2026〕1号");
        (await otherClerk.GetAsync(url + "?handler=Docx")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await otherClerk.PostAsync(url + "?handler=Reply", new() { ["version"] = "1", ["reply"] = "不是我的" })).Status.ShouldBe(HttpStatusCode.NotFound);

        // The clerk replies through the head (issue 11.5: the head approves it to the office); the office closes.
        var reply = await clerk.PostAsync(url + "?handler=Reply", new() { ["version"] = PageClient.Version(page.Html, "Reply"), ["reply"] = "已新增泊位 4200 个，5 月底完成招标。", ["submit"] = "true" }, url);
        reply.Status.ShouldBe(HttpStatusCode.Redirect, reply.Html);
        using (var head = await PageClient.SignInAsync(host.Web, "jiangan.fgj.head"))
        {
            var headPage = await head.GetAsync(url);
            (await head.PostAsync(url + "?handler=Approve", new() { ["version"] = PageClient.Version(headPage.Html, "Approve") }, url)).Status.ShouldBe(HttpStatusCode.Redirect);
        }

        var officePage = await office.GetAsync(url);
        officePage.Html.ShouldContain("已新增泊位 4200 个");
        officePage.Html.ShouldContain("已回复");
        var stale = await office.PostAsync(url + "?handler=Close", new() { ["version"] = "1" }, url);
        stale.Status.ShouldBe(HttpStatusCode.OK);
        stale.Html.ShouldContain("该督办单已被他人修改");
        // 13.4: without confirm the office sees the summary and nothing changes; with it the order is closed.
        var ask = await office.PostAsync(url + "?handler=Close", new() { ["version"] = PageClient.Version(officePage.Html, "Close") }, url);
        ask.Status.ShouldBe(HttpStatusCode.OK);
        ask.Html.ShouldContain("确认办结");
        System.Net.WebUtility.HtmlDecode(ask.Html).ShouldContain("的回复由jiangan.fgj.clerk起草");
        ask.Html.ShouldContain("name=\"confirm\" value=\"true\"");
        (await host.WithDbAsync((db, _) => db.SupervisionOrders.AsNoTracking().SingleAsync())).State.ShouldBe(OrderState.Replied);
        (await office.PostAsync(url + "?handler=Close", new() { ["version"] = PageClient.Version(officePage.Html, "Close"), ["confirm"] = "true" }, url)).Status.ShouldBe(HttpStatusCode.Redirect);
        var closed = await host.WithDbAsync((db, _) => db.SupervisionOrders.AsNoTracking().SingleAsync());
        closed.State.ShouldBe(OrderState.Closed);
        closed.Reply.ShouldBe("已新增泊位 4200 个，5 月底完成招标。");
        closed.RepliedBy.ShouldBe("jiangan.fgj.clerk");
        (await clerk.GetAsync(url)).Html.ShouldNotContain("handler=Reply");
        var audit = await host.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(SupervisionOrder)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        audit.ShouldBe(["issue-order", "submit-order-reply", "approve-order-reply", "close-order"]);

        // The clerk may not close; the office may not reply for the unit.
        (await clerk.PostAsync(url + "?handler=Close", new() { ["version"] = "4" }, url)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await office.PostAsync(url + "?handler=Reply", new() { ["version"] = "4", ["reply"] = "代答" }, url)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Order_Numbers_FollowInSequenceAndLateRepliesAreMarked()
    {
        await using var host = await ReminderHost.StartAsync(Today);
        using var office = await PageClient.SignInAsync(host.Web, "jiangan.office");
        (await office.PostAsync("/Orders?district=jiangan&handler=Issue", Issue(host.Fgj, "第一件", Today), "/Orders?district=jiangan")).Status.ShouldBe(HttpStatusCode.Redirect);
        (await office.PostAsync("/Orders?district=jiangan&handler=Issue", Issue(host.Swj, "第二件", Today.AddDays(10)), "/Orders?district=jiangan")).Status.ShouldBe(HttpStatusCode.Redirect);
        var refused = await office.PostAsync("/Orders?district=jiangan&handler=Issue", Issue(host.Swj, "第三件", Today.AddDays(-1)), "/Orders?district=jiangan");
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Html.ShouldContain("请填写反馈时限（不早于今天）");

        var numbers = await host.WithDbAsync((db, _) => db.SupervisionOrders.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Number).ToListAsync());
        numbers.ShouldBe(["岸督办〔2026〕1号", "岸督办〔2026〕2号"]);

        host.SetToday(Today.AddDays(2));
        using var later = await PageClient.SignInAsync(host.Web, "jiangan.office"); // the session of two days ago has expired
        var list = await later.GetAsync("/Orders?district=jiangan");
        list.Html.ShouldContain("逾期未回复");
        list.Html.Split("逾期未回复").Length.ShouldBe(2, "only the first order is past its date");
    }

    [Fact]
    public async Task Order_Docx_IsAnOfficialDocumentWithTheNumberAndTheMatter()
    {
        await using var host = await ReminderHost.StartAsync(Today);
        using var office = await PageClient.SignInAsync(host.Web, "jiangan.office");
        var issued = await office.PostAsync("/Orders?district=jiangan&handler=Issue", Issue(host.Fgj, "停车泊位建设进度滞后", Today.AddDays(5)), "/Orders?district=jiangan");

        using var r = await office.Http.GetAsync(issued.Location + "?handler=Docx");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        using var stream = new MemoryStream(await r.Content.ReadAsByteArrayAsync());
        using var doc = WordprocessingDocument.Open(stream, false);
        string text = string.Concat(doc.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text));
        text.ShouldContain("督办〔2026〕1号");
        text.ShouldContain("督办单");
        text.ShouldContain("区发展和改革局：");
        text.ShouldContain("停车泊位建设进度滞后");
        text.ShouldContain("2026年5月9日");
    }
}
