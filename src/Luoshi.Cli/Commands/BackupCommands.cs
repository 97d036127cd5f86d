using System.Diagnostics;
using Luoshi.Cli.Backups;

namespace Luoshi.Cli.Commands;

/// <summary>
/// `luoshi backup FOLDER` and `luoshi restore BACKUP`: the database (plans, filings, evidence files, accounts, audit log,
/// data-protection keys) with a manifest, for SQLite and PostgreSQL. The database is named as the web app names it:
/// --provider/--connection, or the environment variables Database__Provider and Database__ConnectionString.
/// </summary>
internal static class BackupCommands
{
    private const string Prefix = "luoshi-";

    public static Command Backup()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "存放备份的文件夹；每次备份在其中新建一个 luoshi-年月日-时分秒 文件夹" };
        var keep = new Option<int?>("--keep") { Description = "只保留最近的 N 份备份（删除该文件夹中更早的 luoshi-* 备份）" };
        var command = new Command("backup", "备份数据库（含佐证材料）并写出清单（行数、校验值、版本、迁移）；服务可以继续运行");
        command.Arguments.Add(folder);
        var (provider, connection, pgBin) = AddDatabaseOptions(command);
        command.Options.Add(keep);
        command.SetAction(result => Guarded(() =>
        {
            var (p, cs) = Database(result.GetValue(provider), result.GetValue(connection));
            int? keepCount = result.GetValue(keep);
            if (keepCount is < 1)
            {
                throw new BackupException("--keep 至少为 1。", 2);
            }

            var parent = result.GetValue(folder)!;
            parent.Create();
            string name = Prefix + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            string final = Path.Combine(parent.FullName, name);
            if (Directory.Exists(final))
            {
                throw new BackupException($"备份文件夹 {final} 已存在，请稍后再试。", 2);
            }

            // Written under a temporary name and renamed when complete: a folder named luoshi-* is always a whole backup.
            string partial = Path.Combine(parent.FullName, "." + name + ".partial");
            Directory.CreateDirectory(partial);
            var clock = Stopwatch.StartNew();
            BackupManifest manifest;
            try
            {
                var schema = Schema.For(p);
                manifest = p == DatabaseProvider.Sqlite
                    ? SqliteBackup.Backup(cs, partial, schema)
                    : PostgresBackup.Backup(cs, partial, schema, result.GetValue(pgBin));
                manifest.Write(partial);
                Directory.Move(partial, final);
            }
            catch
            {
                Directory.Delete(partial, true);
                throw;
            }

            Console.WriteLine($"已备份：{Summary(manifest.Tables, manifest.Evidence)}");
            Console.WriteLine($"迁移 {manifest.Migration}；{manifest.DatabaseFile} {manifest.DatabaseFileSize} 字节，SHA-256 {manifest.DatabaseFileSha256}；用时 {clock.Elapsed.TotalSeconds:0.00} 秒");
            if (keepCount is int n)
            {
                foreach (string old in OldBackups(parent.FullName).Skip(n))
                {
                    Directory.Delete(old, true);
                    Console.WriteLine($"已删除较早的备份 {old}");
                }
            }

            Console.WriteLine(final);
            return 0;
        }));
        return command;
    }

    public static Command Restore()
    {
        var folder = new Argument<DirectoryInfo>("backup") { Description = "luoshi backup 生成的备份文件夹" };
        var force = new Option<bool>("--force") { Description = "目标数据库不是空的时也恢复（原有内容另存保留）" };
        var command = new Command("restore", "从备份恢复数据库：先核对校验值，恢复后逐表核对行数和佐证材料，再报告恢复了什么；请先停止服务");
        command.Arguments.Add(folder);
        var (provider, connection, pgBin) = AddDatabaseOptions(command);
        command.Options.Add(force);
        command.SetAction(result => Guarded(() =>
        {
            var dir = result.GetValue(folder)!;
            if (!dir.Exists)
            {
                throw new BackupException($"找不到备份文件夹 {dir.FullName}。", 2);
            }

            var manifest = BackupManifest.Read(dir.FullName);
            var (p, cs) = Database(result.GetValue(provider) ?? manifest.Provider, result.GetValue(connection));
            string expected = p == DatabaseProvider.Postgres ? "postgres" : "sqlite";
            if (!string.Equals(manifest.Provider, expected, StringComparison.Ordinal))
            {
                throw new BackupException($"这是 {manifest.Provider} 的备份，不能恢复到 {expected} 数据库。", 2);
            }

            var clock = Stopwatch.StartNew();
            var schema = Schema.For(p);
            var (restored, kept) = p == DatabaseProvider.Sqlite
                ? SqliteBackup.Restore(dir.FullName, manifest, cs, result.GetValue(force), schema)
                : PostgresBackup.Restore(dir.FullName, manifest, cs, result.GetValue(force), schema, result.GetValue(pgBin));
            Console.WriteLine($"已恢复 {manifest.CreatedAt.ToOffset(TimeSpan.FromHours(8)):yyyy年M月d日 HH:mm}（北京时间）的备份：{Summary(restored.Tables, restored.Evidence)}");
            Console.WriteLine($"与备份清单逐表核对一致；佐证材料的 SHA-256 全部相符；迁移 {restored.LastMigration}；用时 {clock.Elapsed.TotalSeconds:0.00} 秒");
            if (kept is not null)
            {
                Console.WriteLine($"原有数据已另存为 {kept}，确认无误后可删除。");
            }

            return 0;
        }));
        return command;
    }

    /// <summary>Adds --provider, --connection and --pg-bin (the database as the web app names it) to a command.</summary>
    private static (Option<string?> Provider, Option<string?> Connection, Option<string?> PgBin) AddDatabaseOptions(Command command)
    {
        Option<string?>[] options =
        [
            new("--provider") { Description = "sqlite 或 postgres（默认：环境变量 Database__Provider，恢复时为备份的类型）" },
            new("--connection") { Description = "连接字符串（默认：环境变量 Database__ConnectionString）" },
            new("--pg-bin") { Description = "pg_dump、pg_restore 所在文件夹（默认：LUOSHI_PG_BIN、/usr/lib/postgresql/*/bin、PATH）" },
        ];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        return (options[0], options[1], options[2]);
    }

    private static (DatabaseProvider Provider, string ConnectionString) Database(string? provider, string? connection)
    {
        provider ??= Environment.GetEnvironmentVariable("Database__Provider") ?? "sqlite";
        DatabaseProvider p = provider.ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" => DatabaseProvider.Postgres,
            _ => throw new BackupException($"不认识的数据库类型“{provider}”：应为 sqlite 或 postgres。", 2),
        };
        string? cs = connection ?? Environment.GetEnvironmentVariable("Database__ConnectionString");
        if (string.IsNullOrWhiteSpace(cs))
        {
            throw new BackupException("请用 --connection 或环境变量 Database__ConnectionString 指明数据库（SQLite 如 Data Source=/opt/luoshi/data/luoshi.db）。", 2);
        }

        return (p, cs);
    }

    /// <summary>Complete backups in a folder, newest first (names sort by time).</summary>
    private static IEnumerable<string> OldBackups(string parent) =>
        Directory.GetDirectories(parent, Prefix + "*")
            .Where(d => File.Exists(Path.Combine(d, BackupManifest.FileName)))
            .OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal);

    private static string Summary(IReadOnlyDictionary<string, long> tables, EvidenceSummary evidence)
    {
        long T(string name) => tables.GetValueOrDefault(name);
        return $"计划 {T("Plans")} 个、任务 {T("PlanItems")} 项、单位 {T("Units")} 个、填报 {T("Filings")} 份、佐证材料 {evidence.Count} 个（{evidence.Bytes} 字节）、" +
            $"账号 {T("AspNetUsers")} 个、审计记录 {T("AuditEntries")} 条，{tables.Count} 张表共 {tables.Values.Sum()} 行";
    }

    private static int Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (BackupException e)
        {
            Console.Error.WriteLine(e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            Console.Error.WriteLine($"失败：{e.Message}");
            return 1;
        }
    }
}
