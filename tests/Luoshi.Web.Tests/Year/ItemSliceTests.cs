using System.Text.Json;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Districts;
using Luoshi.Core.Features.Supervision;
using Luoshi.Parsing.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Year;

/// <summary>
/// Issue 16 (the report save's cost): the filing page takes one item's obligations and standing from
/// <see cref="YearQueries.ItemAsync"/>, built from that item's rows when the cached year snapshot is stale. For every item of
/// the district, on both databases, with reports on time, late, missing and a work plan filed, the one-item answer is the
/// same as the whole district's snapshot (the rows compared as JSON).
/// </summary>
public class ItemSliceTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ItemAsync_AfterAChange_EqualsTheWholeSnapshotForEveryItem(DatabaseProvider provider)
    {
        await using var sim = await YearSimulation.StartAsync(provider, "hongshan", new DateOnly(2026, 1, 12));
        var start = await sim.SnapshotAsync();
        var q1 = start.Rules.Deadlines.First(d => d.Period == ReportPeriod.Q1);
        var items = start.Items.Where(i => i.LeadUnitIds.Count > 0).Take(4).ToList();
        items.Count.ShouldBe(4);
        await sim.FileAsync(items[0].Id, items[0].LeadUnitIds[0], ReportPeriod.WorkPlan);
        sim.MoveTo(q1.Date.AddDays(-2));
        await sim.FileAsync(items[1].Id, items[1].LeadUnitIds[0], ReportPeriod.Q1, t => t.Value / 5, progress: "按时报送");
        sim.MoveTo(q1.Date.AddDays(3));
        await sim.FileAsync(items[2].Id, items[2].LeadUnitIds[0], ReportPeriod.Q1, t => t.Value / 10, completed: true);
        await sim.FileAsync(items[3].Id, items[3].LeadUnitIds[0], ReportPeriod.Q1, approve: false);

        var (slices, whole) = await sim.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<LuoshiDb>();
            var year = sp.GetRequiredService<YearQueries>();
            await DistrictRevision.BumpAsync(db, sim.DistrictId); // nothing cached for the new revision: every item from its own rows
            var ids = start.Items.Select(i => i.Id).ToList();
            var slices = new List<YearSnapshot>();
            foreach (int id in ids)
            {
                slices.Add((await year.ItemAsync(sim.DistrictId, id))!);
            }

            return (slices, (await year.SnapshotAsync(sim.DistrictId))!);
        });

        whole.Obligations.ShouldContain(o => o.Status == ObligationStatus.Late);
        whole.Obligations.ShouldContain(o => o.Status == ObligationStatus.Missing);
        for (int k = 0; k < start.Items.Count; k++)
        {
            var id = start.Items[k].Id;
            var slice = slices[k];
            slice.Plan.Id.ShouldBe(whole.Plan.Id);
            slice.Revision.ShouldBe(whole.Revision);
            slice.Items.Count.ShouldBe(1);
            Json(slice.Items[0]).ShouldBe(Json(whole.Item(id)), $"item {id}");
            Json(slice.Obligations).ShouldBe(Json(whole.Obligations.Where(o => o.ItemId == id).ToList()), $"obligations of item {id}");
        }

        // Once the whole snapshot is cached for the revision, the item's answer is that snapshot.
        var cached = await sim.WithAsync(async sp => (await sp.GetRequiredService<YearQueries>().ItemAsync(sim.DistrictId, items[1].Id))!);
        cached.Items.Count.ShouldBe(whole.Items.Count);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
