using System.Net;
using System.Text;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests;

/// <summary>Issue 14.5: the audit log as an SM3 chain; edits, deletions, reorderings and a cut tail are found by raw SQL tampering.</summary>
public class AuditChainTests
{
    public static TheoryData<DatabaseProvider> Providers => new(DatabaseProvider.Sqlite, DatabaseProvider.Postgres);

    [Fact]
    public void Sm3_StandardVectors()
    {
        // GB/T 32905-2016, appendix A: "abc" and "abcd" × 16.
        AuditChain.Sm3(Encoding.ASCII.GetBytes("abc")).ShouldBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        AuditChain.Sm3(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcd", 16))))
            .ShouldBe("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    private static async Task<T> WithDbAsync<T>(LuoshiWebFactory factory, Func<LuoshiDb, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LuoshiDb>());
    }

    private static Task<AuditVerification> SealAndVerifyAsync(LuoshiWebFactory factory) => WithDbAsync(factory, async db =>
    {
        await AuditChain.SealAsync(db, TimeProvider.System);
        return await AuditChain.VerifyAsync(db);
    });

    private static Task<int> SqlAsync(LuoshiWebFactory factory, string sql) => WithDbAsync(factory, db => db.Database.ExecuteSqlRawAsync(sql));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RawSqlEditDeleteReorderAndCutTail_EachNamedAsTheFirstBrokenLink(DatabaseProvider provider)
    {
        using var factory = new LuoshiWebFactory(provider);
        for (int i = 0; i < 8; i++)
        {
            await LuoshiWebFactory.SignInAsync(TestClientAddress.From(factory, $"192.0.2.{i + 1}"), "nobody." + i, "x");
        }

        var intact = await SealAndVerifyAsync(factory);
        intact.Intact.ShouldBeTrue(intact.Message);
        intact.Checked.ShouldBeGreaterThanOrEqualTo(8);
        long last = intact.Checked;

        // An edit of one entry's content.
        string actor = await WithDbAsync(factory, db => db.AuditEntries.Where(a => a.Seq == 3).Select(a => a.Actor).SingleAsync());
        await SqlAsync(factory, "UPDATE \"AuditEntries\" SET \"Actor\" = 'someone.else' WHERE \"Seq\" = 3");
        var edited = await WithDbAsync(factory, db => AuditChain.VerifyAsync(db));
        edited.Intact.ShouldBeFalse();
        edited.BrokenSeq.ShouldBe(3);
        edited.Message.ShouldContain("第 3 条记录");
        await SqlAsync(factory, $"UPDATE \"AuditEntries\" SET \"Actor\" = '{actor}' WHERE \"Seq\" = 3");
        (await WithDbAsync(factory, db => AuditChain.VerifyAsync(db))).Intact.ShouldBeTrue();

        // Two entries swapped (their places exchanged).
        await SqlAsync(factory, "UPDATE \"AuditEntries\" SET \"Seq\" = -5 WHERE \"Seq\" = 5");
        await SqlAsync(factory, "UPDATE \"AuditEntries\" SET \"Seq\" = 5 WHERE \"Seq\" = 6");
        await SqlAsync(factory, "UPDATE \"AuditEntries\" SET \"Seq\" = 6 WHERE \"Seq\" = -5");
        var swapped = await WithDbAsync(factory, db => AuditChain.VerifyAsync(db));
        swapped.BrokenSeq.ShouldBe(5);
        swapped.Message.ShouldContain("调换");
        await SqlAsync(factory, "UPDATE \"AuditEntries\" SET \"Seq\" = -5 WHERE \"Seq\" = 5");
        await SqlAsync(factory, "UPDATE \"AuditEntries\" SET \"Seq\" = 5 WHERE \"Seq\" = 6");
        await SqlAsync(factory, "UPDATE \"AuditEntries\" SET \"Seq\" = 6 WHERE \"Seq\" = -5");
        (await WithDbAsync(factory, db => AuditChain.VerifyAsync(db))).Intact.ShouldBeTrue();

        // The tail cut off (the head remembers how far the chain went).
        await SqlAsync(factory, $"DELETE FROM \"AuditEntries\" WHERE \"Seq\" >= {last - 1}");
        var cut = await WithDbAsync(factory, db => AuditChain.VerifyAsync(db));
        cut.Intact.ShouldBeFalse();
        cut.BrokenSeq.ShouldBe(last - 1);
        cut.Message.ShouldContain("被删除");

        // An entry in the middle deleted: the first missing place is named.
        await SqlAsync(factory, "DELETE FROM \"AuditEntries\" WHERE \"Seq\" = 2");
        var deleted = await WithDbAsync(factory, db => AuditChain.VerifyAsync(db));
        deleted.BrokenSeq.ShouldBe(2);
        deleted.Message.ShouldContain("第 2 条记录缺失");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ConcurrentWritersAndSealers_EveryEntryChainedOnceInOrder(DatabaseProvider provider)
    {
        using var factory = new LuoshiWebFactory(provider);
        long before = await WithDbAsync(factory, db => db.AuditEntries.LongCountAsync());
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 15; i++)
            {
                await WithDbAsync(factory, async db =>
                {
                    AuditLog.Record(db, TimeProvider.System, "writer" + w, AuditActions.SignInFailed, after: new { i });
                    return await db.SaveChangesAsync();
                });
            }
        }));
        var sealers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 10; i++)
            {
                try
                {
                    await WithDbAsync(factory, db => AuditChain.SealAsync(db, TimeProvider.System));
                }
                catch (DbUpdateException)
                {
                    // SQLite: a writer held the file; the next round seals what is left.
                }
            }
        }));
        await Task.WhenAll(writers.Concat(sealers));

        var v = await SealAndVerifyAsync(factory);
        v.Intact.ShouldBeTrue(v.Message);
        v.Unsealed.ShouldBe(0);
        v.Checked.ShouldBe(before + 90);
        var seqs = await WithDbAsync(factory, db => db.AuditEntries.Select(a => a.Seq!.Value).ToListAsync());
        seqs.Order().ShouldBe(Enumerable.Range(1, (int)(before + 90)).Select(x => (long)x));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AuditPage_VerifyButton_NamesTheBrokenLink_ActionsAndPeopleInChinese(DatabaseProvider provider)
    {
        using var factory = new LuoshiWebFactory(provider);
        using var auditor = await factory.SignedInClientAsync("auditor");
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(auditor, "/Admin/Audit");
        async Task<string> VerifyAsync()
        {
            var r = await auditor.PostAsync("/Admin/Audit?handler=Verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            return WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());
        }

        string ok = await VerifyAsync();
        ok.ShouldContain("审计记录完整");
        ok.ShouldContain("<td>登录</td>");
        ok.ShouldNotContain(">sign-in<");
        string auditorName = factory.WithDb(db => db.Users.Single(u => u.UserName == "auditor").DisplayName);
        ok.ShouldContain($"{auditorName}（auditor）");
        string auditorId = factory.WithDb(db => db.Users.Single(u => u.UserName == "auditor").Id);
        ok.ShouldNotContain(auditorId);

        await SqlAsync(factory, "UPDATE \"AuditEntries\" SET \"After\" = 'tampered' WHERE \"Seq\" = 1");
        (await VerifyAsync()).ShouldContain("第 1 条记录");

        // Only the 审计管理员: the admin and the security admin get 404 (三员分立).
        using var admin = await factory.SignedInClientAsync("admin");
        string adminToken = await LuoshiWebFactory.AntiforgeryTokenAsync(admin, "/Account/Login");
        (await admin.PostAsync("/Admin/Audit?handler=Verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = adminToken })))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
