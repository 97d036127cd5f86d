using System.Net;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

public class SignInTests
{
    public static TheoryData<DatabaseProvider> Providers => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FirstStart_EmptyDatabase_LoadsThreeDistrictsWithTheirPlans(DatabaseProvider provider)
    {
        using var factory = new LuoshiWebFactory(provider);
        _ = factory.Server;
        var counts = factory.WithDb(db => db.Districts.OrderBy(d => d.Id)
            .Select(d => new { d.Code, Items = db.PlanItems.Count(i => db.Plans.Any(p => p.Id == i.PlanId && p.DistrictId == d.Id)) })
            .ToList());
        counts.Select(c => (c.Code, c.Items)).ShouldBe([("caidian", 203), ("hongshan", 135), ("jiangan", 184)], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SignIn_WrongPasswordFiveTimes_LocksTheAccount(DatabaseProvider provider)
    {
        using var factory = new LuoshiWebFactory(provider);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        for (int i = 0; i < 5; i++)
        {
            var r = await LuoshiWebFactory.SignInAsync(client, "jiangan.swj.clerk", "wrong-password");
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var locked = await LuoshiWebFactory.SignInAsync(client, "jiangan.swj.clerk", Infrastructure.DemoData.DemoPassword);
        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await locked.Content.ReadAsStringAsync()).ShouldContain("已锁定");
        // Four plain failures, then the fifth locks the account, and the sixth (right password) is refused as locked.
        factory.WithDb(db => db.AuditEntries.Count(a => a.Actor == "jiangan.swj.clerk" && a.Action == AuditActions.SignInFailed)).ShouldBe(4);
        factory.WithDb(db => db.AuditEntries.Count(a => a.Actor == "jiangan.swj.clerk" && a.Action == AuditActions.SignInLocked)).ShouldBe(2);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        using var factory = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var r = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "admin",
            ["password"] = Infrastructure.DemoData.DemoPassword,
        }));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Api_Anonymous_Gets401NotALoginPage()
    {
        using var factory = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var signedIn = await factory.SignedInClientAsync("jiangan.office");
        (await signedIn.GetStringAsync("/api/me")).ShouldContain("\"role\":\"Office\"");
        _ = await factory.WithDb(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SignIn));
    }
}
