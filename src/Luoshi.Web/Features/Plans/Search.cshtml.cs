namespace Luoshi.Web.Features.Plans;

/// <summary>Search over items' text and units, within what the person may see.</summary>
public sealed class SearchModel(LuoshiDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public SearchResults? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (HttpContext.Actor() is not { } scope)
        {
            return NotFound();
        }

        if (!string.IsNullOrWhiteSpace(Query))
        {
            Results = Browse.Visible(await new PlanQueries(db).SearchAsync(Query, Browse.SearchLimits(scope), ct: ct), scope);
        }

        return Page();
    }
}
