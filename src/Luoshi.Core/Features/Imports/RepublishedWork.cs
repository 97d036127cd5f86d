namespace Luoshi.Core.Features.Imports;

/// <summary>
/// The year's work filed against a live plan, carried over when a new version of the same year's plan is published
/// (<see cref="PlanPublisher"/>): filings with their actual values and planned numbers, period locks, circulars and quality grades follow
/// their item, matched by part and number. Only ever within one year: a plan of another year is never touched.
/// </summary>
internal sealed record RepublishedWork(List<Work.Filing> Filings, Dictionary<int, (int Part, string Number, int Nth)> ItemKeys, Dictionary<int, int> IndicatorSeqs)
{
    public static async Task<RepublishedWork?> LoadAsync(LuoshiDb db, int planId, CancellationToken ct)
    {
        var filings = await db.Filings.Include(f => f.Actuals).Include(f => f.Planned).Where(f => f.PlanId == planId).ToListAsync(ct);
        if (filings.Count == 0 && !await db.PeriodLocks.AnyAsync(l => l.PlanId == planId, ct) && !await db.Circulars.AnyAsync(c => c.PlanId == planId, ct)
            && !await db.QualityGrades.AnyAsync(g => g.PlanId == planId, ct))
        {
            return null;
        }

        var items = await (from i in db.PlanItems.AsNoTracking()
                           join p in db.PlanParts on i.PartId equals p.Id
                           where i.PlanId == planId
                           orderby i.Seq
                           select new { i.Id, p.Index, i.Number }).ToListAsync(ct);
        var keys = KeyList(items.Select(i => (i.Index, i.Number)));
        var indicators = await (from x in db.ItemIndicators.AsNoTracking()
                                join i in db.PlanItems on x.ItemId equals i.Id
                                where i.PlanId == planId
                                select new { x.Id, x.Seq }).ToDictionaryAsync(x => x.Id, x => x.Seq, ct);
        return new RepublishedWork(filings, items.Select((i, k) => (i.Id, keys[k])).ToDictionary(x => x.Id, x => x.Item2), indicators);
    }

    /// <summary>The items (part, number, nth) that have filings and are not among <paramref name="newItems"/>: publishing would lose their work.</summary>
    public List<(int Part, string Number, int Nth)> Lost(IEnumerable<(int Part, string Number)> newItems)
    {
        var newKeys = KeyList(newItems).ToHashSet();
        return [.. Filings.Select(f => ItemKeys[f.ItemId]).Where(k => !newKeys.Contains(k)).Distinct()];
    }

    /// <summary>Moves the filings (with their actual values), period locks, circulars and grades from the old plan to the new one, item by item.</summary>
    public async Task MoveAsync(LuoshiDb db, int oldPlanId, int newPlanId, CancellationToken ct)
    {
        var newItems = await (from i in db.PlanItems.AsNoTracking()
                              join p in db.PlanParts on i.PartId equals p.Id
                              where i.PlanId == newPlanId
                              orderby i.Seq
                              select new { i.Id, p.Index, i.Number, Indicators = i.Indicators.Select(x => new { x.Id, x.Seq }).ToList() }).ToListAsync(ct);
        var keys = KeyList(newItems.Select(i => (i.Index, i.Number)));
        var byKey = newItems.Select((i, k) => (Key: keys[k], Item: i)).ToDictionary(x => x.Key, x => x.Item);
        foreach (var f in Filings)
        {
            var target = byKey[ItemKeys[f.ItemId]];
            f.ItemId = target.Id;
            f.PlanId = newPlanId;
            foreach (var a in f.Actuals.ToList())
            {
                int? seq = IndicatorSeqs.TryGetValue(a.IndicatorId, out int s) ? s : null;
                var moved = target.Indicators.FirstOrDefault(x => x.Seq == seq);
                if (moved is null)
                {
                    f.Actuals.Remove(a);
                    db.ReportActuals.Remove(a);
                }
                else
                {
                    a.IndicatorId = moved.Id;
                }
            }

            // A work plan's planned numbers follow their target the same way.
            foreach (var p in f.Planned.ToList())
            {
                int? seq = IndicatorSeqs.TryGetValue(p.IndicatorId, out int s) ? s : null;
                var moved = target.Indicators.FirstOrDefault(x => x.Seq == seq);
                if (moved is null)
                {
                    f.Planned.Remove(p);
                    db.PlannedTargets.Remove(p);
                }
                else
                {
                    p.IndicatorId = moved.Id;
                }
            }
        }

        // Loaded and changed through the change tracker, so that removing the old plan cannot cascade to them.
        await db.PeriodLocks.Where(l => l.PlanId == oldPlanId).ChangeEachAsync(l => l.PlanId = newPlanId, ct);
        await db.Circulars.Where(c => c.PlanId == oldPlanId).ChangeEachAsync(c => c.PlanId = newPlanId, ct);
        await db.QualityGrades.Where(g => g.PlanId == oldPlanId).ChangeEachAsync(g => g.PlanId = newPlanId, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Item keys (part, number, nth) in order: a number printed twice in one part is told apart by its order.</summary>
    internal static List<(int Part, string Number, int Nth)> KeyList(IEnumerable<(int Part, string Number)> rows)
    {
        var seen = new Dictionary<(int, string), int>();
        var result = new List<(int Part, string Number, int Nth)>();
        foreach (var (part, number) in rows)
        {
            int nth = seen.TryGetValue((part, number), out int n) ? n + 1 : 0;
            seen[(part, number)] = nth;
            result.Add((part, number, nth));
        }

        return result;
    }
}
