using System.Net;
using System.Text.RegularExpressions;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Tests.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Pages;

/// <summary>
/// Issue 16 on both databases: the unit task list, my work, supervision, the dashboard, the leader's view and the city
/// comparison are kept whole by the output cache
/// (Infrastructure/PageOutputCache.cs). A page served from it carries the very antiforgery token of the first answer (a page
/// drawn anew gets a fresh one), which is how these tests tell a kept answer from a new one.
/// </summary>
public sealed partial class PageOutputCacheTests
{
    private const string Supervision = "/Supervision?district=jiangan&period=all";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task KeptPage_AUnitsReport_ShowsOnTheNextGet(DatabaseProvider provider)
    {
        await using var host = await Host.StartAsync(provider);
        using var office = await host.ClientAsync("jiangan.office");
        var first = await GetAsync(office, Supervision);
        var again = await GetAsync(office, Supervision);
        Token(again.Html).ShouldBe(Token(first.Html), "the second answer is the kept one");
        var before = Filed(first.Html, host.Fgj);
        var dashboard = await GetAsync(office, "/Dashboard?district=jiangan");
        Token((await GetAsync(office, "/Dashboard?district=jiangan")).Html).ShouldBe(Token(dashboard.Html));

        // 区发展和改革局 reports its work plan for one item (its clerk writes and submits, its head approves).
        await host.FileWorkPlanAsync();

        var after = await GetAsync(office, Supervision);
        Token(after.Html).ShouldNotBe(Token(first.Html), "the district's revision moved: the page is drawn anew");
        Filed(after.Html, host.Fgj).ShouldBe(before + 1);
        Token((await GetAsync(office, "/Dashboard?district=jiangan")).Html).ShouldNotBe(Token(dashboard.Html));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task KeptPage_IsNeverServedToAnotherPerson(DatabaseProvider provider)
    {
        await using var host = await Host.StartAsync(provider);
        string units = $"/Plans/jiangan/Units/{host.Fgj}";
        using var office = await host.ClientAsync("jiangan.office");
        using var leader = await host.ClientAsync("jiangan.leader");
        using var clerk = await host.ClientAsync("jiangan.fgj.clerk");
        foreach (string url in new[] { Supervision, "/Dashboard?district=jiangan", units })
        {
            var mine = await GetAsync(office, url);
            Token((await GetAsync(office, url)).Html).ShouldBe(Token(mine.Html), url + " is kept for the office");
            mine.Html.ShouldContain("江岸区政府督查室");

            var theirs = await GetAsync(leader, url);
            theirs.Html.ShouldContain("江岸区领导");
            theirs.Html.ShouldNotContain("江岸区政府督查室");
            Token(theirs.Html).ShouldNotBe(Token(mine.Html), url);
        }

        // The office acts from supervision rows; the leader's page (same address, same revision) offers nothing to do.
        (await GetAsync(office, Supervision)).Html.ShouldContain("handler=Remind");
        (await GetAsync(leader, Supervision)).Html.ShouldNotContain("handler=Remind");
        var own = await GetAsync(clerk, units);
        own.Html.ShouldContain("江岸区发改局填报人");
        own.Html.ShouldNotContain("江岸区政府督查室");

        // The same person in a second browser (another antiforgery cookie) gets a page with that browser's token.
        using var office2 = await host.ClientAsync("jiangan.office");
        var second = await GetAsync(office2, Supervision);
        Token(second.Html).ShouldNotBe(Token((await GetAsync(office, Supervision)).Html));
        (await PostLogoutAsync(office2, Token(second.Html))).ShouldBe(HttpStatusCode.Redirect);

        // Not to a unit's clerk either: the page is refused to them as it was before (not found), kept copy or not.
        (await clerk.GetAsync(Supervision)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task KeptPage_ItsFormsPassAntiforgery_AndItIsNotStoredDownstream(DatabaseProvider provider)
    {
        await using var host = await Host.StartAsync(provider);
        using var office = await host.ClientAsync("jiangan.office");
        foreach (string url in new[] { Supervision, "/Dashboard?district=jiangan", $"/Plans/jiangan/Units/{host.Fgj}" })
        {
            using var drawn = await office.GetAsync(url);
            using var kept = await office.GetAsync(url);
            Token(await kept.Content.ReadAsStringAsync()).ShouldBe(Token(await drawn.Content.ReadAsStringAsync()), url);
            foreach (var r in new[] { drawn, kept })
            {
                r.StatusCode.ShouldBe(HttpStatusCode.OK);
                r.Headers.CacheControl.ShouldNotBeNull(url);
                r.Headers.CacheControl.NoStore.ShouldBeTrue(url);
                r.Headers.CacheControl.NoCache.ShouldBeTrue(url);
                r.Headers.CacheControl.Public.ShouldBeFalse(url);
                r.Headers.Pragma.ToString().ShouldBe("no-cache");
                r.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
                // No one's cookie is replayed: at most the framework's deletion of a TempData cookie the request did not have.
                var cookies = r.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
                cookies.ShouldAllBe(c => c.StartsWith(".AspNetCore.Mvc.CookieTempDataProvider=;", StringComparison.Ordinal), url);
            }
        }

        // The 催报 form of a kept supervision page posts with the kept token.
        var page = await GetAsync(office, Supervision);
        var kept2 = await GetAsync(office, Supervision);
        Token(kept2.Html).ShouldBe(Token(page.Html));
        string remind = RemindLink().Match(kept2.Html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no 催报 button");
        using (var sent = await office.PostAsync(remind, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(kept2.Html) })))
        {
            sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());
        }

        // A token that is not the page's is refused (the check is real), and the kept one signs out.
        (await PostLogoutAsync(office, Token(kept2.Html)[..^4] + "AAAA")).ShouldBe(HttpStatusCode.BadRequest);
        (await PostLogoutAsync(office, Token(kept2.Html))).ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task KeptPage_MyWork_LeadersView_CityComparison_FollowTheirDistricts(DatabaseProvider provider)
    {
        await using var host = await Host.StartAsync(provider);
        using var clerk = await host.ClientAsync("jiangan.fgj.clerk");
        using var leader = await host.ClientAsync("jiangan.leader");
        using var city = await host.ClientAsync("city");
        var pages = new (HttpClient Client, string Url)[] { (clerk, "/Work"), (leader, "/Leader"), (city, "/City") };
        var first = new List<string>();
        foreach (var (client, url) in pages)
        {
            var drawn = await GetAsync(client, url);
            Token((await GetAsync(client, url)).Html).ShouldBe(Token(drawn.Html), url + " is kept");
            first.Add(Token(drawn.Html));
        }

        // Another district changes: the city page (every district) is drawn anew, 江岸's own pages stay kept.
        await host.BumpRevisionAsync("hongshan");
        Token((await GetAsync(clerk, "/Work")).Html).ShouldBe(first[0]);
        Token((await GetAsync(leader, "/Leader")).Html).ShouldBe(first[1]);
        string cityAgain = Token((await GetAsync(city, "/City")).Html);
        cityAgain.ShouldNotBe(first[2], "洪山区 changed");
        Token((await GetAsync(city, "/City")).Html).ShouldBe(cityAgain, "and is kept again");

        // 区发改局 files its work plan: the clerk's page shows it on the next request, and 江岸's leader's page is drawn anew.
        int sent = Regex.Count((await GetAsync(clerk, "/Work")).Html, "已报送督查室");
        await host.FileWorkPlanAsync();
        var work = await GetAsync(clerk, "/Work");
        Token(work.Html).ShouldNotBe(first[0]);
        Regex.Count(work.Html, "已报送督查室").ShouldBe(sent + 1);
        Token((await GetAsync(leader, "/Leader")).Html).ShouldNotBe(first[1]);
        Token((await GetAsync(city, "/City")).Html).ShouldNotBe(cityAgain);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task KeptPage_MyWork_LeadersView_CityComparison_AreNeverServedToAnotherPerson(DatabaseProvider provider)
    {
        await using var host = await Host.StartAsync(provider);
        using var clerk = await host.ClientAsync("jiangan.fgj.clerk");
        using var office = await host.ClientAsync("jiangan.office");
        using var leader = await host.ClientAsync("jiangan.leader");
        using var leader2 = await host.ClientAsync("jiangan.leader2");
        using var city = await host.ClientAsync("city");

        // The same address, the same district and revision, another person: their own page, never the kept one.
        var clerks = await GetAsync(clerk, "/Work");
        Token((await GetAsync(clerk, "/Work")).Html).ShouldBe(Token(clerks.Html));
        var offices = await GetAsync(office, "/Work");
        Token(offices.Html).ShouldNotBe(Token(clerks.Html));
        offices.Html.ShouldContain("江岸区政府督查室");
        offices.Html.ShouldNotContain("江岸区发改局填报人");

        var mine = await GetAsync(leader, "/Leader");
        Token((await GetAsync(leader, "/Leader")).Html).ShouldBe(Token(mine.Html));
        mine.Html.ShouldContain("江岸区领导");
        var theirs = await GetAsync(leader2, "/Leader");
        Token(theirs.Html).ShouldNotBe(Token(mine.Html));
        theirs.Html.ShouldContain("江岸区分管副区长");
        theirs.Html.ShouldNotContain("江岸区领导");

        // A unit's clerk and a district's leader are refused the city page, whatever is kept for the city viewer.
        _ = await GetAsync(city, "/City");
        _ = await GetAsync(city, "/City");
        (await clerk.GetAsync("/City")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await leader.GetAsync("/City")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // And a leader asking for another leader's page is refused, kept copy or not.
        string other = await host.UserIdAsync("jiangan.leader2");
        (await leader.GetAsync("/Leader?leader=" + other)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<HttpStatusCode> PostLogoutAsync(HttpClient client, string token)
    {
        using var r = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        return r.StatusCode;
    }

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string url)
    {
        using var r = await client.GetAsync(url);
        string html = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return (r.StatusCode, html);
    }

    private static string Token(string html) =>
        AntiforgeryToken().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token");

    /// <summary>The unit's reports counted on the supervision page (on time and late).</summary>
    private static int Filed(string html, int unitId)
    {
        var m = Regex.Match(html, $"<tr data-unit=\"{unitId}\"[^>]*>.*?c-ontime\"><a[^>]*>(\\d+)</a>.*?c-late\"><a[^>]*>(\\d+)</a>", RegexOptions.Singleline);
        m.Success.ShouldBeTrue("the unit's row");
        return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("formaction=\"(/Supervision/Row\\?handler=Remind[^\"]+)\"")]
    private static partial Regex RemindLink();

    /// <summary>The demo districts on a clock standing on 20 April 2026 (the work plans and Q1 are due).</summary>
    private sealed class Host : IAsyncDisposable
    {
        private LuoshiWebFactory _app = null!;

        public WebApplicationFactory<Program> Web { get; private set; } = null!;

        public int Fgj { get; private set; }

        public int DistrictId { get; private set; }

        public static async Task<Host> StartAsync(DatabaseProvider provider)
        {
            var host = new Host { _app = new LuoshiWebFactory(provider) };
            var clock = new ManualClock(new DateTimeOffset(2026, 4, 20, 2, 0, 0, TimeSpan.Zero));
            host.Web = host._app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
            using var scope = host.Web.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
            host.DistrictId = await db.Districts.Where(d => d.Code == "jiangan").Select(d => d.Id).SingleAsync();
            host.Fgj = await db.Units.Where(u => u.DistrictId == host.DistrictId && u.Name == "区发展和改革局").Select(u => u.Id).SingleAsync();
            return host;
        }

        public async Task<HttpClient> ClientAsync(string userName)
        {
            var client = Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            var r = await LuoshiWebFactory.SignInAsync(client, userName, Infrastructure.DemoData.DemoPassword);
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, "sign-in as " + userName);
            _ = await client.GetStringAsync("/"); // the antiforgery cookie, as a browser holds it after its first page
            return client;
        }

        /// <summary>FGJ's clerk writes and submits the work plan of one of its items, its head approves.</summary>
        public async Task FileWorkPlanAsync()
        {
            using var scope = Web.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
            int itemId = await db.ItemUnits.Where(x => x.UnitId == Fgj && x.Role == Luoshi.Core.Features.Plans.UnitRole.Lead).OrderBy(x => x.ItemId).Select(x => x.ItemId).FirstAsync();
            var editing = scope.ServiceProvider.GetRequiredService<FilingEditing>();
            var handOffs = scope.ServiceProvider.GetRequiredService<FilingHandOffs>();
            var clerk = new Actor("jiangan.fgj.clerk", "江岸区发改局填报人", AppRole.Clerk, DistrictId, Fgj);
            var head = clerk with { UserName = "jiangan.fgj.head", Role = AppRole.UnitHead };
            var opened = await editing.OpenAsync(itemId, Fgj, ReportPeriod.WorkPlan, clerk);
            opened.Ok.ShouldBeTrue(opened.Failure?.Message);
            var saved = await editing.SaveAsync(opened.Value!.Id, opened.Value.Version, new FilingEdit(Steps: [new WorkStep(null, "制定工作方案并组织实施", "12月底前")]), clerk);
            saved.Ok.ShouldBeTrue(saved.Failure?.Message);
            var submitted = await handOffs.ActAsync(saved.Value!.Id, saved.Value.Version, FilingAction.Submit, null, clerk);
            submitted.Ok.ShouldBeTrue(submitted.Failure?.Message);
            var approved = await handOffs.ActAsync(submitted.Value!.Id, submitted.Value.Version, FilingAction.Approve, null, head);
            approved.Ok.ShouldBeTrue(approved.Failure?.Message);
        }

        /// <summary>Moves a district's revision, as any change of it does.</summary>
        public async Task BumpRevisionAsync(string code)
        {
            using var scope = Web.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
            int id = await db.Districts.Where(d => d.Code == code).Select(d => d.Id).SingleAsync();
            await Luoshi.Core.Features.Districts.DistrictRevision.BumpAsync(db, id, default);
        }

        public async Task<string> UserIdAsync(string userName)
        {
            using var scope = Web.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<LuoshiDb>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await Web.DisposeAsync();
            await _app.DisposeAsync();
        }
    }
}
