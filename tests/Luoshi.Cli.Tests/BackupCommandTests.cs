namespace Luoshi.Cli.Tests;

/// <summary>`luoshi backup` and `luoshi restore` refusing bad input with one clear Chinese line and exit code 2 (the drill is in Web.Tests).</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "luoshi-cli-backup", Guid.NewGuid().ToString("N"));

    public BackupCommandTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public void Backup_UnknownProvider_Refused()
    {
        var (code, _, err) = CliRunner.Run("backup", _dir, "--provider", "oracle", "--connection", "Data Source=x.db");
        code.ShouldBe(2);
        err.ShouldContain("不认识的数据库类型“oracle”");
        Directory.GetFileSystemEntries(_dir).ShouldBeEmpty();
    }

    [Fact]
    public void Backup_NotALuoshiDatabase_RefusedAndNoBackupFolderLeft()
    {
        string db = Path.Combine(_dir, "other.db");
        using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "CREATE TABLE t (x INTEGER)";
            cmd.ExecuteNonQuery();
        }

        string backups = Path.Combine(_dir, "backups");
        var (code, _, err) = CliRunner.Run("backup", backups, "--provider", "sqlite", "--connection", $"Data Source={db}");
        code.ShouldBe(2, err);
        err.ShouldContain("不是落实的数据库");
        Directory.GetFileSystemEntries(backups).ShouldBeEmpty();
    }

    [Fact]
    public void Restore_FolderWithoutManifest_Refused()
    {
        var (code, _, err) = CliRunner.Run("restore", _dir, "--connection", $"Data Source={Path.Combine(_dir, "t.db")}");
        code.ShouldBe(2);
        err.ShouldContain("不是备份文件夹：缺少 manifest.json");
        File.Exists(Path.Combine(_dir, "t.db")).ShouldBeFalse();
    }

    [Fact]
    public void Restore_SqliteBackupIntoPostgres_Refused()
    {
        File.WriteAllText(Path.Combine(_dir, "manifest.json"), """
            {"format":1,"provider":"sqlite","createdAt":"2026-04-10T02:00:00+00:00","appVersion":"1","databaseFile":"luoshi.db","databaseFileSize":0,
             "databaseFileSha256":"","migration":"","migrations":[],"tables":{},"evidence":{"count":0,"bytes":0,"digest":""}}
            """);
        var (code, _, err) = CliRunner.Run("restore", _dir, "--provider", "postgres", "--connection", "Host=127.0.0.1;Database=x");
        code.ShouldBe(2);
        err.ShouldContain("这是 sqlite 的备份，不能恢复到 postgres 数据库");
    }

    public void Dispose()
    {
        Directory.Delete(_dir, true);
        GC.SuppressFinalize(this);
    }
}
