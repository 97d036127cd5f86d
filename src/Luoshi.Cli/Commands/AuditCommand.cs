using Luoshi.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Cli.Commands;

/// <summary>
/// `luoshi audit verify --db …`: seals the audit entries not yet in the SM3 chain, then verifies the whole chain and names
/// the first broken link. Exit 0 intact, 1 broken, 2 the database could not be read.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "数据库：SQLite 文件路径，或 PostgreSQL 连接字符串（Host=…;Database=…）", Required = true };
        var provider = new Option<string?>("--provider") { Description = "sqlite 或 postgres；省略时按 --db 判断" };
        var noSeal = new Option<bool>("--no-seal") { Description = "只核验已封存的记录，不封存新记录" };
        var verify = new Command("verify", "核验审计记录的 SM3 哈希链，指出第一处断裂（记录被修改、删除或调换）");
        verify.Options.Add(db);
        verify.Options.Add(provider);
        verify.Options.Add(noSeal);
        verify.SetAction(async (result, ct) =>
        {
            string target = result.GetValue(db)!;
            var (kind, connection) = Connection(target, result.GetValue(provider));
            if (kind == DatabaseProvider.Sqlite && !File.Exists(target) && !target.Contains('=', StringComparison.Ordinal))
            {
                await Console.Error.WriteLineAsync($"找不到数据库文件：{target}");
                return 2;
            }

            var options = new DbContextOptionsBuilder<LuoshiDb>();
            DatabaseSetup.Configure(options, kind, connection);
            await using var context = new LuoshiDb(options.Options);
            try
            {
                if (!result.GetValue(noSeal))
                {
                    int sealedNow = await AuditChain.SealAsync(context, TimeProvider.System, ct);
                    if (sealedNow > 0)
                    {
                        Console.WriteLine($"新封存 {sealedNow} 条记录。");
                    }
                }

                var v = await AuditChain.VerifyAsync(context, ct);
                if (v.Intact)
                {
                    Console.WriteLine(v.Message);
                    return 0;
                }

                await Console.Error.WriteLineAsync($"审计记录链断裂：{v.Message}（此前 {v.Checked} 条核验无误）");
                return 1;
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"无法读取数据库：{e.Message}");
                return 2;
            }
        });

        var audit = new Command("audit", "审计记录");
        audit.Subcommands.Add(verify);
        return audit;
    }

    /// <summary>The provider and connection string for --db: a PostgreSQL connection string, or a SQLite file (or its connection string).</summary>
    internal static (DatabaseProvider Kind, string Connection) Connection(string db, string? provider)
    {
        bool postgres = provider is not null
            ? provider.StartsWith("post", StringComparison.OrdinalIgnoreCase)
            : db.Contains("Host=", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
        if (postgres)
        {
            return (DatabaseProvider.Postgres, db);
        }

        return (DatabaseProvider.Sqlite, db.Contains('=', StringComparison.Ordinal) ? db : $"Data Source={db};Mode=ReadWrite");
    }
}
