using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Work;
using Luoshi.Core.Features.Supervision;
using Luoshi.Parsing.Calendar;
using Luoshi.Parsing.Indicators;
using Luoshi.TestSupport;
using Luoshi.Web.Infrastructure.Reminders;
using Luoshi.Web.Tests.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Year;

/// <summary>
/// Drives a district's year through the real services on a moved clock: every unit that owes a filing files it
/// (open, write, submit, head approves) on the day the script says. The script records what it did, so the test
/// knows, independently of the program, who was on time, late or missing.
/// </summary>
public sealed class YearSimulation : IAsyncDisposable
{
    private readonly LuoshiWebFactory _app;

    private YearSimulation(LuoshiWebFactory app, WebApplicationFactory<Program> clocked, ManualClock clock, string district, SmtpSink smtp, WebhookReceiver hook)
    {
        _app = app;
        Smtp = smtp;
        Hook = hook;
        Clocked = clocked;
        Clock = clock;
        DistrictCode = district;
    }

    public WebApplicationFactory<Program> Clocked { get; }

    /// <summary>A real SMTP server the app sends its reminders to.</summary>
    public SmtpSink Smtp { get; }

    /// <summary>A real HTTP server standing in for the work messenger's robot.</summary>
    public WebhookReceiver Hook { get; }

    public ManualClock Clock { get; }

    public string DistrictCode { get; }

    public int DistrictId { get; private set; }

    /// <summary>What the script filed: (item, unit, period) → the day the head approved it.</summary>
    public Dictionary<(int Item, int Unit, ReportPeriod Period), DateOnly> Filed { get; } = [];

    public static async Task<YearSimulation> StartAsync(DatabaseProvider provider, string district, DateOnly start)
    {
        var clock = new ManualClock(At(start));
        var smtp = SmtpSink.Start();
        var hook = await WebhookReceiver.StartAsync();
        var app = new LuoshiWebFactory(provider);
        var clocked = app.WithWebHostBuilder(b =>
        {
            b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Mail:Host"] = smtp.Host,
                ["Mail:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mail:From"] = "duchashi@example.gov.cn",
                [Core.Features.Notifications.OutboundPolicy.Section + ":0"] = "127.0.0.1", // the webhook receiver
            }));
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        var sim = new YearSimulation(app, clocked, clock, district, smtp, hook);
        sim.DistrictId = await sim.WithAsync(db => db.Districts.Where(d => d.Code == district).Select(d => d.Id).SingleAsync());
        await sim.WithAsync(async db =>
        {
            var settings = await db.DistrictSettings.FirstOrDefaultAsync(x => x.DistrictId == sim.DistrictId);
            if (settings is null)
            {
                settings = new DistrictSettings { DistrictId = sim.DistrictId };
                db.DistrictSettings.Add(settings);
            }

            settings.WebhookUrl = hook.Url("cgi-bin/webhook/send?key=sim").ToString();
            settings.WebhookFormat = "WeCom";
            await db.SaveChangesAsync();
            return 0;
        });
        return sim;
    }

    /// <summary>10:00 China time on the day.</summary>
    public static DateTimeOffset At(DateOnly day) => new(day.Year, day.Month, day.Day, 10, 0, 0, TimeSpan.FromHours(8));

    public DateOnly Today => DistrictClock.Today(Clock);

    public void MoveTo(DateOnly day)
    {
        var delta = At(day) - Clock.GetUtcNow();
        delta.ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero, "the simulation only moves forward");
        Clock.Advance(delta);
    }

    public async Task<T> WithAsync<T>(Func<LuoshiDb, Task<T>> read)
    {
        using var scope = Clocked.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<LuoshiDb>());
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> run)
    {
        using var scope = Clocked.Services.CreateScope();
        return await run(scope.ServiceProvider);
    }

    public Task<YearSnapshot> SnapshotAsync() =>
        WithAsync(async sp => (await sp.GetRequiredService<YearQueries>().SnapshotAsync(DistrictId))!);

    /// <summary>Gives a unit a clerk and a head account with e-mail addresses (sim.clerk.N@example.gov.cn, sim.head.N@…).</summary>
    public Task AddAccountsAsync(int unitId) => WithAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        foreach (var (name, role) in new[] { ($"sim.clerk.{unitId}", AppRole.Clerk), ($"sim.head.{unitId}", AppRole.UnitHead) })
        {
            var r = await users.CreateAsync(new AppUser { UserName = name, Email = name + "@example.gov.cn", DisplayName = name, Role = role, DistrictId = DistrictId, UnitId = unitId }, "Sim#2026pass");
            r.Succeeded.ShouldBeTrue(string.Join("; ", r.Errors.Select(e => e.Description)));
        }

        return true;
    });

    /// <summary>Runs the reminder job as the hosted service would on the current day, delivers, and returns the reminder mail that reached this district's people (not the hand-offs' mail, which the same sender delivers).</summary>
    public async Task<List<(string To, string Subject)>> RemindAsync()
    {
        int before = Smtp.Messages.Count;
        var job = Clocked.Services.GetRequiredService<ReminderJob>();
        await job.RunOnceAsync(Today);
        await job.SendPendingAsync();
        var mine = await WithAsync(db => db.Users.Where(u => u.DistrictId == DistrictId && u.Email != null).Select(u => u.Email!).ToListAsync());
        var reminders = (await WithAsync(db => db.Notifications.Where(n => n.DistrictId == DistrictId && n.Channel == Core.Features.Notifications.Channel.Email
                && (n.Kind == Core.Features.Notifications.NotificationKinds.BeforeDue || n.Kind == Core.Features.Notifications.NotificationKinds.Overdue))
            .Select(n => n.Subject).Distinct().ToListAsync())).ToHashSet(StringComparer.Ordinal);
        return [.. Smtp.Messages.Skip(before).SelectMany(m => m.Recipients.Select(r => (r, m.Subject))).Where(x => mine.Contains(x.r) && reminders.Contains(x.Subject))];
    }

    public Actor Clerk(int unitId) => new($"sim.clerk.{unitId}", $"填报人{unitId}", AppRole.Clerk, DistrictId, unitId);

    public Actor Head(int unitId) => new($"sim.head.{unitId}", $"负责人{unitId}", AppRole.UnitHead, DistrictId, unitId);

    public Actor Office => new("sim.office", "督查室", AppRole.Office, DistrictId, null);

    /// <summary>A unit files its work plan or report for an item: open, write, submit, head approves. Returns the filing.</summary>
    public async Task<Filing> FileAsync(int itemId, int unitId, ReportPeriod period, Func<TargetRow, decimal?>? actual = null, bool completed = false,
        bool approve = true, string? progress = null)
    {
        return await WithAsync(async sp =>
        {
            var editing = sp.GetRequiredService<FilingEditing>();
            var handOffs = sp.GetRequiredService<FilingHandOffs>();
            var opened = await editing.OpenAsync(itemId, unitId, period, Clerk(unitId));
            opened.Failure.ShouldBeNull();
            var f = opened.Value!;
            var targets = await sp.GetRequiredService<LuoshiDb>().ItemIndicators.Where(x => x.ItemId == itemId).OrderBy(x => x.Seq).ToListAsync();
            var edit = period == ReportPeriod.WorkPlan
                ? new FilingEdit(Leader: "分管副区长", Section: "综合科", Steps:
                    [new WorkStep(1, "制定方案，明确分工", "3月底"), new WorkStep(2, "推进实施", "6月底"), new WorkStep(3, "督促落实", "9月底"), new WorkStep(4, "总结评估", "12月底")])
                : new FilingEdit(Progress: progress ?? $"{ReportPeriodLabels.Of(period)}：按计划推进，完成阶段任务。", Problems: "无明显问题，下步继续推进。", Completed: completed,
                    Actuals: actual is null ? null : targets.ToDictionary(t => t.Id, t => actual(new TargetRow(t.Id, t.Seq, t.Measure, t.Value, t.Unit, t.Sense, t.Printed))));
            var saved = await editing.SaveAsync(f.Id, f.Version, edit, Clerk(unitId));
            saved.Failure.ShouldBeNull();
            var submitted = await handOffs.ActAsync(f.Id, saved.Value!.Version, FilingAction.Submit, null, Clerk(unitId));
            submitted.Failure.ShouldBeNull();
            if (!approve)
            {
                return submitted.Value!;
            }

            var approved = await handOffs.ActAsync(f.Id, submitted.Value!.Version, FilingAction.Approve, null, Head(unitId));
            approved.Failure.ShouldBeNull();
            Filed[(itemId, unitId, period)] = Today;
            return approved.Value!;
        });
    }

    /// <summary>Progress as a share of a target, the way the office reads it: amounts against time, levels against the target itself.</summary>
    public static decimal Share(TargetRow t, decimal ofYear)
    {
        bool level = t.Unit is "%" or "个百分点" or "类" || t.Sense is IndicatorSense.Growth or IndicatorSense.Decrease or IndicatorSense.Keep;
        return level ? t.Value : Math.Round(t.Value * ofYear, 2);
    }

    public async ValueTask DisposeAsync()
    {
        await Clocked.DisposeAsync();
        await _app.DisposeAsync();
        await Smtp.DisposeAsync();
        await Hook.DisposeAsync();
    }
}
