using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Features.Plans;

/// <summary>
/// The JSON API over plans (described at /api/openapi.json). Every endpoint checks <see cref="Core.Features.Accounts.Actor"/>
/// and answers 404 for what the person may not see, as the pages do: existence is never revealed.
/// </summary>
public static class PlansApi
{
    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Plans");
        api.MapGet("/me", (HttpContext ctx) => ctx.Actor() is { } s
            ? Results.Ok(new { s.UserName, s.DisplayName, Role = s.Role.ToString(), s.DistrictId, s.UnitId })
            : Results.Unauthorized())
            .Described("Me", "当前登录人：角色、所属区和单位");

        api.MapGet("/districts", ListDistricts).Described(nameof(ListDistricts), "可查看的区及其最新计划");
        api.MapGet("/districts/{code}/plan", GetPlan).Described(nameof(GetPlan), "区的计划目录：部分、分组、主题、任务（?year= 指定年度，缺省为当前年度；该区没有该年度的方案时 404）");
        api.MapGet("/districts/{code}/years", GetYears).Described(nameof(GetYears), "区的各年度方案：年度、文号、报送期、是否当前年度、是否已关闭");
        api.MapGet("/districts/{code}/items/{seq:int}", GetItem).Described(nameof(GetItem), "一项任务：内容、指标、牵头和配合单位、通知原文");
        api.MapGet("/districts/{code}/units/{unitId:int}/tasks", GetUnitTasks).Described(nameof(GetUnitTasks), "单位的任务清单");
        api.MapGet("/districts/{code}/matrix", GetMatrix).Described(nameof(GetMatrix), "责任清单：任务 × 单位（牵头/配合）");
        api.MapGet("/districts/{code}/deadlines", GetDeadlines).Described(nameof(GetDeadlines), "时间清单：报送时间和任务完成时限");
        api.MapGet("/search", Search).Described(nameof(Search), "按任务内容和单位名称搜索（只含可查看的内容）");
        api.MapGet("/city", GetCity).Described(nameof(GetCity), "各区对比（市级查看）");
        return app;
    }

    /// <summary>OpenAPI metadata every endpoint carries: its name, a summary, and the 401 an anonymous caller gets.</summary>
    private static RouteHandlerBuilder Described(this RouteHandlerBuilder endpoint, string name, string summary) =>
        endpoint.WithName(name).WithSummary(summary).Produces(StatusCodes.Status401Unauthorized);

    /// <summary>The district of the route for a caller who may read its whole plan (as the whole-plan pages ask); null otherwise (404).</summary>
    internal static async Task<DistrictInfo?> WholePlanDistrictAsync(PlanQueries queries, string code, HttpContext ctx, CancellationToken ct) =>
        await queries.DistrictAsync(code, ct) is { } district && ctx.Actor() is { } scope && scope.CanReadWholePlan(district.Id) ? district : null;

    internal static async Task<Ok<List<DistrictSummary>>> ListDistricts(HttpContext ctx, LuoshiDb db, CancellationToken ct)
    {
        var scope = ctx.Actor();
        var all = await new PlanQueries(db).DistrictsAsync(ct);
        return TypedResults.Ok(scope is null ? [] : all.Where(d => scope.CanReadDistrict(d.District.Id)).ToList());
    }

    internal static async Task<Results<Ok<PlanTree>, NotFound>> GetPlan(string code, HttpContext ctx, LuoshiDb db, TimeProvider clock, CancellationToken ct, int? year = null)
    {
        var queries = new PlanQueries(db, clock);
        if (await WholePlanDistrictAsync(queries, code, ctx, ct) is not { } district)
        {
            return TypedResults.NotFound();
        }

        // A year asked for and not in the district's plans is not found (the pages show the current year instead).
        return await queries.TreeAsync(district, ct, year) is { } tree && (year is null || tree.Plan.Year == year) ? TypedResults.Ok(tree) : TypedResults.NotFound();
    }

    internal static async Task<Results<Ok<List<Core.Features.Years.PlanYear>>, NotFound>> GetYears(string code, HttpContext ctx, LuoshiDb db, Core.Features.Years.PlanYears years, CancellationToken ct)
    {
        return await WholePlanDistrictAsync(new PlanQueries(db), code, ctx, ct) is { } district
            ? TypedResults.Ok(await years.ListAsync(district.Id, ct))
            : TypedResults.NotFound();
    }

    internal static async Task<Results<Ok<ItemDetail>, NotFound>> GetItem(string code, int seq, HttpContext ctx, LuoshiDb db, CancellationToken ct)
    {
        var queries = new PlanQueries(db);
        var district = await queries.DistrictAsync(code, ct);
        if (district is null || ctx.Actor() is not { } scope || !scope.CanReadDistrict(district.Id))
        {
            return TypedResults.NotFound();
        }

        var item = await queries.ItemAsync(district, seq, ct);
        return item is not null && scope.CanReadItem(district.Id, item.UnitIds) ? TypedResults.Ok(item) : TypedResults.NotFound();
    }

    internal static async Task<Results<Ok<UnitTasks>, NotFound>> GetUnitTasks(string code, int unitId, HttpContext ctx, LuoshiDb db, CancellationToken ct)
    {
        var queries = new PlanQueries(db);
        var district = await queries.DistrictAsync(code, ct);
        if (district is null || ctx.Actor() is not { } scope || !scope.CanReadUnit(district.Id, unitId))
        {
            return TypedResults.NotFound();
        }

        return await queries.UnitTasksAsync(district, unitId, ct) is { } tasks ? TypedResults.Ok(tasks) : TypedResults.NotFound();
    }

    internal static async Task<Results<Ok<ResponsibilityMatrix>, NotFound>> GetMatrix(string code, HttpContext ctx, LuoshiDb db, CancellationToken ct)
    {
        var queries = new PlanQueries(db);
        return await WholePlanDistrictAsync(queries, code, ctx, ct) is { } district && await queries.MatrixAsync(district, ct) is { } matrix
            ? TypedResults.Ok(matrix)
            : TypedResults.NotFound();
    }

    internal static async Task<Results<Ok<DeadlineList>, NotFound>> GetDeadlines(string code, HttpContext ctx, LuoshiDb db, CancellationToken ct)
    {
        var queries = new PlanQueries(db);
        return await WholePlanDistrictAsync(queries, code, ctx, ct) is { } district && await queries.DeadlinesAsync(district, ct) is { } list
            ? TypedResults.Ok(list)
            : TypedResults.NotFound();
    }

    internal static async Task<Results<Ok<SearchResults>, NotFound>> Search(string? q, HttpContext ctx, LuoshiDb db, CancellationToken ct)
    {
        if (ctx.Actor() is not { } scope)
        {
            return TypedResults.NotFound();
        }

        var results = await new PlanQueries(db).SearchAsync(q, Browse.SearchLimits(scope), ct: ct);
        return TypedResults.Ok(Browse.Visible(results, scope));
    }

    internal static async Task<Results<Ok<CityComparison>, NotFound>> GetCity(HttpContext ctx, PlanQueries queries, RevisionCache cache, CancellationToken ct)
    {
        if (ctx.Actor() is not { SeesAllDistricts: true })
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await queries.CityAsync(cache, ct));
    }
}
