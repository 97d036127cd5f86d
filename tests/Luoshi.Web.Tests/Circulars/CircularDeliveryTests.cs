using System.Globalization;
using System.Net;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Circulars;
using Luoshi.Core.Features.Notifications;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Tests.Orders;
using Luoshi.Web.Tests.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Circulars;

/// <summary>
/// Issuing a circular over HTTP (issue 12, point 5): nothing is issued without the confirmation of the summary; once
/// issued it reaches the clerks and heads of every unit it names and the district's office; the office sees which units
/// have read it; a unit opens only circulars delivered to it.
/// </summary>
public sealed class CircularDeliveryTests
{
    private static readonly DateOnly Today = new(2026, 7, 15);

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Issue_WithoutConfirm_NothingIssued_WithConfirm_DeliveredAndReadReceiptsShown(DatabaseProvider provider)
    {
        await using var host = await ReminderHost.StartAsync(Today, mail: false, provider: provider);
        int id = await DraftNamingAsync(host, "区发展和改革局：重点工作第12项。\n\n区商务局：民生实事第3项。");
        string url = "/Circulars/Edit/" + id.ToString(CultureInfo.InvariantCulture);
        using var office = await PageClient.SignInAsync(host.Web, "jiangan.office");
        using var fgjClerk = await PageClient.SignInAsync(host.Web, "jiangan.fgj.clerk");
        using var swjClerk = await PageClient.SignInAsync(host.Web, "jiangan.swj.clerk");

        // The summary before issuing: the number it takes and the two units it names.
        var page = await office.GetAsync(url);
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain("<strong class=\"issue-number\">岸政督通〔2026〕1号</strong>");
        page.Html.ShouldContain("<strong class=\"issue-unit-count\">2</strong>");
        page.Html.ShouldContain("：区发展和改革局、区商务局");
        string version = PageClient.Version(page.Html, "Issue");

        // Without the confirm field: refused, nothing issued, no number taken, nobody told.
        var refused = await office.PostAsync(url + "?handler=Issue", new() { ["version"] = version }, url);
        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Html.ShouldContain("确认印发");
        refused.Html.ShouldContain("通报未印发");
        (await StateAsync(host, id)).ShouldBe(CircularState.Draft);
        (await host.WithDbAsync((db, _) => db.IssuedNumbers.AsNoTracking().CountAsync(n => n.DistrictId == host.Jiangan))).ShouldBe(0);
        (await host.NotificationsAsync()).Where(n => n.Kind == NotificationKinds.Circular).ShouldBeEmpty();

        // Confirmed: issued and delivered.
        var issued = await office.PostAsync(url + "?handler=Issue", new() { ["version"] = version, ["confirm"] = "true" }, url);
        issued.Status.ShouldBe(HttpStatusCode.Redirect, issued.Html);
        (await StateAsync(host, id)).ShouldBe(CircularState.Issued);
        var sent = (await host.NotificationsAsync()).Where(n => n.Kind == NotificationKinds.Circular && n.Channel == Channel.InApp).ToList();
        string fgjClerkId = await host.UserIdAsync("jiangan.fgj.clerk"), swjClerkId = await host.UserIdAsync("jiangan.swj.clerk");
        string fgjHeadId = await host.UserIdAsync("jiangan.fgj.head"), officeId = await host.UserIdAsync("jiangan.office");
        sent.Select(n => n.UserId).ShouldContain(fgjClerkId);
        sent.Select(n => n.UserId).ShouldContain(fgjHeadId);
        sent.Select(n => n.UserId).ShouldContain(swjClerkId);
        sent.Single(n => n.UserId == officeId).UnitId.ShouldBeNull("the office's own inbox copy");
        sent.Where(n => n.UserId != officeId).ShouldAllBe(n => n.UnitId == host.Fgj || n.UnitId == host.Swj);
        sent.ShouldAllBe(n => n.Body.Contains(url, StringComparison.Ordinal) && n.Subject.StartsWith("【通报】岸政督通〔2026〕1号", StringComparison.Ordinal));

        // Each named unit's clerk has an inbox message linking to the circular.
        foreach (var clerk in new[] { fgjClerk, swjClerk })
        {
            var inbox = await clerk.GetAsync("/Inbox");
            inbox.Html.ShouldContain($"<a class=\"subject\" href=\"{url}\">");
            inbox.Html.ShouldContain(">通报<", customMessage: "the kind's label");
        }

        // Before anyone opens it: both 未读.
        var before = await office.GetAsync(url);
        Receipt(before.Html, host.Fgj).ShouldBe("未读");
        Receipt(before.Html, host.Swj).ShouldBe("未读");

        // One clerk opens it: the office's page shows that unit 已读, the other still 未读.
        (await fgjClerk.GetAsync(url)).Status.ShouldBe(HttpStatusCode.OK);
        var after = await office.GetAsync(url);
        Receipt(after.Html, host.Fgj).ShouldBe("已读");
        Receipt(after.Html, host.Swj).ShouldBe("未读");
        (await host.NotificationsAsync()).Single(n => n.UserId == fgjClerkId && n.Kind == NotificationKinds.Circular && n.Channel == Channel.InApp).ReadAt.ShouldNotBeNull();
        (await host.NotificationsAsync()).Single(n => n.UserId == fgjHeadId && n.Kind == NotificationKinds.Circular && n.Channel == Channel.InApp).ReadAt.ShouldBeNull();
    }

    [Fact]
    public async Task Unit_SeesOnlyCircularsDeliveredToIt()
    {
        await using var host = await ReminderHost.StartAsync(Today, mail: false);
        int onlyFgj = await DraftNamingAsync(host, "区发展和改革局：重点工作第12项。");
        string url = "/Circulars/Edit/" + onlyFgj.ToString(CultureInfo.InvariantCulture);
        using var fgjClerk = await PageClient.SignInAsync(host.Web, "jiangan.fgj.clerk");
        using var swjClerk = await PageClient.SignInAsync(host.Web, "jiangan.swj.clerk");

        // A draft: no unit sees it.
        (await fgjClerk.GetAsync(url)).Status.ShouldBe(HttpStatusCode.NotFound);

        var office = OfficeActor(host.Jiangan);
        var c = await host.WithDbAsync((db, _) => db.Circulars.AsNoTracking().SingleAsync(x => x.Id == onlyFgj));
        var done = await host.WithDbAsync(async (_, sp) => await sp.GetRequiredService<CircularService>().IssueAsync(c.Id, c.Version, office, confirmed: true));
        done.Failure.ShouldBeNull();

        (await fgjClerk.GetAsync(url)).Status.ShouldBe(HttpStatusCode.OK);
        (await fgjClerk.GetAsync(url + "?handler=Docx")).Status.ShouldBe(HttpStatusCode.OK);
        (await swjClerk.GetAsync(url)).Status.ShouldBe(HttpStatusCode.NotFound, "not named, not delivered");
        (await swjClerk.GetAsync(url + "?handler=Docx")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await host.NotificationsAsync()).Where(n => n.Kind == NotificationKinds.Circular).ShouldAllBe(n => n.UnitId == null || n.UnitId == host.Fgj);
    }

    private static Actor OfficeActor(int district) => new("jiangan.office", "督查室", AppRole.Office, district, null);

    private static Task<CircularState> StateAsync(ReminderHost host, int id) =>
        host.WithDbAsync((db, _) => db.Circulars.AsNoTracking().Where(c => c.Id == id).Select(c => c.State).SingleAsync());

    // A Q2 draft whose text names exactly the units written in body.
    private static Task<int> DraftNamingAsync(ReminderHost host, string body) => host.WithDbAsync(async (_, sp) =>
    {
        var service = sp.GetRequiredService<CircularService>();
        var office = OfficeActor(host.Jiangan);
        var draft = await service.CreateDraftAsync(host.Jiangan, ReportPeriod.Q2, office);
        draft.Failure.ShouldBeNull();
        var saved = await service.SaveAsync(draft.Value!.Id, draft.Value.Version, "关于2026年第二季度目标任务推进情况的通报", null, "各有关单位：", body, office);
        saved.Failure.ShouldBeNull();
        return saved.Value!.Id;
    });

    private static string Receipt(string html, int unitId)
    {
        var m = System.Text.RegularExpressions.Regex.Match(html,
            "<tr data-unit=\"" + unitId.ToString(CultureInfo.InvariantCulture) + "\">.*?<td class=\"receipt-state\">([^<]*)</td>",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        return m.Success ? m.Groups[1].Value : throw new InvalidOperationException("no receipt row for unit " + unitId.ToString(CultureInfo.InvariantCulture));
    }
}
