using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Features.Dashboard;

/// <summary>The dashboard's numbers as JSON, and the bare database read the benchmark measures the machine's ceiling with.</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Dashboard");
        api.MapGet("/districts/{code}/dashboard", GetDashboard)
            .WithName("GetDashboard").WithSummary("看板：按部分、分组、单位、分管领导的进度，指标完成与序时进度，逾期和未报单位")
            .Produces<DashboardData>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status401Unauthorized);
        api.MapGet("/health/db", GetHealthDb)
            .WithName("GetHealthDb").WithSummary("一次按主键的数据库读取（性能基准的上限参照）")
            .Produces(StatusCodes.Status401Unauthorized);
        return app;
    }

    /// <summary>The overview as JSON (<see cref="DashboardData"/>), written from the kept serialization (<see cref="DashboardCache"/>).</summary>
    internal static async Task<Results<FileContentHttpResult, NotFound>> GetDashboard(string code, HttpContext ctx, YearQueries year, LuoshiDb db, DashboardCache cache, CancellationToken ct, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "year")] int? planYear = null)
    {
        var snapshot = await YearPages.SnapshotAsync(year, db, ctx.Actor(), code, ct, planYear);
        return snapshot is null ? TypedResults.NotFound() : TypedResults.Bytes(cache.For(snapshot).ApiJson, "application/json; charset=utf-8");
    }

    /// <summary>Reads one district by primary key (the caller's own, or the first); signed-in callers only, like every endpoint.</summary>
    internal static async Task<Ok<HealthDb>> GetHealthDb(HttpContext ctx, LuoshiDb db, CancellationToken ct)
    {
        int id = ctx.Actor()?.DistrictId ?? 1;
        long? revision = await db.Districts.AsNoTracking().Where(d => d.Id == id).Select(d => (long?)d.Revision).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new HealthDb(id, revision is not null, revision ?? 0));
    }
}

/// <summary>The answer of the bare database read.</summary>
public sealed record HealthDb(int DistrictId, bool Found, long Revision);
