using Luoshi.Core.Data;
using Luoshi.Core.Features.Notifications;
using Luoshi.Core.Features.Supervision;
using Luoshi.TestSupport;
using Luoshi.Web.Infrastructure.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Cal = Luoshi.Parsing.Calendar;

namespace Luoshi.Web.Tests.Reminders;

/// <summary>
/// The reminder job over Jiang'an's real calendar (Q1 report due Apr 10) with the demo accounts (区发展和改革局: a clerk and a
/// head with e-mail; its leader in charge jiangan.leader; 区商务局: a clerk), a real SMTP sink and a real webhook receiver.
/// Every unit has filed its work plan; 区商务局 has filed its Q1 reports, 区发展和改革局 has not.
/// </summary>
public sealed class ReminderSweepTests
{
    private static readonly DateOnly Q1Due = new(2026, 4, 10);

    private static async Task<ReminderHost> JianganAsync(bool mail = true, DatabaseProvider provider = DatabaseProvider.Sqlite, CapturedLogs? logs = null)
    {
        var host = await ReminderHost.StartAsync(Q1Due.AddDays(-10), mail, provider, logs);
        await host.FileAllWorkPlansAsync();
        await host.FileAsync(o => o.UnitId == host.Swj && o.Period == Cal.ReportPeriod.Q1, new DateOnly(2026, 4, 5));
        return host;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Sweep_ThreeAndOneDaysBeforeTheQ1Deadline_MailsTheClerksWithAnAddressOfUnitsThatHaveNotFiled(DatabaseProvider provider)
    {
        await using var host = await JianganAsync(provider: provider);
        string clerk2 = await host.AddClerkWithoutMailAsync();

        var run = await host.RunAsync(Q1Due.AddDays(-3));
        run.Skipped.ShouldBeFalse();
        host.MailRecipients().ShouldBe([ReminderHost.FgjClerkMail], "only 区发改局 has not filed; its clerk without an address gets no mail");
        var mail = host.JianganMails().Single();
        mail.Subject.ShouldStartWith("【到期提醒】区发展和改革局");
        mail.Subject.ShouldContain("2026年4月10日");
        mail.TextBody!.ShouldContain("第一季度进展情况");
        mail.TextBody!.ShouldContain("还有3天到期");
        mail.Message.From.Mailboxes.Single().Address.ShouldBe("duchashi@example.gov.cn");

        var rows = await host.NotificationsAsync();
        var inApp = rows.Where(n => n.Channel == Channel.InApp && n.Kind != NotificationKinds.Unreachable).Select(n => n.UserId).ToList();
        inApp.ShouldBe([await host.UserIdAsync("jiangan.fgj.clerk"), clerk2], ignoreOrder: true);
        rows.ShouldNotContain(n => n.UserId == (string?)null && n.Channel != Channel.Webhook);
        rows.Where(n => n.Channel == Channel.Email).ShouldAllBe(n => n.SentAt != null && n.Attempts == 1 && n.Error == null);

        (await host.RunAsync(Q1Due.AddDays(-2))).Districts!.Sum(d => d.Written).ShouldBe(0, "two days before is not a reminder day");
        await host.RunAsync(Q1Due.AddDays(-1));
        host.MailRecipients().ShouldBe([ReminderHost.FgjClerkMail, ReminderHost.FgjClerkMail]);
        host.JianganMails()[1].TextBody!.ShouldContain("还有1天到期");
    }

    [Fact]
    public async Task Sweep_UnitsWithNobodyToRemind_TheOfficeIsToldOnceADayWhichUnitsAndWhatTheyOwe()
    {
        await using var host = await JianganAsync();
        string office = await host.UserIdAsync("jiangan.office");
        // The units that owe Q1 and have no clerk account: every unit of the plan but 区发改局 (has a clerk) and 区商务局 (filed).
        var expected = await host.WithDbAsync(async (db, sp) =>
        {
            var s = (await sp.GetRequiredService<YearQueries>().SnapshotAsync(host.Jiangan, default, Q1Due))!;
            var withClerk = await db.Users.Where(u => u.DistrictId == host.Jiangan && u.Role == Core.Features.Accounts.AppRole.Clerk && u.UnitId != null)
                .Select(u => u.UnitId!.Value).ToListAsync();
            return s.Obligations.Where(o => o.Period == Cal.ReportPeriod.Q1 && !withClerk.Contains(o.UnitId) && o.UnitId != host.Swj)
                .Select(o => s.UnitName(o.UnitId)).Distinct().ToList();
        });
        expected.Count.ShouldBeGreaterThan(10, "the demo gives accounts to two units only");

        var run = await host.RunAsync(Q1Due.AddDays(-3));
        run.Districts!.Single(d => d.DistrictId == host.Jiangan).OfficeNotified.ShouldBe(1);
        var notice = (await host.NotificationsAsync()).Single(n => n.Kind == NotificationKinds.Unreachable);
        notice.UserId.ShouldBe(office);
        notice.Channel.ShouldBe(Channel.InApp);
        notice.Subject.ShouldBe($"【无法提醒】江岸区2026年4月7日有{expected.Count}个单位无人可提醒");
        var lines = notice.Body.Split('\n').Where(l => l.StartsWith('·')).ToList();
        lines.Count.ShouldBe(Math.Min(expected.Count, 40));
        lines.ShouldAllBe(l => l.Contains("缺填报人") && l.Contains("第一季度进展情况") && l.Contains("截止2026年4月10日"));
        lines.ShouldNotContain(l => l.StartsWith("· 区发展和改革局") || l.StartsWith("· 区商务局"));

        // Once a day: the same day's second run adds nothing; the office reads it in its inbox.
        (await host.RunAsync(Q1Due.AddDays(-3))).Districts!.Sum(d => d.OfficeNotified).ShouldBe(0);
        (await host.NotificationsAsync()).Count(n => n.Kind == NotificationKinds.Unreachable).ShouldBe(1);
        using var page = await Orders.PageClient.SignInAsync(host.Web, "jiangan.office");
        var inbox = await page.GetAsync("/Inbox");
        inbox.Html.ShouldContain("无法提醒");
        inbox.Html.ShouldContain(notice.Subject);
    }

    [Fact]
    public async Task Sweep_AfterTheDeadline_EscalatesToTheHeadOnDayThreeAndToTheLeaderOnDaySeven()
    {
        await using var host = await JianganAsync();

        await host.RunAsync(Q1Due.AddDays(3));
        host.MailRecipients().ShouldBe([ReminderHost.FgjClerkMail, ReminderHost.FgjHeadMail]);
        host.JianganMails().ShouldAllBe(m => m.Subject.StartsWith("【逾期催办】", StringComparison.Ordinal));
        host.JianganMails().Single(m => m.Recipients[0] == ReminderHost.FgjHeadMail).TextBody!.ShouldContain("您为该单位主要负责人");

        await host.RunAsync(Q1Due.AddDays(7));
        var day7 = host.JianganMails().Skip(2).SelectMany(m => m.Recipients).Order(StringComparer.Ordinal).ToList();
        day7.ShouldBe([ReminderHost.FgjClerkMail, ReminderHost.FgjHeadMail, ReminderHost.LeaderMail]);
        var leaderMail = host.JianganMails().Single(m => m.Recipients[0] == ReminderHost.LeaderMail);
        leaderMail.TextBody!.ShouldContain("您为该单位分管领导");
        leaderMail.TextBody!.ShouldContain("已逾期7天");
        host.JianganMails().ShouldNotContain(m => m.Recipients.Contains("jiangan.leader2@example.gov.cn"), "区商务局 filed: its leader is never reminded");
    }

    [Fact]
    public async Task Sweep_WeeklyCap_WithholdsTheThirdReminderOfTheWeek()
    {
        await using var host = await JianganAsync();
        await host.SetSettingsAsync(s =>
        {
            s.RemindDaysBefore = "3,2,1";
            s.MaxNudgesPerPersonPerWeek = 2;
        });

        await host.RunAsync(Q1Due.AddDays(-3));
        await host.RunAsync(Q1Due.AddDays(-2));
        var third = await host.RunAsync(Q1Due.AddDays(-1));

        host.MailRecipients().ShouldBe([ReminderHost.FgjClerkMail, ReminderHost.FgjClerkMail]);
        var sweep = third.Districts!.Single(d => d.DistrictId == host.Jiangan);
        sweep.Written.ShouldBe(0);
        sweep.Withheld.ShouldContain(w => w.Reason == WithheldReason.WeeklyCap && w.Reminder.To.Email == ReminderHost.FgjClerkMail);
    }

    [Fact]
    public async Task Sweep_RunTwiceTheSameDay_SendsNothingNew()
    {
        await using var host = await JianganAsync();
        await host.RunAsync(Q1Due.AddDays(-3));
        var before = await host.NotificationsAsync();

        var again = await host.RunAsync(Q1Due.AddDays(-3));

        again.Districts!.Sum(d => d.Written).ShouldBe(0);
        again.Districts!.Single(d => d.DistrictId == host.Jiangan).Withheld.ShouldAllBe(w => w.Reason == WithheldReason.AlreadySentToday);
        (await host.NotificationsAsync()).Count.ShouldBe(before.Count);
        host.JianganMails().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Sweep_WithAWebhook_PostsOneWeComSummaryADay()
    {
        await using var host = await JianganAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await host.SetSettingsAsync(s =>
        {
            s.WebhookUrl = receiver.Url("/cgi-bin/webhook/send?key=luoshi-test").ToString();
            s.WebhookFormat = nameof(WebhookFormat.WeCom);
        });

        await host.RunAsync(Q1Due.AddDays(-3));
        await host.RunAsync(Q1Due.AddDays(-3));

        var request = receiver.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/cgi-bin/webhook/send");
        request.Query.ShouldBe("?key=luoshi-test");
        request.Json!["msgtype"]!.GetValue<string>().ShouldBe("text");
        string content = request.Json!["text"]!["content"]!.GetValue<string>();
        content.ShouldStartWith("【催报提醒】江岸区2026年4月7日报送情况");
        content.ShouldContain("区发展和改革局：第一季度进展情况，截止2026年4月10日，还有3天到期");
        content.ShouldNotContain("区商务局：第一季度");
        var row = (await host.NotificationsAsync()).Single(n => n.Channel == Channel.Webhook);
        row.SentAt.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Job_TwoRunsRacing_SendEachMessageExactlyOnce(DatabaseProvider provider)
    {
        await using var host = await JianganAsync(provider: provider);
        var job = host.Web.Services.GetRequiredService<ReminderJob>();
        host.SetToday(Q1Due.AddDays(7));

        var runs = await Task.WhenAll(job.RunOnceAsync(Q1Due.AddDays(7)), job.RunOnceAsync(Q1Due.AddDays(7)));

        host.MailRecipients().ShouldBe([ReminderHost.FgjClerkMail, ReminderHost.FgjHeadMail, ReminderHost.LeaderMail]);
        var rows = await host.NotificationsAsync();
        rows.GroupBy(n => (n.Channel, n.UserId)).ShouldAllBe(g => g.Count() == 1);
        runs.Count(r => !r.Skipped && r.Districts!.Sum(d => d.Written) > 0).ShouldBe(1, "one run stores, the other is held off by the lease or finds it done");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Sweep_TwoSweepsRacingWithoutTheLease_StoreEachReminderOnce(DatabaseProvider provider)
    {
        await using var host = await JianganAsync(provider: provider);
        var day = Q1Due.AddDays(7);
        host.SetToday(day);

        using var a = host.Web.Services.CreateScope();
        using var b = host.Web.Services.CreateScope();
        var results = await Task.WhenAll(
            a.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(host.Jiangan, day),
            b.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(host.Jiangan, day));
        await host.Web.Services.GetRequiredService<ReminderJob>().SendPendingAsync();

        var rows = await host.NotificationsAsync();
        rows.Count(n => n.Channel == Channel.InApp && n.Kind != NotificationKinds.Unreachable).ShouldBe(3);
        rows.Count(n => n.Kind == NotificationKinds.Unreachable).ShouldBe(1, "the office is told once of the units nobody could be reminded at");
        (results[0]!.OfficeNotified + results[1]!.OfficeNotified).ShouldBe(1);
        (results[0]!.Written + results[1]!.Written).ShouldBe(3, "every reminder stored by exactly one of the two");
        host.MailRecipients().ShouldBe([ReminderHost.FgjClerkMail, ReminderHost.FgjHeadMail, ReminderHost.LeaderMail]);
    }

    [Fact]
    public async Task Sender_WithoutAMailServer_KeepsTheInAppMessageAndRecordsTheError()
    {
        await using var host = await JianganAsync(mail: false);

        var run = await host.RunAsync(Q1Due.AddDays(-3));

        run.Dispatch!.Sent.ShouldBe(0);
        var rows = await host.NotificationsAsync();
        var email = rows.Single(n => n.Channel == Channel.Email);
        email.SentAt.ShouldBeNull();
        email.Error.ShouldBe(MailSetup.NotConfigured);
        email.Attempts.ShouldBe(1);
        rows.Single(n => n.Channel == Channel.InApp && n.Kind != NotificationKinds.Unreachable).Subject.ShouldStartWith("【到期提醒】");

        // Retried on later runs, up to three tries in all.
        await host.Web.Services.GetRequiredService<ReminderJob>().SendPendingAsync();
        await host.Web.Services.GetRequiredService<ReminderJob>().SendPendingAsync();
        await host.Web.Services.GetRequiredService<ReminderJob>().SendPendingAsync();
        (await host.NotificationsAsync()).Single(n => n.Channel == Channel.Email).Attempts.ShouldBe(NotificationDispatcher.MaxAttempts);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Job_RunAgainTheSameDayWithoutAMailServer_NoErrorLoggedAndMailCountedAsNotConfigured(DatabaseProvider provider)
    {
        using var logs = new CapturedLogs();
        await using var host = await JianganAsync(mail: false, provider: provider, logs: logs);
        await using var receiver = await WebhookReceiver.StartAsync();
        await host.SetSettingsAsync(s => s.WebhookUrl = receiver.Url("/hook").ToString());
        int startup = logs.Entries.Count; // the app's start (migrations, keys) has warnings of its own

        var first = await host.RunAsync(Q1Due.AddDays(7));
        var again = await host.RunAsync(Q1Due.AddDays(7));

        var rows = await host.NotificationsAsync();
        var mails = rows.Where(n => n.Channel == Channel.Email).ToList();
        mails.ShouldNotBeEmpty();
        mails.ShouldAllBe(n => n.Error == MailSetup.NotConfigured && n.SentAt == null);
        first.Dispatch!.Failed.ShouldBe(0, "no mail server is not a failure of the mail");
        first.Dispatch.NotConfigured.ShouldBeGreaterThanOrEqualTo(mails.Count, "every mail of the sweep (and any other district's) is counted as not configured");
        rows.Single(n => n.Channel == Channel.Webhook).SentAt.ShouldNotBeNull();
        again.Districts!.Sum(d => d.OfficeNotified).ShouldBe(0);

        // The second run met the office's and the webhook's rows of the day already stored (unique keys): expected, not errors.
        var during = logs.Entries.Skip(startup).ToList();
        during.ShouldContain(e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) && e.Level == LogLevel.Information
            && e.Exception is DbUpdateException, "EF told of the collisions");
        during.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Level} {e.Category}: {e.Message}").ShouldBeEmpty();
    }

    [Fact]
    public void Obligations_CoUnitPart_IsOwedToTheLeadUnitAndSaysSo()
    {
        Cal.Deadline[] calendar =
        [
            new(Cal.ReportPeriod.WorkPlan, new DateOnly(2026, 1, 30), "1月30日", 10, false),
            new(Cal.ReportPeriod.Q1, new DateOnly(2026, 4, 8), "4月8日", 21, false),
        ];
        var rules = new Core.Features.Work.YearRules(
            new Core.Features.Plans.PlanCalendar(calendar, "区政府督查室", Cal.ReporterRole.LeadUnits, true, [], []), new DistrictSettings { DistrictId = 1 });
        var snapshot = YearSnapshot.Build(
            new Core.Features.Plans.DistrictInfo(1, "hongshan", "洪山区", "武汉市"),
            new Core.Features.Plans.PlanHeader(1, 2026, "洪政办〔2026〕1号", null, null, null, DateTimeOffset.UnixEpoch),
            new DateOnly(2026, 4, 5), 1, rules,
            [new SnapshotUnit(1, "区发展和改革局", null, null), new SnapshotUnit(2, "区商务局", null, null)],
            [(10, 1, "5", 2, "二、重点工作", null, "招商引资"), (11, 2, "6", 2, "二、重点工作", null, "消费提振")],
            [(10, 2, Core.Features.Plans.UnitRole.Lead), (10, 1, Core.Features.Plans.UnitRole.Co), (11, 1, Core.Features.Plans.UnitRole.Lead)],
            [], [], []);

        var q1 = ReminderSweep.Obligations(snapshot).Where(o => o.UnitId == 1 && o.Due == new DateOnly(2026, 4, 8)).ToList();

        q1.Count.ShouldBe(2, "its own item and, apart, its part of the item 区商务局 leads");
        q1.ShouldContain(o => o.What == "第一季度进展情况（共1项：重点工作第6项）");
        q1.ShouldContain(o => o.What == "第一季度进展情况（共1项：重点工作第5项；为配合部分，请报送牵头单位区商务局）");
    }
}
