using Luoshi.Core.Data;
using Luoshi.Core.Features.Exports;
using Luoshi.Core.Features.Plans;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Features.Plans;

/// <summary>The 时间清单: the reporting calendar the notice sets, and items' own deadlines.</summary>
public sealed class DeadlinesModel(LuoshiDb db, TimeProvider clock) : PageModel
{
    public DeadlineList? List { get; private set; }

    public DistrictInfo District { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, int? year, CancellationToken ct)
    {
        var queries = new PlanQueries(db, clock);
        var district = await queries.DistrictAsync(code, ct);
        if (district is null || HttpContext.Actor() is not { } scope || !scope.CanReadWholePlan(district.Id))
        {
            return NotFound();
        }

        District = district;
        List = await queries.DeadlinesAsync(district, ct, year);
        ViewData["PlanYear"] = List?.Plan.Year;
        ViewData["YearQuery"] = year is int asked ? "?year=" + asked.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        ViewData["YearAnd"] = year is int asked2 ? "&year=" + asked2.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return Page();
    }

    /// <summary>The list as a printable .xlsx (<see cref="ListExports.Deadlines"/>); the same access as the page.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(string code, int? year, CancellationToken ct)
    {
        var queries = new PlanQueries(db, clock);
        var district = await queries.DistrictAsync(code, ct);
        if (district is null || HttpContext.Actor() is not { } scope || !scope.CanReadWholePlan(district.Id))
        {
            return NotFound();
        }

        if (await queries.DeadlinesAsync(district, ct, year) is not { } list)
        {
            return NotFound();
        }

        var file = ListExports.Deadlines(list);
        return File(file.Content, file.ContentType, file.FileName);
    }
}
