using System.Diagnostics;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// First start on a fresh machine: the districts from the catalogues, the three seed notices imported and published, and
/// the demo accounts. With the story ("Demo:Story", default true) the plan year follows today's date (<see cref="DemoYear"/>),
/// every role of every district has accounts, and the year so far is played through the product's use cases
/// (<see cref="DemoStory"/>). Runs only when the database has no district, so a second start adds nothing.
/// </summary>
public sealed class DemoData(LuoshiDb db, UserManager<AppUser> users, TimeProvider clock, ILogger<DemoData> log)
{
    /// <summary>The password of every demo account (listed in the README); change them before real use.</summary>
    public const string DemoPassword = "Luoshi#2026";

    public sealed record DemoAccount(string UserName, string DisplayName, AppRole Role, string? District, string? Unit);

    /// <summary>The accounts of every first start (the tests' fixtures sign in with these).</summary>
    public static readonly DemoAccount[] Accounts =
    [
        new("admin", "系统管理员", AppRole.Admin, null, null),
        new("security", "安全管理员", AppRole.SecurityAdmin, null, null),
        new("auditor", "审计管理员", AppRole.AuditAdmin, null, null),
        new("city", "市政府督查室（查看）", AppRole.CityViewer, null, null),
        new("jiangan.office", "江岸区政府督查室", AppRole.Office, "jiangan", null),
        new("hongshan.office", "洪山区政府督查室", AppRole.Office, "hongshan", null),
        new("caidian.office", "蔡甸区政府督查室", AppRole.Office, "caidian", null),
        new("jiangan.leader", "江岸区领导", AppRole.Leader, "jiangan", null),
        new("jiangan.leader2", "江岸区分管副区长", AppRole.Leader, "jiangan", null),
        new("jiangan.fgj.clerk", "江岸区发改局填报人", AppRole.Clerk, "jiangan", "区发展和改革局"),
        new("jiangan.fgj.head", "江岸区发改局负责人", AppRole.UnitHead, "jiangan", "区发展和改革局"),
        new("jiangan.swj.clerk", "江岸区商务局填报人", AppRole.Clerk, "jiangan", "区商务局"),
        new("hongshan.fgj.clerk", "洪山区发改局填报人", AppRole.Clerk, "hongshan", "区发展和改革局"),
    ];

    /// <summary>The accounts the story adds: a head for every clerk, more units (co-units among them), a leader in each district.</summary>
    public static readonly DemoAccount[] StoryAccounts =
    [
        new("jiangan.swj.head", "江岸区商务局负责人", AppRole.UnitHead, "jiangan", "区商务局"),
        new("jiangan.kcj.clerk", "江岸区经信科创局填报人", AppRole.Clerk, "jiangan", "区经济信息化和科技创新局"),
        new("jiangan.kcj.head", "江岸区经信科创局负责人", AppRole.UnitHead, "jiangan", "区经济信息化和科技创新局"),
        new("hongshan.leader", "洪山区分管副区长", AppRole.Leader, "hongshan", null),
        new("hongshan.fgj.head", "洪山区发改局负责人", AppRole.UnitHead, "hongshan", "区发展和改革局"),
        new("hongshan.swj.clerk", "洪山区商务局填报人", AppRole.Clerk, "hongshan", "区商务局"),
        new("hongshan.swj.head", "洪山区商务局负责人", AppRole.UnitHead, "hongshan", "区商务局"),
        new("hongshan.lnjd.clerk", "洪山区珞南街道填报人", AppRole.Clerk, "hongshan", "珞南街道"),
        new("hongshan.lnjd.head", "洪山区珞南街道负责人", AppRole.UnitHead, "hongshan", "珞南街道"),
        new("hongshan.hpjd.clerk", "洪山区和平街道填报人", AppRole.Clerk, "hongshan", "和平街道"),
        new("caidian.leader", "蔡甸区分管副区长", AppRole.Leader, "caidian", null),
        new("caidian.nyj.clerk", "蔡甸区农业农村局填报人", AppRole.Clerk, "caidian", "区农业农村局"),
        new("caidian.nyj.head", "蔡甸区农业农村局负责人", AppRole.UnitHead, "caidian", "区农业农村局"),
        new("caidian.fgj.clerk", "蔡甸区发改局填报人", AppRole.Clerk, "caidian", "区发展和改革局"),
        new("caidian.fgj.head", "蔡甸区发改局负责人", AppRole.UnitHead, "caidian", "区发展和改革局"),
        new("caidian.zrsjd.clerk", "蔡甸区侏儒山街道填报人", AppRole.Clerk, "caidian", "侏儒山街道"),
    ];

    /// <summary>The accounts a first start creates.</summary>
    public static IReadOnlyList<DemoAccount> AccountsOf(bool story) => story ? [.. Accounts, .. StoryAccounts] : Accounts;

    /// <summary>What the last seed did, for the start-up message.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>How long each stage of the last seed took (also logged as each ends).</summary>
    public DemoStages Stages { get; } = new(log);

    public async Task<bool> SeedIfEmptyAsync(string dataFolder, bool story = false, CancellationToken ct = default)
    {
        if (await db.Districts.AnyAsync(ct))
        {
            return false;
        }

        var watch = Stopwatch.StartNew();
        var demoClock = new DemoClock(clock);
        var today = DistrictClock.Today(clock);
        bool sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        if (story && sqlite)
        {
            // One connection for the whole load, without waiting for the disk at every commit: a first start on an empty file.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF", ct);
        }

        try
        {
            await LoadAsync(dataFolder, story, demoClock, today, ct);
        }
        finally
        {
            if (story && sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = FULL", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }

        Elapsed = watch.Elapsed;
        return true;
    }

    private async Task LoadAsync(string dataFolder, bool story, DemoClock demoClock, DateOnly today, CancellationToken ct)
    {
        var catalogues = Directory.EnumerateFiles(Path.Combine(dataFolder, "catalogues"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => UnitCatalogue.Parse(File.ReadAllText(f))).ToList();
        using (Stages.Time("catalogues"))
        {
            foreach (var c in catalogues)
            {
                await DistrictCatalogue.SyncAsync(db, c, ct);
            }
        }

        var set = new CatalogueSet(catalogues);
        TimeProvider importClock = story ? demoClock : clock;
        var imports = new ImportService(db, importClock);
        var publisher = new PlanPublisher(db, importClock);
        var published = new List<(int DistrictId, string Code)>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(dataFolder, "seeds"), "*.txt").Order(StringComparer.Ordinal))
        {
            byte[] bytes = await File.ReadAllBytesAsync(file, ct);
            string text = System.Text.Encoding.UTF8.GetString(bytes);
            var notice = Luoshi.Parsing.NoticeParser.Parse(text);
            var catalogue = set.For(notice.Document);
            if (catalogue is null)
            {
                log.LogWarning("No catalogue for demo notice {File}", file);
                continue;
            }

            if (story)
            {
                // The notice of the demo year: the seed's years moved so that its reporting year is the one under way today.
                var seedCalendar = Luoshi.Core.Features.Plans.PlanCalendar.Read(text);
                int shift = DemoYear.Shift(seedCalendar, today);
                text = DemoYear.Apply(text, shift, seedCalendar);
                bytes = System.Text.Encoding.UTF8.GetBytes(text);
                demoClock.Set(DemoYear.ImportDay(Luoshi.Core.Features.Plans.PlanCalendar.Read(text)), 9);
            }

            int districtId = await db.Districts.Where(d => d.Code == catalogue.Code).Select(d => d.Id).SingleAsync(ct);
            var importWatch = Stopwatch.StartNew();
            var draft = await imports.CreateDraftAsync(districtId, Path.GetFileName(file), bytes, "system", ct);
            Stages.Add("import " + catalogue.Code, importWatch.Elapsed);
            if (!draft.Ok)
            {
                log.LogWarning("Demo notice {File} not imported: {Message}", file, draft.Failure!.Message);
                continue;
            }

            var publishWatch = Stopwatch.StartNew();
            var result = await publisher.PublishAsync(draft.Value!.Id, districtId, draft.Value.Version, "system", ct);
            Stages.Add("publish " + catalogue.Code, publishWatch.Elapsed);
            if (!result.Ok)
            {
                log.LogWarning("Demo notice {File} not published: {Message}", file, result.Failure!.Message);
                continue;
            }

            published.Add((districtId, catalogue.Code));
        }

        var accountsWatch = Stopwatch.StartNew();
        // Every demo account has the same password: it is checked against the policy and hashed once (a hash takes a good part
        // of a second on a loaded machine), and the accounts are stored together with that hash, their names normalised and
        // their stamps set as the user manager sets them.
        var probe = new AppUser { UserName = "demo", DisplayName = "demo" };
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, probe, DemoPassword);
            if (!valid.Succeeded)
            {
                throw new InvalidOperationException("demo password: " + string.Join("; ", valid.Errors.Select(e => e.Description)));
            }
        }

        string hash = users.PasswordHasher.HashPassword(probe, DemoPassword);
        var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Id, StringComparer.Ordinal, ct);
        var unitIds = (await db.Units.AsNoTracking().Select(u => new { u.DistrictId, u.Name, u.Id }).ToListAsync(ct))
            .GroupBy(u => (u.DistrictId, u.Name)).ToDictionary(g => g.Key, g => g.First().Id);
        foreach (var a in AccountsOf(story))
        {
            int? districtId = a.District is null ? null : districts[a.District];
            int? unitId = a.Unit is null ? null : unitIds.TryGetValue((districtId!.Value, a.Unit), out int u) ? u
                : throw new InvalidOperationException("demo account " + a.UserName + ": no unit " + a.Unit);
            var user = new AppUser
            {
                UserName = a.UserName, DisplayName = a.DisplayName, Role = a.Role, DistrictId = districtId, UnitId = unitId, LockoutEnabled = true,
                Email = DemoEmail(a), PasswordHash = hash,
            };
            user.NormalizedUserName = users.NormalizeName(user.UserName);
            user.NormalizedEmail = users.NormalizeEmail(user.Email);
            user.SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
            db.Users.Add(user);
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        Stages.Add("accounts", accountsWatch.Elapsed);
        if (story)
        {
            foreach (var (districtId, code) in published)
            {
                using var _ = Stages.Time("story " + code);
                await new DemoStory(db, demoClock, log, Stages).PlayAsync(districtId, code, today, ct);
                db.ChangeTracker.Clear();
            }

            return;
        }

        // The leaders in charge (分管区领导) of the demo units, so that overdue reminders escalate to someone.
        foreach (var (district, unit, leader) in LeadersInCharge)
        {
            string? leaderId = await db.Users.Where(u => u.UserName == leader).Select(u => u.Id).SingleAsync(ct);
            await db.Units.Where(u => u.Name == unit && db.Districts.Any(d => d.Id == u.DistrictId && d.Code == district))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LeaderUserId, leaderId), ct);
        }
    }

    /// <summary>Unit and leader accounts get a (fictitious) address, so that reminders have somewhere to go.</summary>
    public static string? DemoEmail(DemoAccount a) =>
        a?.Role is AppRole.Clerk or AppRole.UnitHead or AppRole.Leader ? a.UserName + "@example.gov.cn" : null;

    /// <summary>The leaders in charge of the demo units (the story sets these and spreads the district's other units over its leaders).</summary>
    internal static readonly (string District, string Unit, string Leader)[] LeadersInCharge =
    [
        ("jiangan", "区发展和改革局", "jiangan.leader"),
        ("jiangan", "区商务局", "jiangan.leader2"),
    ];
}
