using Luoshi.Core.Data;
using System.Net;
using System.Text.RegularExpressions;
using Luoshi.Core.Features.Notifications;
using Luoshi.Core.Features.Supervision;
using Luoshi.Web.Infrastructure.Reminders;
using Luoshi.Web.Tests.Orders;
using Luoshi.Web.Tests.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Supervision;

/// <summary>
/// Issue 11.4 on both databases: the office's supervision list worst first and filtered; from a late row, 催报 now (the unit's
/// clerk and head told at once, by the real SMTP sink too, whatever the weekly cap; logged, audited, in the row's history and on
/// the item's page; once a day), a 督办单 prefilled, a note of a phone call; nobody but the district's office may do any of it.
/// </summary>
public sealed partial class SupervisionActionTests
{
    private static readonly DateOnly Today = new(2026, 4, 20); // Jiang'an's Q1 reports were due on Apr 10

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Supervision_FromALateRow_RemindsNotesAndProposesAnOrder(DatabaseProvider provider)
    {
        await using var host = await ReminderHost.StartAsync(Today, provider: provider);
        await host.FileAllWorkPlansAsync();
        await host.FileAsync(o => o.Period == Parsing.Calendar.ReportPeriod.Q1 && o.UnitId != host.Fgj && o.ItemId % 2 == 0, new DateOnly(2026, 4, 8)); // some rows on time
        await host.SetSettingsAsync(s => s.MaxNudgesPerPersonPerWeek = 0); // the sweep sends nothing; a 催报 is not held back by the cap
        var (itemId, seq, number) = await host.WithDbAsync(async (_, sp) =>
        {
            var s = (await sp.GetRequiredService<YearQueries>().SnapshotAsync(host.Jiangan))!;
            var o = s.Obligations.First(x => x.UnitId == host.Fgj && x.Status == ObligationStatus.Missing && x.Period == Parsing.Calendar.ReportPeriod.Q1
                && s.Item(x.ItemId).LeadUnitIds.Contains(host.Fgj));
            return (o.ItemId, s.Item(o.ItemId).Seq, s.Item(o.ItemId).Number);
        });
        using var office = await PageClient.SignInAsync(host.Web, "jiangan.office");

        // Worst first by default: no row after one in a better state; the plan's order on request.
        var list = await office.GetAsync("/Supervision?district=jiangan&period=Q1");
        list.Status.ShouldBe(HttpStatusCode.OK);
        var ranks = RowStatus().Matches(list.Html).Select(m => Rank(m.Groups[1].Value)).ToList();
        ranks.Count.ShouldBeGreaterThan(1);
        ranks.ShouldBe([.. ranks.Order()]);
        var plan = await office.GetAsync("/Supervision?district=jiangan&period=Q1&sort=plan");
        RowStatus().Matches(plan.Html).Select(m => Rank(m.Groups[1].Value)).ShouldNotBe(ranks, "the plan's order mixes the states");
        list.Html.ShouldMatch("<form method=\"post\" id=\"sv-act\"[^>]*><input name=\"__RequestVerificationToken\""); // outside the cached body, the caller's own token
        list.Html.ShouldContain($"/Supervision/Row?handler=Remind&district=jiangan&unit={host.Fgj}&item={itemId}&period=Q1&back=list");
        (await office.GetAsync("/Supervision?district=jiangan&period=Q1&kind=Subdistrict")).Html.ShouldNotContain($"data-unit=\"{host.Fgj}\" data-status"); // 区发改局 is a department
        (await office.GetAsync("/Supervision?district=jiangan&period=Q1&kind=Department")).Html.ShouldContain($"data-unit=\"{host.Fgj}\" data-status");

        // 催报 from the row: the clerk and the head, in the app and by mail, at once.
        string remind = $"/Supervision/Row?handler=Remind&district=jiangan&unit={host.Fgj}&item={itemId}&period=Q1&back=list";
        var sent = await office.PostAsync(remind, [], "/Supervision?district=jiangan");
        sent.Status.ShouldBe(HttpStatusCode.Redirect, sent.Html);
        sent.Location.ShouldBe("/Supervision?district=jiangan&period=Q1");
        var urged = (await host.NotificationsAsync()).Where(n => n.Kind == NotificationKinds.Urge).ToList();
        urged.Where(n => n.Channel == Channel.InApp).Select(n => n.UserId)
            .ShouldBe([await host.UserIdAsync("jiangan.fgj.clerk"), await host.UserIdAsync("jiangan.fgj.head")], ignoreOrder: true);
        urged.Count(n => n.Channel == Channel.Email).ShouldBe(2);
        urged[0].Subject.ShouldStartWith("【催报】区发展和改革局有");
        urged[0].Body.ShouldContain("已逾期10天");
        (await host.Web.Services.GetRequiredService<ReminderJob>().SendPendingAsync()).Failed.ShouldBe(0);
        host.MailRecipients().ShouldBe([ReminderHost.FgjClerkMail, ReminderHost.FgjHeadMail]);
        host.JianganMails()[0].TextBody!.ShouldContain("https://luoshi.jiangan.example.gov.cn/Work");
        (await office.GetAsync("/Supervision?district=jiangan&period=Q1")).Html.ShouldContain("已向区发展和改革局催报");
        using (var clerk = await PageClient.SignInAsync(host.Web, "jiangan.fgj.clerk"))
        {
            (await clerk.GetAsync("/Inbox")).Html.ShouldContain("【催报】区发展和改革局");
            // Units may not act, nor see the row (404, POSTs included).
            (await clerk.GetAsync($"/Supervision/Row?district=jiangan&unit={host.Fgj}&item={itemId}")).Status.ShouldBe(HttpStatusCode.NotFound);
            (await clerk.PostAsync(remind, [])).Status.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var leader = await PageClient.SignInAsync(host.Web, "jiangan.leader"))
        {
            (await leader.GetAsync($"/Supervision/Row?district=jiangan&unit={host.Fgj}&item={itemId}")).Status.ShouldBe(HttpStatusCode.NotFound);
            (await leader.GetAsync("/Supervision?district=jiangan&period=Q1")).Html.ShouldNotContain("handler=Remind");
        }

        using (var hongshan = await PageClient.SignInAsync(host.Web, "hongshan.office"))
        {
            (await hongshan.PostAsync(remind, [])).Status.ShouldBe(HttpStatusCode.NotFound);
        }

        // Once a day: a second click sends nothing.
        var again = await office.PostAsync(remind, [], "/Supervision?district=jiangan");
        again.Status.ShouldBe(HttpStatusCode.Redirect);
        (await host.NotificationsAsync()).Count(n => n.Kind == NotificationKinds.Urge).ShouldBe(4);
        (await office.GetAsync("/Supervision?district=jiangan&period=Q1")).Html.ShouldContain("今天已向区发展和改革局催报过");
        var fromItem = await office.PostAsync($"/Supervision/Row?handler=Remind&district=jiangan&unit={host.Fgj}&item={itemId}&back=item", [], "/Supervision?district=jiangan");
        fromItem.Location.ShouldBe($"/Plans/jiangan/Items/{seq}#supervision");
        (await office.GetAsync($"/Plans/jiangan/Items/{seq}")).Html.ShouldContain("今天已向区发展和改革局催报过");

        // A phone call noted on the row; both in its history and on the item's page, and audited.
        string row = $"/Supervision/Row?district=jiangan&unit={host.Fgj}&item={itemId}&period=Q1";
        (await office.PostAsync(row.Replace("?", "?handler=Contact&", StringComparison.Ordinal), new() { ["kind"] = "Phone", ["on"] = "2026-04-21", ["person"] = "张科长", ["text"] = "x" }, row))
            .Html.ShouldContain("请填写联系日期（不晚于今天）");
        var noted = await office.PostAsync(row.Replace("?", "?handler=Contact&", StringComparison.Ordinal),
            new() { ["kind"] = "Phone", ["on"] = "2026-04-20", ["person"] = "张科长（办公室主任）", ["text"] = "电话催报，答应4月24日前报送。" }, row);
        noted.Status.ShouldBe(HttpStatusCode.Redirect, noted.Html);
        var history = await office.GetAsync(row);
        history.Html.ShouldContain("电话督办");
        history.Html.ShouldContain("张科长（办公室主任）");
        history.Html.ShouldContain("电话催报，答应4月24日前报送。");
        history.Html.ShouldContain("催报");
        var item = await office.GetAsync($"/Plans/jiangan/Items/{seq}");
        item.Html.ShouldContain("电话催报，答应4月24日前报送。");
        item.Html.ShouldContain($"/Supervision/Row?handler=Remind&district=jiangan&unit={host.Fgj}&item={itemId}&back=item");
        (await office.GetAsync("/Supervision?district=jiangan&period=Q1")).Html.ShouldContain("记录（2）");
        var audit = await host.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(SupervisionContact)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        audit.ShouldBe(["remind-now", "record-contact"]);

        // A 督办单 from the row: prefilled with the unit, the item, what is late and a deadline five days ahead.
        var form = await office.GetAsync($"/Orders?district=jiangan&unit={host.Fgj}&item={itemId}&period=Q1");
        form.Html.ShouldContain("已按督办列表中的逾期事项预填");
        form.Html.ShouldContain($"<option value=\"{host.Fgj}\" selected=\"selected\">");
        form.Html.ShouldContain($"<option value=\"{itemId}\" selected=\"selected\">");
        form.Html.ShouldContain($"第{number}项第一季度进展情况逾期未报送");
        form.Html.ShouldContain("value=\"2026-04-25\"");
        form.Html.ShouldContain("截止2026年4月10日，已逾期10天");
    }

    private static int Rank(string status) => status switch
    {
        "Missing" => 0,
        "Late" => 1,
        "Pending" => 2,
        _ => 3,
    };

    [GeneratedRegex("<tr data-item=\"\\d+\" data-period=\"\\w+\" data-status=\"(\\w+)\"")]
    private static partial Regex RowStatus();
}
