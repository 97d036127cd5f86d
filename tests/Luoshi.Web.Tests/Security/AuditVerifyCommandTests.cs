using Luoshi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Security;

/// <summary>Issue 14.5: `luoshi audit verify --db …` (the real CLI, as a process) finds the chain intact, then names the first broken link after a raw SQL edit.</summary>
public sealed class AuditVerifyCommandTests
{
    public static TheoryData<DatabaseProvider> Providers => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_Intact_ThenAnEditedEntry_IsNamed_WithExitCode1(DatabaseProvider provider)
    {
        using var app = new LuoshiWebFactory(provider);
        app.Settings["Luoshi:Audit:SealSeconds"] = "86400";
        _ = app.Server;
        for (int i = 0; i < 3; i++)
        {
            await LuoshiWebFactory.SignInAsync(TestClientAddress.From(app, $"192.0.2.{i + 1}"), "nobody." + i, "x");
        }

        var intact = BackupDrillTests.Cli("audit", "verify", "--db", app.ConnectionString);
        intact.Code.ShouldBe(0, intact.Err);
        intact.Out.ShouldContain("审计记录完整");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
            (await db.AuditEntries.CountAsync(a => a.Seq != null)).ShouldBeGreaterThanOrEqualTo(3);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Actor\" = 'someone.else' WHERE \"Seq\" = 2");
        }

        var broken = BackupDrillTests.Cli("audit", "verify", "--db", app.ConnectionString, "--no-seal");
        broken.Code.ShouldBe(1, broken.Out);
        broken.Err.ShouldContain("审计记录链断裂");
        broken.Err.ShouldContain("第 2 条记录");
    }

    [Fact]
    public void Verify_AMissingSqliteFile_Exit2_WithAChineseMessage()
    {
        var r = BackupDrillTests.Cli("audit", "verify", "--db", Path.Combine(Path.GetTempPath(), "luoshi-no-such-" + Guid.NewGuid().ToString("N") + ".db"));
        r.Code.ShouldBe(2);
        r.Err.ShouldContain("找不到数据库文件");
    }
}
