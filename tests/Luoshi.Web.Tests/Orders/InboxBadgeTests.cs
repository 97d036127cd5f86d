using System.Globalization;
using System.Net;
using Luoshi.Web.Tests.Reminders;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Orders;

/// <summary>
/// The unread badge on every page's 站内消息 link is kept per person for a few seconds (Features/Inbox/InboxBadge.cs):
/// a message stored or read on the same instance shows at once, one stored by another instance within 15 seconds.
/// </summary>
public sealed class InboxBadgeTests
{
    private static readonly DateOnly Today = new(2026, 5, 4);

    private static Dictionary<string, string> Order(int unitId, string subject) => new(StringComparer.Ordinal)
    {
        ["unitId"] = unitId.ToString(CultureInfo.InvariantCulture),
        ["itemId"] = "",
        ["subject"] = subject,
        ["requirement"] = "请书面报告进度。",
        ["replyBy"] = "2026-12-31",
    };

    private static int? Badge(string html)
    {
        var m = System.Text.RegularExpressions.Regex.Match(html, "class=\"badge unread-badge\">(\\d+)<");
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [Fact]
    public async Task Badge_SameInstanceAtOnce_OtherInstanceWithinFifteenSeconds_ReadClearsIt()
    {
        await using var host = await ReminderHost.StartAsync(Today, mail: false);
        // A second web instance on the same database and the same (test) clock, with a badge of its own.
        await using var secondInstance = host.App.SecondInstance();
        await using var other = secondInstance.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(host.Clock)));
        using var clerk = await PageClient.SignInAsync(host.Web, "jiangan.fgj.clerk");
        using var office = await PageClient.SignInAsync(host.Web, "jiangan.office");
        using var officeElsewhere = await PageClient.SignInAsync(other, "jiangan.office");

        Badge((await clerk.GetAsync("/Work")).Html).ShouldBeNull("nothing unread yet (and the count of 0 is now kept)");

        // Stored on this instance: the next page shows it, with no time passing on the host's clock.
        var first = await office.PostAsync("/Orders?district=jiangan&handler=Issue", Order(host.Fgj, "第一份督办单"), "/Orders?district=jiangan");
        first.Status.ShouldBe(HttpStatusCode.Redirect, first.Html);
        Badge((await clerk.GetAsync("/Work")).Html).ShouldBe(1);

        // Stored by another instance: this one keeps its count until 15 seconds have passed, then reads it again.
        var second = await officeElsewhere.PostAsync("/Orders?district=jiangan&handler=Issue", Order(host.Fgj, "第二份督办单"), "/Orders?district=jiangan");
        second.Status.ShouldBe(HttpStatusCode.Redirect, second.Html);
        Badge((await clerk.GetAsync("/Work")).Html).ShouldBe(1);
        host.Clock.Advance(TimeSpan.FromSeconds(14));
        Badge((await clerk.GetAsync("/Work")).Html).ShouldBe(1);
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Badge((await clerk.GetAsync("/Work")).Html).ShouldBe(2);

        // Read on this instance: gone at once.
        var read = await clerk.PostAsync("/Inbox?handler=ReadAll", []);
        read.Status.ShouldBe(HttpStatusCode.Redirect, read.Html);
        Badge((await clerk.GetAsync("/Work")).Html).ShouldBeNull();

        // Each person's own count: the unit's head was told of both orders and has read nothing.
        using var head = await PageClient.SignInAsync(host.Web, "jiangan.fgj.head");
        Badge((await head.GetAsync("/Work")).Html).ShouldBe(2);
    }
}
