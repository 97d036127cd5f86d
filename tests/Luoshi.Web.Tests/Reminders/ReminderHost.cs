using System.Globalization;
using Cal = Luoshi.Parsing.Calendar;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Districts;
using Luoshi.Core.Features.Notifications;
using Luoshi.Core.Features.Work;
using Luoshi.Core.Features.Supervision;
using Luoshi.TestSupport;
using Luoshi.Web.Infrastructure.Reminders;
using Luoshi.Web.Tests.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Luoshi.Web.Tests.Reminders;

/// <summary>
/// The app on a fresh database with the demo data, a clock the test sets, and a real SMTP sink as its mail server (unless
/// <c>mail: false</c>). Jiang'an's notice sets the calendar: work plan Jan 20, Q1 Apr 10, Q2 Jul 10.
/// </summary>
public sealed class ReminderHost : IAsyncDisposable
{
    public const string FgjClerkMail = "jiangan.fgj.clerk@example.gov.cn";
    public const string FgjHeadMail = "jiangan.fgj.head@example.gov.cn";
    public const string LeaderMail = "jiangan.leader@example.gov.cn";

    private ReminderHost(LuoshiWebFactory app, WebApplicationFactory<Program> web, SmtpSink? smtp, ManualClock clock)
    {
        App = app;
        Web = web;
        Smtp = smtp;
        Clock = clock;
    }

    public LuoshiWebFactory App { get; }

    public WebApplicationFactory<Program> Web { get; }

    public SmtpSink? Smtp { get; }

    public ManualClock Clock { get; }

    public int Jiangan { get; private set; }

    public int Fgj { get; private set; }

    public int Swj { get; private set; }

    /// <summary>Starts the app; <paramref name="logs"/>, if given, receives its log, EF's included from Information up.</summary>
    public static async Task<ReminderHost> StartAsync(DateOnly today, bool mail = true, DatabaseProvider provider = DatabaseProvider.Sqlite, ILoggerProvider? logs = null)
    {
        var smtp = mail ? SmtpSink.Start() : null;
        var clock = new ManualClock(At(today));
        var app = new LuoshiWebFactory(provider);
        var web = app.WithWebHostBuilder(b =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Mail:Host"] = smtp?.Host ?? "",
                ["Mail:Port"] = smtp?.Port.ToString(CultureInfo.InvariantCulture) ?? "",
                ["Mail:From"] = "duchashi@example.gov.cn",
                ["Mail:FromName"] = "江岸区政府督查室",
                [Core.Features.Notifications.PublicAddress.Key] = "https://luoshi.jiangan.example.gov.cn/",
                [OutboundPolicy.Section + ":0"] = "127.0.0.1", // the webhook receiver
            };
            if (logs is not null)
            {
                settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
                settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Update"] = "Information";
            }

            b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(settings));
            if (logs is not null)
            {
                b.ConfigureServices(s => s.AddSingleton(logs));
            }

            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        var host = new ReminderHost(app, web, smtp, clock);
        await host.LoadIdsAsync();
        return host;
    }

    /// <summary>10:00 in China on that day.</summary>
    public static DateTimeOffset At(DateOnly day) => new(day.Year, day.Month, day.Day, 10, 0, 0, TimeSpan.FromHours(8));

    public void SetToday(DateOnly day) => Clock.Advance(At(day) - Clock.GetUtcNow());

    public async Task<T> WithDbAsync<T>(Func<LuoshiDb, IServiceProvider, Task<T>> work)
    {
        using var scope = Web.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<LuoshiDb>(), scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<LuoshiDb, Task> work) => WithDbAsync(async (db, _) =>
    {
        await work(db);
        return 0;
    });

    public Task<ReminderRun> RunAsync(DateOnly day)
    {
        SetToday(day);
        return Web.Services.GetRequiredService<ReminderJob>().RunOnceAsync(day);
    }

    /// <summary>Every unit of Jiang'an has filed its work plans (on Jan 15), so that only the quarter's reports are owed.</summary>
    public Task FileAllWorkPlansAsync() => FileAsync(o => o.Period == Cal.ReportPeriod.WorkPlan, new DateOnly(2026, 1, 15));

    /// <summary>Files (submitted on <paramref name="on"/>) every obligation of Jiang'an that <paramref name="which"/> picks.</summary>
    public Task FileAsync(Func<ObligationRow, bool> which, DateOnly on) => WithDbAsync(async (db, sp) =>
    {
        var snapshot = await sp.GetRequiredService<YearQueries>().SnapshotAsync(Jiangan, default, new DateOnly(2026, 1, 2))
            ?? throw new InvalidOperationException("no snapshot");
        var at = At(on).ToUniversalTime(); // PostgreSQL stores timestamptz from UTC values only
        foreach (var o in snapshot.Obligations.Where(which))
        {
            db.Filings.Add(new Filing
            {
                DistrictId = Jiangan,
                PlanId = snapshot.Plan.Id,
                ItemId = o.ItemId,
                UnitId = o.UnitId,
                Period = o.Period,
                IsCoUnitPart = o.PartToLead,
                State = FilingState.Accepted,
                CreatedAt = at,
                UpdatedAt = at,
                SubmittedAt = at,
                AcceptedAt = at,
                Version = 1,
            });
        }

        await db.SaveChangesAsync();
        await DistrictRevision.BumpAsync(db, Jiangan);
        return 0;
    });

    /// <summary>A second clerk of 区发展和改革局, without an e-mail address.</summary>
    public Task<string> AddClerkWithoutMailAsync() => WithDbAsync(async (_, sp) =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "jiangan.fgj.clerk2", DisplayName = "江岸区发改局填报人二", Role = AppRole.Clerk, DistrictId = Jiangan, UnitId = Fgj };
        (await users.CreateAsync(user)).Succeeded.ShouldBeTrue();
        return user.Id;
    });

    public Task SetSettingsAsync(Action<DistrictSettings> change) => WithDbAsync(async db =>
    {
        var row = await db.DistrictSettings.FirstOrDefaultAsync(s => s.DistrictId == Jiangan);
        if (row is null)
        {
            row = new DistrictSettings { DistrictId = Jiangan, Version = 1 };
            db.DistrictSettings.Add(row);
        }

        change(row);
        await db.SaveChangesAsync();
        await DistrictRevision.BumpAsync(db, Jiangan);
    });

    public Task<List<Notification>> NotificationsAsync() =>
        WithDbAsync((db, _) => db.Notifications.AsNoTracking().Where(n => n.DistrictId == Jiangan).OrderBy(n => n.Id).ToListAsync());

    public Task<string> UserIdAsync(string userName) =>
        WithDbAsync((db, _) => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    /// <summary>
    /// The envelope recipients of the mails to Jiang'an's accounts received so far, one entry per message and recipient, sorted.
    /// (The job sweeps every district: Hongshan's clerk is reminded of Hongshan's own deadlines too.)
    /// </summary>
    public IReadOnlyList<string> MailRecipients() => [.. JianganMails().SelectMany(m => m.Recipients).Order(StringComparer.Ordinal)];

    public IReadOnlyList<ReceivedMail> JianganMails() =>
        [.. Smtp!.Messages.Where(m => m.Recipients.Any(r => r.StartsWith("jiangan.", StringComparison.Ordinal)))];

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await App.DisposeAsync();
        TestDatabases.Drop(App);
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }
    }

    private Task LoadIdsAsync() => WithDbAsync(async db =>
    {
        Jiangan = await db.Districts.Where(d => d.Code == "jiangan").Select(d => d.Id).SingleAsync();
        Fgj = await db.Units.Where(u => u.DistrictId == Jiangan && u.Name == "区发展和改革局").Select(u => u.Id).SingleAsync();
        Swj = await db.Units.Where(u => u.DistrictId == Jiangan && u.Name == "区商务局").Select(u => u.Id).SingleAsync();
    });
}
