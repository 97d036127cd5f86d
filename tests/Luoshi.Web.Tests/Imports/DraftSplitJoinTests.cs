using System.Globalization;
using System.Net;
using Luoshi.Core.Features.Audit;
using Luoshi.Core.Features.Imports;
using Luoshi.Core.Features.Plans;
using Microsoft.EntityFrameworkCore;
using static Luoshi.Web.Tests.Imports.ImportClient;

namespace Luoshi.Web.Tests.Imports;

/// <summary>
/// Issue 10.6: the office splits an item of a draft in two, or joins it with the next one, where the reader cut the notice
/// wrongly; the publish takes the draft as edited. Hongshan's items 56 to 59 as the notice prints them (tests/seeds/001_…):
/// 56 “开工菱云路等微循环道路 3 条，建成……道路 5 条。”, 57 “新增停车泊位 1 万个、充电桩 6000 个。”, 58 two sentences
/// “新改建各类排水管网 5 公里，疏浚管网 500 公里。完成“三无”老旧小区 113 个供水水箱（池）定期清洗。” led by 区水务和湖泊局, 59 “启动 3 处城市运维中心建设。”.
/// </summary>
public abstract class DraftSplitJoinTests(LuoshiWebFactory factory)
{
    private const string First58 = "新改建各类排水管网 5 公里，疏浚管网 500 公里。";
    private const string Second58 = "完成“三无”老旧小区 113 个供水水箱（池）定期清洗。";

    protected LuoshiWebFactory Factory { get; } = factory;

    [Fact]
    public async Task Split_ThenPublish_GivesOneItemMore_WithTheTextsUnitsAndTargetsOfEachPart_Audited()
    {
        var client = await Factory.SignedInClientAsync("hongshan.office");
        int id = await UploadDraftAsync(client, "洪政办〔2026〕1号（拆分）.txt", Seed(Hongshan));
        var before = DraftOf(id);
        int n = before.Items.Count;
        var item = Item(before, "58");
        item.Text.ShouldBe(First58 + Second58);
        item.Lead.Select(u => u.Name).ShouldBe(["区水务和湖泊局"]);
        var co = item.Co.Select(u => u.Name!).ToList();
        co.ShouldBeEmpty("各相关街道 (the relevant sub-districts) names no unit in particular");
        var after59 = Item(before, "59");
        after59.Key.ShouldBe(item.Key + 1);

        // The page offers the split on every item; the form has the text with the marker at the end of the first sentence,
        // and the new item's units as the item has them.
        string page = WebUtility.HtmlDecode(await client.GetStringAsync(DraftPage(id)));
        Count(page, "class=\"split-link\"").ShouldBe(n);
        page.ShouldContain($"href=\"/Imports/{id}?split={item.Key}#item-{item.Key}\">拆分为两项</a>");
        string form = WebUtility.HtmlDecode(await client.GetStringAsync($"{DraftPage(id)}?split={item.Key}"));
        form.ShouldContain($"<form method=\"post\" class=\"split-item\" id=\"split-{item.Key}\"");
        form.ShouldContain($"<textarea name=\"marked\" rows=\"8\" maxlength=\"4100\" required>{First58}\n{DraftCuts.Marker}\n{Second58}</textarea>");
        form.ShouldContain("<input name=\"lead\" value=\"区水务和湖泊局\" />");
        form.ShouldContain($"<input name=\"co\" value=\"{string.Join("、", co)}\" />");
        form.ShouldContain("placeholder=\"58之二\"");

        // Split as the form comes, the new item's co-operating units edited to one unit.
        var r = await PostDraftAsync(client, id, "Split", ("version", VersionOf(id)), ("key", Num(item.Key)),
            ("marked", $"{First58}\r\n{DraftCuts.Marker}\r\n{Second58}"), ("number", ""), ("lead", "区水务和湖泊局"), ("co", "区城市管理执法局"));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        r.Headers.Location!.OriginalString.ShouldBe($"/Imports/{id}#item-{item.Key + 1}");

        var plan = DraftOf(id);
        plan.Items.Count.ShouldBe(n + 1);
        plan.Items.Select(i => i.Key).ShouldBe(Enumerable.Range(1, n + 1));
        var first = plan.Items[item.Key - 1];
        var second = plan.Items[item.Key];
        (first.Number, first.Text).ShouldBe(("58", First58));
        first.Lead.Select(u => u.Name).ShouldBe(["区水务和湖泊局"]);
        first.Co.Select(u => u.Name!).ShouldBe(co);
        first.Indicators.Select(x => (x.Value, x.Unit)).ShouldBe([(5m, "公里"), (500m, "公里")]);
        (second.Number, second.Text, second.Part).ShouldBe(("58之二", Second58, item.Part));
        second.Lead.Select(u => u.Name).ShouldBe(["区水务和湖泊局"]);
        second.Co.Select(u => u.Name).ShouldBe(["区城市管理执法局"]);
        second.Indicators.Select(x => (x.Value, x.Unit)).ShouldBe([(113m, "个")]);
        var moved = plan.Items[item.Key + 1];
        (moved.Number, moved.Text, moved.Key).ShouldBe(("59", after59.Text, after59.Key + 1));

        // Audited once, naming only the item split (not the items that moved down).
        var audit = Factory.WithDb(db => db.AuditEntries.Where(a => a.Action == AuditActions.SplitDraftItem && a.EntityId == Num(id)).ToList()).ShouldHaveSingleItem();
        audit.Actor.ShouldBe("hongshan.office");
        audit.Before!.ShouldContain("疏浚管网 500 公里。完成");
        audit.After!.ShouldContain("58之二");
        audit.Before!.ShouldNotContain("启动 3 处城市运维中心建设");
        audit.After!.ShouldNotContain("启动 3 处城市运维中心建设");
        var auditor = await Factory.SignedInClientAsync("auditor");
        (await auditor.GetStringAsync("/Admin/Audit?action=split-draft-item")).ShouldContain("<td>拆分草稿事项</td>");

        // The page shows the order and the new number.
        string shown = WebUtility.HtmlDecode(await client.GetStringAsync(DraftPage(id)));
        shown.ShouldContain("已将第 58 项拆分为两项：第 58 项和第 58之二 项。");
        shown.ShouldContain($"<strong class=\"item-count\">{n + 1}</strong>");
        shown.ShouldContain($">顺序 {item.Key + 1}</span>\n                        <span class=\"number\">58之二</span>");

        // Published: one item more, each part with its text, units and targets, in the draft's order.
        var published = await PostDraftAsync(client, id, "Publish", ("version", VersionOf(id)), ("confirm", "true"));
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect, await published.Content.ReadAsStringAsync());
        var live = LiveItems();
        live.Count.ShouldBe(n + 1);
        live.Select(i => i.Seq).ShouldBe(Enumerable.Range(1, n + 1));
        var l58 = live.Single(i => i.Number == "58");
        var l582 = live.Single(i => i.Number == "58之二");
        (l58.Seq, l58.Text, l58.Lead, l58.Targets).ShouldBe((item.Key, First58, "区水务和湖泊局", "5公里|500公里"));
        l58.Co.ShouldBe(string.Join("|", co.Order(StringComparer.Ordinal)));
        (l582.Seq, l582.Text, l582.Lead, l582.Co, l582.Targets).ShouldBe((item.Key + 1, Second58, "区水务和湖泊局", "区城市管理执法局", "113个"));
        live.Single(i => i.Number == "59").Seq.ShouldBe(item.Key + 2);

        // Published: the draft refuses a split or a join, with the reason, and nothing changes.
        string json = Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).PlanJson);
        var late = await PostDraftAsync(client, id, "Split", ("version", VersionOf(id)), ("key", Num(item.Key)),
            ("marked", $"新改建各类排水管网 5 公里，\n{DraftCuts.Marker}\n疏浚管网 500 公里。"), ("lead", "区水务和湖泊局"), ("co", ""));
        WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()).ShouldContain("<p class=\"error\" role=\"alert\">该草稿已发布或已放弃，不能再修改。</p>");
        var lateJoin = await PostDraftAsync(client, id, "Join", ("version", VersionOf(id)), ("key", Num(item.Key)));
        WebUtility.HtmlDecode(await lateJoin.Content.ReadAsStringAsync()).ShouldContain("<p class=\"error\" role=\"alert\">该草稿已发布或已放弃，不能再修改。</p>");
        Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).PlanJson).ShouldBe(json);
        LiveItems().Count.ShouldBe(n + 1);
        (await client.GetStringAsync(DraftPage(id))).ShouldNotContain("拆分为两项");
    }

    [Fact]
    public async Task Join_ThenPublish_GivesOneItemLess_TextsOneAfterTheOther_UnitsOfBoth_TargetsReadAgain()
    {
        var client = await Factory.SignedInClientAsync("hongshan.office");
        int id = await UploadDraftAsync(client, "洪政办〔2026〕1号（合并）.txt", Seed(Hongshan));
        var before = DraftOf(id);
        int n = before.Items.Count;
        var i56 = Item(before, "56");
        var i57 = Item(before, "57");
        i57.Key.ShouldBe(i56.Key + 1);
        i56.Indicators.Count.ShouldBe(2);
        i57.Indicators.Count.ShouldBe(2);
        var lead = i56.Lead.Concat(i57.Lead).Select(u => u.Name!).Distinct().ToList();
        lead.ShouldBe(["区住房和城乡建设局", "区发展和改革局"], "56 is led by its only unit, 57 by the two it names");
        var co = i56.Co.Concat(i57.Co).Select(u => u.Name!).Distinct().Where(u => !lead.Contains(u)).ToList();
        co.ShouldNotBeEmpty();

        // Asked on the page, shown with both texts, confirmed with a button.
        string page = WebUtility.HtmlDecode(await client.GetStringAsync(DraftPage(id)));
        page.ShouldContain($"href=\"/Imports/{id}?join={i56.Key}#item-{i56.Key}\">与下一项（第 57 项）合并</a>");
        string ask = WebUtility.HtmlDecode(await client.GetStringAsync($"{DraftPage(id)}?join={i56.Key}"));
        ask.ShouldContain($"<form method=\"post\" class=\"join-items\" id=\"join-{i56.Key}\"");
        ask.ShouldContain($"<p class=\"join-preview\">{i56.Text}<mark>{i57.Text}</mark></p>");
        ask.ShouldContain("<button type=\"submit\">确认合并</button>");
        DraftOf(id).Items.Count.ShouldBe(n, "asking changes nothing");

        var r = await PostDraftAsync(client, id, "Join", ("version", VersionOf(id)), ("key", Num(i56.Key)));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        var plan = DraftOf(id);
        plan.Items.Count.ShouldBe(n - 1);
        plan.Items.Select(i => i.Key).ShouldBe(Enumerable.Range(1, n - 1));
        var joined = plan.Items[i56.Key - 1];
        (joined.Number, joined.Text).ShouldBe(("56", i56.Text + i57.Text));
        joined.Lead.Select(u => u.Name!).ShouldBe(lead);
        joined.Co.Select(u => u.Name!).ShouldBe(co);
        joined.Indicators.Select(x => (x.Value, x.Unit)).ShouldBe([(3m, "条"), (5m, "条"), (10000m, "个"), (6000m, "个")]);
        joined.LastLine.ShouldBe(i57.LastLine);
        plan.Items[i56.Key].Number.ShouldBe("58");
        plan.Items.ShouldNotContain(i => i.Number == "57" && i.Part == i56.Part);
        (await client.GetStringAsync(DraftPage(id))).ShouldContain(WebUtility.HtmlEncode("已将第 56 项与第 57 项合并为第 56 项。"));
        Factory.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.JoinDraftItems && a.EntityId == Num(id))).ShouldBe(1);

        var published = await PostDraftAsync(client, id, "Publish", ("version", VersionOf(id)), ("confirm", "true"));
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect, await published.Content.ReadAsStringAsync());
        var live = LiveItems();
        live.Count.ShouldBe(n - 1);
        live.ShouldNotContain(i => i.Number == "57");
        var l56 = live.Single(i => i.Number == "56");
        (l56.Seq, l56.Text, l56.Targets).ShouldBe((i56.Key, i56.Text + i57.Text, "3条|5条|10000个|6000个"));
        l56.Lead.ShouldBe(string.Join("|", lead.Order(StringComparer.Ordinal)));
        live.Single(i => i.Number == "58").Seq.ShouldBe(i56.Key + 1);
    }

    [Fact]
    public async Task StalePage_SplitAndJoinRefusedWithTheConflictMessage_AndBadCutsRefusedWithTheReason_NothingSaved()
    {
        var client = await Factory.SignedInClientAsync("hongshan.office");
        int id = await UploadDraftAsync(client, "洪政办〔2026〕1号（冲突）.txt", Seed(Hongshan));
        var item = Item(DraftOf(id), "58");
        string stale = VersionOf(id);
        (await PostDraftAsync(client, id, "EditText", ("version", stale), ("key", "1"), ("text", "先改一处，版本加一。"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        string json = Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).PlanJson);
        string marked = $"{First58}\n{DraftCuts.Marker}\n{Second58}";

        var split = await PostDraftAsync(client, id, "Split", ("version", stale), ("key", Num(item.Key)), ("marked", marked), ("lead", "区水务和湖泊局"), ("co", ""));
        split.StatusCode.ShouldBe(HttpStatusCode.OK);
        string html = WebUtility.HtmlDecode(await split.Content.ReadAsStringAsync());
        html.ShouldContain(ImportService.ConflictMessage);
        html.ShouldContain($"<textarea name=\"marked\" rows=\"8\" maxlength=\"4100\" required>{marked}</textarea>", customMessage: "the cut the office chose is shown again");
        var join = await PostDraftAsync(client, id, "Join", ("version", stale), ("key", Num(item.Key)));
        WebUtility.HtmlDecode(await join.Content.ReadAsStringAsync()).ShouldContain(ImportService.ConflictMessage);
        Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).PlanJson).ShouldBe(json);

        string version = VersionOf(id);
        foreach (var (text, reason) in new[]
        {
            (First58 + Second58, "没有找到分隔线。"),
            ($"{First58}\n{DraftCuts.Marker}\n完成老旧小区供水水箱清洗。", "拆分时只能移动分隔线，不能同时修改文字。"),
            ($"新改建\n----\n{First58[3..]}\n{DraftCuts.Marker}\n{Second58}", "只能拆成两项：请只保留一条分隔线。"),
            ($"{DraftCuts.Marker}\n{First58}{Second58}", "分隔线前后都要有文字"),
        })
        {
            var bad = await PostDraftAsync(client, id, "Split", ("version", version), ("key", Num(item.Key)), ("marked", text), ("lead", "区水务和湖泊局"), ("co", ""));
            WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()).ShouldContain(reason, customMessage: text);
        }

        var unknown = await PostDraftAsync(client, id, "Split", ("version", version), ("key", Num(item.Key)), ("marked", marked), ("lead", "区不存在局"), ("co", ""));
        WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()).ShouldContain("单位名录中没有：区不存在局。");
        var taken = await PostDraftAsync(client, id, "Split", ("version", version), ("key", Num(item.Key)), ("marked", marked), ("number", "59"), ("lead", "区水务和湖泊局"), ("co", ""));
        WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()).ShouldContain("本部分已有第 59 项，请为拆出的新事项另定序号。");

        // The last item of a part is not joined with the first of the next part.
        var plan = DraftOf(id);
        var lastOfPart = plan.Items.Where(i => i.Part == plan.Items[0].Part).Last();
        var across = await PostDraftAsync(client, id, "Join", ("version", version), ("key", Num(lastOfPart.Key)));
        WebUtility.HtmlDecode(await across.Content.ReadAsStringAsync()).ShouldContain($"第 {lastOfPart.Number} 项是本部分的最后一项，不能与下一部分的第 {plan.Items[lastOfPart.Key].Number} 项合并。");
        (await client.GetStringAsync(DraftPage(id))).ShouldNotContain($"?join={lastOfPart.Key}#");
        var last = plan.Items[^1];
        var end = await PostDraftAsync(client, id, "Join", ("version", version), ("key", Num(last.Key)));
        WebUtility.HtmlDecode(await end.Content.ReadAsStringAsync()).ShouldContain($"第 {last.Number} 项是最后一项，后面没有可合并的事项。");

        Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).PlanJson).ShouldBe(json);
        VersionOf(id).ShouldBe(version);
        Factory.WithDb(db => db.AuditEntries.Count(a => (a.Action == AuditActions.SplitDraftItem || a.Action == AuditActions.JoinDraftItems) && a.EntityId == Num(id))).ShouldBe(0);
    }

    [Fact]
    public async Task Split_WithoutANumber_TakesTheNumberTheSecondPartStartsWith_OffTheText()
    {
        // A notice where item 58 lost its units and its line break: the reader reads 58 and 59 as one item.
        var client = await Factory.SignedInClientAsync("hongshan.office");
        string seed = Seed(Hongshan);
        const string Between = "清洗。（牵头单位：区水务湖泊局；责任单位：各相关街道）\n\n59. 启动";
        seed.ShouldContain(Between);
        int id = await UploadDraftAsync(client, "洪政办〔2026〕1号（未分行）.txt", seed.Replace(Between, "清洗。59. 启动", StringComparison.Ordinal));
        var before = DraftOf(id);
        var item = Item(before, "58");
        before.Items.Where(i => i.Part == item.Part).ShouldNotContain(i => i.Number == "59");
        item.Text.ShouldEndWith("清洗。59. 启动 3 处城市运维中心建设。");
        item.Lead.Select(u => u.Name).ShouldBe(["区城市管理执法局"]);

        // The form proposes the cut before the number left in the text.
        string form = WebUtility.HtmlDecode(await client.GetStringAsync($"{DraftPage(id)}?split={item.Key}"));
        int cut = item.Text.IndexOf("59.", StringComparison.Ordinal);
        form.ShouldContain($"required>{item.Text[..cut]}\n{DraftCuts.Marker}\n{item.Text[cut..]}</textarea>");

        var r = await PostDraftAsync(client, id, "Split", ("version", VersionOf(id)), ("key", Num(item.Key)),
            ("marked", $"{item.Text[..cut]}\n{DraftCuts.Marker}\n{item.Text[cut..]}"), ("number", ""), ("lead", "区城市管理执法局"), ("co", "区建投公司"));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        var plan = DraftOf(id);
        plan.Items.Count.ShouldBe(before.Items.Count + 1);
        var second = plan.Items[item.Key];
        second.Number.ShouldBe("59");
        second.Text.ShouldStartWith("启动 3 处城市运维中心建设。");
        second.Lead.Select(u => u.Name).ShouldBe(["区城市管理执法局"]);
        second.Co.Select(u => u.Name).ShouldBe(["区建投公司"]);
        second.Indicators.Select(x => (x.Value, x.Unit)).ShouldContain((3m, "处"));
    }

    private static DraftItem Item(DraftPlan plan, string number) => plan.Items.Single(i => i.Number == number && i.Part == plan.Items.First(x => x.Number == "56").Part);

    private static string DraftPage(int id) => "/Imports/" + Num(id);

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private DraftPlan DraftOf(int id) => DraftPlan.FromJson(Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).PlanJson));

    private string VersionOf(int id) => Num(Factory.WithDb(db => db.ImportDrafts.Single(d => d.Id == id).Version));

    /// <summary>Hongshan's live 2026 items in order: number, text, lead and co names (sorted, joined by |), targets (value and unit).</summary>
    private List<(int Seq, string Number, string Text, string Lead, string Co, string Targets)> LiveItems() => Factory.WithDb(db =>
    {
        int district = db.Districts.Single(d => d.Code == "hongshan").Id;
        var names = db.Units.Where(u => u.DistrictId == district).ToDictionary(u => u.Id, u => u.Name);
        return db.PlanItems.AsNoTracking().Include(i => i.Units).Include(i => i.Indicators)
            .Where(i => db.Plans.Any(p => p.Id == i.PlanId && p.DistrictId == district && p.Year == 2026))
            .OrderBy(i => i.Seq).AsEnumerable()
            .Select(i => (i.Seq, i.Number, i.Text,
                string.Join("|", i.Units.Where(u => u.Role == UnitRole.Lead).Select(u => names[u.UnitId]).Order(StringComparer.Ordinal)),
                string.Join("|", i.Units.Where(u => u.Role == UnitRole.Co).Select(u => names[u.UnitId]).Order(StringComparer.Ordinal)),
                string.Join("|", i.Indicators.OrderBy(x => x.Seq).Select(x => x.Value.ToString("0.##", CultureInfo.InvariantCulture) + x.Unit))))
            .ToList();
    });
}

public sealed class DraftSplitJoinTestsSqlite(SqliteImportFixture fixture) : DraftSplitJoinTests(fixture.Factory), IClassFixture<SqliteImportFixture>;

public sealed class DraftSplitJoinTestsPostgres(PostgresImportFixture fixture) : DraftSplitJoinTests(fixture.Factory), IClassFixture<PostgresImportFixture>;
