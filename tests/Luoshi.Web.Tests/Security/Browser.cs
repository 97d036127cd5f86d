using System.Net;
using System.Text.RegularExpressions;

namespace Luoshi.Web.Tests.Security;

/// <summary>
/// One browser's cookies, kept outside any single app instance: clients made with <see cref="ClientFor"/> on several
/// instances share them, as a browser does behind a load balancer without sticky sessions.
/// </summary>
public sealed partial class Browser
{
    private static readonly Uri Origin = new("http://localhost");

    public CookieContainer Cookies { get; } = new();

    /// <summary>A client to one instance that sends and keeps this browser's cookies and does not follow redirects.</summary>
    public HttpClient ClientFor(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.CreateDefaultClient(Origin, new CookieHandler(Cookies));
    }

    public string? Cookie(string name) => Cookies.GetCookies(Origin)[name]?.Value;

    /// <summary>The antiforgery token of the forms on a page (the sign-out form of the layout, on every signed-in page).</summary>
    public static async Task<string> TokenAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        string html = await client.GetStringAsync(path);
        var m = TokenField().Match(html);
        return m.Success ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on " + path);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(Origin, request.RequestUri);
            string header = cookies.GetCookieHeader(uri);
            if (header.Length > 0)
            {
                request.Headers.Remove("Cookie");
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (string c in setCookies)
                {
                    cookies.SetCookies(uri, c);
                }
            }

            return response;
        }
    }
}
