using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Luoshi.Web.Features.Dashboard;

/// <summary>
/// The overview of each district, the page's chart data and the API's JSON, built once per snapshot's district, revision and
/// day (<see cref="RevisionCache"/>). The API's answer is kept serialized (UTF-8, with the application's JSON options, as
/// <c>TypedResults.Ok</c> would write it) so that a request does not serialize 70 KB again.
/// </summary>
public sealed class DashboardCache(RevisionCache cache, IOptions<HttpJsonOptions> json)
{
    public BuiltDashboard For(YearSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return cache.GetOrAdd(CacheKinds.Dashboard, snapshot.District.Id, snapshot.Revision, (snapshot.Today, snapshot.Plan.Year), () =>
        {
            var data = DashboardData.From(snapshot);
            return new BuiltDashboard(data, DashboardJson.ForCharts(data), JsonSerializer.SerializeToUtf8Bytes(data, json.Value.SerializerOptions));
        });
    }
}

/// <summary>A district's overview with its two serialized forms.</summary>
public sealed record BuiltDashboard(DashboardData Data, string ChartJson, byte[] ApiJson) : ISizedValue
{
    // The overview itself is about as large as its JSON; the chart data is a string (UTF-16).
    long ISizedValue.ApproximateBytes => (2L * ApiJson.Length) + Sizes.Of(ChartJson) + 24;
}
