using System.Globalization;
using System.Net;
using Luoshi.Core.Data;
using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Dashboard;

/// <summary>
/// 分管领导的页面 and 首页 per role against the year the fixture played (FGJ in jiangan.leader's charge; T a tenth of its
/// targets at Q2, red; B's Q1 and Q2 never filed): who may see which leader's page, and what each role's home page counts.
/// </summary>
public abstract class LeaderAndHomeTests(YearFixture year)
{
    [Fact]
    public async Task Leader_SeesOwnUnits_LateItemsWithReason_AndMissedReports()
    {
        using var leader = await year.ClientAsync("jiangan.leader");
        var r = await leader.GetAsync("/Leader");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        string html = await r.Content.ReadAsStringAsync();
        html.ShouldContain($"id=\"unit-{year.FgjId}\"");
        html.ShouldNotContain($"id=\"unit-{year.SwjId}\"", customMessage: "SWJ is not in this leader's charge");
        html.ShouldContain($"class=\"late-item\" data-item=\"{year.T.Id}\" data-rag=\"Red\"");
        html.ShouldContain("落后");
        html.ShouldContain($"class=\"missed-obligation\" data-item=\"{year.B.Id}\" data-period=\"Q1\"");
        html.ShouldContain("应于" + ChineseDates.Day(year.Due(ReportPeriod.Q1)) + "前报送");
        html.ShouldNotContain($"data-item=\"{year.A.Id}\" data-rag", customMessage: "A is green");
    }

    [Fact]
    public async Task Leader_CannotAskForAnotherLeader_UnitsCannotSeeAny_OfficeChoosesAny()
    {
        string leaderId = await IdAsync("jiangan.leader");
        string leader2Id = await IdAsync("jiangan.leader2");

        using var leader = await year.ClientAsync("jiangan.leader");
        (await leader.GetAsync("/Leader?leader=" + Uri.EscapeDataString(leader2Id))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await leader.GetAsync("/Leader?district=hongshan")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        foreach (string unitPerson in new[] { "jiangan.fgj.clerk", "jiangan.fgj.head" })
        {
            using var c = await year.ClientAsync(unitPerson);
            (await c.GetAsync("/Leader")).StatusCode.ShouldBe(HttpStatusCode.NotFound, unitPerson);
            (await c.GetAsync("/Leader?leader=" + Uri.EscapeDataString(leaderId))).StatusCode.ShouldBe(HttpStatusCode.NotFound, unitPerson);
        }

        using var office = await year.ClientAsync("jiangan.office");
        string choose = await (await office.GetAsync("/Leader")).Content.ReadAsStringAsync();
        choose.ShouldContain($"data-leader=\"{leaderId}\"");
        choose.ShouldContain($"data-leader=\"{leader2Id}\"");
        var chosen = await office.GetAsync("/Leader?leader=" + Uri.EscapeDataString(leaderId));
        chosen.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await chosen.Content.ReadAsStringAsync()).ShouldContain($"id=\"unit-{year.FgjId}\"");
        (await office.GetAsync("/Leader?leader=nobody")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Home_Office_CountsTheQueue()
    {
        using var office = await year.ClientAsync("jiangan.office");
        string html = await (await office.GetAsync("/")).Content.ReadAsStringAsync();
        // Seven filings of FGJ approved and never accepted: A, T, B work plans; A, T for Q1 and Q2.
        Count(html, "q-review").ShouldBe(7);
        html.ShouldContain("/Supervision?district=jiangan&period=all&status=Missing");
    }

    [Fact]
    public async Task Home_Clerk_ListsWhatIsDue_WithChineseDates_HeadSeesNothingWaiting()
    {
        using var clerk = await year.ClientAsync("jiangan.fgj.clerk");
        string html = await (await clerk.GetAsync("/")).Content.ReadAsStringAsync();
        html.ShouldContain("id=\"home-clerk\"");
        // Overdue first, the oldest deadline first: the work plans FGJ never filed (every sole-FGJ item but A, T and B).
        html.ShouldContain("已逾期：应于" + ChineseDates.Day(year.Due(ReportPeriod.WorkPlan)) + "前报送");
        html.ShouldNotContain($"data-item=\"{year.A.Id}\" data-period=\"WorkPlan\"", customMessage: "A's work plan was filed");
        html.ShouldNotContain("id=\"home-office\"");

        using var head = await year.ClientAsync("jiangan.fgj.head");
        string h = await (await head.GetAsync("/")).Content.ReadAsStringAsync();
        h.ShouldContain("待我审定（0）");
        h.ShouldNotContain("id=\"home-clerk\"");
    }

    [Fact]
    public async Task Home_Leader_SummarisesTheirUnits()
    {
        using var leader = await year.ClientAsync("jiangan.leader");
        string html = await (await leader.GetAsync("/")).Content.ReadAsStringAsync();
        html.ShouldContain("id=\"home-leader\"");
        html.ShouldContain($"data-unit=\"{year.FgjId}\"");
        html.ShouldContain("href=\"/Leader\"");
    }

    private async Task<string> IdAsync(string userName)
    {
        using var scope = year.Clocked.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LuoshiDb>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private static int Count(string html, string id)
    {
        var m = System.Text.RegularExpressions.Regex.Match(html, $"id=\"{id}\"[^>]*><span class=\"n\">(\\d+)<");
        m.Success.ShouldBeTrue(id);
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}

public sealed class LeaderAndHomeSqliteTests(SqliteYearFixture year) : LeaderAndHomeTests(year), IClassFixture<SqliteYearFixture>;

public sealed class LeaderAndHomePostgresTests(PostgresYearFixture year) : LeaderAndHomeTests(year), IClassFixture<PostgresYearFixture>;
