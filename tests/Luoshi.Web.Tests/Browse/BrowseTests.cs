using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Luoshi.Core.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests.Browse;

/// <summary>The browse pages over the seeded demo data. Run on SQLite and on PostgreSQL by the two classes at the end.</summary>
public abstract partial class BrowseTests(BrowseFixture fixture)
{
    // The app writes Chinese as characters (WebEncoderOptions with every range); markup characters are still encoded.
    protected static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    protected BrowseFixture Fixture { get; } = fixture;

    protected LuoshiWebFactory Factory => Fixture.Factory;

    [Fact]
    public async Task Tree_JianganOffice_ShowsAll184ItemsInCollapsibleParts()
    {
        var (status, html) = await GetAsync("jiangan.office", "/Plans/jiangan");
        status.ShouldBe(HttpStatusCode.OK);
        Seqs(html, "li class=\"item\"").Count.ShouldBe(184);
        Regex.Count(html, "<details class=\"part\"").ShouldBe(4);
        html.ShouldContain("<strong class=\"item-count\">184</strong>");
        html.ShouldContain("/Plans/jiangan/Items/1\"");
    }

    [Fact]
    public async Task Item_JianganParkingItem_ShowsTextTargetsUnitsAndSourceLines()
    {
        var item = Factory.WithDb(db => (from i in db.PlanItems
                                         join p in db.Plans on i.PlanId equals p.Id
                                         join d in db.Districts on p.DistrictId equals d.Id
                                         where d.Code == "jiangan" && i.Text.Contains("新增停车泊位 1 万个")
                                         orderby i.Seq
                                         select new
                                         {
                                             i.Seq,
                                             i.Text,
                                             i.FirstLine,
                                             p.SourceText,
                                             Units = i.Units.Select(u => new { u.Role, Name = db.Units.Where(x => x.Id == u.UnitId).Select(x => x.Name).First() }).ToList(),
                                         }).First());
        var (status, html) = await GetAsync("jiangan.office", $"/Plans/jiangan/Items/{item.Seq}");
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain(Html.Encode(item.Text));
        html.ShouldContain("新增停车泊位 1 万个");
        html.ShouldContain("10000 个");
        foreach (var u in item.Units)
        {
            html.ShouldContain(Html.Encode(u.Name));
        }

        html.ShouldContain(">牵头<");
        string firstLine = item.SourceText.Split('\n')[item.FirstLine - 1].TrimEnd('\r');
        html.ShouldContain($"<li value=\"{item.FirstLine}\">{Html.Encode(firstLine)}</li>");
    }

    [Fact]
    public async Task UnitPage_OwnClerk_ListsExactlyTheItemsTheUnitIsOn()
    {
        int unitId = UnitId("jiangan", "区商务局");
        var expected = UnitSeqs(unitId);
        expected.Count.ShouldBeGreaterThan(0);
        var (status, html) = await GetAsync("jiangan.swj.clerk", $"/Plans/jiangan/Units/{unitId}");
        status.ShouldBe(HttpStatusCode.OK);
        Seqs(html, "tr").ShouldBe(expected);

        int fgj = UnitId("jiangan", "区发展和改革局");
        var (officeStatus, officeHtml) = await GetAsync("jiangan.office", $"/Plans/jiangan/Units/{fgj}");
        officeStatus.ShouldBe(HttpStatusCode.OK);
        Seqs(officeHtml, "tr").ShouldBe(UnitSeqs(fgj));
    }

    [Fact]
    public async Task UnitPage_Xlsx_IsASpreadsheetWithOneRowPerTask()
    {
        int unitId = UnitId("jiangan", "区商务局");
        var client = await Fixture.ClientAsync("jiangan.swj.clerk");
        var r = await client.GetAsync($"/Plans/jiangan/Units/{unitId}?handler=Xlsx");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        await using var stream = await r.Content.ReadAsStreamAsync();
        var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        bytes.Position = 0;
        ((IDictionary<string, object>)MiniExcelLibs.MiniExcel.Query(bytes).First())["A"].ShouldBe("江岸区2026年任务清单（区商务局）");
        bytes.Position = 0;
        var rows = MiniExcelLibs.MiniExcel.Query(bytes, useHeaderRow: true, startCell: "A2").ToList();
        rows.Count.ShouldBe(UnitSeqs(unitId).Count);
        ((IDictionary<string, object>)rows[0])["单位"].ShouldBe("区商务局");
    }

    [Fact]
    public async Task MatrixAndDeadlines_Xlsx_AreTheListsWithTitleAndOneRowPerItemOrDate()
    {
        var client = await Fixture.ClientAsync("jiangan.office");
        var (_, page) = await GetAsync("jiangan.office", "/Plans/jiangan/Matrix");
        page.ShouldContain("/Plans/jiangan/Matrix?handler=Xlsx");
        var matrix = await client.GetAsync("/Plans/jiangan/Matrix?handler=Xlsx");
        matrix.StatusCode.ShouldBe(HttpStatusCode.OK);
        matrix.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var m = new MemoryStream(await matrix.Content.ReadAsByteArrayAsync());
        ((IDictionary<string, object>)MiniExcelLibs.MiniExcel.Query(m).First())["A"].ShouldBe("江岸区2026年责任清单");
        m.Position = 0;
        var items = MiniExcelLibs.MiniExcel.Query(m, useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>().ToList();
        items.Count.ShouldBe(184, "one row per item of the plan");
        items[0].Keys.Take(3).ShouldBe(["部分", "序号", "任务内容"]);
        items.ShouldAllBe(r => r.Values.Skip(3).Any(v => v != null && (string)v == "牵头"));

        var (_, deadlinesPage) = await GetAsync("jiangan.office", "/Plans/jiangan/Deadlines");
        deadlinesPage.ShouldContain("/Plans/jiangan/Deadlines?handler=Xlsx");
        var deadlines = await client.GetAsync("/Plans/jiangan/Deadlines?handler=Xlsx");
        deadlines.StatusCode.ShouldBe(HttpStatusCode.OK);
        var d = new MemoryStream(await deadlines.Content.ReadAsByteArrayAsync());
        var dates = MiniExcelLibs.MiniExcel.Query(d, useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>()
            .Select(r => r["截止日期"] as string).Where(x => !string.IsNullOrEmpty(x)).ToList();
        dates.ShouldBe(["2026-01-20", "2026-04-10", "2026-07-10", "2026-10-10", "2027-01-10"]);

        var unit = await Fixture.ClientAsync("jiangan.swj.clerk");
        (await unit.GetAsync("/Plans/jiangan/Matrix?handler=Xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a unit does not read the whole plan");
    }

    [Fact]
    public async Task Matrix_Jiangan_HasOneRowPerItem()
    {
        var (status, html) = await GetAsync("jiangan.leader", "/Plans/jiangan/Matrix");
        status.ShouldBe(HttpStatusCode.OK);
        Seqs(html, "tr").Count.ShouldBe(184);
        html.ShouldContain("区商务局");
        html.ShouldContain("<td class=\"l\" title=\"");
        // 江岸 names only 责任单位, all of which lead; 洪山 names 牵头 and 责任 units.
        var (_, hongshan) = await GetAsync("hongshan.office", "/Plans/hongshan/Matrix");
        hongshan.ShouldContain("<td class=\"c\" title=\"");
    }

    [Fact]
    public async Task Deadlines_Jiangan_ShowsWorkPlanAndQuarterlyDates()
    {
        var (status, html) = await GetAsync("jiangan.office", "/Plans/jiangan/Deadlines");
        status.ShouldBe(HttpStatusCode.OK);
        foreach (string date in new[] { "2026-01-20", "2026-04-10", "2026-07-10", "2026-10-10", "2027-01-10" })
        {
            html.ShouldContain($"<td class=\"date\">{date}</td>");
        }

        html.ShouldContain("报送办理工作方案");
        html.ShouldContain("报送第一季度完成情况");
    }

    [Fact]
    public async Task Search_Parking_FindsItemsOnlyInTheSignedInUsersDistricts()
    {
        var (_, office) = await GetAsync("jiangan.office", "/Plans/Search?q=" + Uri.EscapeDataString("停车泊位"));
        var officeHits = Hits(office);
        officeHits.Count.ShouldBeGreaterThanOrEqualTo(2);
        officeHits.ShouldAllBe(h => h.District == "jiangan");

        // 蔡甸 writes 新增公共泊位: "泊位" finds all three districts' parking items for the city reader.
        var (_, city) = await GetAsync("city", "/Plans/Search?q=" + Uri.EscapeDataString("停车泊位"));
        Hits(city).Select(h => h.District).Distinct().Order().ShouldBe(["hongshan", "jiangan"]);
        var (_, cityWide) = await GetAsync("city", "/Plans/Search?q=" + Uri.EscapeDataString("泊位"));
        Hits(cityWide).Select(h => h.District).Distinct().Order().ShouldBe(["caidian", "hongshan", "jiangan"]);

        var (_, hongshan) = await GetAsync("hongshan.office", "/Plans/Search?q=" + Uri.EscapeDataString("停车泊位"));
        Hits(hongshan).ShouldAllBe(h => h.District == "hongshan");
        Hits(hongshan).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Search_Clerk_FindsOnlyItsUnitsItems()
    {
        int unitId = UnitId("jiangan", "区商务局");
        var mine = UnitSeqs(unitId);
        var (_, html) = await GetAsync("jiangan.swj.clerk", "/Plans/Search?q=" + Uri.EscapeDataString("区"));
        var hits = Hits(html);
        hits.ShouldNotBeEmpty();
        hits.ShouldAllBe(h => h.District == "jiangan" && mine.Contains(h.Seq));
        html.ShouldNotContain("/Units/" + UnitId("jiangan", "区发展和改革局") + "\"");
    }

    [Fact]
    public async Task City_CityViewer_ShowsThreeDistrictsSideBySide()
    {
        var (status, html) = await GetAsync("city", "/City");
        status.ShouldBe(HttpStatusCode.OK);
        Regex.Matches(html, "<th class=\"district\" data-district=\"(\\w+)\"").Select(m => m.Groups[1].Value).Order()
            .ShouldBe(["caidian", "hongshan", "jiangan"]);
        html.ShouldContain("<td class=\"total n\">184</td>");
        html.ShouldContain("<td class=\"total n\">135</td>");
        html.ShouldContain("<td class=\"total n\">203</td>");
        html.ShouldContain("新增停车泊位（个）");
        html.ShouldContain("新增机动车停车泊位 1 万个");
        html.ShouldContain("新增公共泊位2000个");

        (await GetAsync("jiangan.office", "/City")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync("jiangan.swj.clerk", "/City")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Clerk_OtherUnitsPagesAndItemsNotOn_Get404()
    {
        int mine = UnitId("jiangan", "区商务局");
        var myItems = UnitSeqs(mine);
        var client = await Fixture.ClientAsync("jiangan.swj.clerk");
        var jianganUnits = Factory.WithDb(db => db.Units.Where(u => u.DistrictId == db.Districts.Single(d => d.Code == "jiangan").Id).Select(u => u.Id).ToList());
        foreach (int unit in jianganUnits.Where(u => u != mine).Take(20).Append(UnitId("hongshan", "区发展和改革局")).Append(999_999))
        {
            (await client.GetAsync($"/Plans/jiangan/Units/{unit}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, $"unit {unit}");
        }

        // Guessing item numbers: exactly the unit's own items open, every other number is "not found".
        for (int seq = 0; seq <= 186; seq++)
        {
            var status = (await client.GetAsync($"/Plans/jiangan/Items/{seq}")).StatusCode;
            status.ShouldBe(myItems.Contains(seq) ? HttpStatusCode.OK : HttpStatusCode.NotFound, $"item {seq}");
        }

        foreach (string path in new[] { "/Plans/jiangan", "/Plans/jiangan/Matrix", "/Plans/jiangan/Deadlines", "/Plans/hongshan/Items/1", $"/Plans/hongshan/Units/{mine}" })
        {
            (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }
    }

    [Fact]
    public async Task LeaderOfOneDistrict_OtherDistrictsPages_Get404()
    {
        var client = await Fixture.ClientAsync("jiangan.leader");
        (await client.GetAsync("/Plans/jiangan")).StatusCode.ShouldBe(HttpStatusCode.OK);
        int hongshanUnit = UnitId("hongshan", "区发展和改革局");
        foreach (string path in new[] { "/Plans/hongshan", "/Plans/hongshan/Matrix", "/Plans/hongshan/Deadlines", "/Plans/hongshan/Items/1",
                     $"/Plans/hongshan/Units/{hongshanUnit}", $"/Plans/jiangan/Units/{hongshanUnit}", "/Plans/nosuchdistrict" })
        {
            (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }

        var city = await Fixture.ClientAsync("city");
        foreach (string code in new[] { "jiangan", "hongshan", "caidian" })
        {
            (await city.GetAsync($"/Plans/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK, code);
        }
    }

    [Fact]
    public async Task ItemText_WithMarkup_IsShownEncoded()
    {
        const string script = "<script>alert(1)</script>";
        var ids = Factory.WithDb(db =>
        {
            var plan = db.Plans.Single(p => db.Districts.Any(d => d.Id == p.DistrictId && d.Code == "hongshan"));
            int partId = db.PlanParts.Where(p => p.PlanId == plan.Id).OrderBy(p => p.Index).Select(p => p.Id).First();
            int unitId = db.Units.Where(u => u.DistrictId == plan.DistrictId && u.Name == "区发展和改革局").Select(u => u.Id).Single();
            var item = new PlanItem { PlanId = plan.Id, PartId = partId, Seq = 9001, Number = "9001", Text = script, Group = "<b>组</b>" };
            item.Units.Add(new ItemUnit { UnitId = unitId, Role = UnitRole.Lead, Printed = "<i>区发改局</i>" });
            db.PlanItems.Add(item);
            db.SaveChanges();
            return item.Id;
        });
        try
        {
            foreach (string path in new[] { "/Plans/hongshan/Items/9001", "/Plans/hongshan", "/Plans/hongshan/Matrix", "/Plans/Search?q=alert" })
            {
                var (status, html) = await GetAsync("hongshan.office", path);
                status.ShouldBe(HttpStatusCode.OK, path);
                html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;", customMessage: path);
                html.ShouldNotContain("<script>alert(1)", customMessage: path);
            }

            var (_, item) = await GetAsync("hongshan.office", "/Plans/hongshan/Items/9001");
            item.ShouldContain("&lt;b&gt;组&lt;/b&gt;");
            item.ShouldContain("&lt;i&gt;区发改局&lt;/i&gt;");
        }
        finally
        {
            Factory.WithDb(db => db.PlanItems.Where(i => i.Id == ids).ExecuteDelete());
        }
    }

    protected async Task<(HttpStatusCode Status, string Html)> GetAsync(string user, string path)
    {
        var client = await Fixture.ClientAsync(user);
        var r = await client.GetAsync(path);
        return (r.StatusCode, await r.Content.ReadAsStringAsync());
    }

    protected int UnitId(string district, string name) =>
        Factory.WithDb(db => db.Units.Where(u => u.Name == name && db.Districts.Any(d => d.Id == u.DistrictId && d.Code == district)).Select(u => u.Id).Single());

    /// <summary>From the database: the positions of the items the unit is lead or co on.</summary>
    protected List<int> UnitSeqs(int unitId) =>
        Factory.WithDb(db => (from iu in db.ItemUnits
                              join i in db.PlanItems on iu.ItemId equals i.Id
                              where iu.UnitId == unitId
                              orderby i.Seq
                              select i.Seq).ToList());

    /// <summary>The data-seq of every element of the given opening tag, in page order.</summary>
    protected static List<int> Seqs(string html, string tag) =>
        [.. Regex.Matches(html, "<" + tag + " data-seq=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    protected static List<(string District, int Seq)> Hits(string html) =>
        [.. Regex.Matches(html, "<li class=\"hit\" data-district=\"(\\w+)\" data-seq=\"(\\d+)\"")
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))];
}

public sealed class SqliteBrowseTests(SqliteBrowseFixture fixture) : BrowseTests(fixture), IClassFixture<SqliteBrowseFixture>;

public sealed class PostgresBrowseTests(PostgresBrowseFixture fixture) : BrowseTests(fixture), IClassFixture<PostgresBrowseFixture>;
