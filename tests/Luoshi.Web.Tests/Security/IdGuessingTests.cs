using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Security;

/// <summary>
/// Sweeps of guessed ids: every unit id, item position and draft id there is, tried by a caller who may read only some of
/// them. The answer is the data exactly when the rule allows it, and 404 otherwise.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed class IdGuessingTests(MatrixFixture fixture)
{
    [Fact]
    public async Task Clerk_EveryUnitIdUnderOwnDistrict_OnlyOwnUnitIsServed()
    {
        var clerk = await fixture.SessionAsync(Caller.Clerk);
        var own = fixture.Targets[Scope.Own];
        var unitIds = fixture.Factory.WithDb(db => db.Units.Select(u => u.Id).ToList());
        var served = new List<string>();
        foreach (int id in unitIds)
        {
            foreach (string url in new[] { $"/api/districts/{own.DistrictCode}/units/{Id(id)}/tasks", $"/Plans/{own.DistrictCode}/Units/{Id(id)}" })
            {
                using var r = await clerk.Client.GetAsync(url);
                if (r.StatusCode != HttpStatusCode.NotFound)
                {
                    served.Add($"{url} → {(int)r.StatusCode}");
                }
            }
        }

        served.ShouldBe([$"/api/districts/{own.DistrictCode}/units/{Id(own.UnitId)}/tasks → 200", $"/Plans/{own.DistrictCode}/Units/{Id(own.UnitId)} → 200"]);
    }

    [Fact]
    public async Task Clerk_EveryItemOfBothDistricts_OnlyItemsOfOwnUnitAreServed()
    {
        var clerk = await fixture.SessionAsync(Caller.Clerk);
        var own = fixture.Targets[Scope.Own];
        var items = fixture.Factory.WithDb(db => (from i in db.PlanItems
                                                  join p in db.Plans on i.PlanId equals p.Id
                                                  join d in db.Districts on p.DistrictId equals d.Id
                                                  where d.Code == "jiangan" || d.Code == "hongshan"
                                                  select new { d.Code, i.Seq, Mine = d.Code == own.DistrictCode && i.Units.Any(u => u.UnitId == own.UnitId) }).ToList());
        items.Count(i => i.Mine).ShouldBeGreaterThan(0);
        var wrong = new List<string>();
        foreach (var item in items)
        {
            using var api = await clerk.Client.GetAsync($"/api/districts/{item.Code}/items/{Id(item.Seq)}");
            using var page = await clerk.Client.GetAsync($"/Plans/{item.Code}/Items/{Id(item.Seq)}");
            var expected = item.Mine ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            if (api.StatusCode != expected || page.StatusCode != expected)
            {
                wrong.Add($"{item.Code} item {Id(item.Seq)}: API {(int)api.StatusCode}, page {(int)page.StatusCode}, expected {(int)expected}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task Office_EveryDraftId_OnlyOwnDistrictsDraftsAreServed()
    {
        var office = await fixture.SessionAsync(Caller.Office);
        var own = fixture.Targets[Scope.Own];
        var drafts = fixture.Factory.WithDb(db => db.ImportDrafts.Select(d => new { d.Id, d.DistrictId }).ToList());
        drafts.Select(d => d.DistrictId).Distinct().Count().ShouldBeGreaterThan(1);
        var wrong = new List<string>();
        foreach (var d in drafts.Append(new { Id = drafts.Max(x => x.Id) + 1, DistrictId = -1 }))
        {
            using var r = await office.Client.GetAsync("/Imports/" + Id(d.Id));
            var expected = d.DistrictId == own.DistrictId ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            if (r.StatusCode != expected)
            {
                wrong.Add($"draft {Id(d.Id)} of district {Id(d.DistrictId)}: {(int)r.StatusCode}, expected {(int)expected}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task AllowedPosts_OfTheMatrix_ChangeNothing()
    {
        var before = await SnapshotAsync();
        foreach (var row in RouteTable.Rows.Where(r => r.Method == "POST" && !r.EndsSession))
        {
            foreach (var scope in row.Rule.Scopes)
            {
                foreach (var caller in new[] { Caller.Admin, Caller.Office })
                {
                    await MatrixRunner.RunAsync(fixture, row.Key, caller, scope);
                }
            }
        }

        (await SnapshotAsync()).ShouldBe(before);
    }

    private async Task<string> SnapshotAsync()
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.LuoshiDb>();
        var drafts = await db.ImportDrafts.OrderBy(d => d.Id).Select(d => $"{d.Id}:{d.Status}:{d.Version}:{d.PlanJson.Length}").ToListAsync();
        int units = await db.Units.CountAsync();
        int plans = await db.Plans.CountAsync();
        return string.Join(",", drafts) + $"|units {Id(units)}|plans {Id(plans)}";
    }

    private static string Id(int value) => value.ToString(CultureInfo.InvariantCulture);
}
