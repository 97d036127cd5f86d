using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Work;

/// <summary>
/// One web app per provider for the filing tests of a class. Each test works on items and periods of its own (Q3 of
/// Jiang'an is the lock test's; no other test uses it), so that the tests do not see each other's filings.
/// </summary>
public abstract class WorkFixture : IDisposable
{
    private readonly SemaphoreSlim _users = new(1, 1);

    protected WorkFixture(DatabaseProvider provider)
    {
        Factory = new LuoshiWebFactory(provider);
        _ = Factory.Server;
    }

    public LuoshiWebFactory Factory { get; }

    public int UnitId(string district, string name) => Factory.WithDb(db =>
        db.Units.Where(u => u.Name == name && db.Districts.Any(d => d.Id == u.DistrictId && d.Code == district)).Select(u => u.Id).Single());

    /// <summary>Jiang'an items that 区发展和改革局 leads and 区商务局 is not on, in plan order; with or without numeric targets.</summary>
    public IReadOnlyList<int> JiangAnFgjItems(bool withTargets) => Factory.WithDb(db =>
    {
        int fgj = UnitId("jiangan", "区发展和改革局");
        int swj = UnitId("jiangan", "区商务局");
        return db.PlanItems.Where(i => i.Units.Any(u => u.UnitId == fgj && u.Role == UnitRole.Lead) && i.Units.All(u => u.UnitId != swj)
                && i.Indicators.Any() == withTargets)
            .OrderBy(i => i.Seq).Select(i => i.Id).ToList();
    });

    public Filing Filing(int itemId, int unitId, ReportPeriod period) => Factory.WithDb(db =>
        db.Filings.AsNoTracking().Include(f => f.Events).Include(f => f.Actuals).Single(f => f.ItemId == itemId && f.UnitId == unitId && f.Period == period));

    /// <summary>An account of the test's (the demo has one clerk per district outside Jiang'an), created once per database.</summary>
    public async Task EnsureUserAsync(string userName, string displayName, AppRole role, string district, int unitId)
    {
        await _users.WaitAsync();
        try
        {
            using var scope = Factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(userName) is not null)
            {
                return;
            }

            int districtId = await scope.ServiceProvider.GetRequiredService<LuoshiDb>().Districts.Where(d => d.Code == district).Select(d => d.Id).SingleAsync();
            var result = await users.CreateAsync(
                new AppUser { UserName = userName, DisplayName = displayName, Role = role, DistrictId = districtId, UnitId = unitId, LockoutEnabled = true },
                Infrastructure.DemoData.DemoPassword);
            result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        finally
        {
            _users.Release();
        }
    }

    public void Dispose()
    {
        Factory.Dispose();
        _users.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteWorkFixture() : WorkFixture(DatabaseProvider.Sqlite);

public sealed class PostgresWorkFixture() : WorkFixture(DatabaseProvider.Postgres);
