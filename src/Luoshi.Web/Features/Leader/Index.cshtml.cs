namespace Luoshi.Web.Features.Leader;

/// <summary>
/// 分管领导: one leader's units, what of theirs is late and what changed in the last week (<see cref="LeaderView"/>), as cards
/// that read on a phone. A leader sees their own page only; the district's office chooses any of its leaders (?leader=);
/// a unit's people and everyone else are refused (<see cref="LeaderViews.MayView"/>).
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageOutputCache.Policy)]
public sealed class LeaderIndexModel(LuoshiDb db, LeaderViews views) : PageModel
{
    public LeaderView? View { get; private set; }

    /// <summary>For the office: the district's leaders to choose from (also shown above a chosen leader's page).</summary>
    public IReadOnlyList<LeaderPick>? Leaders { get; private set; }

    public string DistrictCode { get; private set; } = string.Empty;

    public string DistrictName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string? district, string? leader, int? year, CancellationToken ct)
    {
        if (HttpContext.Actor() is not { } actor)
        {
            return NotFound();
        }

        string? code = await DistrictChoice.CodeAsync(db, actor, district, ct);
        var d = code is null ? null : await db.Districts.AsNoTracking().Where(x => x.Code == code).Select(x => new { x.Id, x.Code, x.Name }).FirstOrDefaultAsync(ct);
        string? me = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (d is null)
        {
            return NotFound();
        }

        bool chooses = LeaderViews.MayChoose(actor, d.Id);
        if (!chooses && (me is null || (!string.IsNullOrEmpty(leader) && leader != me)))
        {
            // Not the office: one's own page only; asking for another leader's is refused as if it did not exist.
            return NotFound();
        }

        DistrictCode = d.Code;
        DistrictName = d.Name;
        if (chooses)
        {
            Leaders = await views.LeadersAsync(d.Id, ct);
            if (string.IsNullOrEmpty(leader))
            {
                return Page();
            }
        }

        // Null (404) when the account is not a leader of the district, the district has no plan, or the caller may not see it.
        View = await views.LoadAsync(actor, me, d.Id, chooses ? leader! : me!, year, ct: ct);
        return View is null ? NotFound() : Page();
    }
}
