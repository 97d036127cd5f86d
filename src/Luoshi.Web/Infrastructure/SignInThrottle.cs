using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Throttling of sign-in posts per client address with ASP.NET Core's rate limiter: at most
/// "Luoshi:SignIn:PerClientPerMinute" (default 60) posts to /Account/Login a minute from one address; more get 429 (the
/// Chinese page Errors/Status for a browser). The per-name locks are <see cref="Core.Features.Accounts.SignInGuard"/>'s.
/// </summary>
public static class SignInThrottle
{
    public const string LoginPath = "/Account/Login";

    public static IServiceCollection AddSignInThrottle(this IServiceCollection services)
    {
        // Read from the configuration when the options are first needed (the test host's settings are in by then).
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            int perMinute = Math.Max(1, configuration.GetValue("Luoshi:SignIn:PerClientPerMinute", 60));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "-", _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });
        return services;
    }
}
