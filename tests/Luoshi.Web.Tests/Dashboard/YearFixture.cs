using System.Net;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Tests.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Dashboard;

/// <summary>
/// Jiang'an's demo year, played through FilingEditing and FilingHandOffs on a clock the test moves: 区发展和改革局 (FGJ) files the work plans
/// of items A and T on time and B's late; reports on A (no numbers) and on T (a tenth of every target) for Q1 and Q2 on
/// time; nobody else files anything. FGJ's leader in charge is set to the demo leader. The clock then stands on
/// <see cref="CheckDate"/>: Q2's deadline has passed, Q3's is within a week.
/// </summary>
public abstract class YearFixture : IAsyncLifetime
{
    public const string District = "jiangan";
    public const string Fgj = "区发展和改革局";
    public const string Swj = "区商务局";

    private readonly DatabaseProvider _provider;
    private ManualClock _clock = null!;

    protected YearFixture(DatabaseProvider provider) => _provider = provider;

    public LuoshiWebFactory App { get; private set; } = null!;

    public WebApplicationFactory<Program> Clocked { get; private set; } = null!;

    public IReadOnlyList<Deadline> Deadlines { get; private set; } = [];

    public DateOnly CheckDate { get; private set; }

    public int FgjId { get; private set; }

    public int SwjId { get; private set; }

    public ItemFacts A { get; private set; } = null!;

    public ItemFacts B { get; private set; } = null!;

    public ItemFacts T { get; private set; } = null!;

    /// <summary>Every item of the plan: its part, lead units and targets, read from the database.</summary>
    public IReadOnlyList<ItemFacts> Items { get; private set; } = [];

    /// <summary>Whether a co-unit files anything of its own in this district (the notice's and the settings' rule).</summary>
    public bool CoUnitsFile { get; private set; }

    public sealed record ItemFacts(int Id, int Seq, int PartIndex, IReadOnlyList<int> Leads, IReadOnlyList<int> Cos, IReadOnlyList<(int Id, decimal Value, Luoshi.Parsing.Indicators.IndicatorSense Sense)> Targets);

    public async Task InitializeAsync()
    {
        _clock = new ManualClock(new DateTimeOffset(2026, 1, 5, 2, 0, 0, TimeSpan.Zero));
        App = new LuoshiWebFactory(_provider);
        Clocked = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        _ = Clocked.Server;

        using (var scope = Clocked.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
            int districtId = await db.Districts.Where(d => d.Code == District).Select(d => d.Id).SingleAsync();
            FgjId = await db.Units.Where(u => u.DistrictId == districtId && u.Name == Fgj).Select(u => u.Id).SingleAsync();
            SwjId = await db.Units.Where(u => u.DistrictId == districtId && u.Name == Swj).Select(u => u.Id).SingleAsync();
            var plan = await db.Plans.Where(p => p.DistrictId == districtId).SingleAsync();
            var items = await (from i in db.PlanItems
                               join p in db.PlanParts on i.PartId equals p.Id
                               where i.PlanId == plan.Id
                               orderby i.Seq
                               select new
                               {
                                   i.Id,
                                   i.Seq,
                                   p.Index,
                                   Units = i.Units.Select(u => new { u.UnitId, u.Role }).ToList(),
                                   Targets = i.Indicators.OrderBy(x => x.Seq).Select(x => new { x.Id, x.Value, x.Sense }).ToList(),
                               }).ToListAsync();
            Items = [.. items.Select(i => new ItemFacts(i.Id, i.Seq, i.Index,
                [.. i.Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.UnitId)],
                [.. i.Units.Where(u => u.Role == UnitRole.Co).Select(u => u.UnitId)],
                [.. i.Targets.Select(t => (t.Id, t.Value, t.Sense))]))];
            var rules = await YearRules.LoadAsync(db, districtId, plan.Id);
            Deadlines = rules.Deadlines;
            CoUnitsFile = rules.Participation(UnitRole.Co) != Participation.None;

            var soleFgj = Items.Where(i => i.Leads.Count == 1 && i.Leads[0] == FgjId).ToList();
            A = soleFgj.First(i => i.Targets.Count == 0);
            T = soleFgj.First(i => i.Targets.Count > 0 && i.Targets.All(t => t.Value > 0));
            B = soleFgj.First(i => i != A && i != T);

            // FGJ's leader in charge: the demo leader (with the revision bumped, as every change to the year must).
            string leaderId = await db.Users.Where(u => u.UserName == "jiangan.leader").Select(u => u.Id).SingleAsync();
            await db.Units.Where(u => u.Id == FgjId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LeaderUserId, leaderId));
            await Luoshi.Core.Features.Districts.DistrictRevision.BumpAsync(db, districtId);
        }

        var wp = Due(ReportPeriod.WorkPlan);
        var q1 = Due(ReportPeriod.Q1);
        var q2 = Due(ReportPeriod.Q2);
        var q3 = Due(ReportPeriod.Q3);

        MoveTo(wp.AddDays(-3));
        await FileAsync(A, ReportPeriod.WorkPlan, 0m);
        await FileAsync(T, ReportPeriod.WorkPlan, 0m);
        MoveTo(wp.AddDays(4));
        await FileAsync(B, ReportPeriod.WorkPlan, 0m);
        MoveTo(q1.AddDays(-2));
        await FileAsync(A, ReportPeriod.Q1, null);
        await FileAsync(T, ReportPeriod.Q1, 0.1m);
        MoveTo(q2.AddDays(-1));
        await FileAsync(A, ReportPeriod.Q2, null);
        await FileAsync(T, ReportPeriod.Q2, 0.1m);

        CheckDate = q3.AddDays(-5);
        MoveTo(CheckDate);
    }

    public DateOnly Due(ReportPeriod period) => Deadlines.Single(d => d.Period == period).Date;

    /// <summary>A client signed in now (the clock has moved months; a cookie from before would have expired).</summary>
    public async Task<HttpClient> ClientAsync(string userName)
    {
        var client = Clocked.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var r = await LuoshiWebFactory.SignInAsync(client, userName, Infrastructure.DemoData.DemoPassword);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, "sign-in as " + userName);
        return client;
    }

    /// <summary>The items a unit files for (lead; co too where co-units file).</summary>
    public IEnumerable<ItemFacts> ItemsFiledBy(int unitId) => Items.Where(i => i.Leads.Contains(unitId) || (CoUnitsFile && i.Cos.Contains(unitId)));

    /// <summary>Sets the clock to 10:00 in the districts on <paramref name="day"/> (backwards too).</summary>
    public void MoveTo(DateOnly day)
    {
        var at = new DateTimeOffset(day.Year, day.Month, day.Day, 2, 0, 0, TimeSpan.Zero); // 10:00 in the districts
        _clock.Advance(at - _clock.GetUtcNow());
    }

    /// <summary>FGJ's clerk writes and submits, its head approves (the date that counts). Actuals: that fraction of each target.</summary>
    private async Task FileAsync(ItemFacts item, ReportPeriod period, decimal? fraction)
    {
        using var scope = Clocked.Services.CreateScope();
        var editing = scope.ServiceProvider.GetRequiredService<FilingEditing>();
        var handOffs = scope.ServiceProvider.GetRequiredService<FilingHandOffs>();
        var clerk = new Actor("jiangan.fgj.clerk", "填报人", AppRole.Clerk, await DistrictIdAsync(scope), FgjId);
        var head = clerk with { UserName = "jiangan.fgj.head", Role = AppRole.UnitHead };
        var opened = await editing.OpenAsync(item.Id, FgjId, period, clerk);
        opened.Ok.ShouldBeTrue(opened.Failure?.Message);
        var f = opened.Value!;
        var edit = period == ReportPeriod.WorkPlan
            ? new FilingEdit(Steps: [new WorkStep(null, "制定工作方案并组织实施", "12月底前")])
            : new FilingEdit(Progress: "按计划推进。", Problems: "无。",
                Actuals: fraction is { } k ? item.Targets.ToDictionary(t => t.Id, t => (decimal?)(t.Sense == Luoshi.Parsing.Indicators.IndicatorSense.AtMost ? t.Value / k : t.Value * k)) : null);
        var saved = await editing.SaveAsync(f.Id, f.Version, edit, clerk);
        saved.Ok.ShouldBeTrue(saved.Failure?.Message);
        var submitted = await handOffs.ActAsync(f.Id, saved.Value!.Version, FilingAction.Submit, null, clerk);
        submitted.Ok.ShouldBeTrue(submitted.Failure?.Message);
        var approved = await handOffs.ActAsync(f.Id, submitted.Value!.Version, FilingAction.Approve, null, head);
        approved.Ok.ShouldBeTrue(approved.Failure?.Message);
        approved.Value!.State.ShouldBe(FilingState.AwaitingOffice);
    }

    private static Task<int> DistrictIdAsync(IServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<LuoshiDb>().Districts.Where(d => d.Code == District).Select(d => d.Id).SingleAsync();

    public async Task DisposeAsync()
    {
        await Clocked.DisposeAsync();
        await App.DisposeAsync();
    }
}

public sealed class SqliteYearFixture() : YearFixture(DatabaseProvider.Sqlite);

public sealed class PostgresYearFixture() : YearFixture(DatabaseProvider.Postgres);
