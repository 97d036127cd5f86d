using Luoshi.Web.Tests.Errors;

namespace Luoshi.Web.Tests.Pages;

/// <summary>Every page asks dual-core browsers (360, QQ) for their modern engine, not IE mode.</summary>
public sealed class HeadTests(ErrorPagesFixture fixture) : IClassFixture<ErrorPagesFixture>
{
    [Theory]
    [InlineData(null, "/Account/Login")]
    [InlineData("jiangan.office", "/Plans/jiangan")]
    [InlineData("jiangan.office", "/Work")]
    [InlineData("jiangan.office", "/Orders/999")]
    [InlineData("jiangan.office", "/Plans/jiangan?fault=throw")]
    public async Task Page_Head_AsksForWebkitAndEdge(string? user, string url)
    {
        var client = user is null ? fixture.Anonymous() : await fixture.ClientAsync(user);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");
        string html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        string head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
        head.ShouldContain("<meta name=\"renderer\" content=\"webkit\" />");
        head.ShouldContain("<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\" />");
    }
}
