namespace Luoshi.Web.Features.Plans;

/// <summary>A unit's 任务清单: the items it leads or works on, on the page and as .xlsx.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageOutputCache.Policy)]
public sealed class UnitModel(LuoshiDb db, UnitTasksCache cache) : PageModel
{
    public UnitTasks Tasks { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, int unitId, int? year, CancellationToken ct)
    {
        var tasks = await LoadAsync(code, unitId, year, ct);
        if (tasks is null)
        {
            return NotFound();
        }

        Tasks = tasks;
        ViewData["PlanYear"] = tasks.Plan.Year;
        ViewData["YearQuery"] = year is int asked ? "?year=" + asked.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        ViewData["YearAnd"] = year is int asked2 ? "&year=" + asked2.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return Page();
    }

    /// <summary>The same list as a printable spreadsheet (title, widths, landscape, header repeated), with the columns of the CLI's 任务清单 and the lead units.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(string code, int unitId, int? year, CancellationToken ct)
    {
        var tasks = await LoadAsync(code, unitId, year, ct);
        if (tasks is null)
        {
            return NotFound();
        }

        var file = ListExports.Tasks(tasks);
        return File(file.Content, file.ContentType, file.FileName);
    }

    private Task<UnitTasks?> LoadAsync(string code, int unitId, int? year, CancellationToken ct) =>
        HttpContext.Actor() is not { } scope
            ? Task.FromResult<UnitTasks?>(null)
            : cache.GetAsync(db, code, unitId, districtId => scope.CanReadUnit(districtId, unitId), ct, year);
}
