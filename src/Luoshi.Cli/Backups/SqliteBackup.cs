using Microsoft.Data.Sqlite;

namespace Luoshi.Cli.Backups;

/// <summary>
/// SQLite: the online backup API (sqlite3_backup, <see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>) copies a
/// consistent snapshot while the web app keeps running; the copy is checked with PRAGMA integrity_check and counted.
/// Restore checks the backup first, keeps the target's old content beside it, then copies with the same API.
/// </summary>
internal static class SqliteBackup
{
    public const string DatabaseFile = "luoshi.db";

    public static BackupManifest Backup(string connectionString, string folder, Schema schema)
    {
        string source = DataSource(connectionString);
        if (!File.Exists(source))
        {
            throw new BackupException($"找不到 SQLite 数据库文件 {source}。", 2);
        }

        string copy = Path.Combine(folder, DatabaseFile);
        using (var src = Open(source, SqliteOpenMode.ReadWrite))
        using (var dst = Open(copy, SqliteOpenMode.ReadWriteCreate))
        {
            src.BackupDatabase(dst);

            // The copy stands alone: no write-ahead log beside it.
            Exec(dst, "PRAGMA journal_mode=DELETE");
        }

        Inventory inv = CheckedInventory(copy, schema, "备份");
        return BackupManifest.Of("sqlite", DatabaseFile, copy, inv);
    }

    /// <summary>Restores; returns what the target holds now and, with --force over a non-empty target, where its old content was kept.</summary>
    public static (Inventory Restored, string? Kept) Restore(string folder, BackupManifest manifest, string connectionString, bool force, Schema schema)
    {
        string backup = Path.Combine(folder, manifest.DatabaseFile);
        Files.CheckHash(backup, manifest);
        Inventory before = CheckedInventory(backup, schema, "备份");
        Problems(before.DifferencesFrom(manifest), "备份文件与其清单不符");

        string target = DataSource(connectionString);
        string? kept = null;
        if (!IsEmpty(target))
        {
            if (!force)
            {
                throw new BackupException($"目标数据库 {target} 不是空的。确认要用备份覆盖它时请加 --force（原有内容会另存一份）。", 2);
            }

            kept = $"{target}.before-restore-{DateTime.UtcNow:yyyyMMddHHmmss}";
            using var old = Open(target, SqliteOpenMode.ReadWrite);
            using var keep = Open(kept, SqliteOpenMode.ReadWriteCreate);
            old.BackupDatabase(keep);
        }

        string? dir = Path.GetDirectoryName(Path.GetFullPath(target));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        // One backup step over the whole file: the target changes in a single transaction, or not at all.
        using (var src = Open(backup, SqliteOpenMode.ReadOnly))
        using (var dst = Open(target, SqliteOpenMode.ReadWriteCreate))
        {
            src.BackupDatabase(dst);
        }

        Inventory after = CheckedInventory(target, schema, "恢复后的数据库");
        Problems(after.DifferencesFrom(manifest), "恢复后的数据库与备份不符");
        return (after, kept);
    }

    private static void Problems(IReadOnlyList<string> lines, string title)
    {
        if (lines.Count > 0)
        {
            throw new BackupException(title + "：\n  " + string.Join("\n  ", lines));
        }
    }

    private static Inventory CheckedInventory(string file, Schema schema, string what)
    {
        using var conn = Open(file, SqliteOpenMode.ReadOnly);
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "PRAGMA integrity_check";
            using var r = cmd.ExecuteReader();
            var lines = new List<string>();
            while (r.Read())
            {
                lines.Add(r.GetString(0));
            }

            if (lines is not ["ok"])
            {
                throw new BackupException($"{what}（{file}）未通过 SQLite 完整性检查：{string.Join("；", lines.Take(5))}");
            }
        }

        Inventory inv;
        try
        {
            inv = Inventory.Take(conn, null, schema);
        }
        catch (SqliteException e)
        {
            throw new BackupException($"{what}（{file}）不是落实的数据库，或缺少数据表：{e.Message}", 2);
        }

        schema.CheckKnown(inv.Migrations, what);
        return inv;
    }

    private static bool IsEmpty(string file)
    {
        if (!File.Exists(file) || new FileInfo(file).Length == 0)
        {
            return !File.Exists(file + "-wal") || new FileInfo(file + "-wal").Length == 0;
        }

        using var conn = Open(file, SqliteOpenMode.ReadOnly);
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type IN ('table', 'view', 'index', 'trigger')";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    public static string DataSource(string connectionString)
    {
        string ds = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrWhiteSpace(ds) || ds == ":memory:")
        {
            throw new BackupException("SQLite 连接字符串需要指明数据库文件（Data Source=…）。", 2);
        }

        return Path.GetFullPath(ds);
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ConnectionString);
        conn.Open();
        return conn;
    }

    private static void Exec(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
