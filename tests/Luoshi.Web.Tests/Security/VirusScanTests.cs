using System.Net;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Audit;
using Luoshi.Core.Features.Imports;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.TestSupport;
using Luoshi.Web.Tests.Work;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests.Security;

/// <summary>
/// The web app with upload scanning on (Uploads:ClamAv:Socket set to a real clamd's socket, whose database holds the EICAR
/// hash signature), and a second one whose clamd cannot be reached (no socket at the configured path).
/// </summary>
public abstract class VirusScanFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public Clamd Clamd { get; private set; } = null!;

    /// <summary>Scanning on, clamd up.</summary>
    public LuoshiWebFactory Factory { get; private set; } = null!;

    /// <summary>Scanning on, clamd unreachable.</summary>
    public LuoshiWebFactory Unreachable { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Clamd = await Clamd.StartAsync();
        Factory = new LuoshiWebFactory(provider);
        Factory.Settings[VirusScanner.SocketKey] = Clamd.SocketPath;
        _ = Factory.Server;
        Unreachable = new LuoshiWebFactory(provider);
        Unreachable.Settings[VirusScanner.SocketKey] = Path.Combine(Clamd.Directory, "gone", "clamd.sock");
        _ = Unreachable.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Unreachable.DisposeAsync();
        await Clamd.DisposeAsync();
    }
}

public sealed class SqliteVirusScanFixture() : VirusScanFixture(DatabaseProvider.Sqlite);

public sealed class PostgresVirusScanFixture() : VirusScanFixture(DatabaseProvider.Postgres);

/// <summary>Issue 14 point 4: the EICAR file is refused when scanning is on (evidence and notice uploads), with an audit entry and nothing stored; a clamd that cannot answer refuses every upload.</summary>
public abstract class VirusScanTests(VirusScanFixture fixture)
{
    private const string Clerk = "jiangan.fgj.clerk";
    private const string Office = "jiangan.office";

    private static string Infected => $"文件未通过病毒检查（{Clamd.EicarSignature}.UNOFFICIAL），未保存。";

    private static (int Item, int Unit) FgjItem(LuoshiWebFactory factory, int index) => factory.WithDb(db =>
    {
        int fgj = db.Units.Where(u => u.Name == "区发展和改革局" && db.Districts.Any(d => d.Id == u.DistrictId && d.Code == "jiangan")).Select(u => u.Id).Single();
        int item = db.PlanItems.Where(i => i.Units.Any(u => u.UnitId == fgj && u.Role == UnitRole.Lead) && !i.Indicators.Any())
            .OrderBy(i => i.Seq).Select(i => i.Id).Skip(index).First();
        return (item, fgj);
    });

    private static int EvidenceCount(LuoshiWebFactory factory, int item) =>
        factory.WithDb(db => db.Evidence.Count(e => db.Filings.Any(f => f.Id == e.FilingId && f.ItemId == item)));

    private static List<AuditEntry> Refusals(LuoshiWebFactory factory) =>
        factory.WithDb(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.RefuseInfectedUpload).OrderBy(a => a.Id).ToList());

    [Fact]
    public async Task Evidence_Eicar_IsRefusedWithTheSignatureAndAnAuditEntry_NothingStored_ACleanPdfIsStored()
    {
        var factory = fixture.Factory;
        var (item, unit) = FgjItem(factory, 0);
        using var clerk = await factory.SignedInClientAsync(Clerk);
        string page = WorkClient.Url(item, unit, "WorkPlan");
        await clerk.GetStringAsync(page);
        int before = Refusals(factory).Count;

        // Named as a PDF or as what it is: refused as infected either way (scanned before the type check).
        foreach (string name in new[] { "扫描件.pdf", "eicar.com" })
        {
            using var r = await WorkClient.UploadAsync(clerk, WorkClient.Url(item, unit, "WorkPlan", "Upload"), name, Clamd.Eicar);
            r.StatusCode.ShouldBe(HttpStatusCode.OK, name);
            WorkClient.Error(await r.Content.ReadAsStringAsync()).ShouldBe(Infected, name);
        }

        EvidenceCount(factory, item).ShouldBe(0);
        factory.WithDb(db => db.Filings.Where(f => f.ItemId == item && f.UnitId == unit).SelectMany(f => f.Events).Count(e => e.Action == FilingEventActions.Attach)).ShouldBe(0);
        var audit = Refusals(factory).Skip(before).ToList();
        audit.Count.ShouldBe(2);
        audit.ShouldAllBe(a => a.Actor == Clerk && a.EntityType == "Filing" && a.After!.Contains(Clamd.EicarSignature + ".UNOFFICIAL"));
        audit[0].After!.ShouldContain("扫描件.pdf");
        audit[0].After!.ShouldContain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Clamd.Eicar)));
        factory.WithDb(db => db.Filings.Single(f => f.ItemId == item && f.UnitId == unit).Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(audit[0].EntityId);

        byte[] pdf = TestPdf.WithText("Luoshi scanned evidence");
        using (var ok = await WorkClient.UploadAsync(clerk, WorkClient.Url(item, unit, "WorkPlan", "Upload"), "工作方案.pdf", pdf))
        {
            ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, WorkClient.Error(await ok.Content.ReadAsStringAsync()));
        }

        factory.WithDb(db => db.Evidence.Where(e => db.Filings.Any(f => f.Id == e.FilingId && f.ItemId == item)).Select(e => e.Content).Single()).ShouldBe(pdf);
        Refusals(factory).Count.ShouldBe(before + 2);
    }

    [Fact]
    public async Task Notice_Eicar_IsRefusedBeforeItIsRead_NoDraft_ACleanNoticeIsRead()
    {
        var factory = fixture.Factory;
        using var office = await factory.SignedInClientAsync(Office);
        int drafts = factory.WithDb(db => db.ImportDrafts.Count());
        int before = Refusals(factory).Count;

        using (var r = await Imports.ImportClient.UploadAsync(office, "通知.txt", Clamd.Eicar))
        {
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await r.Content.ReadAsStringAsync()).ShouldContain($"<p class=\"error\" role=\"alert\">{Infected}</p>");
        }

        factory.WithDb(db => db.ImportDrafts.Count()).ShouldBe(drafts);
        var audit = Refusals(factory).Skip(before).ShouldHaveSingleItem();
        (audit.Actor, audit.EntityType).ShouldBe((Office, nameof(ImportDraft)));
        audit.After!.ShouldContain("通知.txt");

        int id = await Imports.ImportClient.UploadDraftAsync(office, "岸政办〔2026〕1号.txt", Imports.ImportClient.Seed(Imports.ImportClient.JiangAn));
        factory.WithDb(db => db.ImportDrafts.Count(d => d.Id == id)).ShouldBe(1);
    }

    [Fact]
    public async Task ClamdUnreachable_EveryUploadIsRefused_WithTheChineseMessage_NothingStored()
    {
        var factory = fixture.Unreachable;
        var (item, unit) = FgjItem(factory, 1);
        using var clerk = await factory.SignedInClientAsync(Clerk);
        await clerk.GetStringAsync(WorkClient.Url(item, unit, "WorkPlan"));
        using (var r = await WorkClient.UploadAsync(clerk, WorkClient.Url(item, unit, "WorkPlan", "Upload"), "工作方案.pdf", TestPdf.WithText("Luoshi unscanned")))
        {
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            WorkClient.Error(await r.Content.ReadAsStringAsync()).ShouldBe("文件安全检查暂不可用，请稍后再试。");
        }

        EvidenceCount(factory, item).ShouldBe(0);

        using var office = await factory.SignedInClientAsync(Office);
        int drafts = factory.WithDb(db => db.ImportDrafts.Count());
        using (var r = await Imports.ImportClient.UploadAsync(office, "岸政办〔2026〕1号.txt", System.Text.Encoding.UTF8.GetBytes(Imports.ImportClient.Seed(Imports.ImportClient.JiangAn))))
        {
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await r.Content.ReadAsStringAsync()).ShouldContain("<p class=\"error\" role=\"alert\">文件安全检查暂不可用，请稍后再试。</p>");
        }

        factory.WithDb(db => db.ImportDrafts.Count()).ShouldBe(drafts);
        Refusals(factory).ShouldBeEmpty();
    }
}

public sealed class VirusScanTestsSqlite(SqliteVirusScanFixture fixture) : VirusScanTests(fixture), IClassFixture<SqliteVirusScanFixture>;

public sealed class VirusScanTestsPostgres(PostgresVirusScanFixture fixture) : VirusScanTests(fixture), IClassFixture<PostgresVirusScanFixture>;
