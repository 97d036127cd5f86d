namespace Luoshi.Web.Features.Units;

/// <summary>
/// 单位管理: the district's units for its office (the admin: any district), filtered by name or alias, kind and state, with
/// its collectives; the catalogue exported as .xlsx. Everyone else gets 404.
/// </summary>
public sealed class IndexModel(LuoshiDb db, UnitService units) : PageModel
{
    public District? District { get; private set; }

    public List<District> Districts { get; private set; } = [];

    public List<UnitRow> Units { get; private set; } = [];

    public List<UnitCollective> Collectives { get; private set; } = [];

    public string? Search { get; private set; }

    public UnitKind? Kind { get; private set; }

    public string? State { get; private set; }

    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? district, string? q, string? kind, string? state, CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        if (actor is null || !actor.HasAny(Permission.ManageUnits))
        {
            return NotFound();
        }

        Districts = await UnitPages.ChoicesAsync(db, actor, ct);
        if (string.IsNullOrEmpty(district) && actor.DistrictId is null)
        {
            return Page(); // the admin chooses a district first
        }

        District = await UnitPages.DistrictAsync(db, actor, district, ct);
        if (District is null)
        {
            return NotFound();
        }

        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        Kind = Enum.TryParse<UnitKind>(kind, out var k) ? k : null;
        State = state is "active" or "retired" or "all" ? state : "active";
        var list = await units.ListAsync(actor, District.Id, Search, Kind, State, ct);
        Units = list.Value ?? [];
        Total = await db.Units.CountAsync(u => u.DistrictId == District.Id, ct);
        Collectives = await db.UnitCollectives.AsNoTracking().Where(c => c.DistrictId == District.Id).OrderBy(c => c.Id).ToListAsync(ct);
        return Page();
    }

    /// <summary>The catalogue as .xlsx (the form the import reads).</summary>
    public async Task<IActionResult> OnGetExportAsync(string? district, CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        var d = await UnitPages.DistrictAsync(db, actor, district, ct);
        if (d is null)
        {
            return NotFound();
        }

        var bytes = await units.ExportAsync(actor!, d.Id, ct);
        return bytes.Ok
            ? File(bytes.Value!, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", d.Name + "单位名录.xlsx")
            : NotFound();
    }
}
