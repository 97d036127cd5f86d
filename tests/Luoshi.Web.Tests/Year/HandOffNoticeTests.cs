using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Notifications;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.TestSupport;
using Luoshi.Web.Infrastructure.Reminders;
using Luoshi.Web.Tests.Orders;
using Luoshi.Web.Tests.Reminders;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Cal = Luoshi.Parsing.Calendar;

namespace Luoshi.Web.Tests.Year;

/// <summary>
/// Issue 11.1 on both databases: every hand-off of a Jiang'an filing tells the next person at once, in the app (the inbox
/// shows it), by e-mail (the real SMTP sink receives it) and in the district's messenger group (the real webhook receiver);
/// links are absolute from Luoshi:PublicAddress. 区发展和改革局 (clerk and head with mail) leads an item that the test gives a
/// co-unit, whose clerk and head it creates; co-units report to the lead unit first.
/// </summary>
public sealed class HandOffNoticeTests
{
    private static readonly DateOnly Today = new(2026, 4, 3);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task HandOffs_EachStep_TellsTheNextPersonInTheAppByMailAndInTheGroup(DatabaseProvider provider)
    {
        await using var host = await ReminderHost.StartAsync(Today, provider: provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        await host.SetSettingsAsync(s =>
        {
            s.WebhookUrl = receiver.Url("/hook").ToString();
            s.WebhookFormat = nameof(WebhookFormat.Generic);
            s.CoUnitsReportToLead = true;
            s.MaxNudgesPerPersonPerWeek = 0; // reminders off: hand-offs are not held back by the cap
        });
        // 区发展和改革局's own item, given a co-unit (Jiang'an's notice names lead units only) whose clerk and head the test creates.
        var (itemId, seq, coUnit) = await host.WithDbAsync(async (db, _) =>
        {
            int own = await db.ItemUnits.Where(u => u.UnitId == host.Fgj && u.Role == UnitRole.Lead).OrderBy(u => u.ItemId).Select(u => u.ItemId).FirstAsync();
            int s = await db.PlanItems.Where(i => i.Id == own).Select(i => i.Seq).SingleAsync();
            int co = await db.Units.Where(u => u.DistrictId == host.Jiangan && u.Id != host.Fgj && u.Id != host.Swj
                && !db.ItemUnits.Any(x => x.ItemId == own && x.UnitId == u.Id)).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
            db.ItemUnits.Add(new ItemUnit { ItemId = own, UnitId = co, Role = UnitRole.Co });
            await db.SaveChangesAsync();
            await Core.Features.Districts.DistrictRevision.BumpAsync(db, host.Jiangan);
            return (own, s, co);
        });
        const string coClerkName = "jiangan.co.clerk", coHeadName = "jiangan.co.head";
        await host.WithDbAsync(async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            foreach (var (name, role) in new[] { (coClerkName, AppRole.Clerk), (coHeadName, AppRole.UnitHead) })
            {
                (await users.CreateAsync(new AppUser { UserName = name, DisplayName = name, Role = role, DistrictId = host.Jiangan, UnitId = coUnit, Email = name + "@example.gov.cn" }))
                    .Succeeded.ShouldBeTrue();
            }

            return 0;
        });
        await host.WithDbAsync(async db =>
        {
            var office = await db.Users.SingleAsync(u => u.UserName == "jiangan.office");
            office.Email = "jiangan.office@example.gov.cn";
            await db.SaveChangesAsync();
        });

        var clerk = new Actor("jiangan.fgj.clerk", "江岸区发改局填报人", AppRole.Clerk, host.Jiangan, host.Fgj);
        var head = new Actor("jiangan.fgj.head", "江岸区发改局负责人", AppRole.UnitHead, host.Jiangan, host.Fgj);
        var office = new Actor("jiangan.office", "江岸区政府督查室", AppRole.Office, host.Jiangan, null);
        var coClerk = new Actor(coClerkName, coClerkName, AppRole.Clerk, host.Jiangan, coUnit);
        var coHead = new Actor(coHeadName, coHeadName, AppRole.UnitHead, host.Jiangan, coUnit);
        var job = host.Web.Services.GetRequiredService<ReminderJob>();
        string link = $"https://luoshi.jiangan.example.gov.cn/Work/Filing?item={itemId}&unit={host.Fgj}&period=WorkPlan";

        // 1. The lead unit's clerk submits its work plan → its head.
        int filingId = await OpenAndWriteAsync(host, itemId, host.Fgj, clerk);
        await StepAsync(host, filingId, FilingAction.Submit, null, clerk);
        var told = await SinceAsync(host, 0);
        Recipients(told, Channel.InApp).ShouldBe(["jiangan.fgj.head"]);
        Recipients(told, Channel.Email).ShouldBe(["jiangan.fgj.head"]);
        told.Single(n => n.Channel == Channel.InApp).Kind.ShouldBe(NotificationKinds.Submitted);
        told.Count(n => n.Channel == Channel.Webhook).ShouldBe(1);
        (await job.SendPendingAsync()).Failed.ShouldBe(0);
        var mail = host.JianganMails().ShouldHaveSingleItem();
        mail.Recipients.ShouldBe([ReminderHost.FgjHeadMail]);
        mail.Subject.ShouldBe($"【待审定】区发展和改革局 第{seq}项办理工作方案");
        mail.TextBody!.ShouldContain("江岸区发改局填报人于2026年4月3日提交了区发展和改革局的办理工作方案");
        mail.TextBody!.ShouldContain("请登录系统查看：" + link);
        var hook = receiver.Requests.ShouldHaveSingleItem();
        hook.Json!["title"]!.GetValue<string>().ShouldBe($"【待审定】区发展和改革局 第{seq}项办理工作方案");
        hook.Json!["text"]!.GetValue<string>().ShouldContain(link);
        using (var headPage = await PageClient.SignInAsync(host.Web, "jiangan.fgj.head"))
        {
            var inbox = await headPage.GetAsync("/Inbox");
            inbox.Html.ShouldContain($"【待审定】区发展和改革局 第{seq}项办理工作方案");
            System.Net.WebUtility.HtmlDecode(inbox.Html).ShouldContain(link);
        }

        // 2. The head returns it with a comment → the clerk, with the comment.
        long mark = told.Max(n => n.Id);
        await StepAsync(host, filingId, FilingAction.Return, "请补充第三季度的时间节点。", head);
        told = await SinceAsync(host, mark);
        Recipients(told, Channel.InApp).ShouldBe(["jiangan.fgj.clerk"]);
        told.First(n => n.Channel == Channel.InApp).Body.ShouldContain("退回意见：请补充第三季度的时间节点。");
        await job.SendPendingAsync();
        host.JianganMails().Last().Recipients.ShouldBe([ReminderHost.FgjClerkMail]);
        host.JianganMails().Last().TextBody!.ShouldContain("被单位负责人江岸区发改局负责人退回");
        using (var clerkPage = await PageClient.SignInAsync(host.Web, "jiangan.fgj.clerk"))
        {
            (await clerkPage.GetAsync("/Inbox")).Html.ShouldContain("退回意见：请补充第三季度的时间节点。");
        }

        // 3. Submitted again and approved → the office.
        await StepAsync(host, filingId, FilingAction.Submit, null, clerk);
        mark = (await SinceAsync(host, 0)).Max(n => n.Id);
        await StepAsync(host, filingId, FilingAction.Approve, null, head);
        told = await SinceAsync(host, mark);
        Recipients(told, Channel.InApp).ShouldBe(["jiangan.office"]);
        told.First().Kind.ShouldBe(NotificationKinds.Approved);

        // 4. The office returns it → the clerk and the head; then accepts it after resubmission → the clerk and the head.
        mark = told.Max(n => n.Id);
        await StepAsync(host, filingId, FilingAction.Return, "工作方案缺少责任人。", office);
        told = await SinceAsync(host, mark);
        Recipients(told, Channel.InApp).ShouldBe(["jiangan.fgj.clerk", "jiangan.fgj.head"]);
        told.First().Body.ShouldContain("被督查室江岸区政府督查室退回");
        await StepAsync(host, filingId, FilingAction.Submit, null, clerk);
        await StepAsync(host, filingId, FilingAction.Approve, null, head);
        mark = (await SinceAsync(host, 0)).Max(n => n.Id);
        await StepAsync(host, filingId, FilingAction.Accept, null, office);
        told = await SinceAsync(host, mark);
        Recipients(told, Channel.InApp).ShouldBe(["jiangan.fgj.clerk", "jiangan.fgj.head"]);
        told.First().Kind.ShouldBe(NotificationKinds.Accepted);

        // 5. The co-unit's part: submitted → its head; approved → the lead unit's clerk and head.
        int partId = await OpenAndWriteAsync(host, itemId, coUnit, coClerk);
        mark = (await SinceAsync(host, 0)).Max(n => n.Id);
        await StepAsync(host, partId, FilingAction.Submit, null, coClerk);
        Recipients(await SinceAsync(host, mark), Channel.InApp).ShouldBe([coHeadName]);
        mark = (await SinceAsync(host, 0)).Max(n => n.Id);
        await StepAsync(host, partId, FilingAction.Approve, null, coHead);
        told = await SinceAsync(host, mark);
        Recipients(told, Channel.InApp).ShouldBe(["jiangan.fgj.clerk", "jiangan.fgj.head"]);
        Recipients(told, Channel.Email).ShouldBe(["jiangan.fgj.clerk", "jiangan.fgj.head"]);
        told.First().Kind.ShouldBe(NotificationKinds.HandedOver);
        told.First().Body.ShouldContain("交牵头单位区发展和改革局汇总");
        told.First().Body.ShouldContain($"https://luoshi.jiangan.example.gov.cn/Work/Filing?item={itemId}&unit={coUnit}&period=WorkPlan");

        // Everything stored was sent: every mail to the right address, one group message per hand-off.
        (await job.SendPendingAsync()).Failed.ShouldBe(0);
        var all = await host.NotificationsAsync();
        all.Where(n => n.Channel != Channel.InApp).ShouldAllBe(n => n.SentAt != null);
        host.Smtp!.Messages.Count.ShouldBe(all.Count(n => n.Channel == Channel.Email));
        receiver.Requests.Count.ShouldBe(all.Count(n => n.Channel == Channel.Webhook));
        all.Count(n => n.Channel == Channel.Webhook).ShouldBe(10, "ten hand-offs, each told someone");
    }

    private static async Task<int> OpenAndWriteAsync(ReminderHost host, int itemId, int unitId, Actor clerk) => await host.WithDbAsync(async (_, sp) =>
    {
        var editing = sp.GetRequiredService<FilingEditing>();
        var opened = await editing.OpenAsync(itemId, unitId, Cal.ReportPeriod.WorkPlan, clerk);
        opened.Failure.ShouldBeNull();
        var saved = await editing.SaveAsync(opened.Value!.Id, opened.Value.Version, new FilingEdit(Steps: [new WorkStep(1, "制定实施方案", "3月底前")]), clerk);
        saved.Failure.ShouldBeNull();
        return saved.Value!.Id;
    });

    private static Task StepAsync(ReminderHost host, int filingId, FilingAction action, string? comment, Actor actor) => host.WithDbAsync(async (db, sp) =>
    {
        int version = await db.Filings.Where(f => f.Id == filingId).Select(f => f.Version).SingleAsync();
        var r = await sp.GetRequiredService<FilingHandOffs>().ActAsync(filingId, version, action, comment, actor);
        r.Failure.ShouldBeNull();
        return 0;
    });

    /// <summary>The notifications of Jiang'an stored after id <paramref name="after"/>, each with its recipient's user name.</summary>
    private static async Task<List<Told>> SinceAsync(ReminderHost host, long after) => await host.WithDbAsync(async (db, _) =>
        (await (from n in db.Notifications.AsNoTracking()
                join u in db.Users on n.UserId equals u.Id into us
                from u in us.DefaultIfEmpty()
                where n.DistrictId == host.Jiangan && n.Id > after
                orderby n.Id
                select new { n, Name = u == null ? null : u.UserName }).ToListAsync()).Select(x => new Told(x.n, x.Name)).ToList());

    private static List<string?> Recipients(IEnumerable<Told> rows, Channel channel) =>
        [.. rows.Where(t => t.Row.Channel == channel).Select(t => t.UserName).Order(StringComparer.Ordinal)];

    private sealed record Told(Notification Row, string? UserName)
    {
        public long Id => Row.Id;

        public Channel Channel => Row.Channel;

        public string Kind => Row.Kind;

        public string Body => Row.Body;
    }
}
