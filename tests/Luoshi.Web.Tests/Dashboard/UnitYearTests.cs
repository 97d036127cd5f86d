using Luoshi.Core.Common;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Dashboard;

/// <summary>
/// 我的工作 reads <see cref="YearQueries.UnitAsync"/> (issue 16): when the district's whole year is not in the cache, only the unit's
/// items are built. Over every unit of the played year, what that gives equals the whole snapshot's view of those items.
/// </summary>
public abstract class UnitYearTests(YearFixture year)
{
    [Fact]
    public async Task UnitYear_BuiltFromTheUnitsItems_EqualsTheWholeYearForThem_ForEveryUnit()
    {
        using var scope = year.Clocked.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        int districtId = await db.Districts.Where(d => d.Code == YearFixture.District).Select(d => d.Id).SingleAsync();
        var unitIds = await db.Units.Where(u => u.DistrictId == districtId).Select(u => u.Id).ToListAsync();
        using var wholeCache = new RevisionCache(clock);
        var whole = (await new YearQueries(db, clock, wholeCache).SnapshotAsync(districtId))!;
        whole.ShouldNotBeNull();
        int withItems = 0;
        foreach (int unitId in unitIds)
        {
            using var empty = new RevisionCache(clock); // the district's year not kept: the unit's part is built
            var part = (await new YearQueries(db, clock, empty).UnitAsync(districtId, unitId))!;
            part.ShouldNotBeNull();
            part.ShouldNotBeSameAs(whole);
            var mine = whole.Items.Where(i => i.LeadUnitIds.Contains(unitId) || i.CoUnitIds.Contains(unitId)).Select(i => i.Id).ToHashSet();
            part.Items.Select(i => i.Id).ShouldBe(whole.Items.Where(i => mine.Contains(i.Id)).Select(i => i.Id), $"unit {unitId}");
            part.Obligations.ShouldBe(whole.Obligations.Where(o => mine.Contains(o.ItemId)).ToList(), $"unit {unitId}");
            foreach (var i in part.Items)
            {
                var w = whole.Item(i.Id);
                (i.Status.State, i.Status.Rag, i.Status.Reason, i.Status.ExpectedPercent, i.Status.ActualPercent)
                    .ShouldBe((w.Status.State, w.Status.Rag, w.Status.Reason, w.Status.ExpectedPercent, w.Status.ActualPercent), $"item {i.Id}");
                i.LatestActuals.ShouldBe(w.LatestActuals);
                foreach (int u in i.LeadUnitIds.Concat(i.CoUnitIds))
                {
                    part.UnitName(u).ShouldBe(whole.UnitName(u));
                }
            }

            part.UnitName(unitId).ShouldBe(whole.UnitName(unitId));
            withItems += mine.Count > 0 ? 1 : 0;
        }

        withItems.ShouldBeGreaterThan(10);
        var fgj = (await new YearQueries(db, clock, wholeCache).UnitAsync(districtId, year.FgjId))!;
        fgj.ShouldBeSameAs(whole, "the whole year, when it is kept, is what a unit's page reads");
    }
}

public sealed class UnitYearSqliteTests(SqliteYearFixture year) : UnitYearTests(year), IClassFixture<SqliteYearFixture>;

public sealed class UnitYearPostgresTests(PostgresYearFixture year) : UnitYearTests(year), IClassFixture<PostgresYearFixture>;
