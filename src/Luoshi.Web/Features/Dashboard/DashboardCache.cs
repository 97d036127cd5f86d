namespace Luoshi.Web.Features.Dashboard;

/// <summary>The overview of each district and its JSON, built once per snapshot's district, revision and day (<see cref="RevisionCache"/>).</summary>
public sealed class DashboardCache(RevisionCache cache)
{
    public (DashboardData Data, string ChartJson) For(YearSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return cache.GetOrAdd(CacheKinds.Dashboard, snapshot.District.Id, snapshot.Revision, (snapshot.Today, snapshot.Plan.Year), () =>
        {
            var data = DashboardData.From(snapshot);
            return (data, DashboardJson.ForCharts(data));
        });
    }
}
