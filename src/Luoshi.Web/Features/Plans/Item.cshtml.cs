namespace Luoshi.Web.Features.Plans;

/// <summary>One item: text, targets, lead and co units, and the lines of the notice it was read from.</summary>
public sealed class ItemModel(LuoshiDb db, TimeProvider clock, Luoshi.Core.Features.Supervision.SupervisionActions actions) : PageModel
{
    public ItemDetail Item { get; private set; } = null!;

    public Actor Scope { get; private set; } = null!;

    /// <summary>For the district's office: the item's id (for its actions) and its supervision history (催报, calls, 约谈, 督办单).</summary>
    public int? ItemId { get; private set; }

    public IReadOnlyList<Luoshi.Core.Features.Supervision.HistoryRow> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, int seq, int? year, CancellationToken ct)
    {
        var queries = new PlanQueries(db, clock);
        var district = await queries.DistrictAsync(code, ct);
        if (district is null || HttpContext.Actor() is not { } scope || !scope.CanReadDistrict(district.Id))
        {
            return NotFound();
        }

        var item = await queries.ItemAsync(district, seq, ct, year);
        if (item is null || !scope.CanReadItem(district.Id, item.UnitIds))
        {
            return NotFound();
        }

        Item = item;
        ViewData["PlanYear"] = item.Plan.Year;
        ViewData["YearQuery"] = year is int asked ? "?year=" + asked.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        ViewData["YearAnd"] = year is int asked2 ? "&year=" + asked2.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        Scope = scope;
        if (scope.CanSupervise(district.Id))
        {
            ItemId = await (from i in db.PlanItems.AsNoTracking()
                            join p in db.Plans on i.PlanId equals p.Id
                            where p.DistrictId == district.Id && p.Year == item.Plan.Year && i.Seq == seq
                            select (int?)i.Id).FirstOrDefaultAsync(ct);
            History = ItemId is int id ? await actions.HistoryAsync(district.Id, null, id, ct) : [];
        }

        return Page();
    }
}
