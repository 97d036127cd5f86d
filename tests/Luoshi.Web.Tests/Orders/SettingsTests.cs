using System.Net;
using Luoshi.Web.Tests.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests.Orders;

/// <summary>The district settings page: saved with a version and an audit entry, refused when stale or invalid; office only.</summary>
public sealed class SettingsTests
{
    private static Dictionary<string, string> Form(string version, string amber = "10", string red = "30", string webhook = "") => new(StringComparer.Ordinal)
    {
        ["version"] = version,
        ["amberPoints"] = amber,
        ["redPoints"] = red,
        ["coUnits"] = "yes",
        ["formStyle"] = "Jiangan",
        ["remindDaysBefore"] = "5,1",
        ["repeatEveryDaysAfter"] = "3",
        ["escalateToHeadAfterDays"] = "4",
        ["escalateToLeaderAfterDays"] = "10",
        ["maxNudgesPerPersonPerWeek"] = "2",
        ["webhookUrl"] = webhook,
        ["webhookFormat"] = "DingTalk",
        ["circularIssuer"] = "江岸区人民政府办公室",
        ["circularPrefix"] = "岸政办督",
    };

    [Fact]
    public async Task Settings_SaveThenStaleSave_FirstIsKeptAndTheSecondRefusedWithAClearMessage()
    {
        await using var host = await ReminderHost.StartAsync(new DateOnly(2026, 3, 1));
        using var office = await PageClient.SignInAsync(host.Web, "jiangan.office");
        long revision = await host.WithDbAsync((db, _) => db.Districts.Where(d => d.Id == host.Jiangan).Select(d => d.Revision).SingleAsync());
        var page = await office.GetAsync("/Settings?district=jiangan");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain("尚未保存过设置");
        string version = PageClient.Version(page.Html, "Save");
        version.ShouldBe("0");

        var saved = await office.PostAsync("/Settings?district=jiangan&handler=Save", Form(version, webhook: "https://oapi.dingtalk.com/robot/send?access_token=x"));
        saved.Status.ShouldBe(HttpStatusCode.Redirect, saved.Html);
        var row = await host.WithDbAsync((db, _) => db.DistrictSettings.AsNoTracking().SingleAsync(s => s.DistrictId == host.Jiangan));
        row.Version.ShouldBe(1);
        row.CoUnitsReportToLead.ShouldBe(true);
        row.RemindDaysBefore.ShouldBe("5,1");
        row.MaxNudgesPerPersonPerWeek.ShouldBe(2);
        row.WebhookFormat.ShouldBe("DingTalk");
        (await host.WithDbAsync((db, _) => db.Districts.Where(d => d.Id == host.Jiangan).Select(d => d.Revision).SingleAsync())).ShouldBeGreaterThan(revision);
        (await host.WithDbAsync((db, _) => db.AuditEntries.CountAsync(a => a.Action == "edit-district-settings" && a.DistrictId == host.Jiangan))).ShouldBe(1);

        // Someone still holding version 0 saves: refused, nothing changed.
        var stale = await office.PostAsync("/Settings?district=jiangan&handler=Save", Form("0", amber: "20", red: "40"));
        stale.Status.ShouldBe(HttpStatusCode.OK);
        stale.Html.ShouldContain("设置已被他人修改（当前为第 1 版），您的修改没有保存。");
        (await host.WithDbAsync((db, _) => db.DistrictSettings.AsNoTracking().SingleAsync(s => s.DistrictId == host.Jiangan))).AmberPoints.ShouldBe(10);
    }

    [Theory]
    [InlineData("30", "10", "", "黄色预警的百分点（30）必须小于红色预警的百分点（10）")]
    [InlineData("20", "20", "", "黄色预警的百分点（20）必须小于红色预警的百分点（20）")]
    [InlineData("10", "30", "ftp://robot.example/send", "消息推送地址应为以 http:// 或 https:// 开头的完整网址")]
    [InlineData("abc", "30", "", "“黄色预警（落后百分点）”应为 1 到 100 之间的整数")]
    public async Task Settings_InvalidValues_AreRefusedAndNothingIsSaved(string amber, string red, string webhook, string message)
    {
        await using var host = await ReminderHost.StartAsync(new DateOnly(2026, 3, 1));
        using var office = await PageClient.SignInAsync(host.Web, "jiangan.office");

        var r = await office.PostAsync("/Settings?district=jiangan&handler=Save", Form("0", amber, red, webhook));

        r.Status.ShouldBe(HttpStatusCode.OK);
        r.Html.ShouldContain(message);
        (await host.WithDbAsync((db, _) => db.DistrictSettings.AnyAsync(s => s.DistrictId == host.Jiangan))).ShouldBeFalse();
    }

    [Fact]
    public async Task Settings_OthersThanTheDistrictsOffice_Get404()
    {
        await using var host = await ReminderHost.StartAsync(new DateOnly(2026, 3, 1));
        foreach (var user in new[] { "jiangan.fgj.clerk", "jiangan.fgj.head", "jiangan.leader", "hongshan.office", "city", "admin", "security", "auditor" })
        {
            using var c = await PageClient.SignInAsync(host.Web, user);
            (await c.GetAsync("/Settings?district=jiangan")).Status.ShouldBe(HttpStatusCode.NotFound, user);
            (await c.PostAsync("/Settings?district=jiangan&handler=Save", Form("0"))).Status.ShouldBe(HttpStatusCode.NotFound, user);
        }

        using var office = await PageClient.SignInAsync(host.Web, "jiangan.office");
        (await office.GetAsync("/Settings?district=jiangan")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Settings_Defaults_FollowTheDistrictsOwnForms_AndLeadersAreSetPerUnit()
    {
        await using var host = await ReminderHost.StartAsync(new DateOnly(2026, 3, 1));
        using var hongshan = await PageClient.SignInAsync(host.Web, "hongshan.office");
        (await hongshan.GetAsync("/Settings")).Html.ShouldContain("<option value=\"Hongshan\" selected=\"selected\">");
        using var office = await PageClient.SignInAsync(host.Web, "jiangan.office");
        var page = await office.GetAsync("/Settings");
        page.Html.ShouldContain("<option value=\"Jiangan\" selected=\"selected\">");
        page.Html.ShouldContain("jiangan.fgj.clerk@example.gov.cn");
        page.Html.ShouldContain("个单位没有填报人账号");

        string leader2 = await host.UserIdAsync("jiangan.leader2");
        var set = await office.PostAsync("/Settings?district=jiangan&handler=Leaders", new() { [$"leader[{host.Fgj}]"] = leader2 });
        set.Status.ShouldBe(HttpStatusCode.Redirect, set.Html);
        (await host.WithDbAsync((db, _) => db.Units.Where(u => u.Id == host.Fgj).Select(u => u.LeaderUserId).SingleAsync())).ShouldBe(leader2);

        string clerk = await host.UserIdAsync("jiangan.fgj.clerk");
        var refused = await office.PostAsync("/Settings?district=jiangan&handler=Leaders", new() { [$"leader[{host.Fgj}]"] = clerk });
        refused.Html.ShouldContain("所选分管领导不是本区的区领导账号");
        (await host.WithDbAsync((db, _) => db.Units.Where(u => u.Id == host.Fgj).Select(u => u.LeaderUserId).SingleAsync())).ShouldBe(leader2);
    }
}
