using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Luoshi.Core.Data;

/// <summary>Which database: SQLite (the embedded default) or PostgreSQL (several web instances, a city or a province).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the provider and its migrations assembly from configuration ("Database:Provider", "Database:ConnectionString").</summary>
public static class DatabaseSetup
{
    public const string SqliteMigrations = "Luoshi.Migrations.Sqlite";
    public const string PostgresMigrations = "Luoshi.Migrations.Postgres";

    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        string? p = configuration["Database:Provider"];
        return string.Equals(p, "postgres", StringComparison.OrdinalIgnoreCase) || string.Equals(p, "postgresql", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;
    }

    /// <summary>Configures <paramref name="options"/> for a provider and connection string.</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);

        // EF logs every failed command and save at Error before the exception reaches the caller, also the expected ones: a
        // unique key that another instance stored first (DbErrors.TrySaveNewAsync), a concurrency token. Those are not errors.
        // A failure nobody expects still reaches its caller as an exception, which the request pipeline or the background
        // job logs as an error; EF's own line for it is Information.
        options.ConfigureWarnings(w => w.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Information),
            (CoreEventId.OptimisticConcurrencyException, LogLevel.Information),
            (RelationalEventId.CommandError, LogLevel.Information)));
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(PostgresConnection(connectionString), o => o.MigrationsAssembly(PostgresMigrations));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
    }

    /// <summary>How many statements a PostgreSQL connection keeps prepared unless the connection string says (<see cref="PostgresConnection"/>).</summary>
    public const int AutoPreparedStatements = 64;

    /// <summary>
    /// The PostgreSQL connection string as the app uses it: unless it sets <c>Max Auto Prepare</c> itself, Npgsql prepares the
    /// <see cref="AutoPreparedStatements"/> statements a connection sends most (after 5 uses), so that PostgreSQL parses and plans
    /// each once per connection instead of on every execution. Without it the filing form's one-query frame took 2.6 ms to plan
    /// for 0.8 ms to run, twice per report save (docs/benchmarks-web.md, 2026-12-07). <c>Max Auto Prepare=0</c> turns it off,
    /// for a connection pooler that cannot keep prepared statements (PgBouncer before 1.21 in transaction mode).
    /// </summary>
    public static string PostgresConnection(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool set = given.Keys.Cast<string>().Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), "MaxAutoPrepare", StringComparison.OrdinalIgnoreCase));
        return set ? connectionString : connectionString.TrimEnd().TrimEnd(';') + ";Max Auto Prepare=" + AutoPreparedStatements.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Registers <see cref="LuoshiDb"/> as a pool of contexts (a request takes one and gives it back, instead of building a
    /// context and its options each time). The configuration is read when the first context is made, not at registration,
    /// so that a host's later configuration (a test host's, say) is the one used. Interceptors registered as singletons
    /// (<see cref="IInterceptor"/>) are added to every context. SQLite's default file is data/luoshi.db under
    /// <paramref name="contentRoot"/>.
    /// </summary>
    public static IServiceCollection AddLuoshiDatabase(this IServiceCollection services, string contentRoot)
    {
        services.AddDbContextPool<LuoshiDb>((sp, o) =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var provider = ProviderFrom(configuration);
            Configure(o, provider, ConnectionString(configuration, provider, contentRoot));
            o.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        return services;
    }

    public static string ConnectionString(IConfiguration configuration, DatabaseProvider provider, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? cs = configuration["Database:ConnectionString"];
        if (!string.IsNullOrWhiteSpace(cs))
        {
            return cs;
        }

        if (provider == DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("Database:Provider is postgres but Database:ConnectionString is empty.");
        }

        string folder = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "luoshi.db")}";
    }
}
