using System.Diagnostics;
using Npgsql;

namespace Luoshi.Cli.Backups;

/// <summary>
/// Finds and runs PostgreSQL's own pg_dump and pg_restore: from --pg-bin, LUOSHI_PG_BIN, PATH, or the usual install
/// folders (Debian's /usr/lib/postgresql/N/bin, the PGDG /usr/pgsql-N/bin), the newest version first. The connection's
/// password is passed in PGPASSWORD, never on the command line.
/// </summary>
internal static class PgTools
{
    public static string Find(string tool, string? binFolder)
    {
        foreach (string dir in Candidates(binFolder))
        {
            string path = Path.Combine(dir, tool);
            if (File.Exists(path))
            {
                return path;
            }
        }

        string where = binFolder is null ? string.Empty : $"（在 {binFolder} 中也没有）";
        throw new BackupException(
            $"找不到 PostgreSQL 的 {tool} 程序{where}。请安装与服务器同版本或更新的 PostgreSQL 客户端（Debian/Ubuntu：apt-get install postgresql-client），" +
            "或用 --pg-bin 指定 pg_dump、pg_restore 所在的文件夹。", 2);
    }

    private static IEnumerable<string> Candidates(string? binFolder)
    {
        if (binFolder is not null)
        {
            yield return binFolder;
            yield break;
        }

        if (Environment.GetEnvironmentVariable("LUOSHI_PG_BIN") is { Length: > 0 } env)
        {
            yield return env;
        }

        // Versioned folders first, newest first: pg_dump must be at least the server's version, and PATH's may be older.
        foreach (string dir in Versioned("/usr/lib/postgresql", "").Concat(Versioned("/usr", "pgsql-")))
        {
            yield return dir;
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return dir;
        }

        yield return "/usr/local/pgsql/bin";
    }

    private static IEnumerable<string> Versioned(string root, string prefix)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.GetDirectories(root, prefix + "*")
            .Select(d => (Dir: d, Version: decimal.TryParse(Path.GetFileName(d)[prefix.Length..], NumberStyles.Number, CultureInfo.InvariantCulture, out decimal v) ? v : -1))
            .Where(x => x.Version >= 0)
            .OrderByDescending(x => x.Version)
            .Select(x => Path.Combine(x.Dir, "bin"));
    }

    /// <summary>Runs a tool against a database; throws with its standard error when it fails.</summary>
    public static void Run(string tool, NpgsqlConnectionStringBuilder connection, string database, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["PGHOST"] = connection.Host ?? "localhost";
        psi.Environment["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture);
        psi.Environment["PGDATABASE"] = database;
        if (connection.Username is { } user)
        {
            psi.Environment["PGUSER"] = user;
        }

        if (connection.Password is { } password)
        {
            psi.Environment["PGPASSWORD"] = password;
        }

        psi.Environment["PGSSLMODE"] = connection.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        psi.Environment["PGCONNECT_TIMEOUT"] = "15";

        using var p = Process.Start(psi) ?? throw new BackupException($"无法启动 {tool}。");
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        _ = stdout.Result;
        if (p.ExitCode != 0)
        {
            throw new BackupException($"{Path.GetFileName(tool)} 失败（退出码 {p.ExitCode}）：{stderr.Trim()}");
        }
    }
}
