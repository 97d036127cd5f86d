using System.Reflection;
using System.Security.Cryptography;

namespace Luoshi.Cli.Backups;

/// <summary>Checksums of backup files and the version of this build.</summary>
internal static class Files
{
    public static string AppVersion { get; } =
        typeof(Files).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Files).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public static (long Size, string Sha256) Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return (stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    /// <summary>Refuses a backup file that is missing or whose size or SHA-256 differs from the manifest's.</summary>
    public static void CheckHash(string path, BackupManifest manifest)
    {
        if (!File.Exists(path))
        {
            throw new BackupException($"备份文件夹中缺少 {manifest.DatabaseFile}。", 2);
        }

        var (size, sha) = Hash(path);
        if (size != manifest.DatabaseFileSize || !string.Equals(sha, manifest.DatabaseFileSha256, StringComparison.Ordinal))
        {
            throw new BackupException(
                $"备份文件 {manifest.DatabaseFile} 已损坏或被改动：SHA-256 为 {sha}（{size} 字节），清单记录为 {manifest.DatabaseFileSha256}（{manifest.DatabaseFileSize} 字节）。未做任何恢复。", 2);
        }
    }
}
