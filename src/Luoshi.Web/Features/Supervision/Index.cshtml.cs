using System.Globalization;
using Luoshi.Core.Common;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Supervision;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Features.Supervision;

/// <summary>
/// 督办：the office's due / late / missing view of a district. The view is built from the year snapshot only when the page's
/// cached body (keyed by district, date, revision and filters) is stale, so a request costs one indexed read.
/// </summary>
public sealed class IndexModel(YearQueries years, LuoshiDb db, SupervisionCache cache) : PageModel
{
    private SupervisionView? _view;

    public YearSnapshot Snapshot { get; private set; } = null!;

    /// <summary>The districts to choose from, for a caller with none of their own and none asked for.</summary>
    public IReadOnlyList<DistrictSummary>? Choices { get; private set; }

    public ReportPeriod? Period { get; private set; }

    public DueFilter Status { get; private set; }

    public int? UnitId { get; private set; }

    /// <summary>Everything the body depends on: the cache key of its rendered HTML.</summary>
    public string CacheKey { get; private set; } = string.Empty;

    public SupervisionView View => _view ??= SupervisionView.Build(Snapshot, cache.Units(Snapshot), Period, Status, UnitId);

    public async Task<IActionResult> OnGetAsync(string? district, string? period, string? status, int? unit, int? year, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        if (district is null && scope is { SeesWholeDistrict: true, DistrictId: null })
        {
            Choices = await YearPages.ChoicesAsync(db, scope, ct);
            return Page();
        }

        var snapshot = await YearPages.SnapshotAsync(years, db, scope, district, ct, year);
        if (snapshot is null)
        {
            return NotFound();
        }

        Snapshot = snapshot;
        Period = period == "all" ? null
            : Enum.TryParse<ReportPeriod>(period, out var p) && snapshot.Rules.Deadlines.Any(d => d.Period == p) ? p
            : SupervisionView.DefaultPeriod(snapshot);
        Status = Enum.TryParse<DueFilter>(status, out var f) && Enum.IsDefined(f) ? f : DueFilter.All;
        UnitId = unit is int u && snapshot.Units.Any(x => x.Id == u) ? u : null;
        CacheKey = string.Join('|', snapshot.District.Id.ToString(CultureInfo.InvariantCulture), snapshot.Plan.Year.ToString(CultureInfo.InvariantCulture), snapshot.Revision.ToString(CultureInfo.InvariantCulture),
            snapshot.Today.DayNumber.ToString(CultureInfo.InvariantCulture), Period?.ToString() ?? "all", Status.ToString(),
            UnitId?.ToString(CultureInfo.InvariantCulture) ?? "-");
        return Page();
    }

    /// <summary>The link to this view with some filters changed.</summary>
    public string Link(ReportPeriod? period, DueFilter status, int? unitId)
    {
        var q = new List<string> { "district=" + Uri.EscapeDataString(Snapshot.District.Code), "year=" + Snapshot.Plan.Year.ToString(CultureInfo.InvariantCulture), "period=" + (period?.ToString() ?? "all") };
        if (status != DueFilter.All)
        {
            q.Add("status=" + status);
        }

        if (unitId is int u)
        {
            q.Add("unit=" + u.ToString(CultureInfo.InvariantCulture));
        }

        return "/Supervision?" + string.Join('&', q);
    }
}

/// <summary>Each district's unit counts, computed once per snapshot's district, revision and day (<see cref="RevisionCache"/>).</summary>
public sealed class SupervisionCache(RevisionCache cache)
{
    public IReadOnlyList<UnitDue> Units(YearSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return cache.GetOrAdd(CacheKinds.SupervisionUnits, snapshot.District.Id, snapshot.Revision, (snapshot.Today, snapshot.Plan.Year), () => SupervisionView.CountUnits(snapshot));
    }
}
