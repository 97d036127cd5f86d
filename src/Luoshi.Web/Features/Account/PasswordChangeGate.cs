namespace Luoshi.Web.Features.Account;

/// <summary>
/// After a sign-in with a password someone else set (an initial or reset one), every page sends the person to change it
/// first (/Account/Password) and every API call answers 403, until they have. The flag travels in the sign-in cookie as a
/// claim (LuoshiClaimsFactory), so no page pays a database read for it; changing the password renews the cookie without it.
/// </summary>
public sealed class PasswordChangeGate(RequestDelegate next)
{
    public const string Claim = "luoshi:must-change-password";
    public const string Page = "/Account/Password";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated != true || !context.User.HasClaim(c => c.Type == Claim))
        {
            return next(context);
        }

        var path = context.Request.Path;
        if (path.StartsWithSegments(Page, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/Account/Logout", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/css", StringComparison.Ordinal)
            || path.StartsWithSegments("/js", StringComparison.Ordinal) || path.StartsWithSegments("/lib", StringComparison.Ordinal)
            || path.StartsWithSegments("/Error", StringComparison.Ordinal))
        {
            return next(context);
        }

        if (path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsJsonAsync(new { title = "请先修改初始密码。" });
        }

        string back = path + context.Request.QueryString;
        context.Response.Redirect(Page + (back is "/" or "" ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(back)));
        return Task.CompletedTask;
    }
}
