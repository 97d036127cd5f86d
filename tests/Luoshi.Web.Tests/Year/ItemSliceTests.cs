using System.Text.Json;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Districts;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Supervision;
using Luoshi.Core.Features.Work;
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

    /// <summary>
    /// The filing page builds the item's standing from the rows it reads itself (<see cref="YearQueries.ItemFromRows"/>, no query
    /// of its own when the snapshot is stale but the revision read with the item): after a change, for every item with a lead unit, its
    /// Q1 obligations and its row on the page are those of the whole district's snapshot; with the snapshot cached, the same.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FilingView_AfterAChange_ShowsTheWholeSnapshotsStandingForEveryItem(DatabaseProvider provider)
    {
        await using var sim = await YearSimulation.StartAsync(provider, "hongshan", new DateOnly(2026, 1, 12));
        var start = await sim.SnapshotAsync();
        var q1 = start.Rules.Deadlines.First(d => d.Period == ReportPeriod.Q1);
        var items = start.Items.Where(i => i.LeadUnitIds.Count > 0).ToList();
        await sim.FileAsync(items[0].Id, items[0].LeadUnitIds[0], ReportPeriod.WorkPlan);
        sim.MoveTo(q1.Date.AddDays(-2));
        await sim.FileAsync(items[1].Id, items[1].LeadUnitIds[0], ReportPeriod.Q1, t => t.Value / 5, progress: "按时报送");
        sim.MoveTo(q1.Date.AddDays(3));
        await sim.FileAsync(items[2].Id, items[2].LeadUnitIds[0], ReportPeriod.Q1, t => t.Value / 10, completed: true);
        var office = new Actor("hongshan.office", "督查室", AppRole.Office, sim.DistrictId, null);

        var (views, whole, again) = await sim.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<LuoshiDb>();
            var queries = sp.GetRequiredService<FilingQueries>();
            await DistrictRevision.BumpAsync(db, sim.DistrictId); // nothing cached for the new revision
            var views = new List<FilingView>();
            foreach (var i in items)
            {
                views.Add((await queries.LoadAsync(i.Id, i.LeadUnitIds[0], ReportPeriod.Q1, office, open: false, CancellationToken.None))!);
            }

            var whole = (await sp.GetRequiredService<YearQueries>().SnapshotAsync(sim.DistrictId))!;
            var again = (await queries.LoadAsync(items[1].Id, items[1].LeadUnitIds[0], ReportPeriod.Q1, office, open: false, CancellationToken.None))!;
            return (views, whole, again);
        });

        whole.Obligations.ShouldContain(o => o.Status == ObligationStatus.Late);
        views.ShouldAllBe(v => v.ItemStatus != null);
        views.Sum(v => v.ItemObligations.Count).ShouldBeGreaterThan(items.Count - 1);
        for (int k = 0; k < items.Count; k++)
        {
            var id = items[k].Id;
            Json(views[k].ItemStatus).ShouldBe(Json(whole.Item(id)), $"item {id}");
            Json(views[k].ItemObligations).ShouldBe(Json(whole.Obligations.Where(o => o.ItemId == id && o.Period == ReportPeriod.Q1).ToList()), $"obligations of item {id}");
        }

        Json(again.ItemObligations).ShouldBe(Json(views[1].ItemObligations));
        views[1].Filing!.Progress.ShouldBe("按时报送");
        views[1].Targets.ShouldAllBe(t => t.Last == null);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
