using Luoshi.Core.Features.Years;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Luoshi.Web.Features.Shared;

/// <summary>What the year switch (<c>_YearSwitch.cshtml</c>) needs: the district and the plan year the page shows.</summary>
public sealed record YearShown(int DistrictId, int Year)
{
    /// <summary>The current request's address with <c>year</c> set to <paramref name="year"/> (the other query values kept).</summary>
    public static string Link(HttpRequest request, int year)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        var qb = new QueryBuilder();
        foreach (var (key, values) in query.Where(kv => !string.Equals(kv.Key, "year", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var v in values)
            {
                qb.Add(key, v ?? "");
            }
        }

        qb.Add("year", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request.PathBase + request.Path + qb.ToQueryString();
    }
}

/// <summary>
/// The year switch's list of a district's plan years (<see cref="PlanYears.ListAsync"/>), kept in the <see cref="RevisionCache"/>
/// per district revision and day: publishing, closing and choosing a year all move the revision, and the current year moves
/// with the day. A page pays one indexed read (the revision) instead of reading and parsing every plan's calendar (issue 16).
/// Only for showing: a write asks <see cref="PlanYears"/> itself.
/// </summary>
public sealed class YearSwitchCache(RevisionCache cache, TimeProvider clock)
{
    public async Task<IReadOnlyList<PlanYear>> ListAsync(LuoshiDb db, PlanYears years, int districtId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(years);
        long? revision = await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => (long?)d.Revision).FirstOrDefaultAsync(ct);
        if (revision is null)
        {
            return [];
        }

        return await cache.GetOrAddAsync<IReadOnlyList<PlanYear>>(CacheKinds.PlanYears, districtId, revision.Value, DistrictClock.Today(clock),
            async () => await years.ListAsync(districtId, ct)) ?? [];
    }
}
