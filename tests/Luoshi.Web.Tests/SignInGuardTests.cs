using System.Diagnostics;
using System.Net;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;

namespace Luoshi.Web.Tests;

/// <summary>Issue 14.3: no enumeration by message or time, locks per name and client address, throttling per client.</summary>
public class SignInGuardTests
{
    public static TheoryData<DatabaseProvider> Providers => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);

    private const string Clerk = "jiangan.swj.clerk";

    private static async Task<(HttpStatusCode Status, string Html)> TryAsync(LuoshiWebFactory factory, string address, string user, string password)
    {
        using var client = TestClientAddress.From(factory, address);
        var r = await LuoshiWebFactory.SignInAsync(client, user, password);
        return (r.StatusCode, WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync()));
    }

    private static string ErrorOf(string html)
    {
        var m = System.Text.RegularExpressions.Regex.Match(html, "<p class=\"error\" role=\"alert\">([^<]*)</p>");
        return m.Success ? m.Groups[1].Value : "(no error)";
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UnknownAndKnownName_SameMessage_AndWithinTwiceTheTime(DatabaseProvider provider)
    {
        using var factory = new LuoshiWebFactory(provider);
        var known = new List<double>();
        var unknown = new List<double>();
        var messages = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 9; i++)
        {
            // One address per try, so that no try is locked; alternate the order so that warming up favours neither.
            foreach (var (user, times) in i % 2 == 0 ? new[] { (Clerk, known), ("no.such.person", unknown) } : [("no.such.person", unknown), (Clerk, known)])
            {
                using var client = TestClientAddress.From(factory, $"10.1.{i}.{times.Count + (user == Clerk ? 0 : 100)}");
                string token = await LuoshiWebFactory.AntiforgeryTokenAsync(client, "/Account/Login");
                var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = user, ["password"] = "wrong-password", ["__RequestVerificationToken"] = token });
                var watch = Stopwatch.StartNew();
                var r = await client.PostAsync("/Account/Login", content);
                string html = await r.Content.ReadAsStringAsync();
                watch.Stop();
                messages.Add(ErrorOf(WebUtility.HtmlDecode(html)));
                if (i > 0)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        messages.ShouldBe([Features.Account.LoginModel.WrongMessage]);
        double k = Median(known), u = Median(unknown);
        (Math.Max(k, u) / Math.Min(k, u)).ShouldBeLessThan(2.0, $"known {k:F1} ms, unknown {u:F1} ms");
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s[s.Count / 2];
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FiveFailuresFromOneAddress_LockThatAddressOnly_AndUnknownNamesLockAlike(DatabaseProvider provider)
    {
        using var factory = new LuoshiWebFactory(provider);
        var messages = new List<string>();
        foreach (string user in new[] { Clerk, "no.such.person" })
        {
            for (int i = 0; i < SignInGuard.Threshold; i++)
            {
                messages.Add(ErrorOf((await TryAsync(factory, "203.0.113.7", user, "wrong-" + i)).Html));
            }
        }

        // The fifth failure locks, for a known and an unknown name alike (the same words).
        messages.Take(4).Concat(messages.Skip(5).Take(4)).Distinct().ShouldBe([Features.Account.LoginModel.WrongMessage]);
        messages[4].ShouldContain("已锁定 1 分钟");
        messages[9].ShouldBe(messages[4]);

        // From that address even the right password is refused while locked …
        ErrorOf((await TryAsync(factory, "203.0.113.7", Clerk, Infrastructure.DemoData.DemoPassword)).Html).ShouldContain("已锁定");

        // … while the owner at another address signs in.
        (await TryAsync(factory, "198.51.100.20", Clerk, Infrastructure.DemoData.DemoPassword)).Status.ShouldBe(HttpStatusCode.Redirect);
        factory.WithDb(db => db.SignInFailures.Count(f => f.Client == "203.0.113.7")).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Administrator_TwentyFailuresFromAnAttacker_StillSignsInFromElsewhere_AndTheLocksGrow(DatabaseProvider provider)
    {
        using var factory = new LuoshiWebFactory(provider);
        for (int i = 0; i < 20; i++)
        {
            await TryAsync(factory, "203.0.113.9", "admin", "guess-" + i);
        }

        ErrorOf((await TryAsync(factory, "203.0.113.9", "admin", Infrastructure.DemoData.DemoPassword)).Html).ShouldContain("已锁定");
        (await TryAsync(factory, "192.0.2.44", "admin", Infrastructure.DemoData.DemoPassword)).Status.ShouldBe(HttpStatusCode.Redirect);

        // Locked tries are not counted; the lock grows with each failure after the threshold (1, 2, 4 … minutes, at most 60).
        factory.WithDb(db => db.SignInFailures.Single(f => f.Client == "203.0.113.9").Failures).ShouldBe(SignInGuard.Threshold);
        var now = DateTimeOffset.UnixEpoch;
        SignInGuard.Lock(4, now).ShouldBeNull();
        SignInGuard.Lock(5, now).ShouldBe(now.AddMinutes(1));
        SignInGuard.Lock(7, now).ShouldBe(now.AddMinutes(4));
        SignInGuard.Lock(50, now).ShouldBe(now.AddMinutes(60));
    }

    [Fact]
    public async Task SignInPosts_OverTheLimitFromOneAddress_Get429WithAChinesePage_OtherAddressesDoNot()
    {
        using var factory = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        factory.Settings["Luoshi:SignIn:PerClientPerMinute"] = "3";
        using var client = TestClientAddress.From(factory, "203.0.113.50");
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        for (int i = 0; i < 3; i++)
        {
            (await LuoshiWebFactory.SignInAsync(client, "nobody" + i, "x")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var refused = await LuoshiWebFactory.SignInAsync(client, Clerk, Infrastructure.DemoData.DemoPassword);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("操作过于频繁");
        (await client.GetAsync("/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.OK); // the page itself is not throttled

        (await TryAsync(factory, "203.0.113.51", Clerk, Infrastructure.DemoData.DemoPassword)).Status.ShouldBe(HttpStatusCode.Redirect);
    }
}
