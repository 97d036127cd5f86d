namespace Luoshi.Web.Infrastructure;

/// <summary>
/// The signed-in person as an <see cref="Actor"/>, read from the cookie's claims once per request (<see cref="Actor(HttpContext)"/>).
/// Every page and endpoint asks the actor on the server (<see cref="AccessPolicy"/>); the page's links are a convenience, never the control.
/// </summary>
public static class ActorClaims
{
    public const string RoleClaim = "luoshi:role";
    public const string DistrictClaim = "luoshi:district";
    public const string UnitClaim = "luoshi:unit";
    public const string DisplayNameClaim = "luoshi:name";

    /// <summary>The request's actor (null when nobody is signed in), built from <see cref="HttpContext.User"/> on first use and kept for the request.</summary>
    public static Actor? Actor(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var feature = context.Features.Get<RequestActor>();
        if (feature is null || !ReferenceEquals(feature.User, context.User))
        {
            // Built again only if the request signed someone in or out (a new principal).
            feature = new RequestActor(context.User, From(context.User));
            context.Features.Set(feature);
        }

        return feature.Actor;
    }

    /// <summary>Reads the claims written by <see cref="LuoshiClaimsFactory"/>; null when not signed in or the role is unknown.</summary>
    public static Actor? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !Enum.TryParse<AppRole>(user.FindFirstValue(RoleClaim), out var role))
        {
            return null;
        }

        return new Actor(user.Identity.Name ?? string.Empty, user.FindFirstValue(DisplayNameClaim) ?? string.Empty, role,
            Int(user.FindFirstValue(DistrictClaim)), Int(user.FindFirstValue(UnitClaim)));
    }

    private static int? Int(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;

    private sealed record RequestActor(ClaimsPrincipal User, Actor? Actor);
}
