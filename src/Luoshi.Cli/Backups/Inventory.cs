using System.Data.Common;
using System.Security.Cryptography;
using Luoshi.Core.Features.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Luoshi.Cli.Backups;

/// <summary>The tables of the model and the migrations this build knows, for one provider (read from <see cref="LuoshiDb"/>; nothing is connected).</summary>
internal sealed class Schema
{
    public const string HistoryTable = "__EFMigrationsHistory";

    private Schema(IReadOnlyList<string> tables, IReadOnlyList<string> knownMigrations, string evidenceTable, string idColumn, string shaColumn, string contentColumn)
    {
        Tables = tables;
        KnownMigrations = knownMigrations;
        EvidenceTable = evidenceTable;
        EvidenceId = idColumn;
        EvidenceSha = shaColumn;
        EvidenceContent = contentColumn;
    }

    public IReadOnlyList<string> Tables { get; }

    public IReadOnlyList<string> KnownMigrations { get; }

    public string EvidenceTable { get; }

    public string EvidenceId { get; }

    public string EvidenceSha { get; }

    public string EvidenceContent { get; }

    public static Schema For(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<LuoshiDb>();
        DatabaseSetup.Configure(options, provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost");
        using var db = new LuoshiDb(options.Options);
        var model = db.GetService<IDesignTimeModel>().Model;
        var tables = model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var evidence = model.FindEntityType(typeof(Evidence)) ?? throw new InvalidOperationException("Evidence is not in the model");
        var table = StoreObjectIdentifier.Table(evidence.GetTableName()!, evidence.GetSchema());
        string Column(string property) => evidence.FindProperty(property)!.GetColumnName(table)!;
        return new Schema(
            tables,
            [.. db.Database.GetMigrations().Order(StringComparer.Ordinal)],
            evidence.GetTableName()!,
            Column(nameof(Evidence.Id)),
            Column(nameof(Evidence.Sha256)),
            Column(nameof(Evidence.Content)));
    }

    /// <summary>Refuses migrations this build does not know (a database or backup of a newer version).</summary>
    public void CheckKnown(IReadOnlyList<string> migrations, string what)
    {
        var unknown = migrations.Where(m => !KnownMigrations.Contains(m, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new BackupException(
                $"{what}包含本程序不认识的迁移（{string.Join("、", unknown)}），它来自更新的版本。请使用与服务相同版本的 luoshi。", 2);
        }
    }
}

/// <summary>What a database holds, counted in one consistent read: rows per table, applied migrations, evidence files and their hashes.</summary>
internal sealed record Inventory(SortedDictionary<string, long> Tables, IReadOnlyList<string> Migrations, EvidenceSummary Evidence, IReadOnlyList<int> DamagedEvidence)
{
    public string LastMigration => Migrations.Count > 0 ? Migrations[^1] : string.Empty;

    public static Inventory Take(DbConnection connection, DbTransaction? transaction, Schema schema)
    {
        var tables = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (string t in schema.Tables)
        {
            tables[t] = Convert.ToInt64(Scalar(connection, transaction, $"SELECT COUNT(*) FROM {Q(t)}"), CultureInfo.InvariantCulture);
        }

        var migrations = new List<string>();
        using (var cmd = Command(connection, transaction, $"SELECT {Q("MigrationId")} FROM {Q(Schema.HistoryTable)}"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                migrations.Add(r.GetString(0));
            }
        }

        migrations.Sort(StringComparer.Ordinal);

        long count = 0, bytes = 0;
        var damaged = new List<int>();
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var cmd = Command(connection, transaction,
            $"SELECT {Q(schema.EvidenceId)}, {Q(schema.EvidenceSha)}, {Q(schema.EvidenceContent)} FROM {Q(schema.EvidenceTable)} ORDER BY {Q(schema.EvidenceId)}"))
        using (var r = cmd.ExecuteReader(System.Data.CommandBehavior.SequentialAccess))
        {
            while (r.Read())
            {
                int id = r.GetInt32(0);
                string sha = r.GetString(1);
                byte[] content = (byte[])r.GetValue(2);
                if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), sha, StringComparison.Ordinal))
                {
                    damaged.Add(id);
                }

                count++;
                bytes += content.LongLength;
                digest.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}:{sha}\n")));
            }
        }

        return new Inventory(tables, migrations, new EvidenceSummary(count, bytes, Convert.ToHexStringLower(digest.GetHashAndReset())), damaged);
    }

    /// <summary>The differences from what a manifest recorded, one Chinese line each (empty when identical).</summary>
    public IReadOnlyList<string> DifferencesFrom(BackupManifest m)
    {
        var lines = new List<string>();
        if (!Migrations.SequenceEqual(m.Migrations, StringComparer.Ordinal))
        {
            lines.Add($"迁移不一致：备份为 {m.Migration}（{m.Migrations.Count} 个），恢复后为 {LastMigration}（{Migrations.Count} 个）");
        }

        foreach (string t in m.Tables.Keys.Union(Tables.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            long want = m.Tables.GetValueOrDefault(t, -1), got = Tables.GetValueOrDefault(t, -1);
            if (want != got)
            {
                lines.Add($"表 {t} 的行数不一致：备份为 {want}，恢复后为 {got}");
            }
        }

        if (Evidence != m.Evidence)
        {
            lines.Add($"佐证材料不一致：备份为 {m.Evidence.Count} 个（{m.Evidence.Bytes} 字节），恢复后为 {Evidence.Count} 个（{Evidence.Bytes} 字节）或校验值不同");
        }

        if (DamagedEvidence.Count > 0)
        {
            lines.Add($"佐证材料内容与其 SHA-256 不符：编号 {string.Join("、", DamagedEvidence)}");
        }

        return lines;
    }

    public long Rows => Tables.Values.Sum();

    private static string Q(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        return cmd;
    }

    private static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var cmd = Command(connection, transaction, sql);
        return cmd.ExecuteScalar();
    }
}
