namespace Luoshi.Core.Features.Years;

/// <summary>What 结转 did: the items carried and the part of the next plan they went to.</summary>
public sealed record CarryOverResult(int FromYear, int ToYear, IReadOnlyList<string> Numbers, string PartTitle);

/// <summary>
/// The office's year actions (Permission.Supervise in its district): choose the current year, close a year (read-only
/// afterwards: <see cref="PlanYears"/> refuses every write on it) and carry the unfinished items of a year into the next
/// year's plan (结转), each marked with the year and number it came from. Every action is audited and moves the district's
/// revision, so no cached view shows the old year.
/// </summary>
public sealed class YearService(LuoshiDb db, TimeProvider clock, YearQueries years)
{
    /// <summary>The title of the part carried items go to in the next plan.</summary>
    public static string CarriedPartTitle(int fromYear) => string.Create(CultureInfo.InvariantCulture, $"{fromYear}年度结转事项");

    /// <summary>Makes <paramref name="year"/> the district's current year; null goes back to the calendar's choice.</summary>
    public async Task<Outcome<int?>> ChooseAsync(int districtId, int? year, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Has(Permission.Supervise, districtId))
        {
            return new Failure(FailureKind.Forbidden, "只有本区督查室可以设置当前年度。");
        }

        if (year is int y && !await db.Plans.AnyAsync(p => p.DistrictId == districtId && p.Year == y, ct))
        {
            return new Failure(FailureKind.Invalid, $"本区没有{y}年度的方案。");
        }

        var choice = await db.YearChoices.FirstOrDefaultAsync(c => c.DistrictId == districtId, ct);
        int? before = choice?.Year;
        if (year is null)
        {
            if (choice is not null)
            {
                db.YearChoices.Remove(choice);
            }
        }
        else if (choice is null)
        {
            db.YearChoices.Add(new YearChoice { DistrictId = districtId, Year = year.Value, ChosenAt = clock.GetUtcNow(), ChosenBy = actor.UserName });
        }
        else
        {
            choice.Year = year.Value;
            choice.ChosenAt = clock.GetUtcNow();
            choice.ChosenBy = actor.UserName;
        }

        AuditLog.Record(db, clock, actor.UserName, AuditActions.ChooseYear, nameof(YearChoice), districtId.ToString(CultureInfo.InvariantCulture), districtId,
            new { Year = before }, new { Year = year });
        await DistrictRevision.SaveChangesAsync(db, districtId, ct);
        return year;
    }

    /// <summary>Closes the year: its filings, orders and circulars are read-only afterwards. A year is closed once.</summary>
    public async Task<Outcome<Plan>> CloseAsync(int districtId, int year, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Has(Permission.Supervise, districtId))
        {
            return new Failure(FailureKind.Forbidden, "只有本区督查室可以关闭年度。");
        }

        var plan = await db.Plans.FirstOrDefaultAsync(p => p.DistrictId == districtId && p.Year == year, ct);
        if (plan is null)
        {
            return new Failure(FailureKind.NotFound, $"本区没有{year}年度的方案。");
        }

        if (plan.ClosedAt is not null)
        {
            return new Failure(FailureKind.NotAllowed, $"{year}年度已于{DistrictClock.DateOf(plan.ClosedAt.Value):yyyy年M月d日}关闭。");
        }

        plan.ClosedAt = clock.GetUtcNow();
        plan.ClosedBy = actor.UserName;
        plan.Version++;
        AuditLog.Record(db, clock, actor.UserName, AuditActions.CloseYear, nameof(Plan), year.ToString(CultureInfo.InvariantCulture), districtId,
            null, new { plan.DocNumber, ClosedBy = actor.UserName });
        try
        {
            await DistrictRevision.SaveChangesAsync(db, districtId, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Failure(FailureKind.Conflict, "该年度方案刚被他人修改，请刷新后再试。");
        }

        return plan;
    }

    /// <summary>What 结转 would copy, copying nothing: the year the items go to and their numbers (the summary the office confirms).</summary>
    public async Task<Outcome<CarryOverResult>> PreviewCarryOverAsync(int districtId, int fromYear, IReadOnlyCollection<int>? itemIds, Actor actor, CancellationToken ct = default)
    {
        var chosen = await ChooseCarriedAsync(districtId, fromYear, itemIds, actor, ct);
        return chosen.Ok
            ? new CarryOverResult(fromYear, fromYear + 1, [.. chosen.Value.Open.Select(i => i.Number)], CarriedPartTitle(fromYear))
            : chosen.Failure!;
    }

    /// <summary>The next year's plan and the items of <paramref name="fromYear"/> that 结转 copies into it, or why there are none.</summary>
    private async Task<Outcome<(Plan Target, List<ItemRow> Open)>> ChooseCarriedAsync(int districtId, int fromYear, IReadOnlyCollection<int>? itemIds, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Has(Permission.Supervise, districtId))
        {
            return new Failure(FailureKind.Forbidden, "只有本区督查室可以结转事项。");
        }

        int toYear = fromYear + 1;
        var target = await db.Plans.FirstOrDefaultAsync(p => p.DistrictId == districtId && p.Year == toYear, ct);
        if (target is null)
        {
            return new Failure(FailureKind.NotAllowed, $"本区还没有{toYear}年度的方案：请先导入并发布{toYear}年度的通知，再结转。");
        }

        if (target.ClosedAt is not null)
        {
            return new Failure(FailureKind.NotAllowed, $"{toYear}年度已关闭，不能再结转事项进去。");
        }

        var snapshot = await years.SnapshotAsync(districtId, ct, year: fromYear);
        if (snapshot is null || snapshot.Plan.Year != fromYear)
        {
            return new Failure(FailureKind.NotFound, $"本区没有{fromYear}年度的方案。");
        }

        var open = snapshot.Items.Where(i => i.Status.State != ItemState.Done).ToList();
        if (itemIds is { Count: > 0 })
        {
            var unknown = itemIds.Where(id => !open.Any(i => i.Id == id)).ToList();
            if (unknown.Count > 0)
            {
                return new Failure(FailureKind.Invalid, "所选事项不是该年度未完成的事项，请刷新后重新选择。");
            }

            open = [.. open.Where(i => itemIds.Contains(i.Id))];
        }

        var already = await db.PlanItems.AsNoTracking().Where(i => i.PlanId == target.Id && i.CarriedFromYear == fromYear)
            .Select(i => i.CarriedFromNumber).ToListAsync(ct);
        open = [.. open.Where(i => !already.Contains(i.Number))];
        if (open.Count == 0)
        {
            return new Failure(FailureKind.NotAllowed, $"{fromYear}年度没有需要结转的未完成事项（已结转的不再重复结转）。");
        }

        return (target, open);
    }

    /// <summary>
    /// 结转: copies the items of <paramref name="fromYear"/> that are not done (as the year snapshot judges them today), or only
    /// those in <paramref name="itemIds"/>, into the next year's plan, in a part of their own at its end, each marked
    /// with the year and number it came from. An item already carried is not carried twice.
    /// </summary>
    public async Task<Outcome<CarryOverResult>> CarryOverAsync(int districtId, int fromYear, IReadOnlyCollection<int>? itemIds, Actor actor, CancellationToken ct = default)
    {
        var chosen = await ChooseCarriedAsync(districtId, fromYear, itemIds, actor, ct);
        if (!chosen.Ok)
        {
            return chosen.Failure!;
        }

        var (target, open) = chosen.Value;
        int toYear = fromYear + 1;

        var sources = await db.PlanItems.AsNoTracking().Where(i => open.Select(o => o.Id).Contains(i.Id))
            .Include(i => i.Units).Include(i => i.Indicators).AsSplitQuery().ToDictionaryAsync(i => i.Id, ct);
        string title = CarriedPartTitle(fromYear);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var part = await db.PlanParts.FirstOrDefaultAsync(p => p.PlanId == target.Id && p.Title == title, ct);
            if (part is null)
            {
                int index = await db.PlanParts.Where(p => p.PlanId == target.Id).MaxAsync(p => (int?)p.Index, ct) ?? 0;
                part = new PlanPart { PlanId = target.Id, Index = index + 1, Kind = PartKind.Other, Title = title };
                db.PlanParts.Add(part);
                await db.SaveChangesAsync(ct);
            }

            int seq = await db.PlanItems.Where(i => i.PlanId == target.Id).MaxAsync(i => (int?)i.Seq, ct) ?? 0;
            foreach (var row in open)
            {
                var s = sources[row.Id];
                db.PlanItems.Add(new PlanItem(s)
                {
                    PlanId = target.Id,
                    PartId = part.Id,
                    Seq = ++seq,
                    Group = row.PartTitle,
                    CarriedFromYear = fromYear,
                    CarriedFromNumber = s.Number,
                    Units = [.. s.Units.OrderBy(u => u.Id).Select(u => new ItemUnit { UnitId = u.UnitId, Role = u.Role, Printed = u.Printed })],
                    Indicators = [.. s.Indicators.OrderBy(x => x.Seq).Select(x => new ItemIndicator { Seq = x.Seq, Measure = x.Measure, Value = x.Value, Unit = x.Unit, Sense = x.Sense, Printed = x.Printed })],
                });
            }

            var numbers = open.Select(o => o.Number).ToList();
            AuditLog.Record(db, clock, actor.UserName, AuditActions.CarryOverYear, nameof(Plan), toYear.ToString(CultureInfo.InvariantCulture), districtId,
                null, new { From = fromYear, To = toYear, Items = numbers });
            await db.SaveChangesAsync(ct);
            await DistrictRevision.BumpAsync(db, districtId, ct);
            await tx.CommitAsync(ct);
            return (Outcome<CarryOverResult>)new CarryOverResult(fromYear, toYear, numbers, title);
        });
    }
}
