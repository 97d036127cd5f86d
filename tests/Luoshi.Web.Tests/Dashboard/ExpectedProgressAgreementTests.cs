using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Work;
using Luoshi.Core.Features.Supervision;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Dashboard;

/// <summary>
/// Property over every day of 2026, on SQLite and PostgreSQL: for the fixture's item T (FGJ reports a tenth of every
/// target for Q1 on 04-08 and for Q2 on 07-09), the dashboard, the report form and the supervision view (the year
/// snapshot) give the same 序时进度 and the same colour, and both are what docs/calendar.md says, worked out here from
/// the dates alone. Issue 9: on 2026-07-03 the dashboard said 25% while the Q2 report form said 50%.
/// </summary>
public abstract class ExpectedProgressAgreementTests(YearFixture year)
{
    [Fact]
    public async Task EveryDayOf2026_DashboardFormAndSupervision_AgreeOnExpectedProgressAndColour()
    {
        var q1Filed = year.Due(ReportPeriod.Q1).AddDays(-2);
        var q2Filed = year.Due(ReportPeriod.Q2).AddDays(-1);
        var wrong = new List<string>();
        try
        {
            for (var day = new DateOnly(2026, 1, 1); day.Year == 2026; day = day.AddDays(1))
            {
                year.MoveTo(day);
                using var scope = year.Clocked.Services.CreateScope();
                var sp = scope.ServiceProvider;
                var db = sp.GetRequiredService<LuoshiDb>();
                var queries = sp.GetRequiredService<YearQueries>();
                int districtId = await db.Districts.Where(d => d.Code == YearFixture.District).Select(d => d.Id).SingleAsync();
                var snapshot = (await queries.SnapshotAsync(districtId))!;
                var dashboard = sp.GetRequiredService<DashboardCache>().For(snapshot).Data;
                var supervision = snapshot.Item(year.T.Id).Status;

                // By hand: the share of the year whose quarters have ended; the latest report held to its own period.
                int quartersEnded = (day.Month - 1) / 3;
                ReportPeriod? latest = day >= q2Filed ? ReportPeriod.Q2 : day >= q1Filed ? ReportPeriod.Q1 : null;
                int share = latest switch { ReportPeriod.Q2 => 50, ReportPeriod.Q1 => 25, _ => 25 * quartersEnded };
                var formPeriod = latest ?? ReportPeriod.Q1;
                var page = await new FilingQueries(db, sp.GetRequiredService<FilingEditing>(), queries)
                    .LoadAsync(year.T.Id, year.FgjId, formPeriod, Office(districtId), open: false, default);

                string at = $"{day:yyyy-MM-dd}: ";
                Check(dashboard.ExpectedPercent == 25 * quartersEnded, at + $"dashboard 序时进度 {dashboard.ExpectedPercent}%, expected {25 * quartersEnded}%");
                Check(page is not null, at + "no form");
                if (page is null)
                {
                    continue;
                }

                // The form of the quarter just ended, filed between its end and its deadline, says what the dashboard says.
                foreach (var q in new[] { ReportPeriod.Q1, ReportPeriod.Q2, ReportPeriod.Q3 })
                {
                    int qEnd = ExpectedProgress.OfPeriod(q) / 25 * 3;
                    if (day > new DateOnly(2026, qEnd, DateTime.DaysInMonth(2026, qEnd)) && day <= year.Due(q))
                    {
                        var form = await new FilingQueries(db, sp.GetRequiredService<FilingEditing>(), queries)
                            .LoadAsync(year.T.Id, year.FgjId, q, Office(districtId), open: false, default);
                        Check(form!.Targets.All(t => t.ExpectedPercent == dashboard.ExpectedPercent),
                            at + $"{q} form 序时进度 {string.Join(",", form.Targets.Select(t => t.ExpectedPercent))}%, dashboard {dashboard.ExpectedPercent}%");
                    }
                }

                var rows = dashboard.Targets.Where(t => t.ItemId == year.T.Id).ToList();
                Check(rows.Count == page.Targets.Count, at + $"{rows.Count} dashboard rows, {page.Targets.Count} form targets");
                int worstGap = -1;
                for (int k = 0; k < rows.Count && k < page.Targets.Count; k++)
                {
                    var f = page.Targets[k];
                    int formExpected = f.IsLevel ? 100 : f.ExpectedPercent;
                    int byHand = TargetKinds.Of(f.Unit, f.Sense) == TargetKind.Amount ? share : 100;
                    if (latest is not null)
                    {
                        Check(formExpected == byHand, at + $"target {k}: form {formExpected}%, by hand {byHand}%");
                        worstGap = Math.Max(worstGap, byHand - 10);
                    }

                    Check(rows[k].Expected == byHand, at + $"target {k}: dashboard {rows[k].Expected}%, by hand {byHand}%");
                }

                var thresholds = snapshot.Rules.Settings.Thresholds();
                var colour = day > year.Due(ReportPeriod.Q3) ? Rag.Red // Q3 not filed
                    : latest is null ? Rag.None
                    : worstGap >= thresholds.RedPoints ? Rag.Red : worstGap >= thresholds.AmberPoints ? Rag.Amber : Rag.Green;
                Check(supervision.Rag == colour, at + $"supervision {supervision.Rag}, by hand {colour}");
                Check(page.ItemStatus?.Status.Rag == supervision.Rag, at + $"form shows {page.ItemStatus?.Status.Rag}, supervision {supervision.Rag}");
                Check(latest is null || rows.Select(r => Enum.Parse<Rag>(r.Rag)).Max() == colour || supervision.State == ItemState.Overdue,
                    at + $"dashboard target colours {string.Join(",", rows.Select(r => r.Rag))}, item {colour}");
                if (supervision.State is ItemState.Behind or ItemState.OnTrack)
                {
                    Check(supervision.ExpectedPercent == rows.Select(r => r.Expected).Max(), at + $"supervision 序时进度 {supervision.ExpectedPercent}%, dashboard {rows.Select(r => r.Expected).Max()}%");
                }
            }
        }
        finally
        {
            year.MoveTo(year.CheckDate);
        }

        wrong.ShouldBeEmpty();

        void Check(bool ok, string what)
        {
            if (!ok && wrong.Count < 40)
            {
                wrong.Add(what);
            }
        }
    }

    private static Actor Office(int districtId) => new("jiangan.office", "督查室", AppRole.Office, districtId, null);
}

public sealed class ExpectedProgressAgreementSqliteTests(SqliteYearFixture year) : ExpectedProgressAgreementTests(year), IClassFixture<SqliteYearFixture>;

public sealed class ExpectedProgressAgreementPostgresTests(PostgresYearFixture year) : ExpectedProgressAgreementTests(year), IClassFixture<PostgresYearFixture>;
