using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Luoshi.Web.Tests;

/// <summary>
/// The test server has no client address; a test names one with the <see cref="Header"/> header, set as the connection's
/// remote address before the application's own middleware runs (so the forwarded-headers rule and the sign-in guard see it
/// as a real connection's). Only the test host has this.
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((ctx, go) =>
        {
            if (ctx.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                ctx.Connection.RemoteIpAddress = address;
            }

            return go(ctx);
        });
        next(app);
    };

    /// <summary>A client (cookies kept, redirects not followed) whose requests come from this address.</summary>
    public static HttpClient From(LuoshiWebFactory factory, string address)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
