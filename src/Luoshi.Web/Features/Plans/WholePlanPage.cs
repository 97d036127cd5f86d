namespace Luoshi.Web.Features.Plans;

/// <summary>
/// A page showing one plan year of a district to those who may read the whole plan (the tree, 时间清单, 责任清单): the
/// district looked up, access checked (as the API checks it, <see cref="PlansApi.WholePlanDistrictAsync"/>), the year's
/// view loaded.
/// </summary>
public abstract class WholePlanPage<TView>(LuoshiDb db, TimeProvider clock) : PageModel
    where TView : class, IPlanYearView
{
    public DistrictInfo District { get; private set; } = null!;

    /// <summary>The year's view, or null when the district has no plan for that year.</summary>
    protected TView? Shown { get; private set; }

    protected abstract Task<TView?> LoadAsync(PlanQueries queries, DistrictInfo district, int? year, CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(string code, int? year, CancellationToken ct)
    {
        var queries = new PlanQueries(db, clock);
        if (await PlansApi.WholePlanDistrictAsync(queries, code, HttpContext, ct) is not { } district)
        {
            return NotFound();
        }

        District = district;
        Shown = await LoadAsync(queries, district, year, ct);
        ViewData["PlanYear"] = Shown?.Plan.Year;
        string asked = year?.ToString(CultureInfo.InvariantCulture) ?? "";
        ViewData["YearQuery"] = year is null ? "" : "?year=" + asked;
        ViewData["YearAnd"] = year is null ? "" : "&year=" + asked;
        return Page();
    }

    /// <summary>The view as its file, with the same access as the page (<see cref="WholePlanList{TView}"/>).</summary>
    protected async Task<IActionResult> ExportAsync(string code, int? year, Func<TView, ExportFile> export, CancellationToken ct)
    {
        var queries = new PlanQueries(db, clock);
        if (await PlansApi.WholePlanDistrictAsync(queries, code, HttpContext, ct) is not { } district
            || await LoadAsync(queries, district, year, ct) is not { } view)
        {
            return NotFound();
        }

        var file = export(view);
        return File(file.Content, file.ContentType, file.FileName);
    }
}

/// <summary>A 清单 page (时间清单, 责任清单): the page, and the same list as a printable .xlsx with the same access.</summary>
public abstract class WholePlanList<TView>(LuoshiDb db, TimeProvider clock) : WholePlanPage<TView>(db, clock)
    where TView : class, IPlanYearView
{
    protected abstract ExportFile Export(TView view);

    /// <summary>The list as a printable .xlsx.</summary>
    public Task<IActionResult> OnGetXlsxAsync(string code, int? year, CancellationToken ct) => ExportAsync(code, year, Export, ct);
}
