using System.Net;
using System.Text;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Imports;
using Luoshi.Web.Tests.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Year;

/// <summary>
/// Issue 10.4, “every page says which year it shows and has a switch”: with Jiang'an's 2026 plan live and a 2027 one
/// published beside it (clock at 2026-07-03, so 2026 is current), every page that shows one year's data says which year it
/// shows, links to the other year, and shows that year when asked with ?year=.
/// </summary>
public class YearSwitchPagesTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EveryYearPage_SaysWhichYear_LinksTheOther_AndHonoursTheYearAsked(DatabaseProvider provider)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 7, 3, 2, 0, 0, TimeSpan.Zero));
        await using var app = new LuoshiWebFactory(provider);
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        int fgj;
        string leaderId;
        using (var scope = host.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<LuoshiDb>();
            int district = await db.Districts.Where(d => d.Code == "jiangan").Select(d => d.Id).SingleAsync();
            fgj = await db.Units.Where(u => u.DistrictId == district && u.Name == "区发展和改革局").Select(u => u.Id).SingleAsync();
            leaderId = await db.Users.Where(u => u.UserName == "jiangan.leader").Select(u => u.Id).SingleAsync();
            string text = Imports.ImportClient.Seed(Imports.ImportClient.JiangAn);
            string next = text.Replace("2027", "2028", StringComparison.Ordinal).Replace("2026", "2027", StringComparison.Ordinal);
            var draft = (await sp.GetRequiredService<ImportService>().CreateDraftAsync(district, "2027.txt", Encoding.UTF8.GetBytes(next), "jiangan.office")).Value!;
            (await sp.GetRequiredService<PlanPublisher>().PublishAsync(draft.Id, district, draft.Version, "jiangan.office")).Failure.ShouldBeNull();
        }

        var office = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await LuoshiWebFactory.SignInAsync(office, "jiangan.office", Infrastructure.DemoData.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var leader = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await LuoshiWebFactory.SignInAsync(leader, "jiangan.leader", Infrastructure.DemoData.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        string leaderPage = "/Leader?district=jiangan&leader=" + Uri.EscapeDataString(leaderId);
        foreach (var (client, path) in new[]
        {
            (office, "/Work"), (office, "/Supervision"), (office, "/Dashboard"), (office, "/Scores"), (office, "/Circulars"), (office, "/Exports"),
            (office, "/Plans/jiangan"), (office, "/Plans/jiangan/Matrix"), (office, "/Plans/jiangan/Deadlines"), (office, $"/Plans/jiangan/Units/{fgj}"),
            (office, leaderPage), (leader, "/Leader"),
        })
        {
            string shown = await PageAsync(client, path);
            shown.ShouldContain("当前显示：<strong>2026 年度</strong>", customMessage: path);
            shown.ShouldContain("year=2027\"", customMessage: path);

            string asked = path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "year=2027";
            string other = await PageAsync(client, asked);
            other.ShouldContain("当前显示：<strong>2027 年度</strong>", customMessage: asked);
            other.ShouldContain("year=2026\"", customMessage: asked);
        }

        // The leader's page says the year it counts in its heading line too.
        (await PageAsync(leader, "/Leader?year=2027")).ShouldContain("2027 年 · 截至");
        (await PageAsync(office, leaderPage)).ShouldContain("2026 年 · 截至");
    }

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        var r = await client.GetAsync(path);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return await r.Content.ReadAsStringAsync();
    }
}
