using Microsoft.AspNetCore.Html;

namespace Luoshi.Web.Features.Dashboard;

/// <summary>
/// 看板: progress of a district's year by part, group, unit and leader in charge, targets against time, and the late units;
/// charts drawn by wwwroot/js/dashboard.js from the data block, the same numbers in tables below them.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageOutputCache.Policy)]
public sealed class IndexModel(YearQueries years, LuoshiDb db, DashboardCache cache) : PageModel
{
    private BuiltDashboard? _built;

    public YearSnapshot Snapshot { get; private set; } = null!;

    public IReadOnlyList<DistrictSummary>? Choices { get; private set; }

    public string CacheKey { get; private set; } = string.Empty;

    public DashboardData Data => (_built ??= cache.For(Snapshot)).Data;

    /// <summary>The data block's content: JSON with every markup-significant and non-ASCII character escaped (see <see cref="DashboardJson"/>).</summary>
    public HtmlString DataBlock => new((_built ??= cache.For(Snapshot)).ChartJson);

    /// <summary>The progress tables below the charts.</summary>
    public IEnumerable<ProgressTable> Tables()
    {
        string code = Snapshot.District.Code;
        yield return new ProgressTable("parts", "部分", Data.Parts);
        yield return new ProgressTable("groups", "分组", Data.Groups);
        yield return new ProgressTable("units", "牵头单位", Data.Units, r => $"/Plans/{code}/Units/{r.Key}");
        yield return new ProgressTable("leaders", "分管领导", Data.Leaders);
    }

    public async Task<IActionResult> OnGetAsync(string? district, int? year, CancellationToken ct)
    {
        (var early, Choices, Snapshot) = await YearPages.OpenAsync(this, years, db, district, year, ct);
        if (early is not null)
        {
            return early;
        }

        var snapshot = Snapshot;
        CacheKey = string.Join('|', snapshot.District.Id.ToString(CultureInfo.InvariantCulture), snapshot.Plan.Year.ToString(CultureInfo.InvariantCulture), snapshot.Revision.ToString(CultureInfo.InvariantCulture),
            snapshot.Today.DayNumber.ToString(CultureInfo.InvariantCulture));
        return Page();
    }
}
