namespace Luoshi.Core.Features.Work;

/// <summary>
/// A filing moves one step through the flow (<see cref="FilingFlow"/>): the clerk submits, the head approves or returns, the
/// lead unit or the office accepts or returns, the office reopens. Refused, with nothing changed, when the flow does not allow
/// the step or someone saved since the version the caller read. Each step tells the next person in the same save
/// (<see cref="HandOffNotices"/>).
/// </summary>
public sealed class FilingHandOffs(LuoshiDb db, TimeProvider clock, HandOffNotices notices)
{
    private readonly FilingWrites writes = new(db, clock);

    /// <summary>Moves the filing one step (submit, approve, return, accept, reopen).</summary>
    public async Task<Outcome<Filing>> ActAsync(int filingId, int expectedVersion, FilingAction action, string? comment, Actor actor, CancellationToken ct = default)
    {
        if (await Years.PlanYears.RefuseIfFilingClosedAsync(db, filingId, ct) is { } closed) return closed;
        ArgumentNullException.ThrowIfNull(actor);
        var filing = await db.Filings.Include(f => f.Actuals).FirstOrDefaultAsync(f => f.Id == filingId, ct);
        if (filing is null)
        {
            return new Failure(FailureKind.NotFound, "找不到该材料。");
        }

        var leads = await FilingWrites.LeadUnitsAsync(db, filing.ItemId, ct);
        bool locked = await writes.LockedAsync(filing, ct);
        var context = new FilingContext(actor, filing.UnitId, leads, filing.DistrictId, filing.IsCoUnitPart, locked);
        var next = FilingFlow.Apply(filing.State, action, context, comment);
        if (!next.Ok)
        {
            return next.Failure!.Kind == FailureKind.Forbidden && !FilingAccess.MaySee(actor, filing, leads)
                ? new Failure(FailureKind.NotFound, "找不到该材料。")
                : next.Failure!;
        }

        if (filing.Version != expectedVersion)
        {
            return FilingWrites.Conflict(filing);
        }

        if (action == FilingAction.Submit)
        {
            if (FilingRows.Unsubmittable(filing) is { } unfinished)
            {
                return unfinished;
            }

            filing.Flags = await FlagsAsync(filing, ct);
        }

        var from = filing.State;
        FilingRows.Move(clock, filing, action, next.Value);
        if (action == FilingAction.Reopen)
        {
            AuditLog.Record(db, clock, actor.UserName, AuditActions.ReopenFiling, nameof(Filing), filing.Id.ToString(CultureInfo.InvariantCulture), filing.DistrictId,
                before: new { State = from.ToString() }, after: new { State = filing.State.ToString(), Reason = comment });
        }

        writes.Touch(filing, actor);
        filing.Events.Add(writes.Event(actor, FilingEventActions.Of(action), from, filing.State, comment,
            action == FilingAction.Submit ? FilingRows.Snapshot(filing) : null));
        await notices.AddAsync(filing, action, from, comment, actor, leads, ct);
        return await writes.SaveOrConflictAsync(filing, ct);
    }

    /// <summary>The item's lead units.</summary>
    public Task<List<int>> LeadUnitsAsync(int itemId, CancellationToken ct = default) => FilingWrites.LeadUnitsAsync(db, itemId, ct);

    private async Task<string?> FlagsAsync(Filing filing, CancellationToken ct)
    {
        if (filing.Period == ReportPeriod.WorkPlan)
        {
            return null;
        }

        var previous = await db.Filings.AsNoTracking()
            .Where(f => f.ItemId == filing.ItemId && f.UnitId == filing.UnitId && f.Period != ReportPeriod.WorkPlan && f.Id != filing.Id)
            .Select(f => new { f.Period, f.Progress, f.Problems }).ToListAsync(ct);
        var last = previous.Where(p => p.Period < filing.Period).OrderBy(p => p.Period).LastOrDefault();
        var targets = filing.IsCoUnitPart ? [] : await db.ItemIndicators.AsNoTracking().Where(x => x.ItemId == filing.ItemId).OrderBy(x => x.Seq)
            .Select(x => new TargetRef(x.Id, x.Measure)).ToListAsync(ct);
        return FilingRows.Flags(filing, last is null ? null : new ReportText(last.Progress, last.Problems), targets);
    }
}
