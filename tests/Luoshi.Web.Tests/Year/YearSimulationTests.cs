using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Circulars;
using Luoshi.Core.Features.Work;
using Luoshi.Core.Features.Scores;
using Luoshi.Core.Features.Supervision;
using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Year;

/// <summary>
/// A whole year, simulated against the real Jiang'an and Hongshan notices and their calendars. Every unit files what it
/// owes two days before each deadline, except: unit B files its work plan three days late and never files its Q2
/// reports; unit C files its Q2 reports two days late; one of unit A's items reports 10% of an annual amount at Q2.
/// In Hongshan, whose notice has co-units report to the lead unit first, A's co-units file their parts and A
/// consolidates them. The Q2 circular must name exactly B and C; the scores must follow the scheme.
/// </summary>
public class YearSimulationTests
{
    public static TheoryData<string, DatabaseProvider> Districts => new()
    {
        { "jiangan", DatabaseProvider.Sqlite },
        { "hongshan", DatabaseProvider.Postgres },
    };

    [Theory]
    [MemberData(nameof(Districts))]
    public async Task AYear_PlansReportsLateUnitsCircularAndScores(string district, DatabaseProvider provider)
    {
        await using var sim = await YearSimulation.StartAsync(provider, district, new DateOnly(2026, 1, 12));
        var start = await sim.SnapshotAsync();
        var deadlines = start.Rules.Deadlines.OrderBy(d => d.Date).ToList();
        deadlines.Count.ShouldBeGreaterThanOrEqualTo(5, "work plan and four reports");
        var own = start.Obligations.Where(o => !o.PartToLead).ToList();
        var parts = start.Obligations.Where(o => o.PartToLead).ToList();

        // The cast: the three units that owe the most.
        var cast = own.GroupBy(o => o.UnitId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).Take(3).ToList();
        int a = cast[0], b = cast[1], c = cast[2];
        var behindItem = start.Items.First(i => i.LeadUnitIds.SequenceEqual([a]) && i.Targets.Count > 0
            && i.Targets.All(t => YearSimulation.Share(t, 0.5m) != t.Value));
        var consolidatedItems = district == "hongshan"
            ? start.Items.Where(i => i.LeadUnitIds.SequenceEqual([a]) && i.CoUnitIds.Count > 0).Take(2).Select(i => i.Id).ToHashSet()
            : [];
        if (district == "hongshan")
        {
            start.Rules.CoUnitsReportToLead.ShouldBeTrue("洪山's notice: co-units report to the lead unit first");
            parts.ShouldNotBeEmpty();
            consolidatedItems.Count.ShouldBe(2);
        }
        else
        {
            start.Rules.CoUnitsReportToLead.ShouldBeFalse();
        }

        bool remind = district == "jiangan"; // every obligation is a unit's own there: the script knows exactly who owes what
        if (remind)
        {
            foreach (int u in cast)
            {
                await sim.AddAccountsAsync(u);
            }
        }

        var last = deadlines[^1].Period;
        var lateDays = new List<(DateOnly Day, Func<Task> Act)>();
        foreach (var d in deadlines)
        {
            if (remind && d.Period == ReportPeriod.Q2)
            {
                // Three days before: every unit that owes a Q2 report and has not filed it; that is every unit with a Q2 obligation.
                sim.MoveTo(d.Date.AddDays(-3));
                var owing = own.Where(o => o.Period == ReportPeriod.Q2).Select(o => o.UnitId).ToHashSet();
                var mails = await sim.RemindAsync();
                mails.Select(m => m.To).Order(StringComparer.Ordinal).ShouldBe(await MailOfAsync(sim, owing, AppRole.Clerk));
                mails.ShouldAllBe(m => m.Subject.Contains("到期提醒"));
                var hook = sim.Hook.Requests.Last().Json!;
                ((string?)hook["msgtype"]).ShouldBe("text");
                ((string?)hook["text"]!["content"])!.ShouldContain("第二季度");
                var q2 = d;
                lateDays.Add((d.Date.AddDays(1), async () =>
                {
                    // The day after: only B and C have not filed; their clerks are told it is overdue.
                    var late = await sim.RemindAsync();
                    late.Select(m => m.To).Order(StringComparer.Ordinal).ShouldBe(await MailOfAsync(sim, [b, c], AppRole.Clerk));
                    late.ShouldAllBe(m => m.Subject.Contains("逾期"));
                }));
                lateDays.Add((d.Date.AddDays(3), async () =>
                {
                    // Three days late (C filed the day before): B's clerk again, and now B's head.
                    var escalated = await sim.RemindAsync();
                    escalated.Select(m => m.To).Order(StringComparer.Ordinal).ShouldBe(
                        [.. (await MailOfAsync(sim, [b], AppRole.Clerk)).Concat(await MailOfAsync(sim, [b], AppRole.UnitHead)).Order(StringComparer.Ordinal)]);
                }));
            }

            sim.MoveTo(d.Date.AddDays(-2));
            decimal ofYear = ExpectedProgress.OfPeriod(d.Period) / 100m;
            foreach (var o in own.Where(o => o.Period == d.Period).OrderBy(o => o.ItemId).ThenBy(o => o.UnitId))
            {
                var period = o.Period;
                Func<TargetRow, decimal?> actual = t => o.ItemId == behindItem.Id && period == ReportPeriod.Q2 ? Math.Round(t.Value * 0.1m, 2) : YearSimulation.Share(t, ofYear);
                if (o.UnitId == b && period == ReportPeriod.WorkPlan)
                {
                    lateDays.Add((d.Date.AddDays(3), () => sim.FileAsync(o.ItemId, o.UnitId, period)));
                    continue;
                }

                if (o.UnitId == b && period == ReportPeriod.Q2)
                {
                    continue; // never filed
                }

                if (o.UnitId == c && period == ReportPeriod.Q2)
                {
                    lateDays.Add((d.Date.AddDays(2), () => sim.FileAsync(o.ItemId, o.UnitId, period, actual)));
                    continue;
                }

                if (consolidatedItems.Contains(o.ItemId) && period is ReportPeriod.WorkPlan or ReportPeriod.Q2)
                {
                    await ConsolidateAsync(sim, o.ItemId, a, period, parts);
                }

                await sim.FileAsync(o.ItemId, o.UnitId, period, actual, completed: period == last);
            }

            foreach (var (day, act) in lateDays.OrderBy(x => x.Day).ToList())
            {
                sim.MoveTo(day);
                await act();
            }

            lateDays.Clear();

            if (d.Period == ReportPeriod.WorkPlan)
            {
                // The day after the work-plan deadline B was still missing; three days later it filed, late.
                var s = await sim.SnapshotAsync();
                s.Obligations.Where(o => o.Period == ReportPeriod.WorkPlan && !o.PartToLead && o.UnitId == b).ShouldAllBe(o => o.Status == ObligationStatus.Late);
                s.Obligations.Where(o => o.Period == ReportPeriod.WorkPlan && !o.PartToLead && o.UnitId != b).ShouldAllBe(o => o.Status == ObligationStatus.OnTime);
            }

            if (d.Period == ReportPeriod.Q1)
            {
                // Every rate and level was reported at its target after Q1: on track, green, not done (地区生产总值增长5.5%左右 at 5.8 showed 已完成).
                var s = await sim.SnapshotAsync();
                var rates = s.Items.Where(i => i.LeadUnitIds.Count > 0 && i.Targets.Count > 0 && i.Targets.All(t => !TargetKinds.Of(t.ToIndicator()).FollowsTime())).ToList();
                rates.ShouldNotBeEmpty();
                rates.ShouldAllBe(i => i.Status.State == ItemState.OnTrack && i.Status.Rag == Rag.Green);
            }

            if (d.Period == ReportPeriod.Q2)
            {
                sim.MoveTo(d.Date.AddDays(5));
                await CheckQ2Async(sim, d, a, b, c, behindItem.Id, own);
            }
        }

        // The year is over: every item A, C reported complete is done; B's Q2 gap is still recorded as missing.
        sim.MoveTo(deadlines[^1].Date.AddDays(1));
        var end = await sim.SnapshotAsync();
        end.Obligations.Where(o => !o.PartToLead && o.Status == ObligationStatus.Missing).Select(o => (o.UnitId, o.Period)).Distinct()
            .ShouldBe([(b, ReportPeriod.Q2)], ignoreOrder: true);
        // A rate or a level reported complete is not done until the office accepts the year's report; amounts reached are.
        var rated = end.Items.Where(i => i.LeadUnitIds.Count > 0 && i.Targets.Any(t => !TargetKinds.Of(t.ToIndicator()).FollowsTime())).ToList();
        rated.ShouldNotBeEmpty();
        rated.ShouldAllBe(i => i.Status.State != ItemState.Done, "reported complete, the year's report not yet accepted");
        var onTrack = rated.Where(i => i.Status.State == ItemState.OnTrack).ToList();
        onTrack.ShouldNotBeEmpty();
        onTrack.ShouldAllBe(i => i.Status.Reason.Contains("年度报告经督查室审核通过后"));
        rated.Where(i => i.Status.State != ItemState.OnTrack).ShouldAllBe(i => i.Status.State == ItemState.Overdue && i.LeadUnitIds.Contains(b), "only B's, whose Q2 report is missing");
        await sim.WithAsync(async sp =>
        {
            var handOffs = sp.GetRequiredService<FilingHandOffs>();
            var waiting = await sp.GetRequiredService<LuoshiDb>().Filings.Where(f => f.Period == last && f.State == FilingState.AwaitingOffice).ToListAsync();
            waiting.ShouldNotBeEmpty();
            foreach (var f in waiting)
            {
                (await handOffs.ActAsync(f.Id, f.Version, FilingAction.Accept, null, sim.Office)).Failure.ShouldBeNull();
            }

            return true;
        });
        end = await sim.SnapshotAsync();
        end.Items.Where(i => i.Status.State == ItemState.Done).Count().ShouldBe(end.Items.Count(i => i.LeadUnitIds.Count > 0));

        // Every state change was recorded with who and when.
        int events = await sim.WithAsync(db => db.FilingEvents.CountAsync(e => e.Action == "approve"));
        events.ShouldBe(sim.Filed.Count);
    }

    private static Task<List<string>> MailOfAsync(YearSimulation sim, IReadOnlyCollection<int> units, AppRole role) =>
        sim.WithAsync(db => db.Users.Where(u => u.DistrictId == sim.DistrictId && u.Role == role && u.Email != null && u.UnitId != null && units.Contains(u.UnitId.Value))
            .Select(u => u.Email!).OrderBy(e => e).ToListAsync());

    private static async Task ConsolidateAsync(YearSimulation sim, int itemId, int lead, ReportPeriod period, List<ObligationRow> parts)
    {
        foreach (var p in parts.Where(p => p.ItemId == itemId && p.Period == period))
        {
            var part = await sim.FileAsync(itemId, p.UnitId, period, progress: $"配合单位{p.UnitId}的工作情况。");
            part.State.ShouldBe(FilingState.WithLeadUnit, "a co-unit's approved part goes to the lead unit, not the office");
        }

        await sim.WithAsync(async sp =>
        {
            var editing = sp.GetRequiredService<FilingEditing>();
            var consolidation = sp.GetRequiredService<Consolidation>();
            var mine = (await editing.OpenAsync(itemId, lead, period, sim.Clerk(lead))).Value!;
            var done = await consolidation.ConsolidateAsync(mine.Id, mine.Version, sim.Clerk(lead));
            done.Failure.ShouldBeNull();
            foreach (var p in parts.Where(p => p.ItemId == itemId && p.Period == period))
            {
                string name = (await sp.GetRequiredService<LuoshiDb>().Units.SingleAsync(u => u.Id == p.UnitId)).Name;
                done.Value!.Consolidated!.ShouldContain($"【{name}】");
            }

            var states = await sp.GetRequiredService<LuoshiDb>().Filings.Where(f => f.ItemId == itemId && f.Period == period && f.IsCoUnitPart).Select(f => f.State).ToListAsync();
            states.ShouldAllBe(s => s == FilingState.Consolidated);
            return true;
        });
    }

    private static async Task CheckQ2Async(YearSimulation sim, Deadline q2, int a, int b, int c, int behindItem, List<ObligationRow> own)
    {
        var s = await sim.SnapshotAsync();

        // The item that reported 10% of its annual amount at half-year is behind, red.
        var item = s.Item(behindItem);
        item.Status.State.ShouldBe(ItemState.Behind);
        item.Status.Rag.ShouldBe(Rag.Red);
        item.Status.ExpectedPercent.ShouldBe(50);

        // Who was late on Q2, from the script's own record: owed a Q2 filing and did not file it by the deadline.
        var expectedLate = own.Where(o => o.Period == ReportPeriod.Q2)
            .Where(o => !sim.Filed.TryGetValue((o.ItemId, o.UnitId, o.Period), out var day) || day > q2.Date)
            .Select(o => s.UnitName(o.UnitId)).Distinct().Order(StringComparer.Ordinal).ToList();
        expectedLate.ShouldBe([s.UnitName(b), s.UnitName(c)], ignoreOrder: true);

        var circular = await sim.WithAsync(async sp => (await sp.GetRequiredService<CircularService>().CreateDraftAsync(sim.DistrictId, ReportPeriod.Q2, sim.Office)));
        circular.Failure.ShouldBeNull();
        JsonSerializer.Deserialize<List<string>>(circular.Value!.LateUnits)!.Order(StringComparer.Ordinal).ShouldBe(expectedLate);
        var body = circular.Value!.Body;
        body.ShouldContain(s.UnitName(b));
        body.ShouldContain(s.UnitName(c));
        foreach (var unit in s.Units.Where(u => u.Id != b && u.Id != c))
        {
            // No other unit is named as late (a unit may appear as the lead unit of an item behind).
            LateSection(body).ShouldNotContain(unit.Name);
        }

        byte[] docx = await sim.WithAsync(async sp =>
        {
            var service = sp.GetRequiredService<CircularService>();
            return OfficialDocumentWriter.WriteDocx(await service.DocumentAsync(circular.Value!));
        });
        using (var doc = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            string text = doc.MainDocumentPart!.Document!.Body!.InnerText;
            text.ShouldContain(circular.Value!.Title);
            text.ShouldContain(s.UnitName(b));
            text.ShouldContain(s.UnitName(c));
        }

        // Scores for Q2 with the default scheme (30/20/30/20), no grades yet → the three measured criteria are scaled by 100/80.
        var scores = ScoreRules.Compute(s, new ScoreScheme(), [ReportPeriod.Q2], []);
        var byUnit = scores.ToDictionary(x => x.UnitId);
        byUnit[a].Parts[0].Points.ShouldBe(37.5m, "A: every Q2 report on time → 1 × 30 × 1.25");
        byUnit[c].Parts[0].Points.ShouldBe(18.75m, "C: every Q2 report late → ½ × 30 × 1.25");
        byUnit[b].Parts[0].Points.ShouldBe(0m, "B: no Q2 report → 0");
        byUnit[a].Parts[1].Points.ShouldBe(25m, "A: every report with its numbers → 1 × 20 × 1.25");
        byUnit[b].Parts[1].Points.ShouldBe(0m);
        byUnit[b].Parts[3].Working.ShouldContain("督查室未评定");
        byUnit[b].Rank.ShouldBe(scores.Max(x => x.Rank), "B, which filed nothing for Q2, ranks last");
        foreach (var x in scores)
        {
            x.Total.ShouldBe(x.Parts.Sum(p => p.Points));
        }
    }

    /// <summary>The part of the circular's text that lists the late units (二、… up to 三、).</summary>
    private static string LateSection(string body)
    {
        int from = body.IndexOf("二、", StringComparison.Ordinal);
        int to = body.IndexOf("三、", from + 2, StringComparison.Ordinal);
        return from < 0 ? string.Empty : to < 0 ? body[from..] : body[from..to];
    }
}
