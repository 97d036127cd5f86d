namespace Luoshi.Web.Features.Units;

/// <summary>A unit of the district as its office keeps it: names, kind, leader, collectives, history; edit, merge and retire (with confirmation).</summary>
public sealed class DetailModel(LuoshiDb db, UnitService units) : PageModel
{
    public District District { get; private set; } = null!;

    public UnitDetail Unit { get; private set; } = null!;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? district, int id, string? done, CancellationToken ct)
    {
        Message = done switch
        {
            "saved" => "已保存。",
            "added" => "已新增该单位。",
            "merged" => "已合并。",
            _ => null,
        };
        return await LoadAsync(district, id, ct) ? Page() : NotFound();
    }

    /// <summary>撤销: only with the box ticked; a stale version changes nothing.</summary>
    public async Task<IActionResult> OnPostRetireAsync(string? district, int id, int version, bool confirm, CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        var d = await UnitPages.DistrictAsync(db, actor, district, ct);
        if (d is null)
        {
            return NotFound();
        }

        if (!confirm)
        {
            Error = "请勾选确认后再撤销。";
        }
        else
        {
            var r = await units.RetireAsync(actor!, d.Id, id, version, ct);
            if (r.Failure?.Kind == FailureKind.NotFound)
            {
                return NotFound();
            }

            Error = r.Failure?.Message;
            Message = r.Ok ? "已撤销：该单位保留在名录和历史中，不再用于新的事项、名单和通知识别。" : null;
        }

        return await LoadAsync(d.Code, id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string? district, int id, CancellationToken ct)
    {
        if (await UnitPages.FindAsync(db, HttpContext.Actor(), district, async (actor, d) => (await units.GetAsync(actor, d.Id, id, ct)).Value, ct) is not { } found)
        {
            return false;
        }

        (District, Unit) = found;
        return true;
    }
}
