using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Web.Infrastructure;
using Luoshi.Web.Tests.Security;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Dashboard;

/// <summary>
/// The first run that tells the story (issue 13.6): an empty database started at a date in January, July and November
/// (the product's clock injected) plays the demo year; every district's dashboard (its JSON) then has red, amber and green
/// items, the plan year follows the date, and every account of the README's table signs in with the README's password and
/// has the role the table names; the table covers every role. A second start adds nothing.
/// </summary>
public sealed partial class FirstRunTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData(2027, 1, 15, 2026)]
    [InlineData(2027, 7, 20, 2027)]
    [InlineData(2026, 11, 20, 2026)]
    public async Task First_run_at_a_date_shows_red_amber_and_green_and_the_readme_accounts_sign_in(int y, int m, int d, int planYear)
    {
        var clock = new ManualClock(new DateTimeOffset(y, m, d, 2, 0, 0, TimeSpan.Zero));
        using var app = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        app.Settings["Demo:Story"] = "true";
        using var clocked = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        _ = clocked.Server;
        output.WriteLine($"first start (migrations, three notices, accounts, the year so far) on {y}-{m}-{d}: {watch.Elapsed.TotalSeconds:0.0} s");

        var (password, accounts) = ReadmeAccounts();
        Assert.False(PasswordPolicy.IsCommon(password));
        Assert.Equal(Enum.GetValues<AppRole>().ToHashSet(), accounts.Select(a => a.Role).ToHashSet());

        var office = await SignInAsync(clocked, "jiangan.office", password);
        foreach (string district in new[] { "jiangan", "hongshan", "caidian" })
        {
            var client = district == "jiangan" ? office : await SignInAsync(clocked, district + ".office", password);
            var response = await client.GetAsync($"/api/districts/{district}/dashboard");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var total = json.RootElement.GetProperty("total");
            Assert.Equal(planYear, json.RootElement.GetProperty("year").GetInt32());
            Assert.True(total.GetProperty("red").GetInt32() > 0, district + " has red items");
            Assert.True(total.GetProperty("amber").GetInt32() > 0, district + " has amber items");
            Assert.True(total.GetProperty("green").GetInt32() > total.GetProperty("red").GetInt32(), district + ": most items green");
        }

        using (var scope = clocked.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
            Assert.Equal(3, await db.Circulars.CountAsync(c => c.State == Luoshi.Core.Features.Circulars.CircularState.Issued));
            Assert.Equal(3, await db.SupervisionOrders.CountAsync());
            Assert.True(await db.Filings.AnyAsync(f => f.State == Luoshi.Core.Features.Work.FilingState.Consolidated), "co-units' parts consolidated");
            Assert.True(await db.FilingEvents.AnyAsync(e => e.Action == Luoshi.Core.Features.Work.FilingEventActions.Return), "returned and resubmitted");
            Assert.True(await db.Notifications.AnyAsync(n => n.Kind == Luoshi.Core.Features.Notifications.NotificationKinds.Overdue), "reminders sent");
            var roles = await db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Role);
            foreach (var a in accounts)
            {
                Assert.True(roles.TryGetValue(a.UserName, out var role), a.UserName + " exists");
                Assert.Equal(a.Role, role);
            }

            // A second start on the same database adds nothing.
            int filings = await db.Filings.CountAsync();
            Assert.False(await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(FindData(), story: true));
            Assert.Equal(filings, await db.Filings.CountAsync());
        }

        foreach (var a in accounts)
        {
            await SignInAsync(clocked, a.UserName, password);
        }
    }

    private static async Task<HttpClient> SignInAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string user, string password)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await LuoshiWebFactory.SignInAsync(client, user, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{user} signs in ({(int)response.StatusCode})");
        return client;
    }

    private sealed record ReadmeAccount(string UserName, AppRole Role);

    /// <summary>The README's demo accounts table and password, read from the file (so the README cannot drift).</summary>
    private static (string Password, List<ReadmeAccount> Accounts) ReadmeAccounts()
    {
        string readme = File.ReadAllText(Path.Combine(Root(), "README.md"));
        int start = readme.IndexOf("## Demo accounts", StringComparison.Ordinal);
        int end = readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        string section = readme[start..end];
        string password = PasswordPattern().Match(section).Groups[1].Value;
        var names = new Dictionary<string, AppRole>(StringComparer.Ordinal)
        {
            ["系统管理员"] = AppRole.Admin, ["安全管理员"] = AppRole.SecurityAdmin, ["审计管理员"] = AppRole.AuditAdmin, ["市级查看"] = AppRole.CityViewer,
            ["督查室"] = AppRole.Office, ["分管领导"] = AppRole.Leader, ["填报人"] = AppRole.Clerk, ["单位负责人"] = AppRole.UnitHead,
        };
        var accounts = RowPattern().Matches(section).Select(m => new ReadmeAccount(m.Groups[1].Value, names[m.Groups[2].Value.Trim()])).ToList();
        Assert.True(accounts.Count >= 20, "the README lists the demo accounts");
        Assert.False(string.IsNullOrEmpty(password));
        return (password, accounts);
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Luoshi.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private static string FindData() => Path.Combine(Root(), "data");

    [GeneratedRegex(@"password `([^`]+)`")]
    private static partial Regex PasswordPattern();

    [GeneratedRegex(@"^\| `([a-z0-9.]+)` \| ([^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex RowPattern();
}
