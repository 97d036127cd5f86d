namespace Luoshi.Core.Features.Work;

/// <summary>The office closes a period: its filings change only through an audited reopening of one filing (<see cref="FilingAction.Reopen"/>).</summary>
public sealed class PeriodClosing(LuoshiDb db, TimeProvider clock)
{
    private readonly FilingWrites writes = new(db, clock);

    /// <summary>Closes a period: its filings change only through an audited reopening.</summary>
    public async Task<Outcome<bool>> LockPeriodAsync(int planId, ReportPeriod period, Actor actor, CancellationToken ct = default)
    {
        if (await Years.PlanYears.RefuseIfClosedAsync(db, planId, ct) is { } closed) return closed;
        ArgumentNullException.ThrowIfNull(actor);
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => new { p.Id, p.DistrictId }).FirstOrDefaultAsync(ct);
        if (plan is null || !actor.Has(Permission.ReopenPeriod, plan.DistrictId))
        {
            return new Failure(FailureKind.NotFound, "找不到该计划。");
        }

        if (await db.PeriodLocks.AnyAsync(l => l.PlanId == planId && l.Period == period, ct))
        {
            return true;
        }

        db.PeriodLocks.Add(new PeriodLock { PlanId = planId, Period = period, LockedAt = clock.GetUtcNow(), LockedBy = actor.UserName });
        AuditLog.Record(db, clock, actor.UserName, AuditActions.LockPeriod, nameof(PeriodLock), $"{planId}:{period}", plan.DistrictId, after: new { Period = period.ToString() });
        await writes.SaveAsync(plan.DistrictId, ct);
        return true;
    }
}
