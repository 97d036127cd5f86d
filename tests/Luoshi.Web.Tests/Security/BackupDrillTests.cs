using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Plans;
using Luoshi.TestSupport;
using Luoshi.Web.Tests.Work;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit.Abstractions;
using static Luoshi.Web.Tests.Work.WorkClient;

namespace Luoshi.Web.Tests.Security;

/// <summary>
/// The restore drill (issue 14.7): a database with the demo data and filings with evidence files uploaded through the
/// filing page, backed up by the real `luoshi backup` while the app runs, restored by `luoshi restore` into a fresh
/// database; every row of every table, and every evidence file's bytes, are then the same. Also: a non-empty target is
/// refused without --force (and kept with it), and a damaged backup file is refused before anything is restored.
/// </summary>
public sealed class BackupDrillTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BackupThenRestoreIntoAFreshDatabase_EveryRowAndEvidenceFileIsIdentical(DatabaseProvider provider)
    {
        using var app = new LuoshiWebFactory(provider);
        // The audit sealer would chain entries between the backup and the comparison: the drill's source must stay still.
        app.Settings["Luoshi:Audit:SealSeconds"] = "86400";
        _ = app.Server;
        var uploaded = await UploadEvidenceAsync(app);

        string root = Path.Combine(Path.GetTempPath(), "luoshi-backup-drill", Guid.NewGuid().ToString("N"));
        string target = provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(root, "restored", "luoshi.db")}"
            : new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "luoshi_t_" + Guid.NewGuid().ToString("N")[..12] }.ConnectionString;
        string name = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        try
        {
            // Backup while the app is running (it holds the SQLite file open in WAL mode).
            var clock = Stopwatch.StartNew();
            var backup = Cli("backup", Path.Combine(root, "backups"), "--provider", name, "--connection", app.ConnectionString);
            var backupTime = clock.Elapsed;
            backup.Code.ShouldBe(0, backup.Err);
            string folder = backup.Out.Trim().Split('\n')[^1].Trim();
            Path.GetFileName(folder).ShouldStartWith("luoshi-");
            string dbFile = Path.Combine(folder, provider == DatabaseProvider.Sqlite ? "luoshi.db" : "luoshi.dump");
            File.Exists(Path.Combine(folder, "manifest.json")).ShouldBeTrue();
            string manifest = await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"));
            manifest.ShouldContain(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(dbFile))));
            backup.Out.ShouldContain($"佐证材料 {uploaded.Count} 个");

            clock.Restart();
            var restore = Cli("restore", folder, "--connection", target);
            var restoreTime = clock.Elapsed;
            restore.Code.ShouldBe(0, restore.Err);
            restore.Out.ShouldContain("与备份清单逐表核对一致");
            restore.Out.ShouldContain($"佐证材料 {uploaded.Count} 个");

            // Every table of the model, row for row (the app is idle now: the drill's source does not change).
            var original = Snapshot(provider, app.ConnectionString);
            var restored = Snapshot(provider, target);
            original.Keys.ShouldContain("Plans");
            original["Plans"].Count.ShouldBeGreaterThan(0);
            original["PlanItems"].Count.ShouldBeGreaterThan(0);
            original["Filings"].Count.ShouldBeGreaterThanOrEqualTo(uploaded.Count);
            original["Evidence"].Count.ShouldBe(uploaded.Count);
            restored.Keys.Order(StringComparer.Ordinal).ShouldBe(original.Keys.Order(StringComparer.Ordinal));
            foreach (var (table, rows) in original)
            {
                restored[table].ShouldBe(rows, $"table {table}");
            }

            // The evidence files are the bytes that were uploaded.
            EvidenceHashes(provider, target).Order(StringComparer.Ordinal)
                .ShouldBe(uploaded.Select(b => Convert.ToHexStringLower(SHA256.HashData(b))).Order(StringComparer.Ordinal));

            // A second restore onto the now non-empty target: refused without --force, nothing changed.
            var refused = Cli("restore", folder, "--connection", target);
            refused.Code.ShouldBe(2);
            refused.Err.ShouldContain("不是空的");
            refused.Err.ShouldContain("--force");
            Snapshot(provider, target)["Evidence"].ShouldBe(restored["Evidence"]);

            var forced = Cli("restore", folder, "--connection", target, "--force");
            forced.Code.ShouldBe(0, forced.Err);
            forced.Out.ShouldContain("原有数据已另存为");
            Snapshot(provider, target)["Filings"].ShouldBe(original["Filings"]);

            // A damaged backup file: refused by its checksum before anything is written.
            string damaged = Path.Combine(root, "damaged");
            Directory.CreateDirectory(damaged);
            File.Copy(Path.Combine(folder, "manifest.json"), Path.Combine(damaged, "manifest.json"));
            byte[] bytes = await File.ReadAllBytesAsync(dbFile);
            bytes[bytes.Length / 2] ^= 0x5a;
            await File.WriteAllBytesAsync(Path.Combine(damaged, Path.GetFileName(dbFile)), bytes);
            string elsewhere = provider == DatabaseProvider.Sqlite
                ? $"Data Source={Path.Combine(root, "elsewhere.db")}"
                : new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "luoshi_t_" + Guid.NewGuid().ToString("N")[..12] }.ConnectionString;
            var bad = Cli("restore", damaged, "--connection", elsewhere);
            bad.Code.ShouldBe(2);
            bad.Err.ShouldContain("已损坏或被改动");
            Exists(provider, elsewhere).ShouldBeFalse();

            string? source = provider == DatabaseProvider.Sqlite ? SqliteBackupSource(app.ConnectionString) : null;
            long databaseBytes = source is null ? 0 : new FileInfo(source).Length + (File.Exists(source + "-wal") ? new FileInfo(source + "-wal").Length : 0);
            string live = databaseBytes > 0 ? string.Create(CultureInfo.InvariantCulture, $", live database file and its WAL {databaseBytes} bytes") : string.Empty;
            output.WriteLine(backup.Out);
            output.WriteLine(restore.Out);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: backup {backupTime.TotalSeconds:0.00} s, restore {restoreTime.TotalSeconds:0.00} s (both including the CLI's start), backup file {new FileInfo(dbFile).Length} bytes, rows {original.Values.Sum(r => r.Count)}, evidence {uploaded.Count}{live}"));
        }
        finally
        {
            Drop(provider, target);
            if (Directory.Exists(root))
            {
                Directory.Delete(root, true);
            }
        }
    }

    [Fact]
    public void BackupOfAMissingSqliteFile_IsRefusedWithAClearMessage_AndLeavesNoFolder()
    {
        string root = Path.Combine(Path.GetTempPath(), "luoshi-backup-drill", Guid.NewGuid().ToString("N"));
        try
        {
            var r = Cli("backup", root, "--provider", "sqlite", "--connection", $"Data Source={Path.Combine(root, "none.db")}");
            r.Code.ShouldBe(2);
            r.Err.ShouldContain("找不到 SQLite 数据库文件");
            File.Exists(Path.Combine(root, "none.db")).ShouldBeFalse();
            Directory.GetDirectories(root).ShouldBeEmpty();
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, true);
            }
        }
    }

    /// <summary>The Jiang'an clerk of 区发展和改革局 attaches a PDF to the work plan of six items; returns the uploaded bytes.</summary>
    private static async Task<List<byte[]>> UploadEvidenceAsync(LuoshiWebFactory app)
    {
        var (fgj, items) = app.WithDb(db =>
        {
            int unit = db.Units.Where(u => u.Name == "区发展和改革局" && db.Districts.Any(d => d.Id == u.DistrictId && d.Code == "jiangan")).Select(u => u.Id).Single();
            return (unit, db.PlanItems.Where(i => i.Units.Any(u => u.UnitId == unit && u.Role == UnitRole.Lead)).OrderBy(i => i.Seq).Select(i => i.Id).Take(6).ToList());
        });
        items.Count.ShouldBe(6);
        using var clerk = await app.SignedInClientAsync("jiangan.fgj.clerk");
        var uploaded = new List<byte[]>();
        foreach (int item in items)
        {
            (await clerk.GetStringAsync(Url(item, fgj, "WorkPlan"))).ShouldContain("handler=Upload");
            byte[] pdf = TestPdf.WithText(string.Create(CultureInfo.InvariantCulture, $"Luoshi backup drill evidence {item}"));
            using var r = await UploadAsync(clerk, Url(item, fgj, "WorkPlan", "Upload"), $"佐证材料 {item}.pdf", pdf);
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, Error(await r.Content.ReadAsStringAsync()));
            uploaded.Add(pdf);
        }

        return uploaded;
    }

    /// <summary>Every row of every table, each row as text (blobs as their SHA-256), sorted.</summary>
    private static Dictionary<string, List<string>> Snapshot(DatabaseProvider provider, string connectionString)
    {
        using var conn = Open(provider, connectionString);
        var tables = new List<string>();
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                tables.Add(r.GetString(0));
            }
        }

        var result = new Dictionary<string, List<string>>();
        foreach (string t in tables)
        {
            var rows = new List<string>();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{t}\"";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var sb = new StringBuilder();
                for (int i = 0; i < r.FieldCount; i++)
                {
                    object v = r.GetValue(i);
                    sb.Append(r.GetName(i)).Append('=').Append(v switch
                    {
                        byte[] b => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(b)),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        _ => v.ToString(),
                    }).Append('|');
                }

                rows.Add(sb.ToString());
            }

            rows.Sort(StringComparer.Ordinal);
            result[t] = rows;
        }

        return result;
    }

    private static List<string> EvidenceHashes(DatabaseProvider provider, string connectionString)
    {
        using var conn = Open(provider, connectionString);
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT \"Content\" FROM \"Evidence\"";
        using var r = cmd.ExecuteReader();
        var hashes = new List<string>();
        while (r.Read())
        {
            hashes.Add(Convert.ToHexStringLower(SHA256.HashData((byte[])r.GetValue(0))));
        }

        return hashes;
    }

    private static DbConnection Open(DatabaseProvider provider, string connectionString)
    {
        DbConnection conn = provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString)
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        conn.Open();
        return conn;
    }

    private static string SqliteBackupSource(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;

    private static bool Exists(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return File.Exists(SqliteBackupSource(connectionString));
        }

        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @n", conn);
        cmd.Parameters.AddWithValue("n", cs.Database!);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Drops the restored PostgreSQL database and any copy kept by --force.</summary>
    private static void Drop(DatabaseProvider provider, string connectionString)
    {
        if (provider != DatabaseProvider.Postgres)
        {
            return;
        }

        string db = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        conn.Open();
        var names = new List<string>();
        using (var cmd = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname = @n OR datname LIKE @p", conn))
        {
            cmd.Parameters.AddWithValue("n", db);
            cmd.Parameters.AddWithValue("p", db + "\\_%");
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                names.Add(r.GetString(0));
            }
        }

        foreach (string n in names)
        {
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{n}\" WITH (FORCE)", conn);
            drop.ExecuteNonQuery();
        }
    }

    /// <summary>Runs the real `luoshi` program (luoshi.dll, built beside the tests) as a child process.</summary>
    internal static (int Code, string Out, string Err) Cli(params string[] args) => LuoshiProcess.Run(TimeSpan.FromSeconds(300), args);
}
