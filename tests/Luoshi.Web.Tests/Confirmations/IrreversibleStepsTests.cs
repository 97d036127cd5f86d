using System.Net;
using Luoshi.Core.Data;

namespace Luoshi.Web.Tests.Confirmations;

/// <summary>
/// Issue 13.4: the forms of irreversible steps carry an antiforgery token and a POST without it is refused (400) before anything
/// is read or changed; here the 年度管理 page, whose forms a previous review suspected of having none (they do, through the
/// layout's Razor Pages forms: the token is in every form and checked by the framework's page filter).
/// </summary>
public sealed class IrreversibleStepsTests
{
    [Theory]
    [InlineData("Close")]
    [InlineData("Carry")]
    [InlineData("Choose")]
    public async Task Years_PostWithoutAntiforgeryToken_IsRefused(string handler)
    {
        using var app = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        using var office = await app.SignedInClientAsync("hongshan.office");
        string page = await office.GetStringAsync("/Years?district=hongshan");
        page.ShouldContain("name=\"__RequestVerificationToken\"", customMessage: "the page's forms carry the token");

        using var refused = await office.PostAsync($"/Years?handler={handler}&district=hongshan",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["year"] = "2026", ["confirm"] = "yes" }));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        app.WithDb(db => db.Plans.Count(p => p.ClosedAt != null)).ShouldBe(0, "nothing closed");

        // With the token the same POST (without confirm) is the confirmation step, not a refusal.
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(office, "/Years?district=hongshan");
        using var asked = await office.PostAsync($"/Years?handler={handler}&district=hongshan",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["year"] = "2026", ["__RequestVerificationToken"] = token }));
        asked.StatusCode.ShouldNotBe(HttpStatusCode.BadRequest);
        app.WithDb(db => db.Plans.Count(p => p.ClosedAt != null)).ShouldBe(0, "nothing closed without confirm");
    }
}
