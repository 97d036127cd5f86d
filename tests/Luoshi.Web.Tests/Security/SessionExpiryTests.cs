using System.Net;
using Luoshi.Core.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Security;

/// <summary>
/// The sign-in cookie lasts 8 hours and slides: a session left idle longer ends, one in use goes on. Time is the app's
/// <see cref="TimeProvider"/>, replaced by a clock the test moves (the cookie handler and the security-stamp check read it).
/// </summary>
public sealed class SessionExpiryTests
{
    [Fact]
    public async Task Session_IdleLongerThanEightHours_IsSentToSignIn()
    {
        var (app, factory, clock) = Host();
        using var _ = app;
        using var client = await SignedInAsync(factory, "jiangan.office");

        clock.Advance(TimeSpan.FromHours(7));
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The request above, past half the lifetime, renewed the cookie; now leave it idle for longer than its lifetime.
        clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var page = await client.GetAsync("/");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
    }

    [Fact]
    public async Task Session_UsedEveryFewHours_OutlastsEightHours()
    {
        var (app, factory, clock) = Host();
        using var _ = app;
        using var client = await SignedInAsync(factory, "jiangan.fgj.clerk");
        for (int i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromHours(5));
            (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK, $"after {5 * (i + 1)} hours of use");
        }
    }

    [Fact]
    public async Task Session_NotUsedForNineHours_IsSentToSignIn()
    {
        var (app, factory, clock) = Host();
        using var _ = app;
        using var client = await SignedInAsync(factory, "jiangan.fgj.clerk");
        clock.Advance(TimeSpan.FromHours(9));
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>The app on a fresh SQLite database with a clock of the test's (disposing the app disposes the clocked host too).</summary>
    private static (LuoshiWebFactory App, WebApplicationFactory<Program> Clocked, ManualClock Clock) Host()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var app = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        return (app, app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock))), clock);
    }

    private static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> factory, string userName)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var r = await LuoshiWebFactory.SignInAsync(client, userName, Infrastructure.DemoData.DemoPassword);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, "sign-in as " + userName);
        return client;
    }
}
