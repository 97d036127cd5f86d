namespace Luoshi.Core.Features.Plans;

public sealed partial class PlanQueries
{

    // One build at a time in an instance: when the districts' revisions move, the readers that arrive together wait for
    // the one that builds instead of each reading every district's plan again.
    private static readonly SemaphoreSlim CityBuild = new(1, 1);

    /// <summary>
    /// Every district side by side: item counts per part kind, units involved, and the kinds of target
    /// found in more than one district (新增停车泊位 in all three, say), each district's as printed.
    /// With <paramref name="cache"/>, kept until any district's revision (or the day: the current year follows the
    /// calendar) moves, so a request costs one read of the districts' revisions (issue 16).
    /// </summary>
    public async Task<CityComparison> CityAsync(RevisionCache? cache, CancellationToken ct = default)
    {
        if (cache is null)
        {
            return await BuildCityAsync(ct);
        }

        var stamp = await CityStampAsync(ct);
        if (Kept(cache, stamp) is { } kept)
        {
            return kept;
        }

        await CityBuild.WaitAsync(ct);
        try
        {
            if (Kept(cache, stamp) is { } built)
            {
                return built;
            }

            var city = await BuildCityAsync(ct);
            cache.Set(CacheKinds.CityComparison, 0, stamp.Sum, null, new KeptCity(stamp, city));
            return city;
        }
        finally
        {
            CityBuild.Release();
        }
    }

    /// <summary>As <see cref="CityAsync(RevisionCache?, CancellationToken)"/>, not kept.</summary>
    public Task<CityComparison> CityAsync(CancellationToken ct = default) => CityAsync(null, ct);

    // What the comparison was built from: the day and every district with its revision and names. Revisions only grow, so
    // their sum is the cache's "revision"; the whole stamp is compared before a kept comparison is served.
    private sealed record CityStamp(DateOnly Today, long Sum, string Districts);

    /// <summary>
    /// What the comparison is built from, as one short key: the sum of every district's revision and a hash of every
    /// district's id, revision and names (the day apart). Any change in any district gives another key: the city page's
    /// output cache varies by it (Web/Infrastructure/PageOutputCache.cs).
    /// </summary>
    public async Task<string> CityKeyAsync(CancellationToken ct = default)
    {
        var stamp = await CityStampAsync(ct);
        return stamp.Sum.ToString(CultureInfo.InvariantCulture) + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(stamp.Districts)));
    }

    // Counted by its bytes in the cache's budget (it was 8 entries whatever the number of districts).
    private sealed record KeptCity(CityStamp Stamp, CityComparison City) : ISizedValue
    {
        long ISizedValue.ApproximateBytes => Sizes.Of(Stamp.Districts) + CityBytes(City);
    }

    /// <summary>About the bytes a comparison holds: its district rows and every shared kind's targets.</summary>
    private static long CityBytes(CityComparison city)
    {
        const long district = 200; // DistrictInfo with its code and name, the plan header, the row's counts
        long bytes = Sizes.Object + Sizes.OfList(city.Districts.Count) + Sizes.OfList(city.Targets.Count);
        foreach (var d in city.Districts)
        {
            bytes += district + Sizes.Of(d.Plan?.Title) + Sizes.Of(d.Plan?.DocNumber) + Sizes.Of(d.Plan?.Issuer) + Sizes.OfList(d.Parts.Count) + (d.Parts.Count * 24L);
        }

        foreach (var t in city.Targets)
        {
            bytes += 48 + Sizes.Of(t.Measure) + Sizes.Of(t.Unit) + Sizes.OfList(t.Targets.Count);
            foreach (var x in t.Targets)
            {
                // The record itself (its district is shared with the rows); its strings.
                bytes += 72 + Sizes.Of(x.Number) + Sizes.Of(x.Measure) + Sizes.Of(x.Printed);
            }
        }

        return bytes;
    }

    private async Task<CityStamp> CityStampAsync(CancellationToken ct)
    {
        var rows = await db.Districts.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.Revision, d.Code, d.Name, d.City }).ToListAsync(ct);
        var text = new StringBuilder();
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Id}:{r.Revision}:{r.Code}:{r.Name}:{r.City}\n");
        }

        return new CityStamp(DistrictClock.Today(clock ?? TimeProvider.System), rows.Sum(r => r.Revision), text.ToString());
    }

    private static CityComparison? Kept(RevisionCache cache, CityStamp stamp) =>
        cache.TryGet(CacheKinds.CityComparison, 0, stamp.Sum, null, out KeptCity kept) && kept.Stamp == stamp ? kept.City : null;

    private async Task<CityComparison> BuildCityAsync(CancellationToken ct)
    {
        var districtRows = await db.Districts.AsNoTracking().OrderBy(d => d.Id)
            .Select(d => new DistrictInfo(d.Id, d.Code, d.Name, d.City)).ToListAsync(ct);
        var current = await CurrentPlansAsync(ct);
        var plans = await HeadersAsync(current, ct);
        // Counted in the database, grouped by district (and part kind): a few hundred rows however many items there are.
        var kinds = await (from i in db.PlanItems.AsNoTracking()
                           join p in current on i.PlanId equals p.Id
                           join part in db.PlanParts on i.PartId equals part.Id
                           group i by new { p.DistrictId, part.Kind } into g
                           select new { g.Key.DistrictId, g.Key.Kind, Items = g.Count() }).ToListAsync(ct);
        var involved = await (from iu in db.ItemUnits.AsNoTracking()
                              join i in db.PlanItems on iu.ItemId equals i.Id
                              join p in current on i.PlanId equals p.Id
                              select new { p.DistrictId, iu.UnitId }).Distinct().ToListAsync(ct);
        var targets = await (from x in db.ItemIndicators.AsNoTracking()
                             join i in db.PlanItems on x.ItemId equals i.Id
                             join p in current on i.PlanId equals p.Id
                             orderby p.DistrictId, i.Seq, x.Seq
                             select new { p.DistrictId, i.Seq, i.Number, x.Measure, x.Value, x.Unit, x.Sense, x.Printed }).ToListAsync(ct);

        var kindsBy = kinds.ToLookup(k => k.DistrictId);
        var involvedBy = involved.GroupBy(x => x.DistrictId).ToDictionary(g => g.Key, g => g.Count());
        var districts = districtRows.Select(d => new CityDistrict(d, plans.GetValueOrDefault(d.Id), kindsBy[d.Id].Sum(k => k.Items),
            [.. Enum.GetValues<PartKind>().Select(k => new PartCount(k, kindsBy[d.Id].Where(x => x.Kind == k).Sum(x => x.Items))).Where(c => c.Items > 0)],
            involvedBy.GetValueOrDefault(d.Id))).ToList();
        var byId = districtRows.ToDictionary(d => d.Id);

        var clusters = MeasureClusters(targets.Select(t => (t.Measure, t.Unit)));
        var shared = targets
            .GroupBy(t => clusters[(t.Measure, t.Unit)])
            .Select(g => (g.Key, Rows: g.ToList(), Districts: g.Select(t => t.DistrictId).Distinct().Count()))
            .Where(g => g.Districts > 1)
            .OrderByDescending(g => g.Districts)
            .ThenBy(g => g.Key.Measure, StringComparer.Ordinal)
            .Select(g => new SharedTarget(g.Key.Measure, g.Key.Unit,
                [.. g.Rows.Select(t => new DistrictTarget(byId[t.DistrictId], t.Seq, t.Number, t.Measure, t.Value, t.Sense, t.Printed))]))
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
