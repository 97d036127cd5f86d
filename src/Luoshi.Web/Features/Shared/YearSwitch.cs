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
