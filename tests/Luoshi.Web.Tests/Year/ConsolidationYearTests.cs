using DocumentFormat.OpenXml.Packaging;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Exports;
using Luoshi.Core.Features.Supervision;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Year;

/// <summary>
/// Issue 11.2 and 11.3c on Hongshan's notice (co-units report to the lead unit first), on both databases: the lead unit sets one
/// co-unit's share in its work plan and plans 10% of the amount in Q1; two co-units report values (one with a file); the lead's
/// 汇总 sums them with its own value, carries the file (the lead and the office may download it, another unit not), measures the
/// co-unit with a share against it and says 未分解 for the other; the item is on track against the planned 10%, not behind the
/// pro rata 25%; the progress export and 附件2 show the co-units' values.
/// </summary>
public class ConsolidationYearTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Consolidation_SumsCoUnitValues_CarriesFiles_MeasuresShares_AndPlannedQuartersDriveTheStatus(DatabaseProvider provider)
    {
        await using var sim = await YearSimulation.StartAsync(provider, "hongshan", new DateOnly(2026, 1, 12));
        var start = await sim.SnapshotAsync();
        start.Rules.CoUnitsReportToLead.ShouldBeTrue();
        var item = start.Items.First(i => i.LeadUnitIds.Count == 1 && i.CoUnitIds.Distinct().Count() >= 2
            && i.Targets.Count > 0 && TargetKinds.Of(i.Targets[0].ToIndicator()).FollowsTime());
        int lead = item.LeadUnitIds[0], c1 = item.CoUnitIds[0], c2 = item.CoUnitIds.First(u => u != c1);
        var t = item.Targets[0];
        decimal share = Math.Round(t.Value * 0.04m, 2), v1 = Math.Round(share * 0.8m, 2), v2 = Math.Round(t.Value * 0.016m, 2);
        decimal own = Math.Round(t.Value * 0.1m, 2) - v1 - v2, sum = own + v1 + v2;
        int other = start.Units.First(u => !item.LeadUnitIds.Contains(u.Id) && !item.CoUnitIds.Contains(u.Id)).Id;
        var deadlines = start.Rules.Deadlines.OrderBy(d => d.Date).ToList();
        var workPlan = deadlines.First(d => d.Period == ReportPeriod.WorkPlan);
        var q1 = deadlines.First(d => d.Period == ReportPeriod.Q1);

        // The work plan: the lead sets c1's share (none for c2) and plans 10% of the amount in Q1; a share above the target is refused.
        sim.MoveTo(workPlan.Date.AddDays(-2));
        await sim.WithAsync(async sp =>
        {
            var editing = sp.GetRequiredService<FilingEditing>();
            var handOffs = sp.GetRequiredService<FilingHandOffs>();
            var f = (await editing.OpenAsync(item.Id, lead, ReportPeriod.WorkPlan, sim.Clerk(lead))).Value!;
            var tooMuch = await editing.SaveAsync(f.Id, f.Version, new FilingEdit(Steps: [new WorkStep(1, "推进", "3月底")],
                Planned: [new PlannedTargetEdit(t.Id, c1, t.Value + 1, null, null, null, null)]), sim.Clerk(lead));
            tooMuch.Failure!.Message.ShouldContain("不能超过目标值");
            var q = Math.Round(t.Value * 0.1m, 2);
            var saved = await editing.SaveAsync(f.Id, f.Version, new FilingEdit(Steps: [new WorkStep(1, "推进", "3月底")],
                Planned: [new PlannedTargetEdit(t.Id, lead, null, q, q, q, t.Value - 3 * q), new PlannedTargetEdit(t.Id, c1, share, null, null, null, null)]), sim.Clerk(lead));
            saved.Failure.ShouldBeNull();
            var sub = await handOffs.ActAsync(f.Id, saved.Value!.Version, FilingAction.Submit, null, sim.Clerk(lead));
            (await handOffs.ActAsync(f.Id, sub.Value!.Version, FilingAction.Approve, null, sim.Head(lead))).Failure.ShouldBeNull();
            return true;
        });

        // Q1: the co-units hand over their values (c1 with a photo's stand-in, a PDF), the lead consolidates, then reports its own value.
        sim.MoveTo(q1.Date.AddDays(-3));
        int evidenceId = await sim.WithAsync(async sp =>
        {
            var f = (await sp.GetRequiredService<FilingEditing>().OpenAsync(item.Id, c1, ReportPeriod.Q1, sim.Clerk(c1))).Value!;
            var e = await sp.GetRequiredService<EvidenceStore>().AttachAsync(f.Id, "停车场照片.pdf", "%PDF-1.4\n%photo\n%%EOF\n"u8.ToArray(), sim.Clerk(c1));
            return e.Failure is null ? e.Value!.Id : throw new InvalidOperationException(e.Failure.Message);
        });
        (await sim.FileAsync(item.Id, c1, ReportPeriod.Q1, x => x.Id == t.Id ? v1 : null)).State.ShouldBe(FilingState.WithLeadUnit);
        await sim.FileAsync(item.Id, c2, ReportPeriod.Q1, x => x.Id == t.Id ? v2 : null);
        await sim.WithAsync(async sp =>
        {
            var editing = sp.GetRequiredService<FilingEditing>();
            var mine = (await editing.OpenAsync(item.Id, lead, ReportPeriod.Q1, sim.Clerk(lead))).Value!;
            var done = await sp.GetRequiredService<Consolidation>().ConsolidateAsync(mine.Id, mine.Version, sim.Clerk(lead));
            done.Failure.ShouldBeNull();
            done.Value!.Consolidated!.ShouldContain("停车场照片.pdf");
            done.Value.Consolidated!.ShouldContain(TargetShares.NotSplit);
            return true;
        });
        await sim.FileAsync(item.Id, lead, ReportPeriod.Q1, x => x.Id == t.Id ? own : null);
        sim.MoveTo(q1.Date.AddDays(2));

        var s = await sim.SnapshotAsync();
        var row = s.Item(item.Id);
        row.LatestActuals[0].ShouldBe(sum, "the lead's own value plus the co-units'");
        row.LeadOwnActuals![0].ShouldBe(own);
        row.Parts.Select(p => p.UnitId).ShouldBe([c1, c2], ignoreOrder: true);
        var f1 = row.Parts.Single(p => p.UnitId == c1).Figures[0];
        f1.Share.ShouldBe(share);
        f1.Status!.Percent.ShouldBe((int)Math.Floor(v1 / share * 100m), "measured against its share, not the district's target");
        row.Parts.Single(p => p.UnitId == c2).Figures[0].Status.ShouldBeNull("no share: 未分解, not measured against the whole target");
        row.Status.ExpectedPercent.ShouldBe(10, "the lead's planned Q1 value is its 序时 target");
        row.Status.State.ShouldBe(ItemState.OnTrack);

        await sim.WithAsync(async sp =>
        {
            var queries = sp.GetRequiredService<FilingQueries>();
            var page = (await queries.LoadAsync(item.Id, lead, ReportPeriod.Q1, sim.Clerk(lead), open: false, default))!;
            page.Sums[0].ShouldBe(sum);
            page.CoParts.Single(c => c.UnitId == c1).Evidence.Select(e => e.Id).ShouldBe([evidenceId]);
            page.CoParts.Single(c => c.UnitId == c1).Figures[0].Share.ShouldBe(share);
            var co = (await queries.LoadAsync(item.Id, c1, ReportPeriod.Q1, sim.Clerk(c1), open: false, default))!;
            co.Targets[0].Share.ShouldBe(share);
            co.Targets[0].Expected.ShouldBe(Math.Round(share * 0.25m, 2), "its share's 序时进度");
            var store = sp.GetRequiredService<EvidenceStore>();
            (await store.DownloadAsync(evidenceId, sim.Clerk(lead))).ShouldNotBeNull();
            (await store.DownloadAsync(evidenceId, sim.Office)).ShouldNotBeNull();
            (await store.DownloadAsync(evidenceId, sim.Clerk(other))).ShouldBeNull();

            var district = s.District;
            string progress = Text((await sp.GetRequiredService<ProgressExport>().PlanProgressAsync(district))!.Content);
            progress.ShouldContain($"合计 {sum:0.######}");
            progress.ShouldContain($"{s.UnitName(c1)} {v1:0.######}（分解任务 {share:0.######}）");
            progress.ShouldContain($"{s.UnitName(c2)} {v2:0.######}（分解任务 未分解）");
            string form = Text((await sp.GetRequiredService<FormExports>().ReportAsync(district, lead, ReportPeriod.Q1))!.Content);
            form.ShouldContain($"{v1:0.######}{t.Unit}（分解任务 {share:0.######}{t.Unit}）");
            form.ShouldContain("停车场照片.pdf");
            return true;
        });
    }

    private static string Text(byte[] xlsx)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var strings = doc.WorkbookPart!.SharedStringTablePart?.SharedStringTable;
        return strings is null ? string.Empty : string.Join("\n", strings.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(x => x.InnerText));
    }
}
