namespace Luoshi.Core.Features.Plans;

/// <summary>
/// Reads for the browse pages and the JSON API: LINQ projections, no tracking, nothing provider-specific.
/// These answer "what is there"; who may see it is the web layer's AccessScope, which is given the
/// district id and unit ids it needs in every result. A district's plan is the year asked for, or its current year
/// (<see cref="Years.PlanYears"/>: chosen by the office or set by the calendar, at today in the district on <paramref name="clock"/>).
/// </summary>
public sealed partial class PlanQueries(LuoshiDb db, TimeProvider? clock = null)
{
    /// <summary>The most items a search returns.</summary>
    public const int SearchLimit = 100;

    /// <summary>Queries longer than this are cut: nobody types a paragraph into a search box.</summary>
    public const int MaxQueryLength = 100;

    private Years.PlanYears Years => new(db, clock ?? TimeProvider.System);

    /// <summary>Every district's current plan (<see cref="Years.PlanYears"/>).</summary>
    private async Task<IQueryable<Plan>> CurrentPlansAsync(CancellationToken ct)
    {
        var ids = (await Years.CurrentPlanIdsAsync(ct)).Values.ToList();
        return db.Plans.Where(p => ids.Contains(p.Id));
    }

    public Task<DistrictInfo?> DistrictAsync(string code, CancellationToken ct = default) =>
        db.Districts.AsNoTracking().Where(d => d.Code == code)
            .Select(d => new DistrictInfo(d.Id, d.Code, d.Name, d.City))
            .FirstOrDefaultAsync(ct);

    /// <summary>Every district, with its current plan's header and item count.</summary>
    public async Task<List<DistrictSummary>> DistrictsAsync(CancellationToken ct = default)
    {
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Id)
            .Select(d => new DistrictInfo(d.Id, d.Code, d.Name, d.City)).ToListAsync(ct);
        var current = await CurrentPlansAsync(ct);
        var plans = await HeadersAsync(current, ct);
        var counts = await (from i in db.PlanItems
                            join p in current on i.PlanId equals p.Id
                            group i by p.DistrictId into g
                            select new { DistrictId = g.Key, Items = g.Count() }).ToDictionaryAsync(x => x.DistrictId, x => x.Items, ct);
        return [.. districts.Select(d => new DistrictSummary(d, plans.GetValueOrDefault(d.Id), counts.GetValueOrDefault(d.Id)))];
    }

    /// <summary>The header of a district's plan of <paramref name="year"/> (its current year when none is asked for, or the district has no plan for it), or null when it has none.</summary>
    public async Task<PlanHeader?> PlanAsync(int districtId, CancellationToken ct = default, int? year = null)
    {
        var shown = await Years.ResolveAsync(districtId, year, ct);
        if (shown is null)
        {
            return null;
        }

        var p = await db.Plans.AsNoTracking().Where(p => p.Id == shown.PlanId)
            .Select(p => new { p.Id, p.Year, p.DocNumber, p.Title, p.Issuer, p.SignedOn, p.PublishedAt })
            .FirstOrDefaultAsync(ct);
        return p is null ? null : new PlanHeader(p.Id, p.Year, p.DocNumber, p.Title, p.Issuer, p.SignedOn, p.PublishedAt);
    }

    public async Task<PlanTree?> TreeAsync(DistrictInfo district, CancellationToken ct = default, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(district);
        var plan = await PlanAsync(district.Id, ct, year);
        if (plan is null)
        {
            return null;
        }

        var parts = await db.PlanParts.AsNoTracking().Where(p => p.PlanId == plan.Id).OrderBy(p => p.Index)
            .Select(p => new { p.Id, p.Index, p.Kind, p.Title, p.DeclaredCount }).ToListAsync(ct);
        var items = await db.PlanItems.AsNoTracking().Where(i => i.PlanId == plan.Id).OrderBy(i => i.Seq)
            .Select(i => new
            {
                i.PartId,
                i.Seq,
                i.Number,
                i.Group,
                i.Theme,
                i.Text,
                i.Deadline,
                i.CarriedFromYear,
                i.CarriedFromNumber,
                Lead = i.Units.Where(u => u.Role == UnitRole.Lead).OrderBy(u => u.Id).Select(u => u.UnitId).ToList(),
                Co = i.Units.Count(u => u.Role == UnitRole.Co),
                Indicators = i.Indicators.Count,
            }).ToListAsync(ct);
        var names = await UnitNamesAsync(district.Id, ct);
        var tree = parts.Select(p => new TreePart(p.Index, p.Kind, p.Title, p.DeclaredCount,
            Runs(items.Where(i => i.PartId == p.Id).ToList(), i => i.Group, groupItems =>
                Runs(groupItems, i => i.Theme, themeItems =>
                    themeItems.Select(i => new TreeItem(i.Seq, i.Number, i.Text, [.. i.Lead.Select(u => names.GetValueOrDefault(u, "?"))], i.Co, i.Indicators, i.Deadline, i.CarriedFromYear, i.CarriedFromNumber)).ToList(),
                    (title, list) => new TreeTheme(title, list)),
                (title, list) => new TreeGroup(title, list)))).ToList();
        return new PlanTree(district, plan, tree);
    }

    /// <summary>An item of a district's plan of the year shown by its position, with its units, targets and source lines.</summary>
    public async Task<ItemDetail?> ItemAsync(DistrictInfo district, int seq, CancellationToken ct = default, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(district);
        var plan = await PlanAsync(district.Id, ct, year);
        if (plan is null)
        {
            return null;
        }

        var row = await (from i in db.PlanItems.AsNoTracking()
                         join p in db.PlanParts on i.PartId equals p.Id
                         where i.PlanId == plan.Id && i.Seq == seq
                         select new
                         {
                             i.Seq,
                             i.Number,
                             p.Index,
                             p.Kind,
                             PartTitle = p.Title,
                             i.Group,
                             i.Theme,
                             i.Text,
                             i.Deadline,
                             i.Leaders,
                             i.FirstLine,
                             i.LastLine,
                             i.CarriedFromYear,
                             i.CarriedFromNumber,
                             Units = i.Units.OrderBy(u => u.Id).Select(u => new { u.UnitId, u.Role, u.Printed }).ToList(),
                             Indicators = i.Indicators.OrderBy(x => x.Seq).Select(x => new IndicatorView(x.Measure, x.Value, x.Unit, x.Sense, x.Printed)).ToList(),
                         }).AsSplitQuery().FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var names = await UnitNamesAsync(district.Id, ct);
        string source = await db.Plans.AsNoTracking().Where(p => p.Id == plan.Id).Select(p => p.SourceText).FirstAsync(ct);
        return new ItemDetail(district, plan, row.Seq, row.Number, row.Index, row.Kind, row.PartTitle, row.Group, row.Theme, row.Text,
            row.Deadline, row.Leaders,
            [.. row.Units.Select(u => new ItemUnitView(u.UnitId, names.GetValueOrDefault(u.UnitId, "?"), u.Role, u.Printed))],
            row.Indicators, row.FirstLine, row.LastLine, SourceLines(source, row.FirstLine, row.LastLine), row.CarriedFromYear, row.CarriedFromNumber);
    }

    /// <summary>A unit's 任务清单 in its district's plan of the year shown; null when the unit is not of that district.</summary>
    public async Task<UnitTasks?> UnitTasksAsync(DistrictInfo district, int unitId, CancellationToken ct = default, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(district);
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId && u.DistrictId == district.Id)
            .Select(u => new { u.Id, u.Name, u.Kind, u.Aliases }).FirstOrDefaultAsync(ct);
        var plan = await PlanAsync(district.Id, ct, year);
        if (unit is null || plan is null)
        {
            return null;
        }

        var rows = await (from iu in db.ItemUnits.AsNoTracking()
                          join i in db.PlanItems on iu.ItemId equals i.Id
                          join p in db.PlanParts on i.PartId equals p.Id
                          where iu.UnitId == unitId && i.PlanId == plan.Id
                          orderby i.Seq
                          select new
                          {
                              i.Seq,
                              i.Number,
                              p.Index,
                              p.Kind,
                              p.Title,
                              i.Text,
                              iu.Role,
                              i.Deadline,
                              Indicators = i.Indicators.OrderBy(x => x.Seq).Select(x => new IndicatorView(x.Measure, x.Value, x.Unit, x.Sense, x.Printed)).ToList(),
                              Lead = i.Units.Where(u => u.Role == UnitRole.Lead).OrderBy(u => u.Id).Select(u => u.UnitId).ToList(),
                          }).AsSplitQuery().ToListAsync(ct);
        var names = await UnitNamesAsync(district.Id, ct);
        var view = new UnitView(unit.Id, unit.Name, unit.Kind, [.. unit.Aliases.Split('|', StringSplitOptions.RemoveEmptyEntries)]);
        return new UnitTasks(district, plan, view, [.. rows.Select(r => new UnitTask(r.Seq, r.Number, r.Index, r.Kind, r.Title, r.Text, r.Role, r.Deadline,
            r.Indicators, [.. r.Lead.Select(u => names.GetValueOrDefault(u, "?"))]))]);
    }

    /// <summary>The 责任清单: one row per item, one column per unit involved (in catalogue order).</summary>
    public async Task<ResponsibilityMatrix?> MatrixAsync(DistrictInfo district, CancellationToken ct = default, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(district);
        var plan = await PlanAsync(district.Id, ct, year);
        if (plan is null)
        {
            return null;
        }

        var rows = await (from i in db.PlanItems.AsNoTracking()
                          join p in db.PlanParts on i.PartId equals p.Id
                          where i.PlanId == plan.Id
                          orderby i.Seq
                          select new MatrixRow(i.Seq, i.Number, p.Index, p.Title, i.Text,
                              i.Units.OrderBy(u => u.Id).Select(u => new MatrixCell(u.UnitId, u.Role)).ToList())).ToListAsync(ct);
        var names = await UnitNamesAsync(district.Id, ct);
        var units = rows.SelectMany(r => r.Cells).GroupBy(c => c.UnitId).OrderBy(g => g.Key)
            .Select(g => new MatrixUnit(g.Key, names.GetValueOrDefault(g.Key, "?"), g.Count(c => c.Role == UnitRole.Lead), g.Count(c => c.Role == UnitRole.Co)))
            .ToList();
        return new ResponsibilityMatrix(district, plan, units, rows);
    }

    private static async Task<Dictionary<int, PlanHeader>> HeadersAsync(IQueryable<Plan> plans, CancellationToken ct)
    {
        var rows = await plans.AsNoTracking()
            .Select(p => new { p.DistrictId, p.Id, p.Year, p.DocNumber, p.Title, p.Issuer, p.SignedOn, p.PublishedAt }).ToListAsync(ct);
        return rows.ToDictionary(p => p.DistrictId, p => new PlanHeader(p.Id, p.Year, p.DocNumber, p.Title, p.Issuer, p.SignedOn, p.PublishedAt));
    }

    private Task<Dictionary<int, string>> UnitNamesAsync(int districtId, CancellationToken ct) =>
        db.Units.AsNoTracking().Where(u => u.DistrictId == districtId).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

    /// <summary>Lines first..last (1-based, inclusive) of the notice's text, split as the parser splits it.</summary>
    internal static List<SourceLineView> SourceLines(string text, int first, int last) =>
        [.. NoticeLines.Lines(text, first, last).Select((t, k) => new SourceLineView(first + k, t))];

    /// <summary>Consecutive runs of items with the same key (a group or a theme), in order.</summary>
    private static List<TOut> Runs<TItem, TChild, TOut>(List<TItem> items, Func<TItem, string?> key,
        Func<List<TItem>, List<TChild>> children, Func<string?, List<TChild>, TOut> make)
    {
        var result = new List<TOut>();
        int k = 0;
        while (k < items.Count)
        {
            string? title = key(items[k]);
            int end = k;
            while (end < items.Count && string.Equals(key(items[end]), title, StringComparison.Ordinal))
            {
                end++;
            }

            result.Add(make(title, children(items.GetRange(k, end - k))));
            k = end;
        }

        return result;
    }
}
