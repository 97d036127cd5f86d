using System.Globalization;
using System.Net;
using Luoshi.Core.Features.Audit;
using Luoshi.Core.Features.Imports;
using static Luoshi.Web.Tests.Imports.ImportClient;

namespace Luoshi.Web.Tests.Imports;

/// <summary>
/// Issue 10.6, import safety: a notice of another government is flagged in the draft and published only by an audited
/// override. On its own web app per provider, because these tests publish into Jiang'an.
/// </summary>
public abstract class ImportSafetyTests(LuoshiWebFactory factory)
{
    private const string WuchangIssuer = "武汉市武昌区人民政府办公室";
    private const string WuchangNumber = "武政办〔2026〕1号";

    protected LuoshiWebFactory Factory { get; } = factory;

    /// <summary>The Jiang'an seed as if 武昌区 had issued it: issuer (header and signature) and 文号 changed, items as they are.</summary>
    private static string WuchangNotice()
    {
        string seed = Seed(JiangAn);
        seed.ShouldContain("武汉市江岸区人民政府办公室");
        seed.ShouldContain("岸政办〔2026〕1号");
        return seed.Replace("武汉市江岸区人民政府办公室", WuchangIssuer, StringComparison.Ordinal)
            .Replace("岸政办〔2026〕1号", WuchangNumber, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WuchangNotice_ImportedIntoJiangAn_IsFlagged_RefusedWithoutOverride_PublishedAndAuditedWithIt()
    {
        var client = await Factory.SignedInClientAsync("jiangan.office");
        int id = await UploadDraftAsync(client, "武昌区分解方案.txt", WuchangNotice());
        var plan = DraftOf(id);
        plan.Issuer.ShouldBe(WuchangIssuer);
        plan.DocNumber.ShouldBe(WuchangNumber);

        string html = WebUtility.HtmlDecode(await client.GetStringAsync(DraftPage(id)));
        html.ShouldContain("<section class=\"origin-check\" id=\"origin-check\">");
        html.ShouldContain($"<strong>请核对发文机关：</strong>发文机关“{WuchangIssuer}”不是江岸区：该通知似乎来自武昌区。请核对后再发布。");
        html.ShouldContain("name=\"overrideOrigin\"");

        // Published without the override (even when confirmed): refused, with the reason, and nothing published.
        var before = LivePlan();
        var refused = await PostDraftAsync(client, id, "Publish", ("version", VersionOf(id)), ("confirm", "true"));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        string refusal = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        refusal.ShouldContain("<p class=\"error\" role=\"alert\">发文机关“武汉市武昌区人民政府办公室”不是江岸区：该通知似乎来自武昌区。");
        refusal.ShouldContain("请勾选“确认发文机关无误”后再发布。");
        LivePlan().ShouldBe(before);
        Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).Status).ShouldBe(DraftStatus.Draft);
        Factory.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.OverrideNoticeOrigin && a.EntityId == Num(id))).ShouldBe(0);

        // With the override: published, and the audit has the override beside the publish.
        var published = await PostDraftAsync(client, id, "Publish", ("version", VersionOf(id)), ("overrideOrigin", "true"), ("confirm", "true"));
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect, await published.Content.ReadAsStringAsync());
        var after = LivePlan();
        after.Id.ShouldNotBe(before.Id);
        after.Issuer.ShouldBe(WuchangIssuer);
        after.DocNumber.ShouldBe(WuchangNumber);
        after.Items.ShouldBe(plan.Items.Count);
        var overrides = Factory.WithDb(db => db.AuditEntries.Where(a => a.Action == AuditActions.OverrideNoticeOrigin && a.EntityId == Num(id)).ToList());
        var entry = overrides.ShouldHaveSingleItem();
        entry.Actor.ShouldBe("jiangan.office");
        entry.After!.ShouldContain(WuchangIssuer);
        entry.After!.ShouldContain(WuchangNumber);
        long publishId = Factory.WithDb(db => db.AuditEntries.Where(a => a.Action == AuditActions.PublishPlan && a.Actor == "jiangan.office").Max(a => a.Id));
        publishId.ShouldBeGreaterThan(entry.Id);
        var auditor = await Factory.SignedInClientAsync("auditor");
        (await auditor.GetStringAsync("/Admin/Audit?action=override-notice-origin")).ShouldContain("<td>确认他处通知</td>");
    }

    [Fact]
    public async Task DistrictsOwnNotice_IsNotFlagged()
    {
        var client = await Factory.SignedInClientAsync("jiangan.office");
        int id = await UploadDraftAsync(client, "岸政办〔2026〕1号.txt", Seed(JiangAn));
        DraftOf(id).Issuer.ShouldBe("武汉市江岸区人民政府办公室");

        string html = await client.GetStringAsync(DraftPage(id));
        html.ShouldNotContain("origin-check");
        html.ShouldNotContain("请核对发文机关");
        html.ShouldNotContain("name=\"overrideOrigin\"");
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string DraftPage(int id) => "/Imports/" + Num(id);

    private DraftPlan DraftOf(int id) => DraftPlan.FromJson(Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).PlanJson));

    private string VersionOf(int id) => Num(Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).Version));

    /// <summary>Jiang'an's live 2026 plan: identity, issuer, 文号, items (any publish changes the identity).</summary>
    private (int Id, string? Issuer, string? DocNumber, int Items) LivePlan() => Factory.WithDb(db =>
        db.Plans.Where(p => p.Year == 2026 && db.Districts.Any(d => d.Id == p.DistrictId && d.Code == "jiangan"))
            .Select(p => new { p.Id, p.Issuer, p.DocNumber, Items = p.Items.Count }).AsEnumerable()
            .Select(p => (p.Id, p.Issuer, p.DocNumber, p.Items)).Single());
}

public sealed class ImportSafetyTestsSqlite(SqliteImportFixture fixture) : ImportSafetyTests(fixture.Factory), IClassFixture<SqliteImportFixture>;

public sealed class ImportSafetyTestsPostgres(PostgresImportFixture fixture) : ImportSafetyTests(fixture.Factory), IClassFixture<PostgresImportFixture>;
