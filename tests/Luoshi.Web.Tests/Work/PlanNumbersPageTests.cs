using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Supervision;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Tests.Year;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Luoshi.Web.Features.Work;
using static Luoshi.Web.Tests.Work.WorkClient;

namespace Luoshi.Web.Tests.Work;

/// <summary>
/// Issue 11.2 and 11.3 through the pages, on Hongshan's notice (co-units report to the lead unit first), on both databases and a moved
/// clock. The lead unit's work plan form: a quarterly value that is not a number and co-units' shares above the target are refused with
/// nothing saved, the shares are saved once confirmed, a stale version is a conflict with the typed numbers kept; a co-unit without a share
/// from the lead states its own. Then the quarterly values are the 序时 targets of the Q1 report forms (the lead's 10%, the co-unit's own
/// 50% of its share), and the lead's Q1 page shows each co-unit's share, value, state and evidence file, its own value and the sum; the
/// file downloads for the lead and for nobody outside the item's lead units.
/// </summary>
public partial class PlanNumbersPageTests
{
    private const string Password = "Sim#2026pass";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WorkPlanNumbers_AreValidatedAndSaved_ThenDriveTheReportForms_AndTheLeadSeesItsCoUnitsWithTheSum(DatabaseProvider provider)
    {
        await using var sim = await YearSimulation.StartAsync(provider, "hongshan", new DateOnly(2026, 1, 12));
        var start = await sim.SnapshotAsync();
        var item = start.Items.First(i => i.LeadUnitIds.Count == 1 && i.CoUnitIds.Distinct().Count() >= 2
            && i.Targets.Count > 0 && TargetKinds.Of(i.Targets[0].ToIndicator()).FollowsTime());
        int lead = item.LeadUnitIds[0], c1 = item.CoUnitIds[0], c2 = item.CoUnitIds.First(u => u != c1);
        int other = start.Units.First(u => !item.LeadUnitIds.Contains(u.Id) && !item.CoUnitIds.Contains(u.Id)).Id;
        foreach (int u in new[] { lead, c1, c2, other })
        {
            await sim.AddAccountsAsync(u);
        }

        var t = item.Targets[0];
        decimal q = Math.Round(t.Value * 0.1m, 2), share1 = Math.Round(t.Value * 0.04m, 2), share2 = Math.Round(t.Value * 0.02m, 2);
        decimal v1 = Math.Round(share1 * 0.8m, 2), own = q - v1;
        var deadlines = start.Rules.Deadlines.OrderBy(d => d.Date).ToList();
        sim.MoveTo(deadlines.First(d => d.Period == ReportPeriod.WorkPlan).Date.AddDays(-2));

        using var clerk = await SignInAsync(sim, $"sim.clerk.{lead}");
        using var stale = await SignInAsync(sim, $"sim.clerk.{lead}");
        string plan = Url(item.Id, lead, "WorkPlan");
        string html = await clerk.GetStringAsync(plan);
        string staleVersion = Version(await stale.GetStringAsync(plan));
        Text(html).ShouldContain("季度计划值");
        Text(html).ShouldContain("当季量，不是累计数");
        Text(html).ShouldContain("分解到配合单位的任务量");
        Text(html).ShouldContain(start.UnitName(c1));
        (string, string)[] Form(string version, string q1, string s1, string s2, bool confirm = false) =>
        [
            ("version", version), ("Input.Steps[0].Quarter", "1"), ("Input.Steps[0].Content", "推进项目建设"), ("Input.Steps[0].Due", "3月底"),
            .. PlanFields(html, t.Id, lead, ("Q1", q1), ("Q2", N(q)), ("Q3", N(q)), ("Q4", N(t.Value - 3 * q))),
            .. PlanFields(html, t.Id, c1, ("Share", s1)), .. PlanFields(html, t.Id, c2, ("Share", s2)),
            .. confirm ? new[] { ("Input.ConfirmShares", "true") } : [],
        ];
        Task<int> Stored() => sim.WithAsync(db => db.PlannedTargets.CountAsync(x => db.Filings.Any(f => f.Id == x.FilingId && f.ItemId == item.Id)));
        string v = Version(html);

        // A quarterly value that is not a number: refused, typed text kept, nothing saved (not the steps either).
        using (var r = await PostAsync(clerk, Url(item.Id, lead, "WorkPlan", "Save"), Form(v, "一千", N(share1), "")))
        {
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            string page = await r.Content.ReadAsStringAsync();
            Error(page).ShouldBe($"“{t.Measure}”一季度计划值“一千”不是数字，请填写数字（如 2500），不填表示该季度不安排。");
            Text(page).ShouldContain("value=\"一千\"");
        }

        (await Stored()).ShouldBe(0);
        WorkSteps.Parse(await StepsAsync(sim, item.Id, lead)).ShouldBeEmpty();

        // Shares above the target: refused with the box to tick; ticked, saved.
        decimal most = Math.Round(t.Value * 0.6m, 2);
        using (var r = await PostAsync(clerk, Url(item.Id, lead, "WorkPlan", "Save"), Form(v, N(q), N(most), N(most))))
        {
            string page = await r.Content.ReadAsStringAsync();
            Error(page)!.ShouldContain($"分解给配合单位的任务合计（{N(2 * most)}{t.Unit}）超过目标值");
            Error(page)!.ShouldContain(FilingEditing.SharesAboveTargetConfirmation);
            Text(page).ShouldContain("name=\"Input.ConfirmShares\"");
        }

        (await Stored()).ShouldBe(0);
        await StepAsync(clerk, Url(item.Id, lead, "WorkPlan", "Save"), Form(v, N(q), N(most), N(most), confirm: true));
        (await Stored()).ShouldBe(3);

        // The other session's form is stale: a conflict, its numbers kept in the form, the stored ones beside it, nothing overwritten.
        using (var r = await PostAsync(stale, Url(item.Id, lead, "WorkPlan", "Save"), Form(staleVersion, "777", N(share1), "")))
        {
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            string page = Text(await r.Content.ReadAsStringAsync());
            Error(page)!.ShouldContain("您的修改没有保存");
            page.ShouldContain("value=\"777\"");
            page.ShouldContain("当前已保存的版本");
            page.ShouldContain(N(most) + " " + t.Unit, Case.Sensitive, "the stored share, read-only beside the form");
        }

        (await SharesAsync(sim, item.Id, lead)).ShouldBe([(c1, most), (c2, most)], ignoreOrder: true);

        // The real plan: c1 gets its share, c2 none (it states its own); submitted, approved by the head through the pages.
        html = await clerk.GetStringAsync(plan);
        await StepAsync(clerk, Url(item.Id, lead, "WorkPlan", "Submit"), Form(Version(html), N(q), N(share1), ""));
        (await SharesAsync(sim, item.Id, lead)).ShouldBe([(c1, share1)]);
        using (var head = await SignInAsync(sim, $"sim.head.{lead}"))
        {
            string read = Text(await head.GetStringAsync(plan));
            read.ShouldContain("全年计划");
            read.ShouldContain(N(t.Value) + " " + t.Unit);
            read.ShouldContain(TargetShares.NotSplit, Case.Sensitive, "c2 has no share from the lead");
            await StepAsync(head, Url(item.Id, lead, "WorkPlan", "Approve"), ("version", Version(read)));
        }

        using (var co1 = await SignInAsync(sim, $"sim.clerk.{c1}"))
        {
            Text(await co1.GetStringAsync(Url(item.Id, c1, "WorkPlan"))).ShouldContain($"牵头单位分解 {N(share1)} {t.Unit}");
        }

        using (var co2 = await SignInAsync(sim, $"sim.clerk.{c2}"))
        {
            string page = await co2.GetStringAsync(Url(item.Id, c2, "WorkPlan"));
            Text(page).ShouldContain("本单位分解任务量");
            (string, string)[] fields = [("version", Version(page)), ("Input.Steps[0].Quarter", "1"), ("Input.Steps[0].Content", "配合推进"),
                .. PlanFields(page, t.Id, c2, ("Share", N(share2)), ("Q1", N(share2 / 2)))];
            await StepAsync(co2, Url(item.Id, c2, "WorkPlan", "Submit"), fields);
            using var head2 = await SignInAsync(sim, $"sim.head.{c2}");
            await StepAsync(head2, Url(item.Id, c2, "WorkPlan", "Approve"), ("version", Version(await head2.GetStringAsync(Url(item.Id, c2, "WorkPlan")))));
        }

        // Q1: c1 hands over its value with a file; c2 has not reported.
        var q1 = deadlines.First(d => d.Period == ReportPeriod.Q1);
        sim.MoveTo(q1.Date.AddDays(-3));
        byte[] photo = TestPdf.WithText("parking photo");
        int evidenceId = await sim.WithAsync(async sp =>
        {
            var f = (await sp.GetRequiredService<FilingEditing>().OpenAsync(item.Id, c1, ReportPeriod.Q1, sim.Clerk(c1))).Value!;
            var e = await sp.GetRequiredService<EvidenceStore>().AttachAsync(f.Id, "停车场照片.pdf", photo, sim.Clerk(c1));
            return e.Failure is null ? e.Value!.Id : throw new InvalidOperationException(e.Failure.Message);
        });
        (await sim.FileAsync(item.Id, c1, ReportPeriod.Q1, x => x.Id == t.Id ? v1 : null)).State.ShouldBe(FilingState.WithLeadUnit);

        // The report forms hold each unit to its own plan: the lead to its 10% in Q1, c2 to half of its own share.
        using var leadQ1 = await SignInAsync(sim, $"sim.clerk.{lead}");
        string report = Url(item.Id, lead, "Q1");
        html = await leadQ1.GetStringAsync(report);
        Text(html).ShouldContain($"10%（约 {N(Math.Round(t.Value * 0.1m, 2))} {t.Unit}）");
        await StepAsync(leadQ1, Url(item.Id, lead, "Q1", "Submit"), ("version", Version(html)), ("Input.Progress", "一季度推进顺利。"), ("Input.Problems", "无。"),
            ("Input.Actuals[" + N(t.Id) + "]", N(own)));
        await sim.WithAsync(async sp =>
        {
            var f = await sp.GetRequiredService<LuoshiDb>().Filings.AsNoTracking().SingleAsync(x => x.ItemId == item.Id && x.UnitId == lead && x.Period == ReportPeriod.Q1);
            (await sp.GetRequiredService<FilingHandOffs>().ActAsync(f.Id, f.Version, FilingAction.Approve, null, sim.Head(lead))).Failure.ShouldBeNull();
            return true;
        });
        html = Text(await leadQ1.GetStringAsync(report));
        string table = Regex.Match(html, "<table class=\"co-figures cards\">.*?</table>", RegexOptions.Singleline).Value;
        table.ShouldNotBeEmpty();
        string Row(string cls, int? unit = null) => Regex.Match(table, $"<tr class=\"{cls}\"{(unit is int u ? $" data-unit=\"{N(u)}\"" : "")}>.*?</tr>", RegexOptions.Singleline).Value;
        string r1 = Row("co-unit", c1), r2 = Row("co-unit", c2);
        r1.ShouldContain(start.UnitName(c1));
        r1.ShouldContain($"{N(share1)} {t.Unit}");
        r1.ShouldContain($"<div class=\"co-value\">{N(v1)} {t.Unit}</div>");
        r1.ShouldContain($"完成 {N((int)Math.Floor(v1 / share1 * 100m))}%（序时 25%）");
        r1.ShouldContain(FilingFlow.Label(FilingState.WithLeadUnit));
        r1.ShouldContain($"href=\"/Work/Evidence/{N(evidenceId)}\">停车场照片.pdf</a>");
        r2.ShouldContain($"{N(share2)} {t.Unit}", Case.Sensitive, "c2's own share, from its own plan");
        r2.ShouldContain("尚未报来");
        r2.ShouldContain(WorkLabels.State(null));
        Row("co-own").ShouldContain($"<div class=\"own-value\">{N(own)} {t.Unit}</div>");
        Row("co-sum").ShouldContain($"{N(own + v1)} {t.Unit}");
        Row("co-sum").ShouldContain($"占目标 {N((int)Math.Floor((own + v1) / t.Value * 100m))}%");
        html.ShouldContain("按季度工作安排", Case.Sensitive, "the item's status says it follows the planned quarters");

        using (var co2 = await SignInAsync(sim, $"sim.clerk.{c2}"))
        {
            string page = Text(await co2.GetStringAsync(Url(item.Id, c2, "Q1")));
            page.ShouldContain($"50%（约 {N(Math.Round(share2 * 0.5m, 2))} {t.Unit}）");

            // A sibling co-unit sees neither the lead's report nor c1's file.
            (await co2.GetAsync(report)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await co2.GetAsync("/Work/Evidence/" + N(evidenceId))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // The lead downloads c1's file; a unit outside the item does not.
        using (var file = await leadQ1.GetAsync("/Work/Evidence/" + N(evidenceId)))
        {
            file.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await file.Content.ReadAsByteArrayAsync()).ShouldBe(photo);
        }

        using var outsider = await SignInAsync(sim, $"sim.clerk.{other}");
        (await outsider.GetAsync("/Work/Evidence/" + N(evidenceId))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.GetAsync(report)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string N(decimal v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static async Task<HttpClient> SignInAsync(YearSimulation sim, string user)
    {
        var client = sim.Clocked.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await LuoshiWebFactory.SignInAsync(client, user, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "sign-in as " + user);
        return client;
    }

    /// <summary>The form fields of the work plan's row for (target, unit), found by the hidden ids the page writes.</summary>
    private static IEnumerable<(string, string)> PlanFields(string html, int indicatorId, int unitId, params (string Field, string Value)[] values)
    {
        var m = PlanRow().Matches(html).FirstOrDefault(x => x.Groups[2].Value == N(indicatorId) && x.Groups[3].Value == N(unitId));
        m.ShouldNotBeNull($"no plan row for target {indicatorId}, unit {unitId}");
        string i = m.Groups[1].Value;
        return [($"Input.Plan[{i}].IndicatorId", N(indicatorId)), ($"Input.Plan[{i}].UnitId", N(unitId)), .. values.Select(x => ($"Input.Plan[{i}].{x.Field}", x.Value))];
    }

    private static Task<string> StepsAsync(YearSimulation sim, int item, int unit) =>
        sim.WithAsync(db => db.Filings.Where(f => f.ItemId == item && f.UnitId == unit && f.Period == ReportPeriod.WorkPlan).Select(f => f.StepsJson).SingleAsync());

    private static Task<List<(int, decimal)>> SharesAsync(YearSimulation sim, int item, int unit) => sim.WithAsync(async (LuoshiDb db) =>
        (await db.PlannedTargets.Where(x => x.UnitId != unit && db.Filings.Any(f => f.Id == x.FilingId && f.ItemId == item && f.UnitId == unit))
            .Select(x => new { x.UnitId, x.Share }).ToListAsync()).Select(x => (x.UnitId, x.Share ?? 0m)).ToList());

    [GeneratedRegex("name=\"Input\\.Plan\\[(\\d+)\\]\\.IndicatorId\" value=\"(\\d+)\" />\\s*<input type=\"hidden\" name=\"Input\\.Plan\\[\\1\\]\\.UnitId\" value=\"(\\d+)\"")]
    private static partial Regex PlanRow();
}
