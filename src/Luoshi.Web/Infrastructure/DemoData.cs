using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Imports;
using Luoshi.Core.Features.Units;
using Luoshi.Parsing.Catalogue;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// First start on a fresh machine: the districts from the catalogues, the three seed notices imported
/// and published, and one demo account per role. Runs only when the database has no district.
/// </summary>
public sealed class DemoData(LuoshiDb db, UserManager<AppUser> users, TimeProvider clock, ILogger<DemoData> log)
{
    /// <summary>The password of every demo account (listed in the README); change them before real use.</summary>
    public const string DemoPassword = "Luoshi#2026";

    public sealed record DemoAccount(string UserName, string DisplayName, AppRole Role, string? District, string? Unit);

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

    public async Task<bool> SeedIfEmptyAsync(string dataFolder, CancellationToken ct = default)
    {
        if (await db.Districts.AnyAsync(ct))
        {
            return false;
        }

        var catalogues = Directory.EnumerateFiles(Path.Combine(dataFolder, "catalogues"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => UnitCatalogue.Parse(File.ReadAllText(f))).ToList();
        foreach (var c in catalogues)
        {
            await DistrictCatalogue.SyncAsync(db, c, ct);
        }

        var set = new CatalogueSet(catalogues);
        var imports = new ImportService(db, clock);
        var publisher = new PlanPublisher(db, clock);
        foreach (string file in Directory.EnumerateFiles(Path.Combine(dataFolder, "seeds"), "*.txt").Order(StringComparer.Ordinal))
        {
            byte[] bytes = await File.ReadAllBytesAsync(file, ct);
            var notice = Luoshi.Parsing.NoticeParser.Parse(System.Text.Encoding.UTF8.GetString(bytes));
            var catalogue = set.For(notice.Document);
            if (catalogue is null)
            {
                log.LogWarning("No catalogue for demo notice {File}", file);
                continue;
            }

            int districtId = await db.Districts.Where(d => d.Code == catalogue.Code).Select(d => d.Id).SingleAsync(ct);
            var draft = await imports.CreateDraftAsync(districtId, Path.GetFileName(file), bytes, "system", ct);
            if (!draft.Ok)
            {
                log.LogWarning("Demo notice {File} not imported: {Message}", file, draft.Failure!.Message);
                continue;
            }

            var published = await publisher.PublishAsync(draft.Value!.Id, districtId, draft.Value.Version, "system", ct);
            if (!published.Ok)
            {
                log.LogWarning("Demo notice {File} not published: {Message}", file, published.Failure!.Message);
            }
        }

        foreach (var a in Accounts)
        {
            int? districtId = a.District is null ? null : await db.Districts.Where(d => d.Code == a.District).Select(d => (int?)d.Id).SingleAsync(ct);
            int? unitId = a.Unit is null ? null : await db.Units.Where(u => u.DistrictId == districtId && u.Name == a.Unit).Select(u => (int?)u.Id).SingleAsync(ct);
            var user = new AppUser
            {
                UserName = a.UserName, DisplayName = a.DisplayName, Role = a.Role, DistrictId = districtId, UnitId = unitId, LockoutEnabled = true,
                Email = DemoEmail(a),
            };
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("demo account " + a.UserName + ": " + string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }

        // The leaders in charge (分管区领导) of the demo units, so that overdue reminders escalate to someone.
        foreach (var (district, unit, leader) in LeadersInCharge)
        {
            string? leaderId = await db.Users.Where(u => u.UserName == leader).Select(u => u.Id).SingleAsync(ct);
            await db.Units.Where(u => u.Name == unit && db.Districts.Any(d => d.Id == u.DistrictId && d.Code == district))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LeaderUserId, leaderId), ct);
        }

        return true;
    }

    /// <summary>Unit and leader accounts get a (fictitious) address, so that reminders have somewhere to go.</summary>
    public static string? DemoEmail(DemoAccount a) =>
        a?.Role is AppRole.Clerk or AppRole.UnitHead or AppRole.Leader ? a.UserName + "@example.gov.cn" : null;

    private static readonly (string District, string Unit, string Leader)[] LeadersInCharge =
    [
        ("jiangan", "区发展和改革局", "jiangan.leader"),
        ("jiangan", "区商务局", "jiangan.leader2"),
    ];
}
