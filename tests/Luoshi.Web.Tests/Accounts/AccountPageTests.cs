using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using static Luoshi.Web.Tests.Accounts.AccountsClient;

namespace Luoshi.Web.Tests.Accounts;

/// <summary>
/// Issue 10, people: the Hongshan office onboards its units from a roster, a wrong roster is refused whole, a new clerk is
/// held on the password page until it changes its password and then sees only its own unit; resets, disabling, the API.
/// </summary>
public sealed class AccountPageTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    private LuoshiWebFactory Factory => fixture.Factory;

    private int Count(string prefix) => Factory.WithDb(db => db.Users.Count(u => u.UserName!.StartsWith(prefix + ".")));

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task HongshanOffice_OnboardsAll61Units_TwoAccountsEach(string format)
    {
        string prefix = "hs" + format;
        using var office = await Factory.SignedInClientAsync("hongshan.office");
        var rows = TwoPerUnit(Factory, "hongshan", prefix);
        rows.Count.ShouldBe(122, "Hongshan's catalogue has 61 units");

        var (status, html) = await UploadAsync(office, "hongshan", "洪山区账号名单." + format, format == "xlsx" ? Xlsx(rows) : Csv(rows));

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("账号开通通知单");
        var sheet = Sheet(html);
        sheet.Select(s => s.User).ShouldBe(rows.Select(r => r[2]));
        sheet.Select(s => s.Password).Distinct().Count().ShouldBe(122, "each account has its own initial password");
        var stored = Factory.WithDb(db => db.Users.AsNoTracking().Where(u => u.UserName!.StartsWith(prefix + ".")).ToList());
        stored.Count.ShouldBe(122);
        stored.ShouldAllBe(u => u.MustChangePassword && u.UnitId != null && !u.Disabled);
        stored.Where(u => u.UserName!.EndsWith(".clerk", StringComparison.Ordinal)).ShouldAllBe(u => u.PhoneNumber != null && u.Email != null, "phone and e-mail are what reminders use");
        stored.GroupBy(u => u.UnitId).Count().ShouldBe(61);
        stored.GroupBy(u => u.UnitId).ShouldAllBe(g => g.Count() == 2);
        Factory.WithDb(db => db.AuditEntries.Count(a => a.Action == "create-account" && a.Actor == "hongshan.office" && a.After!.Contains(prefix + ".")))
            .ShouldBe(122);

        // Shown once: the list has the accounts but no password, and nothing stores one in clear.
        string list = await office.GetStringAsync("/Accounts?district=hongshan&q=" + prefix);
        list.ShouldContain(rows[0][2]);
        list.ShouldNotContain(sheet[0].Password);
        Factory.WithDb(db => db.AuditEntries.Any(a => a.After!.Contains(sheet[0].Password))).ShouldBeFalse();
    }

    [Fact]
    public async Task Roster_WithUnknownUnitAndDuplicateUserName_IsRefused_BothRowsNamed_NothingStored()
    {
        using var office = await Factory.SignedInClientAsync("hongshan.office");
        var rows = TwoPerUnit(Factory, "hongshan", "hsbad").Take(6).ToList();
        rows[1][0] = "区不存在的局";          // row 3
        rows[4][2] = rows[2][2];              // row 6 repeats row 4's user name
        int before = Factory.WithDb(db => db.Users.Count());

        var (status, html) = await UploadAsync(office, "hongshan", "名单.csv", Csv(rows));

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("全部账号均未开通");
        html.ShouldContain("第 3 行");
        html.ShouldContain("区不存在的局");
        html.ShouldContain("第 6 行");
        html.ShouldContain("与第 4 行重复");
        html.ShouldNotContain("第 2 行</td>");
        Factory.WithDb(db => db.Users.Count()).ShouldBe(before);
        Count("hsbad").ShouldBe(0);
    }

    [Fact]
    public async Task NewClerk_MustChangePassword_ThenSeesOnlyItsOwnUnit()
    {
        using var office = await Factory.SignedInClientAsync("hongshan.office");
        var rows = TwoPerUnit(Factory, "hongshan", "hsnew").Take(1).ToList();
        var (_, html) = await UploadAsync(office, "hongshan", "名单.csv", Csv(rows));
        var (user, password) = Sheet(html).Single();
        var (ownUnit, otherUnit) = Factory.WithDb(db =>
        {
            int own = db.Users.Single(u => u.UserName == user).UnitId!.Value;
            return (own, db.Units.First(u => u.DistrictId == db.Units.Single(x => x.Id == own).DistrictId && u.Id != own).Id);
        });

        using var clerk = Client(Factory);
        var signIn = await LuoshiWebFactory.SignInAsync(clerk, user, password);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.ShouldBe("/Account/Password");

        // Held on the password page: every page redirects there, the API refuses.
        var home = await clerk.GetAsync("/Work");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.OriginalString.ShouldStartWith("/Account/Password");
        (await clerk.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await clerk.GetStringAsync("/Account/Password")).ShouldContain("初始密码");

        // A weak new password is refused by the policy; a good one frees the account.
        var weak = await PostFormAsync(clerk, "/Account/Password", "/Account/Password",
            new() { ["current"] = password, ["next"] = "Aa123456", ["confirm"] = "Aa123456" });
        WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()).ShouldContain("过于常见");
        var changed = await PostFormAsync(clerk, "/Account/Password", "/Account/Password",
            new() { ["current"] = password, ["next"] = "Hs#new2026clerk", ["confirm"] = "Hs#new2026clerk" });
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        changed.Headers.Location!.OriginalString.ShouldBe("/");

        (await clerk.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await clerk.GetAsync($"/Plans/hongshan/Units/{ownUnit}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await clerk.GetAsync($"/Plans/hongshan/Units/{otherUnit}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clerk.GetAsync("/Plans/hongshan")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Factory.WithDb(db => db.Users.Single(u => u.UserName == user).MustChangePassword).ShouldBeFalse();
        Factory.WithDb(db => db.AuditEntries.Any(a => a.Action == "change-password" && a.Actor == user)).ShouldBeTrue();

        // The old password no longer works; the new one does, straight to the app.
        (await LuoshiWebFactory.SignInAsync(Client(Factory), user, password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await LuoshiWebFactory.SignInAsync(Client(Factory), user, "Hs#new2026clerk");
        again.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task PasswordChange_ForADemoAccount_WrongCurrentOrMismatch_IsRefused()
    {
        using var leader = await Factory.SignedInClientAsync("jiangan.leader2");
        var wrong = await PostFormAsync(leader, "/Account/Password", "/Account/Password",
            new() { ["current"] = "not-it", ["next"] = "Ja#leader2027", ["confirm"] = "Ja#leader2027" });
        WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()).ShouldContain("当前密码不正确");
        var mismatch = await PostFormAsync(leader, "/Account/Password", "/Account/Password",
            new() { ["current"] = Infrastructure.DemoData.DemoPassword, ["next"] = "Ja#leader2027", ["confirm"] = "Ja#leader2028" });
        WebUtility.HtmlDecode(await mismatch.Content.ReadAsStringAsync()).ShouldContain("不一致");
        var ok = await PostFormAsync(leader, "/Account/Password", "/Account/Password",
            new() { ["current"] = Infrastructure.DemoData.DemoPassword, ["next"] = "Ja#leader2027", ["confirm"] = "Ja#leader2027" });
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LuoshiWebFactory.SignInAsync(Client(Factory), "jiangan.leader2", "Ja#leader2027")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Reset_ByTheOffice_OnlyInItsDistrict_NewPasswordShownOnce_ForcesChange()
    {
        using var hongshan = await Factory.SignedInClientAsync("hongshan.office");
        using var jiangan = await Factory.SignedInClientAsync("jiangan.office");
        var (_, html) = await UploadAsync(hongshan, "hongshan", "名单.csv", Csv(TwoPerUnit(Factory, "hongshan", "hsreset").Take(1)));
        var (user, first) = Sheet(html).Single();

        // Another district's office: not found, by its own district's URL or by the other's.
        (await PostFormAsync(jiangan, "/Accounts", "/Accounts?district=jiangan&handler=Reset", new() { ["user"] = user, ["stamp"] = Stamp(Factory, user) }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostFormAsync(jiangan, "/Accounts", "/Accounts?district=hongshan&handler=Reset", new() { ["user"] = user, ["stamp"] = Stamp(Factory, user) }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await jiangan.GetAsync("/Accounts?district=hongshan")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // 13.4: without confirm, a summary of the account and nothing changed.
        var ask = await PostFormAsync(hongshan, "/Accounts?district=hongshan", "/Accounts?district=hongshan&handler=Reset",
            new() { ["user"] = user, ["stamp"] = Stamp(Factory, user) });
        ask.StatusCode.ShouldBe(HttpStatusCode.OK);
        string asked = WebUtility.HtmlDecode(await ask.Content.ReadAsStringAsync());
        asked.ShouldContain("确认重置密码");
        asked.ShouldContain($"将重置账号 {user}（");
        asked.ShouldNotContain("密码重置通知单");
        (await LuoshiWebFactory.SignInAsync(Client(Factory), user, first)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the password is unchanged until confirmed");

        var reset = await PostFormAsync(hongshan, "/Accounts?district=hongshan", "/Accounts?district=hongshan&handler=Reset",
            new() { ["user"] = user, ["stamp"] = Stamp(Factory, user), ["confirm"] = "true" });
        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        reset.Headers.CacheControl!.NoStore.ShouldBeTrue();
        string body = WebUtility.HtmlDecode(await reset.Content.ReadAsStringAsync());
        body.ShouldContain("密码重置通知单");
        var (same, second) = Sheet(body).Single();
        same.ShouldBe(user);
        second.ShouldNotBe(first);

        (await LuoshiWebFactory.SignInAsync(Client(Factory), user, first)).StatusCode.ShouldBe(HttpStatusCode.OK, "the old password is gone");
        var signIn = await LuoshiWebFactory.SignInAsync(Client(Factory), user, second);
        signIn.Headers.Location!.OriginalString.ShouldBe("/Account/Password");
        Factory.WithDb(db => db.AuditEntries.Count(a => a.Action == "reset-password" && a.Actor == "hongshan.office")).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task DisabledAccount_IsRefusedAtSignIn_UntilEnabled()
    {
        using var office = await Factory.SignedInClientAsync("hongshan.office");
        var (_, html) = await UploadAsync(office, "hongshan", "名单.csv", Csv(TwoPerUnit(Factory, "hongshan", "hsoff").Take(1)));
        var (user, password) = Sheet(html).Single();
        string stampBefore = Factory.WithDb(db => db.Users.Single(u => u.UserName == user).SecurityStamp!);

        var ask = await PostFormAsync(office, "/Accounts", "/Accounts?district=hongshan&handler=Disable", new() { ["user"] = user, ["stamp"] = Stamp(Factory, user) });
        string asked = WebUtility.HtmlDecode(await ask.Content.ReadAsStringAsync());
        asked.ShouldContain("确认停用账号");
        asked.ShouldContain($"将停用账号 {user}（");
        Factory.WithDb(db => db.Users.Single(u => u.UserName == user).Disabled).ShouldBeFalse("nothing changes until confirmed");

        var disable = await PostFormAsync(office, "/Accounts", "/Accounts?district=hongshan&handler=Disable",
            new() { ["user"] = user, ["stamp"] = Stamp(Factory, user), ["confirm"] = "true" });
        disable.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await disable.Content.ReadAsStringAsync()).ShouldContain("已停用 " + user);
        Factory.WithDb(db => db.Users.Single(u => u.UserName == user).SecurityStamp).ShouldNotBe(stampBefore, "running sessions end with the stamp");

        var refused = await LuoshiWebFactory.SignInAsync(Client(Factory), user, password);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("已停用");
        var wrong = await LuoshiWebFactory.SignInAsync(Client(Factory), user, "not-the-password");
        WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()).ShouldContain("用户名或密码不正确", customMessage: "a wrong password does not learn that the account is disabled");

        (await office.GetStringAsync("/Accounts?district=hongshan&state=disabled")).ShouldContain(user);
        await PostFormAsync(office, "/Accounts", "/Accounts?district=hongshan&handler=Enable", new() { ["user"] = user, ["stamp"] = Stamp(Factory, user) });
        (await LuoshiWebFactory.SignInAsync(Client(Factory), user, password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Factory.WithDb(db => db.AuditEntries.Where(a => a.EntityId == db.Users.Single(u => u.UserName == user).Id).OrderBy(a => a.Id).Select(a => a.Action).ToList())
            .Where(a => a.EndsWith("-account", StringComparison.Ordinal))
            .ShouldBe(["create-account", "disable-account", "enable-account"]);
        Factory.WithDb(db => db.AuditEntries.Any(a => a.Action == "sign-in-disabled" && a.Actor == user)).ShouldBeTrue();
    }

    [Fact]
    public async Task StaleList_ChangesNothing()
    {
        using var office = await Factory.SignedInClientAsync("hongshan.office");
        var r = await PostFormAsync(office, "/Accounts", "/Accounts?district=hongshan&handler=Disable", new() { ["user"] = "hongshan.fgj.clerk", ["stamp"] = "old" });
        WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync()).ShouldContain("请刷新页面后重试");
        Factory.WithDb(db => db.Users.Single(u => u.UserName == "hongshan.fgj.clerk").Disabled).ShouldBeFalse();
    }

    [Fact]
    public async Task OfficeAndAdmin_CannotUnlock_SecurityAdminCan()
    {
        using var office = await Factory.SignedInClientAsync("hongshan.office");
        using var admin = await Factory.SignedInClientAsync("admin");
        using var security = await Factory.SignedInClientAsync("security");
        var (_, html) = await UploadAsync(office, "hongshan", "名单.csv", Csv(TwoPerUnit(Factory, "hongshan", "hslock").Take(1)));
        var (user, password) = Sheet(html).Single();
        for (int i = 0; i < 5; i++)
        {
            await LuoshiWebFactory.SignInAsync(Client(Factory), user, "wrong-" + i);
        }

        WebUtility.HtmlDecode(await (await LuoshiWebFactory.SignInAsync(Client(Factory), user, password)).Content.ReadAsStringAsync()).ShouldContain("已锁定");
        (await office.GetStringAsync("/Accounts?district=hongshan&state=locked")).ShouldNotContain("handler=Unlock");
        var refused = await PostFormAsync(office, "/Accounts", "/Accounts?district=hongshan&handler=Unlock", new() { ["user"] = user, ["stamp"] = Stamp(Factory, user) });
        refused.Headers.Location!.AbsolutePath.ShouldBe("/Account/Denied");

        // 三员分立: unlocking is the security admin's, not the system admin's.
        (await admin.GetStringAsync("/Accounts?district=hongshan&state=locked")).ShouldNotContain("handler=Unlock");
        var byAdmin = await PostFormAsync(admin, "/Accounts", "/Accounts?district=hongshan&handler=Unlock", new() { ["user"] = user, ["stamp"] = Stamp(Factory, user) });
        byAdmin.Headers.Location!.AbsolutePath.ShouldBe("/Account/Denied");

        (await security.GetStringAsync("/Accounts?district=hongshan&state=locked")).ShouldContain("handler=Unlock");
        var unlocked = await PostFormAsync(security, "/Accounts", "/Accounts?district=hongshan&handler=Unlock", new() { ["user"] = user, ["stamp"] = Stamp(Factory, user) });
        WebUtility.HtmlDecode(await unlocked.Content.ReadAsStringAsync()).ShouldContain("已解锁 " + user);
        (await LuoshiWebFactory.SignInAsync(Client(Factory), user, password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task CreateOne_ShowsItsSheet_AndAnErrorWithoutRowNumber()
    {
        using var office = await Factory.SignedInClientAsync("hongshan.office");
        var bad = await PostFormAsync(office, "/Accounts/Create?district=hongshan", "/Accounts/Create?district=hongshan",
            new() { ["name"] = "单个", ["userName"] = "hongshan.fgj.clerk", ["role"] = "填报人", ["unit"] = "区发展和改革局" });
        WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()).ShouldContain("已被使用");
        var ok = await PostFormAsync(office, "/Accounts/Create?district=hongshan", "/Accounts/Create?district=hongshan",
            new() { ["name"] = "单个", ["userName"] = "hsone.leader", ["role"] = "分管领导", ["unit"] = "区教育局", ["phone"] = "13912345678" });
        string html = WebUtility.HtmlDecode(await ok.Content.ReadAsStringAsync());
        Sheet(html).Single().User.ShouldBe("hsone.leader");
        Factory.WithDb(db => db.Units.Single(u => u.Name == "区教育局" && db.Districts.Any(d => d.Id == u.DistrictId && d.Code == "hongshan")).LeaderUserId)
            .ShouldBe(Factory.WithDb(db => db.Users.Single(u => u.UserName == "hsone.leader").Id), "a leader's unit is the one it is in charge of");
    }

    [Fact]
    public async Task Api_CreatesWithToken_RefusesRows_CrossSite_AndOtherDistricts()
    {
        using var office = await Factory.SignedInClientAsync("hongshan.office");
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(office, "/Accounts");
        HttpRequestMessage Post(string code, object body, bool withToken = true)
        {
            var m = new HttpRequestMessage(HttpMethod.Post, $"/api/districts/{code}/accounts") { Content = JsonContent.Create(body) };
            if (withToken)
            {
                m.Headers.Add("RequestVerificationToken", token);
            }

            return m;
        }

        object[] good =
        [
            new { unit = "区发改局", name = "接口填报人", userName = "hsapi.fgj.clerk", role = "填报人", phone = "13700000001", email = "api@example.gov.cn" },
            new { unit = (string?)null, name = "接口督查室", userName = "hsapi.office", role = "督查室", phone = (string?)null, email = (string?)null },
        ];
        (await office.SendAsync(Post("hongshan", good, withToken: false))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Count("hsapi").ShouldBe(0, "a cross-site request (no token) creates nothing");
        (await office.SendAsync(Post("jiangan", good))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        object[] bad =
        [
            new { unit = "区发改局", name = "甲", userName = "hsapi.a", role = "填报人" },
            new { unit = "区没有局", name = "乙", userName = "hsapi.b", role = "填报人" },
            new { unit = "区发改局", name = "丙", userName = "hsapi.a", role = "填报人" },
        ];
        var refused = await office.SendAsync(Post("hongshan", bad));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await refused.Content.ReadFromJsonAsync<Features.Accounts.AccountErrors>();
        errors!.Errors.Select(e => e.Row).ShouldBe([2, 3]);
        Count("hsapi").ShouldBe(0);

        var created = await office.SendAsync(Post("hongshan", good));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.Content.ReadFromJsonAsync<Features.Accounts.AccountsCreated>();
        body!.Created.Select(c => (c.UserName, c.Role)).ShouldBe([("hsapi.fgj.clerk", "填报人"), ("hsapi.office", "督查室")]);
        body.Created.ShouldAllBe(c => Core.Features.Accounts.PasswordPolicy.Check(c.InitialPassword, c.UserName).Count == 0);
        var signIn = await LuoshiWebFactory.SignInAsync(Client(Factory), "hsapi.office", body.Created[1].InitialPassword);
        signIn.Headers.Location!.OriginalString.ShouldBe("/Account/Password");
    }

    [Fact]
    public async Task OpenApi_DescribesTheAccountsEndpoint_AndItsOneTimePasswords()
    {
        using var office = await Factory.SignedInClientAsync("hongshan.office");
        string json = await office.GetStringAsync("/api/openapi.json");
        json.ShouldContain("/api/districts/{code}/accounts");
        json.ShouldContain("CreateAccounts");
        json.ShouldContain("initialPassword");
        json.ShouldContain("RequestVerificationToken");
        json.ShouldContain("\"201\"");
        json.ShouldContain("\"400\"");
    }

    [Fact]
    public async Task OnlyTheOfficeAndTheAdmin_SeeTheAccountPages()
    {
        foreach (string user in new[] { "hongshan.fgj.clerk", "jiangan.leader", "city" })
        {
            using var c = await Factory.SignedInClientAsync(user);
            (await c.GetAsync("/Accounts")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user);
            (await c.GetAsync("/Accounts/Roster")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user);
        }

        using var admin = await Factory.SignedInClientAsync("admin");
        string all = WebUtility.HtmlDecode(await admin.GetStringAsync("/Accounts"));
        all.ShouldContain("jiangan.fgj.clerk");
        all.ShouldContain("hongshan.fgj.clerk");
    }
}
