namespace Luoshi.Web.Features.City;

/// <summary>Districts side by side, for those who see every district (city viewer, admin).</summary>
public sealed class IndexModel(LuoshiDb db) : PageModel
{
    public CityComparison Comparison { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (HttpContext.Actor() is not { SeesAllDistricts: true } scope)
        {
            return NotFound();
        }

        var all = await new PlanQueries(db).CityAsync(ct);
        // Every district passes for a city-level reader; the check stays so that a narrower role added later does not see more.
        var visible = all.Districts.Where(d => scope.CanReadWholePlan(d.District.Id)).Select(d => d.District.Id).ToHashSet();
        Comparison = all with
        {
            Districts = [.. all.Districts.Where(d => visible.Contains(d.District.Id))],
            Targets = [.. all.Targets.Select(t => t with { Targets = [.. t.Targets.Where(x => visible.Contains(x.District.Id))] })
                .Where(t => t.Targets.Select(x => x.District.Id).Distinct().Count() > 1)],
        };
        return Page();
    }
}
