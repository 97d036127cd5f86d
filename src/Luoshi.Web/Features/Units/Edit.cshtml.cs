namespace Luoshi.Web.Features.Units;

/// <summary>Adds a unit (no id) or edits one: name (a new name keeps the old one as an alias), kind, aliases, leader in charge.</summary>
public sealed class EditModel(LuoshiDb db, UnitService units) : PageModel
{
    public District District { get; private set; } = null!;

    public UnitRow? Unit { get; private set; }

    public List<LeaderChoice> Leaders { get; private set; } = [];

    public string? Name { get; private set; }

    public UnitKind Kind { get; private set; } = UnitKind.Department;

    public string? Aliases { get; private set; }

    public string? LeaderUserId { get; private set; }

    public int Version { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? district, int? id, CancellationToken ct)
    {
        if (!await LoadAsync(district, id, ct))
        {
            return NotFound();
        }

        if (Unit is not null)
        {
            Name = Unit.Name;
            Kind = Unit.Kind;
            Aliases = string.Join("、", Unit.Aliases);
            LeaderUserId = Unit.LeaderUserId;
            Version = Unit.Version;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? district, int? id, string? name, string? kind, string? aliases, string? leader, int version, CancellationToken ct)
    {
        if (!await LoadAsync(district, id, ct))
        {
            return NotFound();
        }

        var actor = HttpContext.Actor()!;
        Name = name;
        Kind = Enum.TryParse<UnitKind>(kind, out var k) ? k : UnitKind.Department;
        Aliases = aliases;
        LeaderUserId = leader;
        Version = version;
        var input = new UnitInput(name, Kind, aliases, leader);
        var saved = Unit is null
            ? await units.AddAsync(actor, District.Id, input, ct)
            : await units.EditAsync(actor, District.Id, Unit.Id, version, input, ct);
        if (saved.Failure?.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }

        if (!saved.Ok)
        {
            Error = saved.Failure!.Message;
            return Page();
        }

        return Redirect($"/Units/Detail?district={District.Code}&id={saved.Value!.Id}&done={(Unit is null ? "added" : "saved")}");
    }

    private async Task<bool> LoadAsync(string? district, int? id, CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        var d = await UnitPages.DistrictAsync(db, actor, district, ct);
        if (d is null)
        {
            return false;
        }

        District = d;
        Leaders = await units.LeadersAsync(d.Id, ct);
        if (id is int unitId)
        {
            var unit = await units.GetAsync(actor!, d.Id, unitId, ct);
            if (!unit.Ok)
            {
                return false;
            }

            Unit = unit.Value!.Unit;
        }

        return true;
    }
}
