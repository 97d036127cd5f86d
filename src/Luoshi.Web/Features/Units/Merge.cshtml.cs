namespace Luoshi.Web.Features.Units;

/// <summary>
/// 单位合并: choose the unit this one goes into, see what will move (items, filings, accounts, orders) and what stops it,
/// confirm; the page then shows what moved. The versions of both units ride along, so a stale page merges nothing.
/// </summary>
public sealed class MergeModel(LuoshiDb db, UnitService units) : PageModel
{
    public District District { get; private set; } = null!;

    public UnitRow Unit { get; private set; } = null!;

    public List<UnitRow> Choices { get; private set; } = [];

    public MergeSummary? Summary { get; private set; }

    public bool Done { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? district, int id, int? into, CancellationToken ct)
    {
        if (!await LoadAsync(district, id, ct))
        {
            return NotFound();
        }

        if (into is int survivor)
        {
            var preview = await units.PreviewMergeAsync(HttpContext.Actor()!, District.Id, id, survivor, ct);
            if (!preview.Ok)
            {
                return NotFound();
            }

            Summary = preview.Value;
        }

        return Page();
    }

    /// <summary>Merges when <paramref name="confirm"/> is set; without it shows the summary with the confirming button (issue 13.4) and merges nothing.</summary>
    public async Task<IActionResult> OnPostAsync(string? district, int id, int into, int version, int intoVersion, bool confirm, CancellationToken ct)
    {
        if (!await LoadAsync(district, id, ct))
        {
            return NotFound();
        }

        if (!confirm)
        {
            var preview = await units.PreviewMergeAsync(HttpContext.Actor()!, District.Id, id, into, ct);
            if (preview.Failure?.Kind == FailureKind.NotFound)
            {
                return NotFound();
            }

            Summary = preview.Value;
            Error = preview.Failure?.Message;
            return Page();
        }

        var merged = await units.MergeAsync(HttpContext.Actor()!, District.Id, id, version, into, intoVersion, ct);
        if (merged.Failure?.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }

        if (merged.Ok)
        {
            Summary = merged.Value;
            Done = true;
        }
        else
        {
            Error = merged.Failure!.Message;
            Summary = (await units.PreviewMergeAsync(HttpContext.Actor()!, District.Id, id, into, ct)).Value;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string? district, int id, CancellationToken ct)
    {
        if (await UnitPages.FindAsync(db, HttpContext.Actor(), district, async (actor, d) => (await units.ListAsync(actor, d.Id, state: "all", ct: ct)).Value, ct) is not { } found
            || found.Found.FirstOrDefault(u => u.Id == id) is not { } unit)
        {
            return false;
        }

        (District, var all) = found;
        Unit = unit;
        Choices = [.. all.Where(u => !u.Retired && u.Id != id)];
        return true;
    }
}
