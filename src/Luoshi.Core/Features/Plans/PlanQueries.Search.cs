namespace Luoshi.Core.Features.Plans;

public sealed partial class PlanQueries
{
    /// <summary>
    /// Items whose text, or one of whose units (name, alias, or as printed), contains the query, and the
    /// units whose name or alias contains it, within <paramref name="limits"/>; current plans only.
    /// Plain substring match (the same on SQLite and PostgreSQL; Chinese has no case).
    /// </summary>
    public async Task<SearchResults> SearchAsync(string? query, SearchLimits limits, int limit = SearchLimit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        string q = (query ?? string.Empty).Trim();
        if (q.Length > MaxQueryLength)
        {
            q = q[..MaxQueryLength];
        }

        if (q.Length == 0)
        {
            return new SearchResults(q, [], [], false);
        }

        var plans = await CurrentPlansAsync(ct);
        var units = db.Units.AsNoTracking();
        if (limits.DistrictId is int districtId)
        {
            plans = plans.Where(p => p.DistrictId == districtId);
            units = units.Where(u => u.DistrictId == districtId);
        }

        var items = db.PlanItems.AsNoTracking().Where(i => plans.Any(p => p.Id == i.PlanId));
        if (limits.UnitId is int unitId)
        {
            items = items.Where(i => i.Units.Any(u => u.UnitId == unitId));
            units = units.Where(u => u.Id == unitId);
        }

        // Contains runs in the database (instr on SQLite, strpos/LIKE on PostgreSQL): ordinal and case-sensitive on
        // both; the overload with a StringComparison has no translation.
#pragma warning disable CA1307
        var matching = units.Where(u => u.Name.Contains(q) || u.Aliases.Contains(q)).Select(u => u.Id);
        var itemRows = await (from i in items
                              join p in db.Plans on i.PlanId equals p.Id
                              join d in db.Districts on p.DistrictId equals d.Id
                              join part in db.PlanParts on i.PartId equals part.Id
                              where i.Text.Contains(q)
                                  || i.Units.Any(u => (u.Printed != null && u.Printed.Contains(q)) || matching.Contains(u.UnitId))
                              orderby d.Id, i.Seq
                              select new
                              {
                                  District = new DistrictInfo(d.Id, d.Code, d.Name, d.City),
                                  i.Seq,
                                  i.Number,
                                  PartTitle = part.Title,
                                  i.Text,
                                  Units = i.Units.OrderBy(u => u.Id)
                                      .Select(u => new { u.UnitId, u.Role, u.Printed, Name = db.Units.Where(x => x.Id == u.UnitId).Select(x => x.Name).FirstOrDefault() })
                                      .ToList(),
                              }).Take(limit + 1).AsSplitQuery().ToListAsync(ct);

        var unitRows = await (from u in units
                              join d in db.Districts on u.DistrictId equals d.Id
                              where u.Name.Contains(q) || u.Aliases.Contains(q)
                              orderby d.Id, u.Id
                              select new
                              {
                                  District = new DistrictInfo(d.Id, d.Code, d.Name, d.City),
                                  u.Id,
                                  u.Name,
                                  Items = db.ItemUnits.Count(iu => iu.UnitId == u.Id && db.PlanItems.Any(i => i.Id == iu.ItemId && plans.Any(p => p.Id == i.PlanId))),
                              }).Take(limit).ToListAsync(ct);

#pragma warning restore CA1307

        return new SearchResults(q,
            [.. unitRows.Select(u => new UnitHit(u.District, u.Id, u.Name, u.Items))],
            [.. itemRows.Take(limit).Select(i => new ItemHit(i.District, i.Seq, i.Number, i.PartTitle, i.Text,
                [.. i.Units.Select(u => new ItemUnitView(u.UnitId, u.Name ?? "?", u.Role, u.Printed))]))],
            itemRows.Count > limit);
    }
}
