namespace Luoshi.Web.Features.Plans;

/// <summary>The JSON API over plans (described at /api/openapi.json). Every endpoint checks <see cref="Infrastructure.AccessScope"/>.</summary>
public static class PlansApi
{
    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/me", (HttpContext ctx) => Infrastructure.AccessScope.From(ctx.User) is { } s
            ? Results.Ok(new { s.UserName, s.DisplayName, Role = s.Role.ToString(), s.DistrictId, s.UnitId })
            : Results.Unauthorized());
        return app;
    }
}
