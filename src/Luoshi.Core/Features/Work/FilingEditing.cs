namespace Luoshi.Core.Features.Work;

/// <summary>
/// What a clerk writes into a work plan or a report. Null lists leave the stored value as it is. <c>Planned</c> (work plans only): the
/// quarterly values of the unit's own amount targets, a co-unit's own share, and, in a lead unit's plan, the share of each co-unit.
/// <c>SharesAboveTargetConfirmed</c>: the clerk confirmed that the co-units' shares may add up to more than the target (超额分解).
/// </summary>
public sealed record FilingEdit(
    string? Leader = null,
    string? Section = null,
    IReadOnlyList<WorkStep>? Steps = null,
    string? Progress = null,
    string? Problems = null,
    bool Completed = false,
    IReadOnlyDictionary<int, decimal?>? Actuals = null,
    IReadOnlyList<PlannedTargetEdit>? Planned = null,
    bool SharesAboveTargetConfirmed = false);

/// <summary>
/// The clerk writes a work plan or a report: open it (get or start, from the last report's text) and save it with
/// optimistic concurrency. Every change bumps the district's revision in the same transaction and records an event.
/// </summary>
public sealed class FilingEditing(LuoshiDb db, TimeProvider clock)
{
    /// <summary>The words of the box a clerk ticks to let the co-units' shares add up to more than the target (the form shows it, the refusal names it).</summary>
    public const string SharesAboveTargetConfirmation = "确认分解任务合计超过目标值";

    private readonly FilingWrites writes = new(db, clock);

    /// <summary>The filing of a unit for an item and period; started (from the last report's text) when the unit's clerk opens it the first time.</summary>
    public async Task<Outcome<Filing>> OpenAsync(int itemId, int unitId, ReportPeriod period, Actor actor, CancellationToken ct = default)
    {
        if (await Years.PlanYears.RefuseIfItemClosedAsync(db, itemId, ct) is { } closed) return closed;
        ArgumentNullException.ThrowIfNull(actor);
        var existing = await db.Filings.Include(f => f.Actuals).FirstOrDefaultAsync(f => f.ItemId == itemId && f.UnitId == unitId && f.Period == period, ct);
        if (existing is not null)
        {
            return existing;
        }

        var item = await db.PlanItems.AsNoTracking().Where(i => i.Id == itemId)
            .Select(i => new { i.Id, i.PlanId, Units = i.Units.Select(u => new { u.UnitId, u.Role }).ToList() }).FirstOrDefaultAsync(ct);
        var plan = item is null ? null : await db.Plans.AsNoTracking().Where(p => p.Id == item.PlanId)
            .Select(p => new { p.Id, p.DistrictId, p.CalendarJson }).FirstAsync(ct);
        if (item is null || plan is null || !item.Units.Any(u => u.UnitId == unitId))
        {
            return new Failure(FailureKind.NotFound, "找不到该事项，或该单位不承担此事项。");
        }

        if (!FilingAccess.MayWrite(actor, plan.DistrictId, unitId))
        {
            return new Failure(FailureKind.NotFound, "该单位尚未填报。");
        }

        var rules = await YearRules.LoadAsync(db, plan.DistrictId, plan.Id, ct);
        var role = item.Units.First(u => u.UnitId == unitId).Role;
        var part = rules.Participation(role);
        if (part == Participation.None)
        {
            return new Failure(FailureKind.NotAllowed, "按本区通知，此事项由牵头单位报送，配合单位无需单独填报。");
        }

        var previous = period == ReportPeriod.WorkPlan ? null : await db.Filings.AsNoTracking()
            .Where(f => f.ItemId == itemId && f.UnitId == unitId && f.Period != ReportPeriod.WorkPlan)
            .ToListAsync(ct);
        var last = previous?.Where(f => f.Period < period).OrderBy(f => f.Period).LastOrDefault();
        var filing = FilingRows.Start(clock, new FilingKey(plan.DistrictId, plan.Id, itemId, unitId, period), part, last, actor);
        db.Filings.Add(filing);
        try
        {
            await writes.SaveAsync(plan.DistrictId, ct);
        }
        catch (DbUpdateException)
        {
            // Opened at the same moment by another request: use theirs.
            db.ChangeTracker.Clear();
            var theirs = await db.Filings.Include(f => f.Actuals).FirstOrDefaultAsync(f => f.ItemId == itemId && f.UnitId == unitId && f.Period == period, ct);
            return theirs is null ? new Failure(FailureKind.Conflict, "保存失败，请重试。") : theirs;
        }

        return filing;
    }

    /// <summary>Saves the clerk's text. Refused, with nothing changed, when someone saved since <paramref name="expectedVersion"/>.</summary>
    public async Task<Outcome<Filing>> SaveAsync(int filingId, int expectedVersion, FilingEdit edit, Actor actor, CancellationToken ct = default)
    {
        if (await Years.PlanYears.RefuseIfFilingClosedAsync(db, filingId, ct) is { } closed) return closed;
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(actor);
        var filing = await db.Filings.Include(f => f.Actuals).Include(f => f.Planned).FirstOrDefaultAsync(f => f.Id == filingId, ct);
        if (filing is null || !FilingAccess.MayWrite(actor, filing))
        {
            return new Failure(FailureKind.NotFound, "找不到该材料，或您无权修改。");
        }

        if (FilingRows.Refusal(filing, expectedVersion, "修改") is { } refused)
        {
            return refused;
        }

        if (await writes.LockedAsync(filing, ct))
        {
            return new Failure(FailureKind.NotAllowed, "该季度已关闭，报告已锁定；如需修改，请督查室先重新开放。");
        }

        var invalid = Validate(edit);
        if (invalid is not null)
        {
            return invalid;
        }

        List<int> targets = edit.Actuals is null ? [] : await db.ItemIndicators.AsNoTracking().Where(x => x.ItemId == filing.ItemId).Select(x => x.Id).ToListAsync(ct);
        FilingRows.Write(filing, edit, targets);

        if (edit.Planned is not null && filing.Period == ReportPeriod.WorkPlan && await PlanAsync(filing, edit.Planned, edit.SharesAboveTargetConfirmed, ct) is { } badPlan)
        {
            db.ChangeTracker.Clear();
            return badPlan;
        }

        writes.Touch(filing, actor);
        filing.Events.Add(writes.Event(actor, FilingEventActions.Save, filing.State, filing.State, null));
        return await writes.SaveOrConflictAsync(filing, ct);
    }

    /// <summary>
    /// The work plan's numbers replace those stored: for the item's amount targets only; the unit's own row (quarterly values, and its
    /// share when it is a co-unit) and, when it leads the item, a share for each co-unit. Refused whole with a reason when a number is wrong, and when the co-units' shares add up to more than
    /// the target unless the clerk confirmed it (<see cref="SharesAboveTargetConfirmation"/>).
    /// </summary>
    private async Task<Failure?> PlanAsync(Filing filing, IReadOnlyList<PlannedTargetEdit> planned, bool aboveConfirmed, CancellationToken ct)
    {
        var targets = (await db.ItemIndicators.AsNoTracking().Where(x => x.ItemId == filing.ItemId).ToListAsync(ct))
            .Where(x => TargetKinds.Of(x.Unit, x.Sense).FollowsTime()).ToDictionary(x => x.Id);
        var units = await db.ItemUnits.AsNoTracking().Where(u => u.ItemId == filing.ItemId).Select(u => new { u.UnitId, u.Role }).ToListAsync(ct);
        bool leads = units.Any(u => u.UnitId == filing.UnitId && u.Role == Plans.UnitRole.Lead);
        var coUnits = units.Where(u => u.Role == Plans.UnitRole.Co && u.UnitId != filing.UnitId).Select(u => u.UnitId).ToHashSet();
        var rows = new List<PlannedTargetEdit>();
        foreach (var p in planned.Where(p => targets.ContainsKey(p.IndicatorId)))
        {
            bool own = p.UnitId == filing.UnitId;
            if (!own && !(leads && coUnits.Contains(p.UnitId)))
            {
                continue;
            }

            // Only a co-unit has a share; a lead unit sets co-units' shares, not their quarters.
            var row = own ? p with { Share = leads ? null : p.Share } : p with { Q1 = null, Q2 = null, Q3 = null, Q4 = null };
            var t = targets[p.IndicatorId];
            decimal?[] values = [row.Share, row.Q1, row.Q2, row.Q3, row.Q4];
            if (values.Any(v => v is < 0))
            {
                return new Failure(FailureKind.Invalid, $"“{t.Measure}”的分解任务和季度计划值不能为负数。");
            }

            if (values.Any(v => v is > 1_000_000_000_000m))
            {
                return new Failure(FailureKind.Invalid, $"“{t.Measure}”的计划值超出范围。");
            }

            if (row.Share > t.Value)
            {
                return new Failure(FailureKind.Invalid, $"“{t.Measure}”分解给单位的任务（{row.Share:0.######}{t.Unit}）不能超过目标值（{t.Value:0.######}{t.Unit}）。");
            }

            if (values.Any(v => v is not null))
            {
                rows.Add(row);
            }
        }

        foreach (var g in rows.Where(r => r.UnitId != filing.UnitId).GroupBy(r => r.IndicatorId))
        {
            var t = targets[g.Key];
            decimal sum = g.Sum(r => r.Share ?? 0m);
            if (sum > t.Value && !aboveConfirmed)
            {
                return new Failure(FailureKind.Invalid, $"“{t.Measure}”分解给配合单位的任务合计（{sum:0.######}{t.Unit}）超过目标值（{t.Value:0.######}{t.Unit}）。如确需超额分解，请勾选“{SharesAboveTargetConfirmation}”后再保存。");
            }
        }

        foreach (var old in filing.Planned.ToList())
        {
            if (!rows.Any(r => r.IndicatorId == old.IndicatorId && r.UnitId == old.UnitId))
            {
                filing.Planned.Remove(old);
                db.PlannedTargets.Remove(old);
            }
        }

        foreach (var r in rows)
        {
            var row = filing.Planned.FirstOrDefault(x => x.IndicatorId == r.IndicatorId && x.UnitId == r.UnitId);
            if (row is null)
            {
                row = new PlannedTarget { IndicatorId = r.IndicatorId, UnitId = r.UnitId };
                filing.Planned.Add(row);
            }

            (row.Share, row.Q1, row.Q2, row.Q3, row.Q4) = (r.Share, r.Q1, r.Q2, r.Q3, r.Q4);
        }

        return null;
    }

    private static Failure? Validate(FilingEdit edit)
    {
        if (edit.Steps is { Count: > 200 })
        {
            return new Failure(FailureKind.Invalid, "具体工作内容最多 200 条。");
        }

        if (edit.Steps?.Any(s => s.Quarter is < 1 or > 4) == true)
        {
            return new Failure(FailureKind.Invalid, "季度只能是一至四季度。");
        }

        if ((edit.Progress?.Length ?? 0) > 16000 || (edit.Problems?.Length ?? 0) > 16000)
        {
            return new Failure(FailureKind.Invalid, "内容过长（每栏最多 16000 字），请精简后再保存。");
        }

        if (edit.Actuals?.Values.Any(v => v is < -1_000_000_000_000m or > 1_000_000_000_000m) == true)
        {
            return new Failure(FailureKind.Invalid, "指标实际值超出范围。");
        }

        return null;
    }
}
