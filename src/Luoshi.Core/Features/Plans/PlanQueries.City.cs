namespace Luoshi.Core.Features.Plans;

public sealed partial class PlanQueries
{
    /// <summary>
    /// Every district side by side: item counts per part kind, units involved, and the kinds of target
    /// found in more than one district (新增停车泊位 in all three, say), each district's as printed.
    /// </summary>
    public async Task<CityComparison> CityAsync(CancellationToken ct = default)
    {
        var summaries = await DistrictsAsync(ct);
        var current = await CurrentPlansAsync(ct);
        var kinds = await (from i in db.PlanItems.AsNoTracking()
                           join p in current on i.PlanId equals p.Id
                           join part in db.PlanParts on i.PartId equals part.Id
                           select new { p.DistrictId, part.Kind }).ToListAsync(ct);
        var involved = await (from iu in db.ItemUnits.AsNoTracking()
                              join i in db.PlanItems on iu.ItemId equals i.Id
                              join p in current on i.PlanId equals p.Id
                              select new { p.DistrictId, iu.UnitId }).Distinct().ToListAsync(ct);
        var targets = await (from x in db.ItemIndicators.AsNoTracking()
                             join i in db.PlanItems on x.ItemId equals i.Id
                             join p in current on i.PlanId equals p.Id
                             orderby p.DistrictId, i.Seq, x.Seq
                             select new { p.DistrictId, i.Seq, i.Number, x.Measure, x.Value, x.Unit, x.Sense, x.Printed }).ToListAsync(ct);

        var districts = summaries.Select(s => new CityDistrict(s.District, s.Plan, s.Items,
            [.. Enum.GetValues<PartKind>().Select(k => new PartCount(k, kinds.Count(x => x.DistrictId == s.District.Id && x.Kind == k))).Where(c => c.Items > 0)],
            involved.Count(x => x.DistrictId == s.District.Id))).ToList();
        var byId = summaries.ToDictionary(s => s.District.Id, s => s.District);

        var clusters = MeasureClusters(targets.Select(t => (t.Measure, t.Unit)));
        var shared = targets
            .GroupBy(t => clusters[(t.Measure, t.Unit)])
            .Where(g => g.Select(t => t.DistrictId).Distinct().Count() > 1)
            .Select(g => new SharedTarget(g.Key.Measure, g.Key.Unit,
                [.. g.Select(t => new DistrictTarget(byId[t.DistrictId], t.Seq, t.Number, t.Measure, t.Value, t.Sense, t.Printed))]))
            .OrderByDescending(s => s.Targets.Select(t => t.District.Id).Distinct().Count())
            .ThenBy(s => s.Measure, StringComparer.Ordinal)
            .ToList();
        return new CityComparison(districts, shared);
    }

    /// <summary>
    /// Maps each (measure, unit) to the label of its kind. Two measures are of one kind when they count in
    /// the same unit, end in the same head noun (last two characters), and either the shorter one's
    /// characters appear in order in the longer (新增停车泊位 ~ 新增机动车停车泊位; 新增学位 ~ 新增义务段学位)
    /// or they also begin with the same two characters (新增停车泊位 ~ 新增公共泊位).
    /// The label is the shortest measure of the kind. A loose match on purpose: the page shows every
    /// district's printed text beside it, so a reader judges.
    /// </summary>
    internal static Dictionary<(string Measure, string Unit), (string Measure, string Unit)> MeasureClusters(IEnumerable<(string Measure, string Unit)> measures)
    {
        var distinct = measures.Distinct().OrderBy(m => m.Measure.Length).ThenBy(m => m.Measure, StringComparer.Ordinal).ToList();
        var labels = new List<(string Measure, string Unit)>();
        var result = new Dictionary<(string, string), (string, string)>();
        foreach (var m in distinct)
        {
            var label = labels.FirstOrDefault(l => string.Equals(l.Unit, m.Unit, StringComparison.Ordinal) && SameKind(l.Measure, m.Measure));
            if (label == default)
            {
                label = m;
                labels.Add(m);
            }

            result[m] = label;
        }

        return result;
    }

    private static bool SameKind(string shorter, string longer)
    {
        if (string.Equals(shorter, longer, StringComparison.Ordinal))
        {
            return true;
        }

        if (shorter.Length < 3 || !longer.EndsWith(shorter[^2..], StringComparison.Ordinal))
        {
            return false;
        }

        if (longer.StartsWith(shorter[..2], StringComparison.Ordinal))
        {
            return true;
        }

        int k = 0;
        foreach (char c in longer)
        {
            if (k < shorter.Length && c == shorter[k])
            {
                k++;
            }
        }

        return k == shorter.Length;
    }
}
