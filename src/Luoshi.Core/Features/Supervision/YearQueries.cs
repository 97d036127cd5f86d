namespace Luoshi.Core.Features.Supervision;

/// <summary>
/// Loads a district's <see cref="YearSnapshot"/> for today (from the injected clock). A snapshot is kept in
/// memory until the district's revision changes: each request reads one indexed row to learn that, so
/// every web instance sees every other instance's changes at once.
/// </summary>
public sealed class YearQueries(LuoshiDb db, TimeProvider clock, RevisionCache cache)
{

    public DateOnly Today => DistrictClock.Today(clock);

    /// <summary>
    /// The district's plan year <paramref name="year"/> (its current year when none is asked for, <see cref="Years.PlanYears"/>) as it
    /// stands today, or as it stood at the end of <paramref name="asOf"/> (reports submitted later left out; not cached).
    /// </summary>
    public async Task<YearSnapshot?> SnapshotAsync(int districtId, CancellationToken ct = default, DateOnly? asOf = null, int? year = null)
    {
        if (asOf is { } past && past != Today)
        {
            long? rev = await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => (long?)d.Revision).FirstOrDefaultAsync(ct);
            return rev is null ? null : await LoadAsync(districtId, past, rev.Value, year, ct);
        }

        var today = Today;
        long? revision = await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => (long?)d.Revision).FirstOrDefaultAsync(ct);
        if (revision is null)
        {
            return null;
        }

        if (cache.TryGet(CacheKinds.YearSnapshot, districtId, revision.Value, (today, year), out YearSnapshot cached))
        {
            return cached;
        }

        var snapshot = await LoadAsync(districtId, today, revision.Value, year, ct);
        if (snapshot is not null)
        {
            Keep(snapshot, year);
        }

        return snapshot;
    }

    /// <summary>
    /// The snapshot of the district with this code: one indexed read (the district's id and revision by its unique code)
    /// when the cached snapshot is current, so that pages reading it cost no more than that. Null when there is no such
    /// district, or <paramref name="mayRead"/> (asked with the district's id before anything is loaded) says no.
    /// </summary>
    public async Task<YearSnapshot?> SnapshotAsync(string districtCode, Func<int, bool>? mayRead = null, CancellationToken ct = default, int? year = null)
    {
        var today = Today;
        var district = await db.Districts.AsNoTracking().Where(d => d.Code == districtCode).Select(d => new { d.Id, d.Revision }).FirstOrDefaultAsync(ct);
        if (district is null || (mayRead is not null && !mayRead(district.Id)))
        {
            return null;
        }

        if (cache.TryGet(CacheKinds.YearSnapshot, district.Id, district.Revision, (today, year), out YearSnapshot cached))
        {
            return cached;
        }

        var snapshot = await LoadAsync(district.Id, today, district.Revision, year, ct);
        if (snapshot is not null)
        {
            Keep(snapshot, year);
        }

        return snapshot;
    }

    /// <summary>
    /// The district's current year for one item only (its obligations and standing, as the whole snapshot has them): the cached
    /// snapshot when it is current, otherwise built by the same <see cref="YearSnapshot.Build"/> from that item's rows and not
    /// kept. A page about one filing (loaded before and after each save) so does not rebuild the whole district after every
    /// change (issue 16). Null when the district does not exist or has no current plan.
    /// </summary>
    public async Task<YearSnapshot?> ItemAsync(int districtId, int itemId, CancellationToken ct = default)
    {
        var today = Today;
        long? revision = await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => (long?)d.Revision).FirstOrDefaultAsync(ct);
        if (revision is null)
        {
            return null;
        }

        if (cache.TryGet(CacheKinds.YearSnapshot, districtId, revision.Value, (today, (int?)null), out YearSnapshot cached))
        {
            return cached;
        }

        return await LoadAsync(districtId, today, revision.Value, null, ct, itemId);
    }

    /// <summary>
    /// The district's year for one unit's own work (我的工作): the items it leads or takes part in, with their units, obligations
    /// and standing as the whole snapshot has them. The cached whole snapshot when it is current; otherwise built by the same
    /// <see cref="YearSnapshot.Build"/> from those items' rows only and kept as <see cref="CacheKinds.UnitSnapshot"/> (a small entry), so
    /// that a clerk's page does not need, nor rebuild, the whole district's year when that is not in the cache (issue 16).
    /// </summary>
    public async Task<YearSnapshot?> UnitAsync(int districtId, int unitId, CancellationToken ct = default, int? year = null)
    {
        var today = Today;
        long? revision = await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => (long?)d.Revision).FirstOrDefaultAsync(ct);
        if (revision is null)
        {
            return null;
        }

        if (cache.TryGet(CacheKinds.YearSnapshot, districtId, revision.Value, (today, year), out YearSnapshot whole))
        {
            return whole;
        }

        if (cache.TryGet(CacheKinds.UnitSnapshot, districtId, revision.Value, (unitId, today, year), out YearSnapshot part))
        {
            return part;
        }

        var built = await LoadAsync(districtId, today, revision.Value, year, ct, unitId: unitId);
        if (built is not null)
        {
            cache.Set(CacheKinds.UnitSnapshot, districtId, built.Revision, (unitId, today, year), built);
        }

        return built;
    }

    /// <summary>
    /// As <see cref="ItemAsync(int, int, CancellationToken)"/>, for a page that has already read the item's rows (and the district's
    /// <paramref name="revision"/> and plan years with them): the cached snapshot when it is current, otherwise <paramref name="build"/>
    /// (the same <see cref="YearSnapshot.Build"/> over the page's rows) when the item's plan is the district's current one
    /// (<paramref name="planIsCurrent"/>, <see cref="Years.PlanYears"/>' rule over the rows the page read), else null. Sends no query.
    /// </summary>
    public YearSnapshot? ItemFromRows(int districtId, long revision, bool planIsCurrent, Func<YearSnapshot> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (cache.TryGet(CacheKinds.YearSnapshot, districtId, revision, (Today, (int?)null), out YearSnapshot cached))
        {
            return cached;
        }

        return planIsCurrent ? build() : null;
    }

    private async Task<YearSnapshot?> LoadAsync(int districtId, DateOnly today, long revision, int? year, CancellationToken ct, int? itemId = null, int? unitId = null)
    {
        var queries = new PlanQueries(db, clock);
        var district = await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => new DistrictInfo(d.Id, d.Code, d.Name, d.City)).FirstAsync(ct);
        var plan = await queries.PlanAsync(districtId, ct, year);
        if (plan is null)
        {
            return null;
        }

        var calendar = await queries.CalendarAsync(plan, ct);
        var settings = await DistrictSettingsDefaults.LoadAsync(db, districtId, ct);
        var rules = new YearRules(calendar, settings);

        var units = await (from u in db.Units.AsNoTracking()
                           where u.DistrictId == districtId && (itemId == null || db.ItemUnits.Any(x => x.ItemId == itemId && x.UnitId == u.Id))
                                 && (unitId == null || u.Id == unitId || db.ItemUnits.Any(x => x.UnitId == u.Id && db.ItemUnits.Any(y => y.ItemId == x.ItemId && y.UnitId == unitId)))
                           join l in db.Users on u.LeaderUserId equals l.Id into leaders
                           from l in leaders.DefaultIfEmpty()
                           orderby u.Id
                           select new SnapshotUnit(u.Id, u.Name, u.LeaderUserId, l == null ? null : l.DisplayName)).ToListAsync(ct);
        var items = await (from i in db.PlanItems.AsNoTracking()
                           join p in db.PlanParts on i.PartId equals p.Id
                           where i.PlanId == plan.Id && (itemId == null || i.Id == itemId) && (unitId == null || db.ItemUnits.Any(x => x.ItemId == i.Id && x.UnitId == unitId))
                           orderby i.Seq
                           select new { i.Id, i.Seq, i.Number, p.Index, p.Title, i.Group, i.Text }).ToListAsync(ct);
        var itemUnits = await (from u in db.ItemUnits.AsNoTracking()
                               join i in db.PlanItems on u.ItemId equals i.Id
                               where i.PlanId == plan.Id && (itemId == null || i.Id == itemId) && (unitId == null || db.ItemUnits.Any(x => x.ItemId == i.Id && x.UnitId == unitId))
                               select new { u.ItemId, u.UnitId, u.Role, u.Id }).OrderBy(u => u.Id).ToListAsync(ct);
        var targets = await (from x in db.ItemIndicators.AsNoTracking()
                             join i in db.PlanItems on x.ItemId equals i.Id
                             where i.PlanId == plan.Id && (itemId == null || i.Id == itemId) && (unitId == null || db.ItemUnits.Any(y => y.ItemId == i.Id && y.UnitId == unitId))
                             select new { x.ItemId, x.Id, x.Seq, x.Measure, x.Value, x.Unit, x.Sense, x.Printed }).ToListAsync(ct);
        var filings = await db.Filings.AsNoTracking().Where(f => f.PlanId == plan.Id && (itemId == null || f.ItemId == itemId)
                && (unitId == null || db.ItemUnits.Any(x => x.ItemId == f.ItemId && x.UnitId == unitId)))
            .Select(f => new FilingRow(f.Id, f.ItemId, f.UnitId, f.Period, f.State, f.SubmittedAt, f.Completed, f.Flags, f.ConsolidatedIntoId)).ToListAsync(ct);
        var planned = await TargetShares.LoadAsync(db, plan.Id, itemId, ct);
        var actuals = await (from a in db.ReportActuals.AsNoTracking()
                             join f in db.Filings on a.FilingId equals f.Id
                             where f.PlanId == plan.Id && (itemId == null || f.ItemId == itemId) && (unitId == null || db.ItemUnits.Any(x => x.ItemId == f.ItemId && x.UnitId == unitId))
                             select new { a.FilingId, a.IndicatorId, a.Value }).ToListAsync(ct);

        return YearSnapshot.Build(district, plan, today, revision, rules, units,
            [.. items.Select(i => (i.Id, i.Seq, i.Number, i.Index, i.Title, i.Group, i.Text))],
            [.. itemUnits.Select(u => (u.ItemId, u.UnitId, u.Role))],
            [.. targets.Select(t => (t.ItemId, new TargetRow(t.Id, t.Seq, t.Measure, t.Value, t.Unit, t.Sense, t.Printed)))],
            filings,
            [.. actuals.Select(a => (a.FilingId, a.IndicatorId, a.Value))],
            planned);
    }

    // A snapshot holds the whole year of a district: it counts its approximate bytes in the cache's budget
    // (YearSnapshot.ApproximateBytes). It is kept under the year asked for (null: the current year, which moves only with the
    // day or the district's revision, both in the key).
    private void Keep(YearSnapshot snapshot, int? year) => cache.Set(CacheKinds.YearSnapshot, snapshot.District.Id, snapshot.Revision, (snapshot.Today, year), snapshot);
}
