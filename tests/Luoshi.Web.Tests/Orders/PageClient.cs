using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Luoshi.Web.Tests.Orders;

/// <summary>A signed-in browser on a host of the test's: GET a page, POST one of its forms with the page's antiforgery token.</summary>
public sealed partial class PageClient(HttpClient client) : IDisposable
{
    public HttpClient Http { get; } = client;

    public static async Task<PageClient> SignInAsync(WebApplicationFactory<Program> web, string userName)
    {
        var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var r = await LuoshiWebFactory.SignInAsync(client, userName, Infrastructure.DemoData.DemoPassword);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, "sign-in as " + userName);
        return new PageClient(client);
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string url)
    {
        using var r = await Http.GetAsync(url);
        return (r.StatusCode, WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync()));
    }

    /// <summary>Posts to <paramref name="url"/> with the token of <paramref name="page"/> (default: the same URL without its handler).</summary>
    public async Task<(HttpStatusCode Status, string? Location, string Html)> PostAsync(string url, Dictionary<string, string> form, string? page = null)
    {
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(Http, page ?? "/Inbox");
        var body = new Dictionary<string, string>(form, StringComparer.Ordinal) { ["__RequestVerificationToken"] = token };
        using var r = await Http.PostAsync(url, new FormUrlEncodedContent(body));
        return (r.StatusCode, r.Headers.Location?.OriginalString, WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync()));
    }

    public void Dispose() => Http.Dispose();

    public static string Version(string html, string form)
    {
        var m = Regex.Match(html, "handler=" + form + "[^>]*>\\s*<input type=\"hidden\" name=\"version\" value=\"(\\d+)\"");
        return m.Success ? m.Groups[1].Value : throw new InvalidOperationException("no version in form " + form);
    }
}
