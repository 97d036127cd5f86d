namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Applies migrations ("Database:MigrateOnStart", default true: a single-box install) and loads the demo
/// data on an empty database ("Demo:Seed", default true; "Demo:Story", default true, plays the year so far), printing the demo accounts.
/// </summary>
public static class StartupTasks
{
    public static async Task RunAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
        if (app.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            // A restart on an existing database asks only for pending migrations (the history table): Migrate itself also
            // compares the model with the migrations' snapshot, seconds on a busy machine, for nothing to do.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            if ((await db.Database.GetPendingMigrationsAsync()).Any())
            {
                await db.Database.MigrateAsync();
            }

            app.Logger.LogInformation("Migrations: {Seconds} s", watch.Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!app.Configuration.GetValue("Demo:Seed", true))
        {
            return;
        }

        string? data = DataFolder.Find(app.Configuration, app.Environment.ContentRootPath);
        if (data is null)
        {
            app.Logger.LogWarning("No data folder (catalogues, seeds) found; demo data not loaded.");
            return;
        }

        bool story = app.Configuration.GetValue("Demo:Story", true);
        var demo = scope.ServiceProvider.GetRequiredService<DemoData>();
        if (await demo.SeedIfEmptyAsync(data, story))
        {
            Console.WriteLine("演示数据已导入（江岸区、洪山区、蔡甸区），用时 " + demo.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " 秒。演示账号（密码均为 " + DemoData.DemoPassword + "）：");
            foreach (var a in DemoData.AccountsOf(story))
            {
                Console.WriteLine($"  {a.UserName,-22} {a.DisplayName}");
            }
        }
    }
}
