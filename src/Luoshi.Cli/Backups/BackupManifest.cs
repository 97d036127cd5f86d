using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Luoshi.Cli.Backups;

/// <summary>
/// manifest.json of a backup folder: what was backed up (the database file and its checksum, rows per table, evidence
/// files with a digest over their hashes, the migrations applied) and by which build, so that a restore can prove it
/// restored the same thing.
/// </summary>
internal sealed class BackupManifest
{
    public const string FileName = "manifest.json";

    public const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;

    public required string Provider { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string AppVersion { get; set; }

    /// <summary>The file in the backup folder holding the database (luoshi.db for SQLite, luoshi.dump for PostgreSQL).</summary>
    public required string DatabaseFile { get; set; }

    public long DatabaseFileSize { get; set; }

    public required string DatabaseFileSha256 { get; set; }

    /// <summary>The last migration applied (empty when none).</summary>
    public required string Migration { get; set; }

    public required IReadOnlyList<string> Migrations { get; set; }

    public required SortedDictionary<string, long> Tables { get; set; }

    public required EvidenceSummary Evidence { get; set; }

    /// <summary>The manifest of a database file just written to a backup folder, with the inventory taken of it.</summary>
    public static BackupManifest Of(string provider, string databaseFile, string path, Inventory inventory)
    {
        var (size, sha) = Files.Hash(path);
        return new BackupManifest
        {
            Provider = provider,
            CreatedAt = DateTimeOffset.UtcNow,
            AppVersion = Files.AppVersion,
            DatabaseFile = databaseFile,
            DatabaseFileSize = size,
            DatabaseFileSha256 = sha,
            Migration = inventory.LastMigration,
            Migrations = inventory.Migrations,
            Tables = inventory.Tables,
            Evidence = inventory.Evidence,
        };
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public void Write(string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads a folder's manifest; throws <see cref="BackupException"/> with a Chinese message when it cannot.</summary>
    public static BackupManifest Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new BackupException($"{folder} 不是备份文件夹：缺少 {FileName}。", 2);
        }

        BackupManifest? m;
        try
        {
            m = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new BackupException($"备份清单 {path} 无法读取：{e.Message}", 2);
        }

        if (m is null || m.Format != CurrentFormat)
        {
            throw new BackupException($"备份清单 {path} 的格式（{m?.Format}）不是本程序支持的格式（{CurrentFormat}）。", 2);
        }

        return m;
    }
}

/// <summary>The evidence files (stored in the database, table Evidence): how many, their bytes, and SHA-256 over "id:sha256" lines in id order.</summary>
internal sealed record EvidenceSummary(long Count, long Bytes, string Digest);

/// <summary>A refusal or failure of backup/restore with its Chinese message and exit code (2: refused, nothing done; 1: failed).</summary>
internal sealed class BackupException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
