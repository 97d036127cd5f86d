using System.Net;
using System.Text.RegularExpressions;
using Luoshi.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Luoshi.Web.Tests;

/// <summary>
/// The real web application over a real database: a fresh SQLite file, or a fresh database on the
/// local PostgreSQL server named by LUOSHI_TEST_PG (scripts/setup-postgres.sh starts it). Demo data is
/// loaded, so the three seed districts and the demo accounts exist.
/// </summary>
public sealed class LuoshiWebFactory : WebApplicationFactory<Program>
{
    // Hundreds of test hosts start in this process, several alive at once. Each watched its configuration files and its
    // web root with an inotify instance, and the machine's limit (fs.inotify.max_user_instances, 128 here) was reached in a
    // full run: a host then answered 500 ("The configured user limit (128) on the number of inotify instances has been
    // reached"). The tests change no file under a running host, so nothing needs watching: configuration is not reloaded,
    // and the file providers poll instead of holding an inotify instance.
    static LuoshiWebFactory()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private readonly string _connectionString;
    private readonly bool _ownsDatabase;

    public LuoshiWebFactory(DatabaseProvider provider, string? sharedConnectionString = null)
    {
        Provider = provider;
        _ownsDatabase = sharedConnectionString is null;
        _connectionString = sharedConnectionString ?? CreateDatabase(provider);
    }

    public DatabaseProvider Provider { get; }

    /// <summary>Configuration over the test defaults (set before the first request).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public string ConnectionString => _connectionString;

    /// <summary>A second web instance on the same database (for the several-instances tests).</summary>
    public LuoshiWebFactory SecondInstance() => new(Provider, _connectionString);

    public static string CreateDatabase(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            string dir = Path.Combine(Path.GetTempPath(), "luoshi-tests");
            Directory.CreateDirectory(dir);
            return $"Data Source={Path.Combine(dir, Guid.NewGuid().ToString("N") + ".db")}";
        }

        string admin = Environment.GetEnvironmentVariable("LUOSHI_TEST_PG")
            ?? throw new InvalidOperationException("LUOSHI_TEST_PG is not set: run the tests through scripts/test.sh, which starts PostgreSQL.");
        string name = "luoshi_t_" + Guid.NewGuid().ToString("N")[..12];
        using (var conn = new NpgsqlConnection(admin))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            cmd.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
            ["Database:ConnectionString"] = _connectionString,
            ["Database:MigrateOnStart"] = "true",
            ["Demo:Seed"] = "true",
            ["Demo:Story"] = "false", // the tests play their own year; Dashboard/FirstRunTests plays the demo's
            ["Reminders:Enabled"] = "false", // the reminder tests run the job themselves
            ["Luoshi:SignIn:PerClientPerMinute"] = "100000", // every test signs in from the same (absent) address
            // Keep the test log readable: warnings and errors only, without the test server's note on request size limits
            // (it has none to apply) and without EF's log of commands that fail on purpose (unique keys in races, the
            // migrations history check); such failures reach the tests as exceptions anyway.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.Mvc.Filters.RequestSizeLimitFilter"] = "Error",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
        }));
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(Settings));
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, TestClientAddress>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DropOwnDatabase();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DropOwnDatabase();
        }
    }

    /// <summary>The factory that made a PostgreSQL database drops it (a second instance on it does not).</summary>
    private void DropOwnDatabase()
    {
        if (!_ownsDatabase || Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var own = new NpgsqlConnectionStringBuilder(_connectionString);
        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(own.ConnectionString) { Database = "postgres" }.ConnectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{own.Database}\" WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }

    public T WithDb<T>(Func<LuoshiDb, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<LuoshiDb>());
    }

    /// <summary>A client that keeps cookies and does not follow redirects, signed in as a demo account.</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName, string password = Infrastructure.DemoData.DemoPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await SignInAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        string token = await AntiforgeryTokenAsync(client, "/Account/Login");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The antiforgery token of a page's form (the client keeps the matching cookie).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        string html = await client.GetStringAsync(path);
        var m = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        return m.Success ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on " + path);
    }
}
