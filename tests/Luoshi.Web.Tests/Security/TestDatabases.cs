using Luoshi.Core.Data;
using Npgsql;

namespace Luoshi.Web.Tests.Security;

/// <summary>Drops the PostgreSQL database a test created (LuoshiWebFactory leaves them), so that runs do not pile them up.</summary>
public static class TestDatabases
{
    public static void Drop(LuoshiWebFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (factory.Provider != DatabaseProvider.Postgres || Environment.GetEnvironmentVariable("LUOSHI_TEST_PG") is not { } admin)
        {
            return;
        }

        string name = new NpgsqlConnectionStringBuilder(factory.ConnectionString).Database!;
        if (!name.StartsWith("luoshi_t_", StringComparison.Ordinal))
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(admin);
        conn.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }
}
