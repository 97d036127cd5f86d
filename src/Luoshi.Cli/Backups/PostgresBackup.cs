using System.Data;
using Npgsql;

namespace Luoshi.Cli.Backups;

/// <summary>
/// PostgreSQL through its own tools. Backup: a REPEATABLE READ transaction exports its snapshot, the rows and evidence are
/// counted in it, and pg_dump -Fc dumps that same snapshot (--snapshot), so the manifest describes exactly what is in the
/// dump while the web instances keep running. Restore: pg_restore into a fresh database, checked against the manifest, and
/// only then given the target's name (an existing non-empty target needs --force and is kept under another name).
/// </summary>
internal static class PostgresBackup
{
    public const string DatabaseFile = "luoshi.dump";

    public static BackupManifest Backup(string connectionString, string folder, Schema schema, string? pgBin)
    {
        var cs = Builder(connectionString);
        string pgDump = PgTools.Find("pg_dump", pgBin);
        string file = Path.Combine(folder, DatabaseFile);
        Inventory inv;
        using (var conn = Connect(cs, cs.Database!))
        using (var tx = conn.BeginTransaction(IsolationLevel.RepeatableRead))
        {
            string snapshot;
            using (var cmd = new NpgsqlCommand("SET TRANSACTION READ ONLY; SELECT pg_export_snapshot()", conn, tx))
            {
                snapshot = (string)cmd.ExecuteScalar()!;
            }

            inv = TakeInventory(conn, tx, schema, "数据库");
            schema.CheckKnown(inv.Migrations, "数据库");
            PgTools.Run(pgDump, cs, cs.Database!, ["--format=custom", "--snapshot=" + snapshot, "--file=" + file]);
            tx.Commit();
        }

        return BackupManifest.Of("postgres", DatabaseFile, file, inv);
    }

    public static (Inventory Restored, string? Kept) Restore(string folder, BackupManifest manifest, string connectionString, bool force, Schema schema, string? pgBin)
    {
        string dump = Path.Combine(folder, manifest.DatabaseFile);
        Files.CheckHash(dump, manifest);
        schema.CheckKnown(manifest.Migrations, "备份");
        string pgRestore = PgTools.Find("pg_restore", pgBin);

        var cs = Builder(connectionString);
        string target = cs.Database!;
        bool exists, nonEmpty;
        using (var admin = Connect(cs, Maintenance(cs)))
        {
            using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @n", admin);
            cmd.Parameters.AddWithValue("n", target);
            exists = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
        }

        nonEmpty = exists && HasObjects(cs, target);
        if (nonEmpty && !force)
        {
            throw new BackupException($"目标数据库 {target} 不是空的。确认要用备份覆盖它时请加 --force（原数据库会改名保留）。", 2);
        }

        string stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        string fresh = Name(target, "_restore_" + Guid.NewGuid().ToString("N")[..8]);
        string? kept = nonEmpty ? Name(target, "_before_restore_" + stamp) : null;
        Admin(cs, $"CREATE DATABASE {Q(fresh)} TEMPLATE template0 ENCODING 'UTF8'");
        bool renamedTarget = false;
        try
        {
            PgTools.Run(pgRestore, cs, fresh, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname=" + fresh, dump]);
            Inventory inv;
            using (var conn = Connect(cs, fresh))
            {
                inv = TakeInventory(conn, null, schema, "恢复后的数据库");
            }

            var differences = inv.DifferencesFrom(manifest);
            if (differences.Count > 0)
            {
                throw new BackupException("恢复后的数据库与备份不符：\n  " + string.Join("\n  ", differences));
            }

            NpgsqlConnection.ClearAllPools();
            try
            {
                if (kept is not null)
                {
                    Admin(cs, $"ALTER DATABASE {Q(target)} RENAME TO {Q(kept)}");
                    renamedTarget = true;
                }
                else if (exists)
                {
                    Admin(cs, $"DROP DATABASE {Q(target)}");
                }

                Admin(cs, $"ALTER DATABASE {Q(fresh)} RENAME TO {Q(target)}");
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse)
            {
                throw new BackupException($"数据库 {target} 仍有其他连接（{e.MessageText}）。请先停止所有落实服务实例，再恢复。", 2);
            }

            return (inv, kept);
        }
        catch
        {
            NpgsqlConnection.ClearAllPools();
            if (renamedTarget)
            {
                Admin(cs, $"ALTER DATABASE {Q(kept!)} RENAME TO {Q(target)}");
            }

            Admin(cs, $"DROP DATABASE IF EXISTS {Q(fresh)} WITH (FORCE)");
            throw;
        }
    }

    private static Inventory TakeInventory(NpgsqlConnection conn, NpgsqlTransaction? tx, Schema schema, string what)
    {
        try
        {
            return Inventory.Take(conn, tx, schema);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new BackupException($"{what}（{conn.Database}）不是落实的数据库，或缺少数据表：{e.MessageText}", 2);
        }
    }

    private static bool HasObjects(NpgsqlConnectionStringBuilder cs, string database)
    {
        using var conn = Connect(cs, database);
        using var cmd = new NpgsqlCommand(
            "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'",
            conn);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static NpgsqlConnectionStringBuilder Builder(string connectionString)
    {
        NpgsqlConnectionStringBuilder cs;
        try
        {
            cs = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new BackupException($"PostgreSQL 连接字符串无法识别：{e.Message}", 2);
        }

        if (string.IsNullOrWhiteSpace(cs.Database))
        {
            throw new BackupException("PostgreSQL 连接字符串需要指明数据库（Database=…）。", 2);
        }

        return cs;
    }

    private static string Maintenance(NpgsqlConnectionStringBuilder cs) => cs.Database == "postgres" ? "template1" : "postgres";

    private static NpgsqlConnection Connect(NpgsqlConnectionStringBuilder cs, string database)
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs.ConnectionString) { Database = database, Pooling = false, CommandTimeout = 0 }.ConnectionString);
        try
        {
            conn.Open();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            conn.Dispose();
            throw new BackupException($"无法连接 PostgreSQL 数据库 {database}（{cs.Host}:{cs.Port}）：{e.Message}");
        }

        return conn;
    }

    private static void Admin(NpgsqlConnectionStringBuilder cs, string sql)
    {
        using var conn = Connect(cs, Maintenance(cs));
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }

    /// <summary>A database name with a suffix, cut to PostgreSQL's 63 bytes.</summary>
    private static string Name(string target, string suffix)
    {
        string name = target + suffix;
        while (System.Text.Encoding.UTF8.GetByteCount(name) > 63)
        {
            target = target[..^1];
            name = target + suffix;
        }

        return name;
    }

    private static string Q(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
