using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Luoshi.Web.Tests.Errors;

/// <summary>A browser gets a Chinese page with a way back for every error; an API client gets ProblemDetails.</summary>
public sealed class ErrorPagesTests(ErrorPagesFixture fixture) : IClassFixture<ErrorPagesFixture>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    public static TheoryData<string, string, int, string> WrongBrowserUrls => new()
    {
        { "jiangan.office", "/Orders/999", 404, "页面不存在" },
        { "jiangan.office", "/Plans/caidian/Items/9999", 404, "页面不存在" },
        { "jiangan.office", "/Plans/jiangan/Items/9999", 404, "页面不存在" },
        { "jiangan.office", "/City", 404, "页面不存在" },
        { "jiangan.office", "/No/Such/Page", 404, "页面不存在" },
        { "jiangan.swj.clerk", "/Admin/Audit", 404, "页面不存在" },
        { "jiangan.office", "/Plans/jiangan?fault=403", 403, "无权访问" },
        { "jiangan.office", "/Plans/jiangan?fault=400", 400, "请求无效" },
        { "jiangan.office", "/Plans/jiangan?fault=throw", 500, "系统出错" },
    };

    [Theory]
    [MemberData(nameof(WrongBrowserUrls))]
    public async Task Browser_WrongUrl_GetsAChinesePageWithTheStatusAndAWayHome(string user, string url, int status, string heading)
    {
        var client = await fixture.ClientAsync(user);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(BrowserAccept);
        var response = await client.SendAsync(request);
        string html = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).ShouldBe(status, url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html", url);
        html.ShouldContain("<h1>" + heading + "</h1>");
        html.ShouldContain("lang=\"zh-CN\"");
        html.ShouldContain("href=\"/\">返回首页</a>");
        html.ShouldNotContain("rfc9110");
        html.ShouldNotContain("\"title\"");
        html.ShouldNotContain(">返回上一页</a>"); // no Referer was sent
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        html.ShouldNotContain("<style");
        html.ShouldNotContain("style=\"");
    }

    [Fact]
    public async Task Browser_Exception_ShowsNoDetailsAndNoMenu()
    {
        var client = await fixture.ClientAsync("jiangan.office");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Plans/jiangan?fault=throw");
        request.Headers.Accept.ParseAdd(BrowserAccept);
        var response = await client.SendAsync(request);
        string html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        html.ShouldContain("系统出错");
        html.ShouldNotContain(ErrorPagesFixture.SecretMessage);
        html.ShouldNotContain("InvalidOperationException");
        html.ShouldNotContain(" at Luoshi");
        html.ShouldNotContain("<nav class=\"main\">");
    }

    [Fact]
    public async Task Browser_FormPostWithoutAntiforgeryToken_IsToldTheSignInOrPageExpired()
    {
        var client = await fixture.ClientAsync("jiangan.office");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Accept.ParseAdd(BrowserAccept);
        var response = await client.SendAsync(request);
        string html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("<h1>登录已过期</h1>");
        html.ShouldContain("href=\"/Account/Login\">重新登录</a>");
    }

    [Fact]
    public async Task Browser_WithSameOriginReferer_GetsABackLink_ButNotToAnotherSite()
    {
        var client = await fixture.ClientAsync("jiangan.office");
        using var own = new HttpRequestMessage(HttpMethod.Get, "/Orders/999");
        own.Headers.Accept.ParseAdd(BrowserAccept);
        own.Headers.Referrer = new Uri("http://localhost/Orders?district=jiangan");
        string html = await (await client.SendAsync(own)).Content.ReadAsStringAsync();
        html.ShouldContain("href=\"/Orders?district=jiangan\">返回上一页</a>");

        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/Orders/999");
        foreign.Headers.Accept.ParseAdd(BrowserAccept);
        foreign.Headers.Referrer = new Uri("http://evil.example/Orders");
        string html2 = await (await client.SendAsync(foreign)).Content.ReadAsStringAsync();
        html2.ShouldNotContain(">返回上一页</a>");
        html2.ShouldNotContain("evil.example");
    }

    public static TheoryData<string, string, int> WrongApiUrls => new()
    {
        // An /api path gets ProblemDetails whatever it accepts; elsewhere a client that asks for JSON does.
        { "/api/districts/nowhere/plan", "application/json", 404 },
        { "/api/districts/caidian/items/9999", "application/json", 404 },
        { "/api/no-such-endpoint", BrowserAccept, 404 },
        { "/Plans/jiangan?fault=throw", "application/json", 500 },
        { "/Orders/999", "application/json", 404 },
    };

    [Theory]
    [MemberData(nameof(WrongApiUrls))]
    public async Task ApiClient_WrongUrl_GetsProblemDetails(string url, string accept, int status)
    {
        var client = await fixture.ClientAsync("jiangan.office");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd(accept);
        var response = await client.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).ShouldBe(status, url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", url);
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("status").GetInt32().ShouldBe(status);
        body.ShouldNotContain(ErrorPagesFixture.SecretMessage);
        body.ShouldNotContain("<html");
    }

    [Fact]
    public async Task AnonymousApiClient_Gets401_AnonymousBrowser_IsSentToSignIn()
    {
        var client = fixture.Anonymous();
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Orders/999");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var page = await client.SendAsync(request);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
    }

    [Fact]
    public async Task ErrorPage_VisitedDirectly_IsAPlainPage()
    {
        var client = await fixture.ClientAsync("jiangan.office");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Errors/500");
        request.Headers.Accept.ParseAdd(BrowserAccept);
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<h1>系统出错</h1>");
    }
}
