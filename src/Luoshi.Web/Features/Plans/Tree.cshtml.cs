using Luoshi.Core.Data;
using Luoshi.Core.Features.Plans;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Features.Plans;

/// <summary>The plan as a tree: parts, groups, themes, items. For those who may read the whole plan.</summary>
public sealed class TreeModel(LuoshiDb db, TimeProvider clock) : PageModel
{
    public DistrictInfo District { get; private set; } = null!;

    public PlanTree? Tree { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int? year, CancellationToken ct)
    {
        var queries = new PlanQueries(db, clock);
        var district = await queries.DistrictAsync(code, ct);
        if (district is null || HttpContext.Actor() is not { } scope || !scope.CanReadWholePlan(district.Id))
        {
            return NotFound();
        }

        District = district;
        Tree = await queries.TreeAsync(district, ct, year);
        ViewData["PlanYear"] = Tree?.Plan.Year;
        ViewData["YearQuery"] = year is int asked ? "?year=" + asked.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        ViewData["YearAnd"] = year is int asked2 ? "&year=" + asked2.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return Page();
    }
}
