using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>
/// The real app on a real port (Kestrel) over a fresh SQLite database with the demo data, and Debian's
/// Chromium (/usr/bin/chromium, installed by scripts/setup-test-deps.sh) driven by Playwright. No browser
/// is ever downloaded. Screenshots go to artifacts/screenshots/ at the repository root.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private BrowserApp? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDir { get; } = FindScreenshotDir();

    public async Task InitializeAsync()
    {
        _factory = new BrowserApp(seed: true);
        _factory.StartServer();
        BaseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> SignedInPageAsync(string user)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // CI runs the test projects side by side on two cores: give each step a minute before calling it a failure.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/Account/Login");
        await page.FillAsync("input[name=userName]", user);
        await page.FillAsync("input[name=password]", Luoshi.Web.Infrastructure.DemoData.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(BaseUrl + "/");
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = false });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private static string FindScreenshotDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Luoshi.sln")))
            {
                return Path.Combine(dir.FullName, "artifacts", "screenshots");
            }
        }

        return Path.Combine(Path.GetTempPath(), "luoshi-screenshots");
    }
}

/// <summary>
/// The app over a fresh SQLite database on Kestrel, on a port the system picks. <see cref="WebApplicationFactory{TEntryPoint}.UseKestrel(int)"/>
/// is called on this factory itself: called on the copy that <c>WithWebHostBuilder</c> returns, the port was lost (the
/// copy hands the host to the original factory, which sets the server's URL from its own, unset, port), so Kestrel fell
/// back to its default http://localhost:5000 and every browser test failed while the product ran on its README port.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), "luoshi-browser-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly bool _seed;

    public BrowserApp(bool seed)
    {
        _seed = seed;
        UseKestrel(0);
    }

    /// <summary>The address Kestrel listens on, once the server has started.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "sqlite",
            ["Database:ConnectionString"] = $"Data Source={_db}",
            ["Demo:Seed"] = _seed ? "true" : "false",
            ["Demo:Story"] = "false",
        }));
    }
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
