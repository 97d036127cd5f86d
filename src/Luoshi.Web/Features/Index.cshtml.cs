using Luoshi.Core.Features.Years;

namespace Luoshi.Web.Features;

/// <summary>
/// 首页: what the person in front of it has to do (<see cref="HomeView"/>: the office's queue, the clerk's deadlines, what waits
/// for the head, the leader's units, the administrators' pages; stacked when an account has several), then the districts the
/// caller may read, each with the plan year shown (?year=, else its current year) and its other years.
/// </summary>
public sealed class IndexModel(LuoshiDb db, PlanYears years, YearQueries snapshots, LeaderViews leaders) : PageModel
{
    public sealed record DistrictRow(int Id, string Code, string Name, string? City, int? Year, int Items, string? DocNumber, IReadOnlyList<PlanYear> Years);

    public List<DistrictRow> Districts { get; private set; } = [];

    public (string Code, int UnitId)? MyUnit { get; private set; }

    public HomeSections Sections { get; private set; } = null!;

    /// <summary>The caller's district's year (current plan), for the sections that read it; null without a district or a plan.</summary>
    public YearSnapshot? Year { get; private set; }

    public OfficeQueue? Office { get; private set; }

    public IReadOnlyList<HomeDue> ClerkDue { get; private set; } = [];

    public IReadOnlyList<HomeDue> AwaitingHead { get; private set; } = [];

    public IReadOnlyList<HomeDue> CoParts { get; private set; } = [];

    /// <summary>The leader's own units (no week's changes: the leader's page has them).</summary>
    public LeaderView? Leader { get; private set; }

    public async Task OnGetAsync(int? year, CancellationToken ct)
    {
        var scope = HttpContext.Actor()!;
        var districts = await db.Districts.AsNoTracking()
            .Where(d => scope.SeesAllDistricts || d.Id == scope.DistrictId)
            .OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.Code, d.Name, d.City })
            .ToListAsync(ct);
        foreach (var d in districts)
        {
            var list = await years.ListAsync(d.Id);
            var shown = list.FirstOrDefault(y => y.Year == year) ?? list.FirstOrDefault(y => y.Current);
            int items = shown is null ? 0 : await db.PlanItems.CountAsync(i => i.PlanId == shown.PlanId, ct);
            Districts.Add(new DistrictRow(d.Id, d.Code, d.Name, d.City, shown?.Year, items, shown?.DocNumber, list));
        }

        if (scope.UnitId is int unit && Districts.Count == 1)
        {
            MyUnit = (Districts[0].Code, unit);
        }

        Sections = HomeView.Sections(scope, scope.DistrictId);
        if (scope.DistrictId is not int districtId || !(Sections.Office || Sections.Clerk || Sections.Head || Sections.LeadUnit || Sections.Reader))
        {
            return;
        }

        Year = await snapshots.SnapshotAsync(districtId, ct);
        if (Year is null)
        {
            return;
        }

        int own = scope.UnitId ?? -1;
        Office = Sections.Office ? HomeView.Office(Year) : null;
        ClerkDue = Sections.Clerk ? HomeView.ClerkDue(Year, own) : [];
        AwaitingHead = Sections.Head ? HomeView.AwaitingHead(Year, own) : [];
        CoParts = Sections.LeadUnit ? HomeView.CoPartsToLead(Year, own) : [];
        if (Sections.Reader && User.FindFirstValue(ClaimTypes.NameIdentifier) is { } me)
        {
            Leader = await leaders.LoadAsync(scope, me, districtId, me, changes: false, ct: ct);
        }
    }
}
