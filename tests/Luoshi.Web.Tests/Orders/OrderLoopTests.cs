using System.Globalization;
using System.Net;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Notifications;
using Luoshi.Core.Features.Orders;
using Luoshi.Web.Infrastructure.Reminders;
using Luoshi.Web.Tests.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Orders;

/// <summary>
/// Issue 11.5 on both databases: the 督办单 loop over HTTP. The unit's clerk writes the reply with an attachment and submits it,
/// the head approves it to the office, the office returns it as not satisfied, the clerk answers again through the head, the
/// office closes it (办结); each hand-off tells the next person (in the app and by mail through the real SMTP sink); a stale
/// version stores nothing; another unit neither sees nor replies; a reply past its deadline escalates like a late report.
/// </summary>
public sealed class OrderLoopTests
{
    private static readonly DateOnly Today = new(2026, 5, 4);

    private static readonly byte[] Pdf = "%PDF-1.4\n%order reply\n%%EOF\n"u8.ToArray();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OrderLoop_ClerkHeadOfficeReturnResubmitClose_TellsEachNextPerson(DatabaseProvider provider)
    {
        await using var host = await ReminderHost.StartAsync(Today, provider: provider);
        await host.WithDbAsync(async db =>
        {
            var officer = await db.Users.SingleAsync(u => u.UserName == "jiangan.office");
            officer.Email = "jiangan.office@example.gov.cn";
            await db.SaveChangesAsync();
        });
        using var office = await PageClient.SignInAsync(host.Web, "jiangan.office");
        using var clerk = await PageClient.SignInAsync(host.Web, "jiangan.fgj.clerk");
        using var head = await PageClient.SignInAsync(host.Web, "jiangan.fgj.head");
        using var otherClerk = await PageClient.SignInAsync(host.Web, "jiangan.swj.clerk");
        var issued = await office.PostAsync("/Orders?district=jiangan&handler=Issue", new(StringComparer.Ordinal)
        {
            ["unitId"] = host.Fgj.ToString(CultureInfo.InvariantCulture),
            ["itemId"] = "",
            ["subject"] = "停车泊位建设进度滞后",
            ["requirement"] = "请书面报告停车泊位建设进度及下步措施，并附招标文件。",
            ["replyBy"] = Today.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, "/Orders?district=jiangan");
        issued.Status.ShouldBe(HttpStatusCode.Redirect, issued.Html);
        string url = issued.Location!;
        int orderId = int.Parse(url["/Orders/".Length..], CultureInfo.InvariantCulture);
        long mark = await LastAsync(host);

        // Another unit's clerk sees nothing and can do nothing (404, POSTs included).
        (await otherClerk.GetAsync(url)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await otherClerk.PostAsync(url + "?handler=Reply", new() { ["version"] = "1", ["reply"] = "不是我的", ["submit"] = "true" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await UploadAsync(otherClerk, url, "1", "别人的.pdf", Pdf)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherClerk.PostAsync(url + "?handler=Approve", new() { ["version"] = "1" })).Status.ShouldBe(HttpStatusCode.NotFound);

        // 1. The clerk attaches a file and submits the reply → the head is told.
        var page = await clerk.GetAsync(url);
        using (var up = await UploadAsync(clerk, url, PageClient.Version(page.Html, "Attach"), "招标文件.pdf", Pdf))
        {
            up.StatusCode.ShouldBe(HttpStatusCode.Redirect, await up.Content.ReadAsStringAsync());
        }

        page = await clerk.GetAsync(url);
        page.Html.ShouldContain("招标文件.pdf");
        (await clerk.PostAsync(url + "?handler=Approve", new() { ["version"] = "2" }, url)).Status.ShouldBe(HttpStatusCode.NotFound, "a clerk does not approve");
        var submitted = await clerk.PostAsync(url + "?handler=Reply", new()
        {
            ["version"] = PageClient.Version(page.Html, "Reply"), ["reply"] = "已新增泊位 4200 个，5 月底完成招标。", ["submit"] = "true",
        }, url);
        submitted.Status.ShouldBe(HttpStatusCode.Redirect, submitted.Html);
        (await StateAsync(host, orderId)).ShouldBe(OrderState.AwaitingHead);
        (await ToldAsync(host, mark)).ShouldBe(["jiangan.fgj.head"]);
        mark = await LastAsync(host);
        (await office.PostAsync(url + "?handler=Close", new() { ["version"] = "3" }, url)).Html.ShouldContain("单位尚未报送经负责人审定的回复");

        // 2. The head approves → the office is told, by mail too, with an absolute link.
        page = await head.GetAsync(url);
        page.Html.ShouldContain("已新增泊位 4200 个");
        (await head.PostAsync(url + "?handler=Approve", new() { ["version"] = PageClient.Version(page.Html, "Approve") }, url)).Status.ShouldBe(HttpStatusCode.Redirect);
        (await StateAsync(host, orderId)).ShouldBe(OrderState.Replied);
        (await ToldAsync(host, mark)).ShouldBe(["jiangan.office"]);
        mark = await LastAsync(host);
        var job = host.Web.Services.GetRequiredService<ReminderJob>();
        (await job.SendPendingAsync()).Failed.ShouldBe(0);
        var toOffice = host.JianganMails().Last(m => m.Recipients.Contains("jiangan.office@example.gov.cn"));
        toOffice.Subject.ShouldBe("【督办单待办结】区发展和改革局 岸督办〔2026〕1号");
        toOffice.TextBody!.ShouldContain($"https://luoshi.jiangan.example.gov.cn/Orders/{orderId}");

        // 3. The office returns it as not satisfied (a stale version first: nothing stored) → the clerk and the head are told.
        page = await office.GetAsync(url);
        var stale = await office.PostAsync(url + "?handler=Return", new() { ["version"] = "1", ["comment"] = "过期的页面" }, url);
        stale.Html.ShouldContain("该督办单已被他人修改");
        (await StateAsync(host, orderId)).ShouldBe(OrderState.Replied);
        (await office.PostAsync(url + "?handler=Return", new() { ["version"] = PageClient.Version(page.Html, "Return"), ["comment"] = "" }, url)).Html.ShouldContain("请填写退回意见");
        (await office.PostAsync(url + "?handler=Return", new() { ["version"] = PageClient.Version(page.Html, "Return"), ["comment"] = "未附招标公告，请补充。" }, url))
            .Status.ShouldBe(HttpStatusCode.Redirect);
        (await StateAsync(host, orderId)).ShouldBe(OrderState.Returned);
        (await ToldAsync(host, mark)).ShouldBe(["jiangan.fgj.clerk", "jiangan.fgj.head"]);
        var returned = (await host.NotificationsAsync()).Last(n => n.Channel == Channel.InApp);
        returned.Body.ShouldContain("退回意见：未附招标公告，请补充。");
        mark = await LastAsync(host);

        // 4. The clerk answers again through the head.
        page = await clerk.GetAsync(url);
        page.Html.ShouldContain("未附招标公告，请补充。");
        (await clerk.PostAsync(url + "?handler=Reply", new()
        {
            ["version"] = PageClient.Version(page.Html, "Reply"), ["reply"] = "已新增泊位 4200 个，招标公告见附件。", ["submit"] = "true",
        }, url)).Status.ShouldBe(HttpStatusCode.Redirect);
        (await ToldAsync(host, mark)).ShouldBe(["jiangan.fgj.head"]);
        page = await head.GetAsync(url);
        (await head.PostAsync(url + "?handler=Approve", new() { ["version"] = PageClient.Version(page.Html, "Approve") }, url)).Status.ShouldBe(HttpStatusCode.Redirect);
        mark = await LastAsync(host);

        // 5. The office closes it (办结) → the clerk and the head are told; nothing can be changed any more.
        page = await office.GetAsync(url);
        (await office.PostAsync(url + "?handler=Close", new() { ["version"] = PageClient.Version(page.Html, "Close"), ["confirm"] = "true" }, url)).Status.ShouldBe(HttpStatusCode.Redirect);
        (await StateAsync(host, orderId)).ShouldBe(OrderState.Closed);
        (await ToldAsync(host, mark)).ShouldBe(["jiangan.fgj.clerk", "jiangan.fgj.head"]);
        page = await clerk.GetAsync(url);
        page.Html.ShouldNotContain("handler=Reply");
        page.Html.ShouldNotContain("handler=Attach");
        (await clerk.PostAsync(url + "?handler=Reply", new() { ["version"] = "9", ["reply"] = "再改" }, url)).Html.ShouldContain("现在不能修改回复");

        // The attachment: the office downloads it as uploaded; another unit's clerk cannot.
        int fileId = await host.WithDbAsync((db, _) => db.OrderAttachments.Where(a => a.OrderId == orderId).Select(a => a.Id).SingleAsync());
        using (var dl = await office.Http.GetAsync($"{url}?handler=File&file={fileId}"))
        {
            dl.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await dl.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        }

        (await otherClerk.GetAsync($"{url}?handler=File&file={fileId}")).Status.ShouldBe(HttpStatusCode.NotFound);

        // Audited step by step, and the history shows the steps.
        var audit = await host.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(SupervisionOrder)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        audit.ShouldBe(["issue-order", "attach-order-file", "submit-order-reply", "approve-order-reply", "return-order", "submit-order-reply", "approve-order-reply", "close-order"]);
        var events = await host.WithDbAsync((db, _) => db.OrderEvents.AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        events.ShouldBe([OrderEventActions.Issue, OrderEventActions.Attach, OrderEventActions.Submit, OrderEventActions.Approve, OrderEventActions.Return,
            OrderEventActions.Submit, OrderEventActions.Approve, OrderEventActions.Close]);
        page.Html.ShouldContain("督查室退回（未达要求）");
        (await job.SendPendingAsync()).Failed.ShouldBe(0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OrderReply_PastItsDeadline_EscalatesLikeALateReport(DatabaseProvider provider)
    {
        await using var host = await ReminderHost.StartAsync(Today, provider: provider);
        await host.FileAsync(o => o.Due <= Today, new DateOnly(2026, 1, 15)); // no report is owed: only the order's reply
        var replyBy = Today.AddDays(2);
        var (late, answered) = await host.WithDbAsync(async (_, sp) =>
        {
            var orders = sp.GetRequiredService<OrderService>();
            var office = new Core.Features.Accounts.Actor("jiangan.office", "江岸区政府督查室", Core.Features.Accounts.AppRole.Office, host.Jiangan, null);
            var a = (await orders.IssueAsync(host.Jiangan, new IssueForm { UnitId = host.Fgj, Subject = "停车泊位建设进度滞后", Requirement = "请报告。", ReplyBy = replyBy }, office, default)).Value!;
            var b = (await orders.IssueAsync(host.Jiangan, new IssueForm { UnitId = host.Fgj, Subject = "充电桩建设", Requirement = "请报告。", ReplyBy = replyBy }, office, default)).Value!;
            var clerk = new Core.Features.Accounts.Actor("jiangan.fgj.clerk", "江岸区发改局填报人", Core.Features.Accounts.AppRole.Clerk, host.Jiangan, host.Fgj);
            var head = new Core.Features.Accounts.Actor("jiangan.fgj.head", "江岸区发改局负责人", Core.Features.Accounts.AppRole.UnitHead, host.Jiangan, host.Fgj);
            (await orders.ReplyAsync(b, b.Version, "已完成。", submit: true, clerk, default)).Failure.ShouldBeNull();
            (await orders.ApproveAsync(b, b.Version, head, default)).Failure.ShouldBeNull();
            return (a.Number, b.Number);
        });

        // One day late: the clerks are reminded of the reply owed; the answered order is not mentioned.
        await host.RunAsync(replyBy.AddDays(1));
        var day1 = await OverdueAsync(host, replyBy.AddDays(1));
        day1.Select(x => x.User).ShouldBe(["jiangan.fgj.clerk"]);
        day1[0].Body.ShouldContain($"督办单{late}的回复");
        day1[0].Body.ShouldNotContain(answered);

        // Three days late: the head too, as for a late report.
        await host.RunAsync(replyBy.AddDays(3));
        var day3 = await OverdueAsync(host, replyBy.AddDays(3));
        day3.Select(x => x.User).ShouldBe(["jiangan.fgj.clerk", "jiangan.fgj.head"]);
        day3.ShouldAllBe(x => x.Body.Contains($"督办单{late}的回复"));
        host.JianganMails().ShouldContain(m => m.Recipients.Contains(ReminderHost.FgjHeadMail) && m.TextBody!.Contains(late));
    }

    private static async Task<HttpResponseMessage> UploadAsync(PageClient client, string url, string version, string name, byte[] content)
    {
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(client.Http, "/Inbox");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(version), "version" },
            { new ByteArrayContent(content), "file", name },
        };
        return await client.Http.PostAsync(url + "?handler=Attach", form);
    }

    private static Task<OrderState> StateAsync(ReminderHost host, int id) =>
        host.WithDbAsync((db, _) => db.SupervisionOrders.AsNoTracking().Where(o => o.Id == id).Select(o => o.State).SingleAsync());

    private static Task<long> LastAsync(ReminderHost host) =>
        host.WithDbAsync(async (db, _) => await db.Notifications.AsNoTracking().MaxAsync(n => (long?)n.Id) ?? 0);

    /// <summary>Who got an in-app 督办单 message after <paramref name="after"/>, by user name.</summary>
    private static Task<List<string>> ToldAsync(ReminderHost host, long after) => host.WithDbAsync(async (db, _) =>
        (await (from n in db.Notifications.AsNoTracking()
                join u in db.Users on n.UserId equals u.Id
                where n.Id > after && n.Channel == Channel.InApp && n.Kind == NotificationKinds.Order
                select u.UserName!).ToListAsync()).Order(StringComparer.Ordinal).ToList());

    private static Task<List<(string User, string Body)>> OverdueAsync(ReminderHost host, DateOnly day) => host.WithDbAsync(async (db, _) =>
        (await (from n in db.Notifications.AsNoTracking()
                join u in db.Users on n.UserId equals u.Id
                where n.ForDate == day && n.Channel == Channel.InApp && n.Kind == NotificationKinds.Overdue && n.DistrictId == host.Jiangan
                select new { u.UserName, n.Body }).ToListAsync()).Select(x => (x.UserName!, x.Body)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList());
}
