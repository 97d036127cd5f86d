namespace Luoshi.Web.Features.Plans;

/// <summary>
/// A unit's task list kept per district revision: the plan's items, targets and units change only when a plan is published
/// or the unit catalogue is synchronised, and both bump the revision. A request costs one indexed read (the district's
/// revision) instead of seven (measured in docs/benchmarks-web.md). Kept in the <see cref="RevisionCache"/>.
/// </summary>
public sealed class UnitTasksCache(RevisionCache cache, TimeProvider clock)
{
    /// <summary>The task list, if the district exists and <paramref name="mayRead"/> lets the caller read the unit; null otherwise.</summary>
    public async Task<UnitTasks?> GetAsync(LuoshiDb db, string code, int unitId, Func<int, bool> mayRead, CancellationToken ct, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(mayRead);
        var d = await db.Districts.AsNoTracking().Where(x => x.Code == code).Select(x => new { x.Id, x.Code, x.Name, x.City, x.Revision }).FirstOrDefaultAsync(ct);
        if (d is null || !mayRead(d.Id))
        {
            return null;
        }

        // Kept per year asked for and per day: the current year (year null) moves with the calendar as well as the revision.
        return await cache.GetOrAddAsync(CacheKinds.UnitTasks, d.Id, d.Revision, (unitId, year, Luoshi.Core.Features.Supervision.DistrictClock.Today(clock)),
            () => new PlanQueries(db, clock).UnitTasksAsync(new DistrictInfo(d.Id, d.Code, d.Name, d.City), unitId, ct, year));
    }
}
