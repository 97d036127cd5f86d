using System.Net;
using System.Text.RegularExpressions;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Districts;
using Luoshi.Core.Features.Imports;
using Luoshi.Parsing.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Luoshi.Web.Tests.Imports.ImportClient;

namespace Luoshi.Web.Tests.Imports;

/// <summary>
/// Issue 15: a notice of a government without a catalogue proposes one from the units it names; the office sees the
/// proposal in the draft, edits and confirms it, and the draft is read again against the new catalogue.
/// </summary>
public partial class ProposedCatalogueTests
{
    private const string Notice = """
        某县人民政府办公室关于印发2026年县政府工作报告重点任务分解方案的通知

        附件

        一、重点工作

        1. 地区生产总值增长6%。（牵头单位：县发展和改革局；责任单位：县统计局、各乡镇）

        2. 扩大有效投资。（牵头单位：县发改局；责任单位：县财政局、有关部门）

        3. 新增城镇就业3000人。（牵头单位：县人社局；责任单位：各乡镇）
        """;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Import_DistrictWithoutCatalogue_ProposesOneAndConfirmingResolvesTheDraft(DatabaseProvider provider)
    {
        await using var app = new LuoshiWebFactory(provider);
        int district;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
            var d = new District { Code = "mouxian", Name = "某县", City = "某市" };
            db.Districts.Add(d);
            await db.SaveChangesAsync();
            district = d.Id;
        }

        var client = await app.SignedInClientAsync("admin");
        var upload = await UploadAsync(client, "mouxian.txt", System.Text.Encoding.UTF8.GetBytes(Notice), district);
        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect, await upload.Content.ReadAsStringAsync());
        int id = DraftId(upload);

        string html = await client.GetStringAsync("/Imports/" + id);
        html.ShouldContain("根据通知建议的单位名录");
        Count(html, "<tr class=\"proposed-unit\">").ShouldBe(4, "县发展和改革局 (with 县发改局), 县统计局, 县财政局, 县人社局");
        Count(html, "<tr class=\"proposed-collective\">").ShouldBe(2, "各乡镇, 有关部门");
        WebUtility.HtmlDecode(html).ShouldContain("value=\"县发改局\"");

        // The office renames one unit, unticks 县统计局 (index 1) and confirms.
        var version = VersionField().Match(html).Groups[1].Value;
        var confirm = await PostDraftAsync(client, "/Imports", id, "ConfirmCatalogue",
            ("version", version),
            ("unitName", "县发展和改革局"), ("unitKind", nameof(UnitKind.Department)), ("unitAliases", "县发改局"), ("unitKeep", "0"),
            ("unitName", "县统计局"), ("unitKind", nameof(UnitKind.Department)), ("unitAliases", ""),
            ("unitName", "县财政局"), ("unitKind", nameof(UnitKind.Department)), ("unitAliases", ""), ("unitKeep", "2"),
            ("unitName", "县人力资源和社会保障局"), ("unitKind", nameof(UnitKind.Department)), ("unitAliases", "县人社局"), ("unitKeep", "3"),
            ("colName", "各乡镇"), ("colAliases", ""), ("colKeep", "0"),
            ("colName", "有关部门"), ("colAliases", ""), ("colKeep", "1"));
        confirm.StatusCode.ShouldBe(HttpStatusCode.Redirect, await confirm.Content.ReadAsStringAsync());

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
            var units = await db.Units.Where(u => u.DistrictId == district).OrderBy(u => u.Id).Select(u => u.Name).ToListAsync();
            units.ShouldBe(["县发展和改革局", "县财政局", "县人力资源和社会保障局"]);
            (await db.UnitCollectives.CountAsync(c => c.DistrictId == district)).ShouldBe(2);
            var plan = DraftPlan.FromJson((await db.ImportDrafts.SingleAsync(x => x.Id == id)).PlanJson);
            plan.ProposedCatalogue.ShouldBeNull("the draft was read again against the confirmed catalogue");
            plan.Items[1].Lead.Single().Name.ShouldBe("县发展和改革局", "县发改局 is an alias of the confirmed unit");
            plan.Items[2].Lead.Single().Name.ShouldBe("县人力资源和社会保障局");
            plan.Unresolved.Select(u => u.Unit.Printed).ShouldBe(["县统计局"], "the unit the office unticked waits to be mapped or added");
        }

        // Confirming again (the district has a catalogue now) is refused and changes nothing.
        html = await client.GetStringAsync("/Imports/" + id);
        html.ShouldNotContain("根据通知建议的单位名录");
        var again = await PostDraftAsync(client, "/Imports", id, "ConfirmCatalogue",
            ("version", VersionField().Match(html).Groups[1].Value), ("unitName", "县教育局"), ("unitKind", nameof(UnitKind.Department)), ("unitKeep", "0"));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()).ShouldContain("没有按通知生成的单位名录");
    }

    [Fact]
    public void CheckConfirmed_NameTwiceOrTooShort_RefusedInChinese()
    {
        ImportService.CheckConfirmed([new("县财政局", UnitKind.Department, []), new("县财政局", UnitKind.Department, [])], [])!
            .Message.ShouldContain("出现了两次");
        ImportService.CheckConfirmed([new("局", UnitKind.Department, [])], [])!.Message.ShouldContain("2 到 64 个字");
        ImportService.CheckConfirmed([new("县财政局", UnitKind.Department, ["县财政局"])], [])!.Message.ShouldContain("不能与其他名称或别名重复");
        ImportService.CheckConfirmed([], []).ShouldNotBeNull();
        ImportService.CheckConfirmed([new("县财政局", UnitKind.Department, ["县财局"])], []).ShouldBeNull();
    }

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
