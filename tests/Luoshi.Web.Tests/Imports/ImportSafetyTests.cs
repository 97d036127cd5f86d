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

    [Fact]
    public async Task Publish_WithoutConfirm_ShowsTheSummaryAndPublishesNothing_ThenConfirmPublishes()
    {
        var client = await Factory.SignedInClientAsync("hongshan.office");
        int id = await UploadDraftAsync(client, "洪政办〔2026〕1号.txt", Seed(Hongshan));
        (await PostDraftAsync(client, id, "EditText", ("version", VersionOf(id)), ("key", "1"), ("text", "确认发布前改过的第一项。")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var plan = DraftOf(id);
        int units = plan.Items.SelectMany(i => i.Lead.Concat(i.Co)).Select(u => u.Name!).Distinct(StringComparer.Ordinal).Count();
        units.ShouldBeGreaterThan(20, "Hongshan's items name dozens of units");
        var before = Live("hongshan", 2026);

        // The draft page's own publish form has no confirm field: it asks for confirmation.
        string page = await client.GetStringAsync(DraftPage(id));
        page.ShouldNotContain("name=\"confirm\"");
        page.ShouldNotContain("id=\"confirm-publish\"");

        var asked = await PostDraftAsync(client, id, "Publish", ("version", VersionOf(id)));
        asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        string html = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        html.ShouldContain("<section class=\"confirm-publish\" id=\"confirm-publish\">");
        html.ShouldContain($"<p class=\"confirm-summary\">将发布 2026 年计划：{plan.Items.Count} 项任务，涉及 {units} 个单位。</p>");
        html.ShouldContain("<p class=\"confirm-changes\">与现行计划相比：新增 0 项 · 删除 0 项 · 修改 1 项");
        html.ShouldContain("<input type=\"hidden\" name=\"confirm\" value=\"true\" />");
        html.ShouldContain("<button type=\"submit\">确认发布</button>");
        html.ShouldNotContain("confirm-origin");
        Live("hongshan", 2026).ShouldBe(before);
        Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).Status).ShouldBe(DraftStatus.Draft);

        var published = await PostDraftAsync(client, id, "Publish", ("version", VersionOf(id)), ("confirm", "true"));
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect, await published.Content.ReadAsStringAsync());
        var after = Live("hongshan", 2026);
        after.ShouldNotBeNull();
        after.Value.Id.ShouldNotBe(before!.Value.Id);
        after.Value.FirstText.ShouldBe("确认发布前改过的第一项。");
    }

    [Fact]
    public async Task Publish_WithoutConfirm_NewYear_SaysFirstPublish_AndAForeignNoticeNeedsTheOverrideFirst()
    {
        var client = await Factory.SignedInClientAsync("hongshan.office");
        string next = Seed(Hongshan).Replace("2027", "2028", StringComparison.Ordinal).Replace("2026", "2027", StringComparison.Ordinal);
        int id = await UploadDraftAsync(client, "洪政办〔2027〕1号.txt", next);
        DraftOf(id).Year.ShouldBe(2027);
        Live("hongshan", 2027).ShouldBeNull();

        string html = WebUtility.HtmlDecode(await (await PostDraftAsync(client, id, "Publish", ("version", VersionOf(id)))).Content.ReadAsStringAsync());
        html.ShouldContain("<p class=\"confirm-changes\">2027 年还没有现行计划，本次为首次发布。</p>");
        Live("hongshan", 2027).ShouldBeNull();

        // A foreign notice: asking without the override is refused as publishing is; with it, the summary carries it on.
        var jiangan = await Factory.SignedInClientAsync("jiangan.office");
        int foreign = await UploadDraftAsync(jiangan, "武昌区.txt", WuchangNotice());
        string refused = WebUtility.HtmlDecode(await (await PostDraftAsync(jiangan, foreign, "Publish", ("version", VersionOf(foreign)))).Content.ReadAsStringAsync());
        refused.ShouldContain("<p class=\"error\" role=\"alert\">发文机关“武汉市武昌区人民政府办公室”不是江岸区");
        refused.ShouldNotContain("id=\"confirm-publish\"");
        string asked = WebUtility.HtmlDecode(await (await PostDraftAsync(jiangan, foreign, "Publish", ("version", VersionOf(foreign)), ("overrideOrigin", "true"))).Content.ReadAsStringAsync());
        asked.ShouldContain("<p class=\"confirm-origin\">您已确认发文机关无误：发文机关“武汉市武昌区人民政府办公室”不是江岸区");
        asked.ShouldContain("<input type=\"hidden\" name=\"overrideOrigin\" value=\"true\" />");
        Factory.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.OverrideNoticeOrigin && a.EntityId == Num(foreign))).ShouldBe(0);
    }

    [Fact]
    public async Task NotAUnit_RemovesTheFragmentFromItsItem_RemembersItForTheDraft_AndAStalePageChangesNothing()
    {
        var client = await Factory.SignedInClientAsync("hongshan.office");
        string seed = Seed(Hongshan);
        const string Units = "(责任单位：区司法局、区审计局、区统计局)";
        int at = seed.IndexOf(Units, StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0);
        string text = seed[..at] + "(责任单位：区司法局、区审计局、区新设测试中心)" + seed[(at + Units.Length)..];
        int id = await UploadDraftAsync(client, "洪山（误读单位）.txt", text);
        var (item, unit) = DraftOf(id).Unresolved.ShouldHaveSingleItem();
        unit.Printed.ShouldBe("区新设测试中心");
        var kept = item.Lead.Concat(item.Co).Where(u => u.Name is not null).Select(u => u.Name!).ToList();
        kept.ShouldContain("区司法局");

        string html = await client.GetStringAsync(DraftPage(id));
        html.ShouldContain("<button type=\"submit\" class=\"secondary\">不是单位</button>");

        // A page read before another change is refused with the conflict message and changes nothing.
        string stale = VersionOf(id);
        (await PostDraftAsync(client, id, "EditText", ("version", stale), ("key", "1"), ("text", "先改一处，版本加一。"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var conflict = await PostDraftAsync(client, id, "NotUnit", ("version", stale), ("printed", "区新设测试中心"));
        (await conflict.Content.ReadAsStringAsync()).ShouldContain(ImportService.ConflictMessage);
        DraftOf(id).Unresolved.ShouldHaveSingleItem();
        DraftOf(id).NotUnits.ShouldBeEmpty();

        var marked = await PostDraftAsync(client, id, "NotUnit", ("version", VersionOf(id)), ("printed", "区新设测试中心"));
        marked.StatusCode.ShouldBe(HttpStatusCode.Redirect, await marked.Content.ReadAsStringAsync());
        var plan = DraftOf(id);
        plan.Unresolved.ShouldBeEmpty();
        plan.NotUnits.ShouldBe(["区新设测试中心"]);
        var after = plan.Items.Single(i => i.Key == item.Key);
        after.Lead.Concat(after.Co).ShouldNotContain(u => u.Printed == "区新设测试中心");
        after.Lead.Concat(after.Co).Select(u => u.Name!).ToList().ShouldBe(kept);
        Factory.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.MarkNotUnit && a.EntityId == Num(id) && a.Before!.Contains("区新设测试中心"))).ShouldBe(1);
        string page = WebUtility.HtmlDecode(await client.GetStringAsync(DraftPage(id)));
        page.ShouldContain("已将“区新设测试中心”标记为不是单位");
        page.ShouldNotContain("区新设测试中心 ?");

        // Marking it again: nothing left to mark.
        var again = await PostDraftAsync(client, id, "NotUnit", ("version", VersionOf(id)), ("printed", "区新设测试中心"));
        WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()).ShouldContain("草稿中没有待确认的单位“区新设测试中心”。");
    }

    /// <summary>A district's live plan of a year: identity and the text of its first item; null when there is none.</summary>
    private (int Id, string FirstText)? Live(string district, int year) => Factory.WithDb(db =>
        db.Plans.Where(p => p.Year == year && db.Districts.Any(d => d.Id == p.DistrictId && d.Code == district))
            .Select(p => new { p.Id, First = p.Items.OrderBy(i => i.Seq).Select(i => i.Text).First() }).AsEnumerable()
            .Select(p => ((int Id, string FirstText)?)(p.Id, p.First)).SingleOrDefault());

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
