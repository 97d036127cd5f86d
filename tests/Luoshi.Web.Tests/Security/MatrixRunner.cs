using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Luoshi.Web.Tests.Security;

/// <summary>Runs one cell of the matrix: a route, a caller, a scope; and asserts the outcome of its rule.</summary>
public static partial class MatrixRunner
{
    public static async Task RunAsync(MatrixFixture fixture, string key, Caller caller, Scope scope)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var row = RouteTable.Row(key);
        var target = fixture.Targets[scope];
        var expect = row.Rule[caller, scope];
        var session = row.EndsSession ? await fixture.NewSessionAsync(caller) : await fixture.SessionAsync(caller);
        string url = row.Url(target);
        string who = caller == Caller.Anonymous ? "anonymous" : $"{caller} ({MatrixTargets.UserName(caller)})";
        string cell = $"{row.Method} {url} as {who}, scope {scope} (rule {row.Rule.Name}, expected {expect}): ";
        MatchesTemplate(row, url).ShouldBeTrue(cell + "the URL does not match the route template " + row.Template);

        if (row.Method == "POST")
        {
            // Without the token first: a refused request changes nothing, whatever the caller may do.
            using var bare = await session.Client.PostAsync(url, row.Json is { } json
                ? new StringContent(json(target), System.Text.Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent(row.Form!(target)));
            if (expect == Expect.SignIn)
            {
                AssertSignIn(row, bare, cell + "(no token) ");
            }
            else
            {
                bare.StatusCode.ShouldBe(HttpStatusCode.BadRequest, cell + "a POST without an antiforgery token must be refused with 400");
            }
        }

        using var response = row.Method switch
        {
            "GET" => await session.Client.GetAsync(url),
            "POST" when row.Json is { } json => await session.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(json(target), System.Text.Encoding.UTF8, "application/json"),
                Headers = { { "RequestVerificationToken", session.Token } },
            }),
            "POST" => await session.Client.PostAsync(url, new FormUrlEncodedContent(
                new Dictionary<string, string>(row.Form!(target), StringComparer.Ordinal) { ["__RequestVerificationToken"] = session.Token })),
            _ => throw new InvalidOperationException("no runner for " + row.Method),
        };
        string body = Readable(await response.Content.ReadAsStringAsync());
        int status = (int)response.StatusCode;
        string got = $" Got {status}{Redirect(response) switch { null => string.Empty, var l => " → " + l }}.";
        switch (expect)
        {
            case Expect.SignIn:
                AssertSignIn(row, response, cell);
                break;
            case Expect.Allow when row.AllowedRedirect is not null:
                status.ShouldBe(302, cell + "an allowed request must redirect to " + row.AllowedRedirect + "." + got);
                Redirect(response).ShouldBe(row.AllowedRedirect, cell + got);
                break;
            case Expect.Allow when row.AllowedStatus is int allowedStatus:
                status.ShouldBe(allowedStatus, cell + "an allowed request must answer " + allowedStatus + "." + got);
                break;
            case Expect.Allow:
                (status is >= 200 and < 300).ShouldBeTrue(cell + "an allowed request must be served." + got);
                if (target.Text(row.Shows) is { } shown)
                {
                    body.ShouldContain(shown, Case.Sensitive, cell + $"an allowed read must show the target's {row.Shows} “{shown}”.");
                }

                break;
            case Expect.Filtered:
                status.ShouldBe(200, cell + "the list must be served." + got);
                NoSecrets(row, target, body, cell + "HOLE: the list shows data of a scope the caller may not read: ");
                break;
            case Expect.Deny:
                (status is 403 or 404 || (!row.IsApi && status == 302 && Redirect(response) == "/Account/Denied"))
                    .ShouldBeTrue(cell + (status is >= 200 and < 300 ? "HOLE: served to a caller who must be denied." : "must be denied with 404 or 403.") + got);
                NoSecrets(row, target, body, cell + "HOLE: a denial carries the target's data: ");
                break;
        }
    }

    private static void AssertSignIn(RouteRow row, HttpResponseMessage response, string cell)
    {
        string got = $" Got {(int)response.StatusCode}{Redirect(response) switch { null => string.Empty, var l => " → " + l }}.";
        if (row.IsApi)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, cell + "an anonymous API call must get 401." + got);
        }
        else
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, cell + "an anonymous page request must be sent to sign in." + got);
            Redirect(response).ShouldBe("/Account/Login", cell + got);
        }
    }

    private static void NoSecrets(RouteRow row, Target target, string body, string message)
    {
        foreach (string secret in target.Secrets(row.Shows))
        {
            body.ShouldNotContain(secret, Case.Sensitive, message + "“" + secret + "”");
        }
    }

    /// <summary>The path a redirect goes to, or null.</summary>
    private static string? Redirect(HttpResponseMessage response) =>
        response.Headers.Location is { } l ? new Uri(new Uri("http://localhost"), l).AbsolutePath : null;

    private static bool MatchesTemplate(RouteRow row, string url)
    {
        var matcher = new TemplateMatcher(TemplateParser.Parse(row.Template.TrimStart('/')), new RouteValueDictionary());
        return matcher.TryMatch(new Uri(new Uri("http://localhost"), url).AbsolutePath, new RouteValueDictionary());
    }

    /// <summary>The body with HTML character references and JSON \u escapes turned back into the characters they stand for.</summary>
    private static string Readable(string body) =>
        JsonEscape().Replace(WebUtility.HtmlDecode(body), m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})")]
    private static partial Regex JsonEscape();
}
