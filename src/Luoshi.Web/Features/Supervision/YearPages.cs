namespace Luoshi.Web.Features.Supervision;

/// <summary>What the supervision view and the dashboard share: who may read them, and which district a request is about.</summary>
internal static class YearPages
{
    /// <summary>The office, the district's leaders, the city and the admin; never a unit's people.</summary>
    public static bool MayRead(Actor? scope, int districtId) => scope is not null && scope.CanReadWholePlan(districtId);

    /// <summary>The snapshot of the district asked for (or the caller's own) for the plan year asked for (or its current year), if the caller may read it; nothing is loaded otherwise.</summary>
    public static async Task<YearSnapshot?> SnapshotAsync(YearQueries year, LuoshiDb db, Actor? scope, string? code, CancellationToken ct, int? planYear = null)
    {
        if (scope is null || !scope.SeesWholeDistrict)
        {
            return null;
        }

        code = await DistrictChoice.CodeAsync(db, scope, code, ct);
        return code is null ? null : await year.SnapshotAsync(code, id => MayRead(scope, id), ct, planYear);
    }

    /// <summary>
    /// Opens a page of a district's year (看板, 督办): for a caller with no district of their own who asked for none, the
    /// districts to choose from (<c>Early</c> is the page); else the snapshot, or <c>Early</c> a 404 when it cannot be read.
    /// </summary>
    public static async Task<(IActionResult? Early, IReadOnlyList<DistrictSummary>? Choices, YearSnapshot Snapshot)> OpenAsync(
        PageModel page, YearQueries years, LuoshiDb db, string? district, int? year, CancellationToken ct)
    {
        var scope = page.HttpContext.Actor();
        if (district is null && scope is { SeesWholeDistrict: true, DistrictId: null })
        {
            return (page.Page(), await ChoicesAsync(db, scope, ct), null!);
        }

        var snapshot = await SnapshotAsync(years, db, scope, district, ct, year);
        return snapshot is null ? (page.NotFound(), null, null!) : (null, null, snapshot);
    }

    /// <summary>The districts with a plan that the caller may read (for the admin and the city, who have no district of their own).</summary>
    public static async Task<List<DistrictSummary>> ChoicesAsync(LuoshiDb db, Actor scope, CancellationToken ct) =>
        [.. (await new PlanQueries(db).DistrictsAsync(ct)).Where(d => d.Plan is not null && scope.CanReadWholePlan(d.District.Id))];
}
