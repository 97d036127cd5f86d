using System.Security.Cryptography;
using System.Text;
using Luoshi.Web.Features.Inbox;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Server-side output caching (the framework's OutputCache middleware) of the heavy district read pages (issue 16): the
/// unit task list, my work, supervision, the dashboard and the leader's view carry
/// <c>[OutputCache(PolicyName = PageOutputCache.Policy)]</c>, the city comparison <see cref="CityPolicy"/>. A whole
/// rendered answer is kept in this instance's memory and served again only to a request with the same key:
/// <list type="bullet">
/// <item>the signed-in person (account id, and the role, district, unit and name in the cookie), so nobody gets another's page;</item>
/// <item>the antiforgery cookie (hashed): the page's form tokens belong to it, so a form posted from a kept page passes;</item>
/// <item>the path and every query value, the district's <see cref="District.Revision"/> read from the database (one indexed
/// read, as the page itself does) and the district's day, so a change made on any instance shows on the next request (for
/// the city page, every district's revision and names: <see cref="PlanQueries.CityKeyAsync"/>);</item>
/// <item>the unread count of the layout's badge (<see cref="InboxQueries.UnreadAsync"/>, as fresh as the page drawn anew).</item>
/// </list>
/// Nothing is kept for a request that carries a one-time message (the TempData cookie) or no antiforgery cookie yet, nor an
/// answer that is not 200, sets a cookie (other than the deletion of that message cookie) or does not say <c>no-store</c>:
/// the kept answer is replayed with the headers it had, so browsers and proxies are still told not to store it.
/// "Luoshi:PageCache" (default true) switches it off.
/// </summary>
public static class PageOutputCache
{
    public const string Policy = "district-page";

    /// <summary>The city comparison's policy: as <see cref="Policy"/>, keyed by every district's revision instead of one's.</summary>
    public const string CityPolicy = "city-page";

    /// <summary>How long a kept answer stays at most (its key changes with every save anyway).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The kept answers' budget on an instance: <see cref="MemoryBudget.PageOutputSetting"/> (MiB).</summary>
    public static IServiceCollection AddPageOutputCache(this IServiceCollection services)
    {
        services.AddOutputCache(o =>
        {
            o.AddPolicy(Policy, new DistrictPagePolicy(city: false));
            o.AddPolicy(CityPolicy, new DistrictPagePolicy(city: true));
        });
        services.AddOptions<OutputCacheOptions>().Configure<IConfiguration>((o, configuration) =>
            o.SizeLimit = Math.Max(1, configuration.GetValue(MemoryBudget.PageOutputSetting, MemoryBudget.DefaultPageOutputMegabytes)) * 1024L * 1024L);
        return services;
    }

    public static void UsePageOutputCache(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue("Luoshi:PageCache", true))
        {
            app.UseOutputCache();
        }
    }

    private sealed class DistrictPagePolicy(bool city) : IOutputCachePolicy
    {
        async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var request = http.Request;
            if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.Query.ContainsKey("handler")
                || http.Actor() is not { } actor || InboxQueries.UserId(http.User) is not { } userId)
            {
                return;
            }

            var services = http.RequestServices;
            string antiforgeryCookie = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;
            string tempDataCookie = services.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name!;
            if (request.Cookies.ContainsKey(tempDataCookie) || request.Cookies[antiforgeryCookie] is not { Length: > 0 } antiforgery)
            {
                return;
            }

            // What the page is drawn from: one district (its route /Plans/{code}/…, ?district=, or the caller's own) at its
            // revision, or, for the city page, every district at theirs.
            string scope, revision;
            if (city)
            {
                if (!actor.SeesAllDistricts)
                {
                    return;
                }

                scope = "city";
                revision = await services.GetRequiredService<PlanQueries>().CityKeyAsync(cancellation);
            }
            else
            {
                string? code = request.RouteValues["code"] as string ?? (string?)request.Query["district"];
                var db = services.GetRequiredService<LuoshiDb>();
                var districts = db.Districts.AsNoTracking();
                var query = !string.IsNullOrEmpty(code) ? districts.Where(d => d.Code == code)
                    : actor.DistrictId is int own ? districts.Where(d => d.Id == own)
                    : null;
                var district = query is null ? null : await query.Select(d => new { d.Id, d.Revision }).FirstOrDefaultAsync(cancellation);
                if (district is null)
                {
                    return;
                }

                scope = district.Id.ToString(CultureInfo.InvariantCulture);
                revision = district.Revision.ToString(CultureInfo.InvariantCulture);
            }

            int unread = await services.GetRequiredService<InboxQueries>().UnreadAsync(http.User, cancellation);
            var today = DistrictClock.Today(services.GetRequiredService<TimeProvider>());

            context.EnableOutputCaching = true;
            context.AllowCacheLookup = true;
            context.AllowCacheStorage = true;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = Lifetime;
            var vary = context.CacheVaryByRules;
            vary.QueryKeys = "*";
            vary.VaryByValues["user"] = userId;
            vary.VaryByValues["actor"] = string.Join('|', actor.UserName, actor.Role, actor.DistrictId, actor.UnitId, actor.DisplayName);
            vary.VaryByValues["antiforgery"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(antiforgery)));
            vary.VaryByValues["district"] = scope;
            vary.VaryByValues["revision"] = revision;
            vary.VaryByValues["day"] = today.DayNumber.ToString(CultureInfo.InvariantCulture);
            vary.VaryByValues["unread"] = unread.ToString(CultureInfo.InvariantCulture);
        }

        ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var response = http.Response;
            string tempDataCookie = http.RequestServices.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name!;
            bool keep = response.StatusCode == StatusCodes.Status200OK
                && response.Headers.CacheControl.Any(v => v is not null && v.Contains("no-store", StringComparison.OrdinalIgnoreCase))
                && response.Headers.SetCookie.All(c => c is not null && c.StartsWith(tempDataCookie + "=;", StringComparison.Ordinal));
            if (!keep)
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}
