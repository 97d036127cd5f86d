namespace Luoshi.Web.Features.City;

/// <summary>
/// Districts side by side, for those who see every district (city viewer, admin): one row per district, then the kinds of
/// target several districts share, <see cref="TargetsPerPage"/> a page with a preview of each (the first
/// <see cref="PreviewDistricts"/> districts), and one kind's every district on its own page (?measure=&amp;unit=). The
/// comparison is kept per districts' revisions (<see cref="PlanQueries.CityAsync(RevisionCache?, CancellationToken)"/>).
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageOutputCache.CityPolicy)]
public sealed class IndexModel(PlanQueries queries, RevisionCache cache) : PageModel
{
    /// <summary>Shared kinds of target a page lists.</summary>
    public const int TargetsPerPage = 20;

    /// <summary>Districts a listed kind shows before its own page.</summary>
    public const int PreviewDistricts = 5;

    public CityComparison Comparison { get; private set; } = null!;

    /// <summary>The shared kinds on this page.</summary>
    public IReadOnlyList<SharedTarget> Targets { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int Pages { get; private set; } = 1;

    /// <summary>The one kind asked for (?measure=&amp;unit=), shown with every district's targets; null for the overview.</summary>
    public SharedTarget? Detail { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? measure, string? unit, int p = 1, CancellationToken ct = default)
    {
        if (HttpContext.Actor() is not { SeesAllDistricts: true } scope)
        {
            return NotFound();
        }

        // Every district passes for a city-level reader; the check stays so that a narrower role added later does not see more.
        Comparison = (await queries.CityAsync(cache, ct)).VisibleTo(scope.CanReadWholePlan);
        if (measure is not null)
        {
            Detail = Comparison.Target(measure, unit);
            return Detail is null ? NotFound() : Page();
        }

        Pages = Math.Max(1, (Comparison.Targets.Count + TargetsPerPage - 1) / TargetsPerPage);
        PageNumber = Math.Clamp(p, 1, Pages);
        Targets = [.. Comparison.Targets.Skip((PageNumber - 1) * TargetsPerPage).Take(TargetsPerPage)];
        return Page();
    }

    /// <summary>The page of one shared kind.</summary>
    public static string DetailLink(SharedTarget t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return "/City?measure=" + Uri.EscapeDataString(t.Measure) + "&unit=" + Uri.EscapeDataString(t.Unit);
    }

    /// <summary>Another page of the overview's shared kinds.</summary>
    public static string PageLink(int page) => "/City?p=" + page.ToString(CultureInfo.InvariantCulture) + "#shared";
}
