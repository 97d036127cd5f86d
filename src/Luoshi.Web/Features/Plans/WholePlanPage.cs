namespace Luoshi.Web.Features.Plans;

/// <summary>
/// A page showing one plan year of a district to those who may read the whole plan (the tree, 时间清单, 责任清单): the
/// district looked up, access checked, the year's view loaded; a 清单 also as a printable .xlsx with the same access.
/// </summary>
public abstract class WholePlanPage<TView>(LuoshiDb db, TimeProvider clock) : PageModel
    where TView : class
{
    public DistrictInfo District { get; private set; } = null!;

    /// <summary>The year's view, or null when the district has no plan for that year.</summary>
    protected TView? Shown { get; private set; }

    protected abstract Task<TView?> LoadAsync(PlanQueries queries, DistrictInfo district, int? year, CancellationToken ct);

    protected abstract int YearOf(TView view);

    /// <summary>The view as a file, or null for a page without one.</summary>
    protected virtual ExportFile? Export(TView view) => null;

    public async Task<IActionResult> OnGetAsync(string code, int? year, CancellationToken ct)
    {
        var queries = new PlanQueries(db, clock);
        if (await DistrictAsync(queries, code, ct) is not { } district)
        {
            return NotFound();
        }

        District = district;
        Shown = await LoadAsync(queries, district, year, ct);
        ViewData["PlanYear"] = Shown is null ? null : YearOf(Shown);
        string asked = year?.ToString(CultureInfo.InvariantCulture) ?? "";
        ViewData["YearQuery"] = year is null ? "" : "?year=" + asked;
        ViewData["YearAnd"] = year is null ? "" : "&year=" + asked;
        return Page();
    }

    /// <summary>The view as its file (a page with one declares the handler: <c>OnGetXlsxAsync => ExportAsync</c>).</summary>
    protected async Task<IActionResult> ExportAsync(string code, int? year, CancellationToken ct)
    {
        var queries = new PlanQueries(db, clock);
        if (await DistrictAsync(queries, code, ct) is not { } district
            || await LoadAsync(queries, district, year, ct) is not { } view
            || Export(view) is not { } file)
        {
            return NotFound();
        }

        return File(file.Content, file.ContentType, file.FileName);
    }

    private async Task<DistrictInfo?> DistrictAsync(PlanQueries queries, string code, CancellationToken ct)
    {
        var district = await queries.DistrictAsync(code, ct);
        return district is not null && HttpContext.Actor() is { } scope && scope.CanReadWholePlan(district.Id) ? district : null;
    }
}
