namespace Luoshi.Core.Features.Work;

/// <summary>
/// What every filing use case does the same way: stamp who and when, record an event, save with optimistic concurrency
/// (the version the caller read), and bump the district's revision in the same transaction.
/// </summary>
internal sealed class FilingWrites(LuoshiDb db, TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public static Task<List<int>> LeadUnitsAsync(LuoshiDb db, int itemId, CancellationToken ct) =>
        db.ItemUnits.AsNoTracking().Where(u => u.ItemId == itemId && u.Role == UnitRole.Lead).Select(u => u.UnitId).ToListAsync(ct);

    /// <summary>The filing is in a closed period and was not reopened.</summary>
    public Task<bool> LockedAsync(Filing filing, CancellationToken ct) =>
        filing.Reopened ? Task.FromResult(false) : db.PeriodLocks.AnyAsync(l => l.PlanId == filing.PlanId && l.Period == filing.Period, ct);

    public void Touch(Filing filing, Actor actor) => FilingRows.Touch(clock, filing, actor);

    public FilingEvent Event(Actor actor, string action, FilingState from, FilingState to, string? comment, string? snapshot = null) =>
        FilingRows.Event(clock, actor, action, from, to, comment, snapshot);

    public static Failure Conflict(Filing current) => FilingRows.Conflict(current);

    public async Task<Outcome<Filing>> SaveOrConflictAsync(Filing filing, CancellationToken ct)
    {
        // The version the caller read is the original value: the UPDATE matches only if nobody saved since.
        db.Entry(filing).Property(f => f.Version).OriginalValue = filing.Version - 1;
        try
        {
            await SaveAsync(filing.DistrictId, ct);
            return filing;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Filings.AsNoTracking().FirstAsync(f => f.Id == filing.Id, ct);
            return Conflict(current);
        }
    }

    /// <summary>Saves and bumps the district's revision in one transaction.</summary>
    public Task SaveAsync(int districtId, CancellationToken ct) => Districts.DistrictRevision.SaveChangesAsync(db, districtId, ct);
}
