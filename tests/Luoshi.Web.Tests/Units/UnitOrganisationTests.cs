using System.Net;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Audit;
using Luoshi.Core.Features.Forms;
using Luoshi.Core.Features.Imports;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.Core.Features.Units;
using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Units;

/// <summary>The organisation kept by the office (issue 10.1): add, rename, merge, retire through the pages; the .xlsx catalogue; access.</summary>
public class UnitOrganisationTests
{
    private const string Office = "jiangan.office";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AddRenameMergeRetire_KeepHistory_MoveTasksFilingsAndAccounts_AndTheReaderUsesTheEditedNames(DatabaseProvider provider)
    {
        await using var app = new LuoshiWebFactory(provider);
        var client = await app.SignedInClientAsync(Office);
        int district = app.WithDb(db => db.Districts.Single(d => d.Code == "jiangan").Id);
        long revision0 = Revision(app, district);

        // Add: a new unit with an alias.
        var add = await PostAsync(client, "/Units/Edit?district=jiangan", new() { ["name"] = "区数据和政务服务局", ["kind"] = "Department", ["aliases"] = "区数据局、区政务服务局", ["version"] = "0" });
        add.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var added = app.WithDb(db => db.Units.AsNoTracking().Single(u => u.DistrictId == district && u.Name == "区数据和政务服务局"));
        added.AliasList.ShouldBe(["区数据局", "区政务服务局"]);
        Revision(app, district).ShouldBeGreaterThan(revision0);

        // A second unit may not take a name or alias already used.
        var clash = await PostAsync(client, "/Units/Edit?district=jiangan", new() { ["name"] = "区数据局", ["kind"] = "Department", ["version"] = "0" });
        clash.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Body(clash)).ShouldContain("区数据局");
        app.WithDb(db => db.Units.Count(u => u.DistrictId == district && u.Name == "区数据局")).ShouldBe(0);

        // The unit that leads the first item, with a Q1 report filed, and an account.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
            var lead = await db.ItemUnits.Where(u => u.Role == UnitRole.Lead && db.Units.Any(x => x.Id == u.UnitId && x.DistrictId == district && x.Name == "区发展和改革局"))
                .OrderBy(u => u.ItemId).FirstAsync();
            var filings = scope.ServiceProvider.GetRequiredService<FilingEditing>();
            var clerk = new Actor("jiangan.fgj.clerk", "填报人", AppRole.Clerk, district, lead.UnitId);
            var f = (await filings.OpenAsync(lead.ItemId, lead.UnitId, ReportPeriod.Q1, clerk)).Value!;
            (await filings.SaveAsync(f.Id, f.Version, new FilingEdit(Progress: "一季度已完成。"), clerk)).Ok.ShouldBeTrue();
        }

        var fgj = app.WithDb(db => db.Units.AsNoTracking().Single(u => u.DistrictId == district && u.Name == "区发展和改革局"));
        int fgjItems = app.WithDb(db => db.ItemUnits.Count(u => u.UnitId == fgj.Id));
        fgjItems.ShouldBeGreaterThan(0);

        // Rename: the old name stays as an alias; a stale page changes nothing.
        var stale = await PostAsync(client, $"/Units/Edit?district=jiangan&id={fgj.Id}", new() { ["name"] = "区发展改革委", ["kind"] = "Department", ["aliases"] = string.Join("、", fgj.AliasList), ["version"] = (fgj.Version - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        (await Body(stale)).ShouldContain("刚被他人修改过");
        var renamed = await PostAsync(client, $"/Units/Edit?district=jiangan&id={fgj.Id}", new() { ["name"] = "区发展改革委", ["kind"] = "Department", ["aliases"] = string.Join("、", fgj.AliasList), ["version"] = fgj.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        renamed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = app.WithDb(db => db.Units.AsNoTracking().Single(u => u.Id == fgj.Id));
        after.Name.ShouldBe("区发展改革委");
        after.AliasList.ShouldContain("区发展和改革局");
        app.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.RenameUnit && a.EntityId == fgj.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ShouldBe(1);

        // The reader's next import resolves the notice's old name to the renamed unit.
        using (var scope = app.Services.CreateScope())
        {
            var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
            byte[] seed = await File.ReadAllBytesAsync(Path.Combine(RepoRoot(), "tests", "seeds", "000_4e4f19e7498f2113.txt"));
            var draft = (await imports.CreateDraftAsync(district, "again.txt", seed, Office)).Value!;
            var plan = DraftPlan.FromJson(draft.PlanJson);
            var names = plan.Items.SelectMany(i => i.Lead.Concat(i.Co)).Select(u => u.Name).ToList();
            names.ShouldContain("区发展改革委");
            names.ShouldNotContain("区发展和改革局");
        }

        // Merge the renamed unit into 区商务局: its items, the filing and the account follow; it stays, retired, for history.
        var swj = app.WithDb(db => db.Units.AsNoTracking().Single(u => u.DistrictId == district && u.Name == "区商务局"));
        var preview = await client.GetAsync($"/Units/Merge?district=jiangan&id={fgj.Id}&into={swj.Id}");
        string previewHtml = await Body(preview);
        previewHtml.ShouldContain("确认合并");
        previewHtml.ShouldContain($"事项 {fgjItems} 项");

        // Issue 13.4: a POST without confirm shows the summary again and merges nothing.
        var unconfirmed = await PostAsync(client, $"/Units/Merge?district=jiangan&id={fgj.Id}", new()
        {
            ["into"] = swj.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["version"] = after.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["intoVersion"] = swj.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        string unconfirmedHtml = await Body(unconfirmed);
        unconfirmedHtml.ShouldContain("合并影响");
        unconfirmedHtml.ShouldContain("name=\"confirm\" value=\"true\"");
        app.WithDb(db => db.ItemUnits.Count(u => u.UnitId == fgj.Id)).ShouldBe(fgjItems);

        var merged = await PostAsync(client, $"/Units/Merge?district=jiangan&id={fgj.Id}", new()
        {
            ["into"] = swj.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["version"] = after.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["intoVersion"] = swj.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["confirm"] = "true",
        });
        string mergedHtml = await Body(merged);
        mergedHtml.ShouldContain("已将“区发展改革委”并入“区商务局”");
        app.WithDb(db => db.ItemUnits.Count(u => u.UnitId == fgj.Id)).ShouldBe(0);
        app.WithDb(db => db.Filings.Count(f => f.UnitId == fgj.Id)).ShouldBe(0);
        app.WithDb(db => db.Filings.Single(f => f.Progress == "一季度已完成。").UnitId).ShouldBe(swj.Id);
        app.WithDb(db => db.Users.Single(u => u.UserName == "jiangan.fgj.clerk").UnitId).ShouldBe(swj.Id);
        var gone = app.WithDb(db => db.Units.AsNoTracking().Single(u => u.Id == fgj.Id));
        gone.MergedIntoId.ShouldBe(swj.Id);
        gone.RetiredAt.ShouldNotBeNull();
        var survivor = app.WithDb(db => db.Units.AsNoTracking().Single(u => u.Id == swj.Id));
        survivor.AliasList.ShouldContain("区发展改革委");
        survivor.AliasList.ShouldContain("区发展和改革局");
        app.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.MergeUnits)).ShouldBe(2);

        // The reader's catalogue no longer offers the merged unit; its names find the survivor.
        var catalogue = await DistrictCatalogue.LoadAsync(app.Services.CreateScope().ServiceProvider.GetRequiredService<LuoshiDb>(), district);
        catalogue.Units.Select(u => u.Name).ShouldNotContain("区发展改革委");
        catalogue.Units.Single(u => u.Name == "区商务局").Aliases.ShouldContain("区发展和改革局");

        // Retire the new unit: kept, not offered, not in the default list.
        var detail = await client.GetAsync($"/Units/Detail?district=jiangan&id={added.Id}");
        (await Body(detail)).ShouldContain("撤销该单位");
        var notConfirmed = await PostAsync(client, $"/Units/Detail?district=jiangan&id={added.Id}&handler=Retire", new() { ["version"] = "1" }, $"/Units/Detail?district=jiangan&id={added.Id}");
        (await Body(notConfirmed)).ShouldContain("请勾选确认");
        var retired = await PostAsync(client, $"/Units/Detail?district=jiangan&id={added.Id}&handler=Retire", new() { ["version"] = "1", ["confirm"] = "true" }, $"/Units/Detail?district=jiangan&id={added.Id}");
        (await Body(retired)).ShouldContain("已撤销");
        app.WithDb(db => db.Units.Single(u => u.Id == added.Id).RetiredAt).ShouldNotBeNull();
        string list = await Body(await client.GetAsync("/Units?district=jiangan"));
        list.ShouldNotContain("区数据和政务服务局");
        list.ShouldContain("区商务局");
        (await Body(await client.GetAsync("/Units?district=jiangan&state=retired"))).ShouldContain("区数据和政务服务局");
        (await DistrictCatalogue.LoadAsync(app.Services.CreateScope().ServiceProvider.GetRequiredService<LuoshiDb>(), district)).Units
            .Select(u => u.Name).ShouldNotContain("区数据和政务服务局");
        app.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.RetireUnit)).ShouldBe(1);

        // The unit's history on its page.
        string history = await Body(await client.GetAsync($"/Units/Detail?district=jiangan&id={fgj.Id}"));
        history.ShouldContain("单位更名");
        history.ShouldContain("单位合并");
        history.ShouldContain("已并入区商务局");
    }

    [Fact]
    public async Task Merge_IsRefused_WhenBothUnitsFiledTheSameItemsPeriod_AndNothingMoves()
    {
        await using var app = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
        int district = await db.Districts.Where(d => d.Code == "jiangan").Select(d => d.Id).SingleAsync();
        var item = await db.PlanItems.Where(i => i.Units.Count >= 2 && db.Plans.Any(p => p.Id == i.PlanId && p.DistrictId == district))
            .OrderBy(i => i.Seq).Select(i => new { i.Id, Units = i.Units.Select(u => u.UnitId).ToList() }).FirstAsync();
        var filings = scope.ServiceProvider.GetRequiredService<FilingEditing>();
        foreach (int unit in item.Units.Take(2))
        {
            var f = (await filings.OpenAsync(item.Id, unit, ReportPeriod.Q1, new Actor("c" + unit, "填报人", AppRole.Clerk, district, unit))).Value!;
            f.ShouldNotBeNull();
        }

        var service = scope.ServiceProvider.GetRequiredService<UnitService>();
        var office = new Actor(Office, "督查室", AppRole.Office, district, null);
        var a = await db.Units.AsNoTracking().SingleAsync(u => u.Id == item.Units[0]);
        var b = await db.Units.AsNoTracking().SingleAsync(u => u.Id == item.Units[1]);
        var refused = await service.MergeAsync(office, district, a.Id, a.Version, b.Id, b.Version);
        refused.Ok.ShouldBeFalse();
        refused.Failure!.Message.ShouldContain("同一期次都已填报");
        db.ChangeTracker.Clear();
        (await db.Filings.CountAsync(f => f.UnitId == a.Id)).ShouldBe(1);
        (await db.Units.SingleAsync(u => u.Id == a.Id)).RetiredAt.ShouldBeNull();
        (await db.AuditEntries.CountAsync(x => x.Action == AuditActions.MergeUnits)).ShouldBe(0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Xlsx_RoundTrip_ExportThenImport_ChangesNothing_AndAnEditedFileAddsAndUpdates(DatabaseProvider provider)
    {
        await using var app = new LuoshiWebFactory(provider);
        var client = await app.SignedInClientAsync(Office);
        int district = app.WithDb(db => db.Districts.Single(d => d.Code == "jiangan").Id);
        var export = await client.GetAsync("/Units?district=jiangan&handler=Export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        byte[] bytes = await export.Content.ReadAsByteArrayAsync();

        // The file, opened: every unit of the district is a row, with its kind and aliases as the database holds them.
        var sheets = RosterFile.ReadXlsxSheets(bytes);
        sheets.Select(s => s.Name).ShouldBe(["单位名录", "集合称谓"]);
        var rows = sheets[0].Rows;
        rows[0].ShouldBe(UnitService.UnitHeader);
        var units = app.WithDb(db => db.Units.AsNoTracking().Where(u => u.DistrictId == district).OrderBy(u => u.Id).ToList());
        rows.Count.ShouldBe(units.Count + 1);
        var fgj = units.Single(u => u.Name == "区发展和改革局");
        var fgjRow = rows.Single(r => r[0] == "区发展和改革局");
        fgjRow[1].ShouldBe("区政府部门");
        fgjRow[2].ShouldBe(string.Join("、", fgj.AliasList));
        fgjRow[4].ShouldBe("在用");
        int collectives = app.WithDb(db => db.UnitCollectives.Count(c => c.DistrictId == district));
        sheets[1].Rows.Count.ShouldBe(collectives + 1);

        // The same file back: nothing changes.
        long revision = Revision(app, district);
        string same = await UploadAsync(client, "名录.xlsx", bytes);
        same.ShouldContain("新增单位 0 个，修改 0 个");
        app.WithDb(db => db.Units.AsNoTracking().Where(u => u.DistrictId == district).OrderBy(u => u.Id).Select(u => u.Name + "|" + u.Aliases + "|" + u.Kind).ToList())
            .ShouldBe(units.Select(u => u.Name + "|" + u.Aliases + "|" + u.Kind));

        // An edited file: a new unit and a new alias for an existing one.
        var edited = rows.Select(r => r.ToArray()).ToList();
        edited[edited.FindIndex(r => r[0] == "区发展和改革局")][2] = fgjRow[2] + "、区发改";
        edited.Add(["区新设管委会", "管委会", "新设管委会", "", "在用"]);
        string done = await UploadAsync(client, "名录.xlsx", Xlsx(edited, sheets[1].Rows));
        done.ShouldContain("新增单位 1 个，修改 1 个");
        app.WithDb(db => db.Units.Single(u => u.DistrictId == district && u.Name == "区新设管委会").Kind).ShouldBe(Luoshi.Parsing.Catalogue.UnitKind.ManagementCommittee);
        app.WithDb(db => db.Units.Single(u => u.Id == fgj.Id).Aliases).ShouldEndWith("|区发改");
        Revision(app, district).ShouldBeGreaterThan(revision);
        app.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.ImportUnits)).ShouldBe(2);

        // Exported again, the new unit is there.
        var again = RosterFile.ReadXlsxSheets(await client.GetByteArrayAsync("/Units?district=jiangan&handler=Export"))[0].Rows;
        again.Single(r => r[0] == "区新设管委会").Take(3).ShouldBe(["区新设管委会", "管委会", "新设管委会"]);
    }

    [Fact]
    public async Task Xlsx_WithBadRows_IsRefusedRowByRow_AndNothingIsStored()
    {
        await using var app = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        var client = await app.SignedInClientAsync(Office);
        int district = app.WithDb(db => db.Districts.Single(d => d.Code == "jiangan").Id);
        var sheets = RosterFile.ReadXlsxSheets(await client.GetByteArrayAsync("/Units?district=jiangan&handler=Export"));
        var rows = sheets[0].Rows.Select(r => r.ToArray()).ToList();
        rows[1][2] = rows[1][2] + "、区好名字";          // row 2: a good change, that must not be stored either
        rows[4][1] = "不存在的类别";                     // row 5: an unknown kind
        rows.Add(["区全新单位", "区政府部门", "", "", "在用"]); // a good new unit
        rows.Add([rows[2][0], "区政府部门", "", "", "在用"]);   // a duplicate of row 3
        int duplicateRow = rows.Count;
        rows.Add(["区另一个新单位", "区政府部门", rows[3][0], "", "在用"]); // an alias that is another unit's name
        int aliasRow = rows.Count;
        long revision = Revision(app, district);
        var before = app.WithDb(db => db.Units.AsNoTracking().Where(u => u.DistrictId == district).OrderBy(u => u.Id).Select(u => u.Name + "|" + u.Aliases + "|" + u.Kind).ToList());

        string html = await UploadAsync(client, "名录.xlsx", Xlsx(rows, sheets[1].Rows));
        html.ShouldContain("全部未导入");
        html.ShouldContain("第 5 行");
        html.ShouldContain("类别“不存在的类别”不认识");
        html.ShouldContain($"第 {duplicateRow} 行");
        html.ShouldContain($"与第 3 行重复");
        html.ShouldContain($"第 {aliasRow} 行");
        html.ShouldNotContain("第 2 行<");
        app.WithDb(db => db.Units.AsNoTracking().Where(u => u.DistrictId == district).OrderBy(u => u.Id).Select(u => u.Name + "|" + u.Aliases + "|" + u.Kind).ToList()).ShouldBe(before);
        Revision(app, district).ShouldBe(revision);
        app.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.ImportUnits)).ShouldBe(0);

        // Not a spreadsheet at all.
        (await UploadAsync(client, "名录.xlsx", "not a zip"u8.ToArray())).ShouldContain("无法读取该文件");
    }

    [Fact]
    public async Task AUnitClerk_AnotherDistrictsOffice_AndTheLeader_GetNotFound_AndChangeNothing()
    {
        await using var app = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        int unit = app.WithDb(db => db.Units.First(u => db.Districts.Any(d => d.Id == u.DistrictId && d.Code == "jiangan")).Id);
        foreach (string user in new[] { "jiangan.fgj.clerk", "jiangan.fgj.head", "jiangan.leader", "hongshan.office", "auditor" })
        {
            var c = await app.SignedInClientAsync(user);
            foreach (string url in new[] { "/Units?district=jiangan", "/Units?district=jiangan&handler=Export", $"/Units/Detail?district=jiangan&id={unit}", $"/Units/Edit?district=jiangan&id={unit}", $"/Units/Merge?district=jiangan&id={unit}", "/Units/Import?district=jiangan" })
            {
                (await c.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, user + " " + url);
            }

            // A post with a token from a page the caller may open: refused as not found, nothing changed.
            string token = await LuoshiWebFactory.AntiforgeryTokenAsync(c, "/Account/Password");
            var post = await c.PostAsync($"/Units/Edit?district=jiangan&id={unit}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["name"] = "被篡改的名称", ["kind"] = "Department", ["version"] = "1", ["__RequestVerificationToken"] = token,
            }));
            post.StatusCode.ShouldBe(HttpStatusCode.NotFound, user);
        }

        app.WithDb(db => db.Units.Count(u => u.Name == "被篡改的名称")).ShouldBe(0);
        var office = await app.SignedInClientAsync("hongshan.office");
        (await office.GetAsync("/Units")).StatusCode.ShouldBe(HttpStatusCode.OK); // its own district
    }

    private static long Revision(LuoshiWebFactory app, int district) => app.WithDb(db => db.Districts.Single(d => d.Id == district).Revision);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> form, string? tokenPage = null)
    {
        form["__RequestVerificationToken"] = await LuoshiWebFactory.AntiforgeryTokenAsync(client, tokenPage ?? url);
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    private static async Task<string> Body(HttpResponseMessage r) => WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());

    private static async Task<string> UploadAsync(HttpClient client, string fileName, byte[] bytes)
    {
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(client, "/Units/Import?district=jiangan");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", fileName },
        };
        using var r = await client.PostAsync("/Units/Import?district=jiangan", form);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());
    }

    private static byte[] Xlsx(IReadOnlyList<string[]> units, IReadOnlyList<string[]> collectives)
    {
        static SheetModel Sheet(string name, IReadOnlyList<string[]> rows, int columns)
        {
            var sheet = new SheetModel(name, [.. Enumerable.Repeat(24.0, columns)]);
            for (int r = 0; r < rows.Count; r++)
            {
                for (int c = 0; c < rows[r].Length && c < columns; c++)
                {
                    sheet.Text(r + 1, c + 1, rows[r][c], CellLook.Text);
                }
            }

            return sheet;
        }

        return XlsxWriter.Write([Sheet("单位名录", units, 5), Sheet("集合称谓", collectives, 4)], "单位名录");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Luoshi.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
