using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Security;

/// <summary>
/// Every endpoint the running app answers, as "METHOD /template" keys: minimal API routes with their HTTP methods, and
/// Razor pages with each handler method (a named handler is "?handler=Name"). A page is keyed by its shortest route
/// template (the Index page is "/", not "/Index").
/// </summary>
public static class EndpointInventory
{
    public static async Task<SortedSet<string>> KeysAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var loader = services.GetRequiredService<PageLoader>();
        var keys = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var e in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null))
        {
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (string m in methods)
            {
                keys.Add(m + " " + Template(e));
            }
        }

        foreach (var page in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
                     .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath, StringComparer.Ordinal))
        {
            var endpoint = page.OrderBy(e => Template(e).Length).ThenBy(e => Template(e), StringComparer.Ordinal).First();
            var compiled = await loader.LoadAsync(endpoint.Metadata.GetMetadata<PageActionDescriptor>()!, endpoint.Metadata);
            string template = Template(endpoint);
            if (compiled.HandlerMethods.Count == 0)
            {
                keys.Add("GET " + template);
            }

            foreach (var h in compiled.HandlerMethods)
            {
                keys.Add(h.HttpMethod.ToUpperInvariant() + " " + template + (h.Name is null ? string.Empty : "?handler=" + h.Name));
            }
        }

        return keys;
    }

    private static string Template(RouteEndpoint e) => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/');
}
