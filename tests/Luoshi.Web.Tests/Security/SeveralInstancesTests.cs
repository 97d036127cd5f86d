using System.Net;
using System.Net.Http.Headers;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Imports;
using Luoshi.Parsing.Catalogue;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Security;

/// <summary>
/// Two web instances on one PostgreSQL database, and one browser going from one to the other as a load balancer without
/// sticky sessions would send it: the sign-in cookie and the antiforgery token of one are good on the other (the
/// data-protection keys are in the database), and what one writes the other shows (no state kept in an instance).
/// </summary>
public sealed class SeveralInstancesTests : IDisposable
{
    private readonly List<LuoshiWebFactory> _apps = [];

    public void Dispose()
    {
        foreach (var app in _apps)
        {
            app.Dispose();
            TestDatabases.Drop(app);
        }
    }

    [Fact]
    public async Task SignIn_OnOneInstance_CookieWorksOnTheOther()
    {
        var one = App();
        using var two = one.SecondInstance();
        var browser = new Browser();
        using var c1 = browser.ClientFor(one);
        using var c2 = browser.ClientFor(two);

        // The sign-in form comes from instance 2, the sign-in itself goes to instance 1: the token crosses too.
        string loginToken = await Browser.TokenAsync(c2, "/Account/Login");
        using var signIn = await c1.PostAsync("/Account/Login", Form(loginToken, ("userName", "jiangan.office"), ("password", DemoData.DemoPassword)));
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        browser.Cookie("luoshi.auth").ShouldNotBeNull();

        using var me = await c2.GetAsync("/api/me");
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await me.Content.ReadAsStringAsync()).ShouldContain("\"userName\":\"jiangan.office\"");
        using var home = await c2.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).ShouldContain("岸政办〔2026〕1号");
    }

    [Fact]
    public async Task AntiforgeryToken_IssuedByOneInstance_IsAcceptedByTheOther()
    {
        var one = App();
        using var two = one.SecondInstance();
        var browser = new Browser();
        using var c1 = browser.ClientFor(one);
        using var c2 = browser.ClientFor(two);
        await SignInAsync(c1, "jiangan.office");

        string token = await Browser.TokenAsync(c1, "/Imports");

        // The upload form without a file: accepted as a request (200, with the page's message), not refused as forged (400).
        using var accepted = await c2.PostAsync("/Imports", Form(token));
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await accepted.Content.ReadAsStringAsync()).ShouldContain("请选择要上传的通知文件");
        using var forged = await c2.PostAsync("/Imports", Form("not-a-token"));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Change_WrittenThroughOneInstance_IsSeenThroughTheOther()
    {
        var one = App();
        using var two = one.SecondInstance();
        var browser = new Browser();
        using var c1 = browser.ClientFor(one);
        using var c2 = browser.ClientFor(two);
        await SignInAsync(c1, "jiangan.office");

        // Upload a notice through instance 1's page ...
        string token = await Browser.TokenAsync(c1, "/Imports");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { File(SeedText("000_4e4f19e7498f2113.txt")), "file", "several-instances.txt" },
        };
        using var uploaded = await c1.PostAsync("/Imports", upload);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        string draftPath = uploaded.Headers.Location!.OriginalString;

        // ... instance 2 shows the draft, and an edit made through instance 2 ...
        (await c2.GetStringAsync(draftPath)).ShouldContain("several-instances.txt");
        var (draftId, version, key) = one.WithDb(db => db.ImportDrafts.Where(d => d.FileName == "several-instances.txt")
            .Select(d => new { d.Id, d.Version, d.PlanJson }).AsEnumerable()
            .Select(d => (d.Id, d.Version, DraftPlan.FromJson(d.PlanJson).Items[0].Key)).Single());
        const string edited = "两个实例之间的修改：经实例二保存";
        using var edit = await c2.PostAsync($"/Imports/{draftId}?handler=EditText",
            Form(await Browser.TokenAsync(c2, draftPath), ("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("key", key.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("text", edited)));
        edit.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // ... is on instance 1's draft page and in its audit log.
        (await c1.GetStringAsync(draftPath)).ShouldContain(edited);
        using var auditor = new Browser().ClientFor(one);
        await SignInAsync(auditor, "auditor");
        (await auditor.GetStringAsync("/Admin/Audit?action=edit-item-text")).ShouldContain(edited);

        // A unit added through instance 1's services is found by instance 2's search.
        using (var scope = one.Services.CreateScope())
        {
            var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
            var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
            int jiangan = await db.Districts.Where(d => d.Code == "jiangan").Select(d => d.Id).SingleAsync();
            (await imports.AddUnitAsync(jiangan, "区多实例测试中心", UnitKind.Department, "several-instances")).Ok.ShouldBeTrue();
        }

        string found = System.Text.RegularExpressions.Regex.Unescape(await c2.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("多实例测试")));
        found.ShouldContain("区多实例测试中心");
    }

    [Fact]
    public async Task SecurityStamp_ChangedThroughOneInstance_EndsTheSessionOnTheOther()
    {
        var one = App();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var second = one.SecondInstance();
        using var two = second.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var browser = new Browser();
        using var c1 = browser.ClientFor(one);
        using var c2 = browser.ClientFor(two);
        await SignInAsync(c1, "jiangan.fgj.clerk");
        (await c2.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A password reset, or an administrator locking the account out, changes the stamp through instance 1.
        using (var scope = one.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            (await users.UpdateSecurityStampAsync((await users.FindByNameAsync("jiangan.fgj.clerk"))!)).Succeeded.ShouldBeTrue();
        }

        // Instance 2 checks the stamp against the database once the validation interval (5 minutes) has passed.
        clock.Advance(TimeSpan.FromMinutes(6));
        using var after = await c2.GetAsync("/api/me");
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var page = await c2.GetAsync("/");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
    }

    /// <summary>Instance 1 on a fresh database, disposed and its database dropped after the test.</summary>
    private LuoshiWebFactory App()
    {
        var app = new LuoshiWebFactory(DatabaseProvider.Postgres);
        _apps.Add(app);
        return app;
    }

    private static async Task SignInAsync(HttpClient client, string userName)
    {
        string token = await Browser.TokenAsync(client, "/Account/Login");
        using var r = await client.PostAsync("/Account/Login", Form(token, ("userName", userName), ("password", DemoData.DemoPassword)));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, "sign-in as " + userName);
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));

    private static ByteArrayContent File(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return content;
    }

    private static byte[] SeedText(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "tests", "seeds", name);
            if (System.IO.File.Exists(path))
            {
                return System.IO.File.ReadAllBytes(path);
            }
        }

        throw new FileNotFoundException(name);
    }
}
