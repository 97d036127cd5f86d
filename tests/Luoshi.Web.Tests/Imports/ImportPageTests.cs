using System.Net;
using System.Text;
using Luoshi.Core.Features.Audit;
using Luoshi.Core.Features.Imports;
using Luoshi.Core.Features.Plans;
using Luoshi.TestSupport;
using static Luoshi.Web.Tests.Imports.ImportClient;

namespace Luoshi.Web.Tests.Imports;

/// <summary>
/// Upload, read, correct and publish through the pages, on one web app per provider. Tests that publish use a district no
/// other test here publishes (Caidian: unknown unit; Jiang'an: re-import), so that each test's expectations are its own.
/// </summary>
public abstract class ImportPageTests(LuoshiWebFactory factory)
{
    protected LuoshiWebFactory Factory { get; } = factory;

    [Fact]
    public async Task UploadTxt_JiangAnSeed_DraftPageShowsEveryItemAndDiagnosticBesideItsLine()
    {
        var client = await Factory.SignedInClientAsync("jiangan.office");
        var liveBefore = LivePlan("jiangan");

        int id = await UploadDraftAsync(client, "jiangan.txt", Seed(JiangAn));

        string html = await client.GetStringAsync(DraftPage(id));
        html.ShouldContain("<strong class=\"item-count\">184</strong>");
        Count(html, "<article class=\"draft-item").ShouldBe(184);
        var plan = DraftOf(id);
        plan.Items.Count.ShouldBe(184);
        plan.Diagnostics.ShouldNotBeEmpty();
        Count(html, "<li class=\"diagnostic ").ShouldBe(plan.Diagnostics.Count);
        string text = WebUtility.HtmlDecode(html);
        foreach (var d in plan.Diagnostics)
        {
            text.ShouldContain(d.Message);
            if (d.Line > 0)
            {
                html.ShouldContain($"<div class=\"src-line sev-{d.Severity.ToString().ToLowerInvariant()}\" id=\"L{d.Line}\">", Case.Sensitive, $"line {d.Line} highlighted");
                html.ShouldContain($"href=\"#L{d.Line}\"");
            }
        }

        // Every item links to its first source line, and the source shows every line numbered.
        foreach (var item in plan.Items)
        {
            html.ShouldContain($"href=\"#L{item.FirstLine}\"");
        }

        int lines = Seed(JiangAn).Split('\n').Length;
        html.ShouldContain($"id=\"L{lines - 1}\"");

        // Nothing reaches the live plan before publish.
        LivePlan("jiangan").ShouldBe(liveBefore);
    }

    [Fact]
    public async Task UploadDocx_JiangAnSeed_ReadsTheSameItems()
    {
        var client = await Factory.SignedInClientAsync("jiangan.office");
        byte[] docx = TestDocx.FromLines(Seed(JiangAn).Split('\n').Select(l => l.TrimEnd('\r')));

        var r = await UploadAsync(client, "岸政办〔2026〕1号.docx", docx);

        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        int id = DraftId(r);
        string html = await client.GetStringAsync(DraftPage(id));
        Count(html, "<article class=\"draft-item").ShouldBe(184);
        DraftOf(id).Items.Count.ShouldBe(184);
        html.ShouldContain("岸政办〔2026〕1号.docx");
    }

    [Fact]
    public async Task Upload_TooBig_ShowsMessageAndWritesNothing()
    {
        var client = await Factory.SignedInClientAsync("jiangan.office");
        var before = Written();
        byte[] big = new byte[ImportService.MaxUploadBytes + 1];
        Array.Fill(big, (byte)'a');

        var r = await UploadAsync(client, "big.txt", big);

        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        string html = await r.Content.ReadAsStringAsync();
        html.ShouldContain("<p class=\"error\" role=\"alert\">文件过大");
        Written().ShouldBe(before);
    }

    [Theory]
    [InlineData("setup.exe")]
    [InlineData("notice.zip")]
    [InlineData("notice")]
    public async Task Upload_WrongType_ShowsMessageAndWritesNothing(string fileName)
    {
        var client = await Factory.SignedInClientAsync("jiangan.office");
        var before = Written();
        byte[] content = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, .. Encoding.UTF8.GetBytes(Seed(JiangAn))];

        var r = await UploadAsync(client, fileName, content);

        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        string html = await r.Content.ReadAsStringAsync();
        html.ShouldContain("<p class=\"error\" role=\"alert\">");
        html.ShouldContain("请上传 .txt、.md、.html、.docx 或 .pdf 格式的通知");
        Written().ShouldBe(before);
    }

    [Fact]
    public async Task Upload_TextWithoutAPlan_ShowsMessageAndWritesNothing()
    {
        var client = await Factory.SignedInClientAsync("jiangan.office");
        var before = Written();
        string letter = "江岸区人民政府办公室关于做好2026年春节期间值班工作的通知\n\n各街道办事处，区政府各部门：\n\n请各单位于1月20日前报送值班表。\n\n江岸区人民政府办公室\n2026年1月10日\n";

        var r = await UploadAsync(client, "值班通知.txt", Encoding.UTF8.GetBytes(letter));

        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await r.Content.ReadAsStringAsync()).ShouldContain("没有读到责任分解方案");
        Written().ShouldBe(before);
    }

    [Fact]
    public async Task Upload_DocxNestedTenThousandTablesDeep_RefusedAsTooDeepAndWritesNothing()
    {
        var client = await Factory.SignedInClientAsync("jiangan.office");
        var before = Written();

        var r = await UploadAsync(client, "岸政办〔2026〕1号.docx", HostileFiles.NestedTablesDocx(10_000));

        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        string html = await r.Content.ReadAsStringAsync();
        html.ShouldContain("<p class=\"error\" role=\"alert\">文件结构嵌套过深（超过 256 层），无法读取。");
        Written().ShouldBe(before);
    }

    [Fact]
    public async Task UnknownUnits_PublishRefusedUntilMapped_ThenLiveItemsHaveTheMappedUnits()
    {
        var client = await Factory.SignedInClientAsync("caidian.office");
        var lines = Seed(Caidian).Split('\n');
        int first = Array.IndexOf(lines, "(责任单位:区发展和改革局)");
        int second = Array.IndexOf(lines, "(责任单位:区审计局、区统计局)");
        first.ShouldBeGreaterThan(0);
        second.ShouldBeGreaterThan(first);

        // A unit the catalogue has nothing like, and a misprint of a catalogue unit that the reader should suggest.
        lines[first] = "(责任单位:区未知测试局)";
        lines[second] = "(责任单位:区审计局、区统计处)";
        var liveBefore = LivePlan("caidian");
        int id = await UploadDraftAsync(client, "蔡政办〔2026〕1号.txt", string.Join('\n', lines));

        var plan = DraftOf(id);
        plan.Unresolved.Select(x => x.Unit.Printed).ShouldBe(["区未知测试局", "区统计处"]);
        var (unknownItem, unknown) = plan.Unresolved.First();
        var (misprintItem, misprint) = plan.Unresolved.Last();
        misprint.Candidates.ShouldContain("区统计局");
        string html = await client.GetStringAsync(DraftPage(id));
        html.ShouldContain("<a class=\"unit unresolved-name\" href=\"#unresolved\" title=\"不在单位名录中，请确认\">区未知测试局 ?</a>");
        html.ShouldContain("<a class=\"unit unresolved-name\" href=\"#unresolved\" title=\"不在单位名录中，请确认\">区统计处 ?</a>");
        html.ShouldContain("可能是：" + string.Join("、", misprint.Candidates));
        html.ShouldContain("<button type=\"submit\" class=\"candidate\">区统计局</button>");
        if (unknown.Candidates.Count == 0)
        {
            html.ShouldContain("名录中没有与它相近的单位");
        }

        html.ShouldContain("<option value=\"区财政局\">");
        html.ShouldContain("<button type=\"submit\" disabled>发布到现行计划</button>");

        var refused = await PostDraftAsync(client, id, "Publish", ("version", VersionOf(id)));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("还有 2 个单位未确认（区未知测试局、区统计处）");
        LivePlan("caidian").ShouldBe(liveBefore);

        (await PostDraftAsync(client, id, "MapUnit", ("version", VersionOf(id)), ("printed", "区统计处"), ("unit", "区统计局")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stillOne = await PostDraftAsync(client, id, "Publish", ("version", VersionOf(id)));
        (await stillOne.Content.ReadAsStringAsync()).ShouldContain("还有 1 个单位未确认（区未知测试局）");
        (await PostDraftAsync(client, id, "MapUnit", ("version", VersionOf(id)), ("printed", "区未知测试局"), ("unit", "区财政局")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        DraftOf(id).Unresolved.ShouldBeEmpty();
        LivePlan("caidian").ShouldBe(liveBefore);

        var published = await PostDraftAsync(client, id, "Publish", ("version", VersionOf(id)), ("confirm", "true"));
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync(DraftPage(id))).ShouldContain("已发布 2026 年计划");
        LiveUnits("caidian", unknownItem.Key).ShouldContain(("区财政局", UnitRole.Lead, "区未知测试局"));
        LiveUnits("caidian", misprintItem.Key).ShouldContain(("区统计局", UnitRole.Lead, "区统计处"));
        Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).Status).ShouldBe(DraftStatus.Published);
    }

    [Fact]
    public async Task UnknownUnit_AddedToCatalogue_IsMappedAndAStalePageAddsNothing()
    {
        var client = await Factory.SignedInClientAsync("hongshan.office");
        string text = ReplaceFirst(Seed(Hongshan), "(责任单位：区司法局、区审计局、区统计局)", "(责任单位：区司法局、区审计局、区新设测试中心)");
        int id = await UploadDraftAsync(client, "洪山.txt", text);
        DraftOf(id).Unresolved.Select(x => x.Unit.Printed).ShouldBe(["区新设测试中心"]);
        string stale = VersionOf(id);
        (await PostDraftAsync(client, id, "EditText", ("version", stale), ("key", "1"), ("text", "先改一处，版本加一。"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var conflict = await PostDraftAsync(client, id, "AddUnit", ("version", stale), ("printed", "区新设测试中心"), ("name", "区新设测试中心"), ("kind", "Department"));
        (await conflict.Content.ReadAsStringAsync()).ShouldContain(ImportService.ConflictMessage);
        Factory.WithDb(db => db.Units.Any(u => u.Name == "区新设测试中心")).ShouldBeFalse();

        var added = await PostDraftAsync(client, id, "AddUnit", ("version", VersionOf(id)), ("printed", "区新设测试中心"), ("name", "区新设测试中心"), ("kind", "Department"));
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Factory.WithDb(db => db.Units.Count(u => u.Name == "区新设测试中心")).ShouldBe(1);
        DraftOf(id).Unresolved.ShouldBeEmpty();
        DraftOf(id).Items.ShouldContain(i => i.Co.Any(u => u.Name == "区新设测试中心") || i.Lead.Any(u => u.Name == "区新设测试中心"));
        Factory.WithDb(db => db.AuditEntries.Any(a => a.Action == AuditActions.AddUnit && a.After!.Contains("区新设测试中心"))).ShouldBeTrue();
    }

    [Fact]
    public async Task EditText_StaleVersion_ShowsConflictAndKeepsTheOtherPersonsChange()
    {
        var office = await Factory.SignedInClientAsync("jiangan.office");
        var admin = await Factory.SignedInClientAsync("admin");
        int id = await UploadDraftAsync(office, "jiangan.txt", Seed(JiangAn));
        string seen = VersionOf(id);

        var first = await PostDraftAsync(office, id, "EditText", ("version", seen), ("key", "3"), ("text", "督查室改过的第三项。"));
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = await PostDraftAsync(admin, id, "EditText", ("version", seen), ("key", "3"), ("text", "管理员基于旧版本的修改。"));

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        string html = await second.Content.ReadAsStringAsync();
        html.ShouldContain(ImportService.ConflictMessage);
        html.ShouldContain("督查室改过的第三项。");
        html.ShouldContain("您提交但未保存的内容：<span>管理员基于旧版本的修改。</span>");
        DraftOf(id).Items.Single(i => i.Key == 3).Text.ShouldBe("督查室改过的第三项。");
        string draftId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Factory.WithDb(db => db.AuditEntries.Count(a => a.EntityId == draftId && a.Action == AuditActions.EditItemText)).ShouldBe(1);
    }

    [Fact]
    public async Task EditText_Markup_IsShownAsText()
    {
        var client = await Factory.SignedInClientAsync("jiangan.office");
        int id = await UploadDraftAsync(client, "jiangan.txt", Seed(JiangAn));

        var r = await PostDraftAsync(client, id, "EditText", ("version", VersionOf(id)), ("key", "2"), ("text", "<script>alert(1)</script>"));

        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        r.Headers.Location!.OriginalString.ShouldBe($"/Imports/{id}#item-2");
        DraftOf(id).Items.Single(i => i.Key == 2).Text.ShouldBe("<script>alert(1)</script>");
        string html = await client.GetStringAsync(DraftPage(id));
        html.ShouldContain("<p class=\"text\">&lt;script&gt;alert(1)&lt;/script&gt;</p>");
        html.ShouldNotContain("<script>alert(1)</script>");
        string edit = await client.GetStringAsync(DraftPage(id) + "?edit=2");
        edit.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;</textarea>");
        edit.ShouldNotContain("<script>");
        var auditor = await Factory.SignedInClientAsync("auditor");
        string audit = await auditor.GetStringAsync("/Admin/Audit?action=edit-item-text");
        audit.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        audit.ShouldNotContain("<script>");
    }

    [Fact]
    public async Task Reimport_ChangedNotice_PreviewShowsTheChangeThenPublishAppliesIt_AndEachStepIsAudited()
    {
        var client = await Factory.SignedInClientAsync("jiangan.office");
        string changed = ReplaceFirst(Seed(JiangAn), "1. 地区生产总值增长 6%左右。", "1. 地区生产总值增长 6.5%左右。");
        int id = await UploadDraftAsync(client, "岸政办〔2026〕1号（修订）.txt", changed);

        string html = await client.GetStringAsync(DraftPage(id));
        html.ShouldContain("新增 0 项 · 删除 0 项 · 修改 1 项");
        html.ShouldContain("<tr class=\"change-changed\"><td>修改</td><td>1</td><td>1</td><td>地区生产总值增长 6%左右。");
        html.ShouldContain("<td>地区生产总值增长 6.5%左右。");
        LiveText("jiangan", 1).ShouldBe("地区生产总值增长 6%左右。");

        var edit = await PostDraftAsync(client, id, "EditText", ("version", VersionOf(id)), ("key", "2"), ("text", "固定资产投资保持合理增长，项目早开工。"));
        edit.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync(DraftPage(id))).ShouldContain("修改 2 项");

        var published = await PostDraftAsync(client, id, "Publish", ("version", VersionOf(id)), ("confirm", "true"));
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        LiveText("jiangan", 1).ShouldBe("地区生产总值增长 6.5%左右。");
        LiveText("jiangan", 2).ShouldBe("固定资产投资保持合理增长，项目早开工。");
        Factory.WithDb(db => db.PlanItems.Count(i => db.Plans.Any(p => p.Id == i.PlanId && db.Districts.Any(d => d.Id == p.DistrictId && d.Code == "jiangan")))).ShouldBe(184);

        string draftId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = Factory.WithDb(db => db.AuditEntries.Where(a => a.Actor == "jiangan.office").OrderBy(a => a.Id).ToList());
        var import = audit.Single(a => a.Action == AuditActions.ImportNotice && a.EntityId == draftId);
        import.After!.ShouldContain("岸政办〔2026〕1号（修订）.txt");
        var edited = audit.Single(a => a.Action == AuditActions.EditItemText && a.EntityId == draftId);
        edited.Before!.ShouldContain("固定资产投资保持合理增长。");
        edited.After!.ShouldContain("固定资产投资保持合理增长，项目早开工。");
        var publish = audit.Last(a => a.Action == AuditActions.PublishPlan);
        publish.Before.ShouldNotBeNull();
        publish.After!.ShouldContain("\"Changed\":2");
        publish.Id.ShouldBeGreaterThan(edited.Id);

        var auditor = await Factory.SignedInClientAsync("auditor");
        string page = await auditor.GetStringAsync("/Admin/Audit?actor=jiangan.office&action=publish-plan");
        page.ShouldContain("<td>发布任务清单</td>");
        page.ShouldContain("&quot;Changed&quot;:2");
    }

    [Fact]
    public async Task Discard_LeavesTheLivePlanAndRefusesFurtherEdits()
    {
        var client = await Factory.SignedInClientAsync("jiangan.office");
        var liveBefore = LivePlan("jiangan");
        int id = await UploadDraftAsync(client, "jiangan.txt", Seed(JiangAn));

        var r = await PostDraftAsync(client, id, "Discard", ("version", VersionOf(id)));

        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).Status).ShouldBe(DraftStatus.Discarded);
        LivePlan("jiangan").ShouldBe(liveBefore);
        var edit = await PostDraftAsync(client, id, "EditText", ("version", VersionOf(id)), ("key", "1"), ("text", "放弃后不能再改。"));
        (await edit.Content.ReadAsStringAsync()).ShouldContain("不能再修改");
        var publish = await PostDraftAsync(client, id, "Publish", ("version", VersionOf(id)));
        (await publish.Content.ReadAsStringAsync()).ShouldContain("已发布或已放弃");
        LivePlan("jiangan").ShouldBe(liveBefore);
    }

    [Theory]
    [InlineData("jiangan.fgj.clerk")]
    [InlineData("jiangan.leader")]
    [InlineData("city")]
    public async Task NotOffice_Gets404_OnImportsAndOnAGuessedDraft(string user)
    {
        var office = await Factory.SignedInClientAsync("jiangan.office");
        int id = await UploadDraftAsync(office, "jiangan.txt", Seed(JiangAn));
        var client = await Factory.SignedInClientAsync(user);
        var before = Written();

        (await client.GetAsync("/Imports")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(DraftPage(id))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(DraftPage(id + 100000))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/Admin/Audit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostDraftAsync(client, "/", id, "EditText", ("version", VersionOf(id)), ("key", "1"), ("text", "不该保存。"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostDraftAsync(client, "/", id, "Discard", ("version", VersionOf(id)))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(client, "/");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(Encoding.UTF8.GetBytes(Seed(JiangAn))), "file", "j.txt" } };
        (await client.PostAsync("/Imports", form)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Written().ShouldBe(before);
        DraftOf(id).Items.Single(i => i.Key == 1).Text.ShouldNotBe("不该保存。");
    }

    [Fact]
    public async Task OtherDistrictsOffice_Gets404_OnTheDraftAndItsForms()
    {
        var jiangan = await Factory.SignedInClientAsync("jiangan.office");
        int id = await UploadDraftAsync(jiangan, "jiangan.txt", Seed(JiangAn));
        var hongshan = await Factory.SignedInClientAsync("hongshan.office");

        (await hongshan.GetAsync(DraftPage(id))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostDraftAsync(hongshan, id, "Publish", ("version", VersionOf(id)))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostDraftAsync(hongshan, id, "EditText", ("version", VersionOf(id)), ("key", "1"), ("text", "别区改的。"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        string list = await hongshan.GetStringAsync("/Imports");
        list.ShouldNotContain($"href=\"/Imports/{id}\"");
        DraftOf(id).Items.Single(i => i.Key == 1).Text.ShouldNotBe("别区改的。");
    }

    [Fact]
    public async Task AuditPage_OnlyTheAuditorReadsIt_AndSeesAllAndFilters()
    {
        var hongshan = await Factory.SignedInClientAsync("hongshan.office");
        int id = await UploadDraftAsync(hongshan, "洪山.txt", Seed(Hongshan));

        // 三员分立: neither the office nor the system administrator reads the audit log.
        foreach (string user in new[] { "hongshan.office", "admin", "security" })
        {
            var client = await Factory.SignedInClientAsync(user);
            (await client.GetAsync("/Admin/Audit?action=import-notice")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user);
        }

        var auditor = await Factory.SignedInClientAsync("auditor");
        string all = await auditor.GetStringAsync("/Admin/Audit?actor=hongshan.office");
        all.ShouldContain("<td>导入草稿 " + id + "</td>");
        all.ShouldContain("<td>登录</td>");
        all.ShouldNotContain("<td>jiangan.office</td>");
    }

    [Fact]
    public async Task AuditPage_ManyEntries_NewestFirstAPageAtATime()
    {
        Factory.WithDb(db =>
        {
            var clock = TimeProvider.System;
            for (int n = 1; n <= Features.Admin.AuditModel.PageSize + 10; n++)
            {
                Core.Features.Audit.AuditLog.Record(db, clock, "paging.test", "paging-test", "Probe", "p" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return db.SaveChanges();
        });
        var auditor = await Factory.SignedInClientAsync("auditor");

        string first = await auditor.GetStringAsync("/Admin/Audit?actor=paging.test");
        first.ShouldContain("第 1 / 2 页");
        first.ShouldContain("<td>Probe p60</td>");
        first.ShouldNotContain("<td>Probe p10</td>");
        first.IndexOf("<td>Probe p60</td>", StringComparison.Ordinal).ShouldBeLessThan(first.IndexOf("<td>Probe p59</td>", StringComparison.Ordinal));
        first.ShouldContain("href=\"/Admin/Audit?actor=paging.test&amp;p=2\" rel=\"next\"");
        string second = await auditor.GetStringAsync("/Admin/Audit?actor=paging.test&p=2");
        second.ShouldContain("<td>Probe p1</td>");
        second.ShouldContain("<td>Probe p10</td>");
        second.ShouldNotContain("<td>Probe p11</td>");
        second.ShouldContain("rel=\"prev\"");
        (await auditor.GetStringAsync("/Admin/Audit?actor=paging.test&action=sign-in")).ShouldContain("没有符合条件的记录");
    }

    private static string DraftPage(int id) => "/Imports/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, find);
        return text[..at] + replace + text[(at + find.Length)..];
    }

    private DraftPlan DraftOf(int id) => DraftPlan.FromJson(Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).PlanJson));

    private string VersionOf(int id) => Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).Version).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What a refused upload must not change: drafts, audit entries of imports, plans.</summary>
    private (int Drafts, int Imports, int Plans) Written() => Factory.WithDb(db =>
        (db.ImportDrafts.Count(), db.AuditEntries.Count(a => a.Action == AuditActions.ImportNotice), db.Plans.Count()));

    /// <summary>The live plan of a district as identity and publish stamp: any publish changes it.</summary>
    private (int Id, string? By, int Items) LivePlan(string district) => Factory.WithDb(db =>
        db.Plans.Where(p => db.Districts.Any(d => d.Id == p.DistrictId && d.Code == district))
            .Select(p => new { p.Id, p.PublishedBy, Items = p.Items.Count }).AsEnumerable()
            .Select(p => (p.Id, p.PublishedBy, p.Items)).Single());

    private List<(string Name, UnitRole Role, string? Printed)> LiveUnits(string district, int seq) => Factory.WithDb(db => (
        from p in db.Plans
        join d in db.Districts on p.DistrictId equals d.Id
        join i in db.PlanItems on p.Id equals i.PlanId
        join iu in db.ItemUnits on i.Id equals iu.ItemId
        join u in db.Units on iu.UnitId equals u.Id
        where d.Code == district && i.Seq == seq
        select new { u.Name, iu.Role, iu.Printed }).AsEnumerable().Select(x => (x.Name, x.Role, (string?)x.Printed)).ToList());

    private string LiveText(string district, int seq) => Factory.WithDb(db =>
        db.PlanItems.Where(i => i.Seq == seq && db.Plans.Any(p => p.Id == i.PlanId && db.Districts.Any(d => d.Id == p.DistrictId && d.Code == district)))
            .Select(i => i.Text).Single());
}

public sealed class ImportPageTestsSqlite(SqliteImportFixture fixture) : ImportPageTests(fixture.Factory), IClassFixture<SqliteImportFixture>;

public sealed class ImportPageTestsPostgres(PostgresImportFixture fixture) : ImportPageTests(fixture.Factory), IClassFixture<PostgresImportFixture>;
