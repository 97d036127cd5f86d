using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Luoshi.Web.Tests.Work;

/// <summary>The requests the work pages take, as a browser sends them (form fields named as the pages name them).</summary>
internal static partial class WorkClient
{
    public static string Url(int item, int unit, string period, string? handler = null) =>
        string.Create(CultureInfo.InvariantCulture, $"/Work/Filing?item={item}&unit={unit}&period={period}") + (handler is null ? string.Empty : "&handler=" + handler);

    /// <summary>Posts a form of the work pages with the caller's antiforgery token (taken from 我的工作).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(client, "/Work");
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>Posts and expects the redirect of a step that was taken; returns where it went.</summary>
    public static async Task<string> StepAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        using var r = await PostAsync(client, url, fields);
        string body = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{url}: {Error(body) ?? body[..Math.Min(body.Length, 400)]}");
        return r.Headers.Location!.OriginalString;
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string fileName, byte[] content)
    {
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(client, "/Work");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync(url, form);
    }

    /// <summary>The version the page's forms carry.</summary>
    public static string Version(string html)
    {
        var m = VersionField().Match(html);
        m.Success.ShouldBeTrue("no version on the page");
        return m.Groups[1].Value;
    }

    /// <summary>The page's error message, decoded, or null.</summary>
    public static string? Error(string html)
    {
        var m = ErrorMessage().Match(html);
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    public static string Text(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex("name=\"version\" value=\"(-?\\d+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("<p class=\"error\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex ErrorMessage();
}
