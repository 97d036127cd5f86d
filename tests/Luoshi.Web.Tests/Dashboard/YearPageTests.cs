using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Luoshi.Web.Tests.Dashboard;

/// <summary>
/// The supervision view and the dashboard against the year the fixture played: every expected number is worked out here
/// from the plan's rows and the filings made, not read back from the app's own snapshot.
/// </summary>
public abstract partial class YearPageTests(YearFixture year)
{
    [Fact]
    public async Task Supervision_UnitCounts_MatchTheFilings()
    {
        using var office = await year.ClientAsync("jiangan.office");
        string html = await GetOkAsync(office, "/Supervision?district=jiangan");

        // Passed: work plan, Q1, Q2. FGJ filed A and T for all three on time, B's work plan late; the rest is missing.
        int n = year.ItemsFiledBy(year.FgjId).Count();
        var fgj = UnitRow(html, "sv-units", year.FgjId);
        fgj["c-ontime"].ShouldBe(6);
        fgj["c-late"].ShouldBe(1);
        fgj["c-missing"].ShouldBe((3 * n) - 7);
        fgj["c-duesoon"].ShouldBe(n, "Q3 is due within a week of the date, for every item FGJ files");

        int m = year.ItemsFiledBy(year.SwjId).Count();
        var swj = UnitRow(html, "sv-units", year.SwjId);
        swj["c-ontime"].ShouldBe(0);
        swj["c-late"].ShouldBe(0);
        swj["c-missing"].ShouldBe(3 * m);
        swj["c-duesoon"].ShouldBe(m);
    }

    [Fact]
    public async Task Supervision_Items_FilterByPeriodAndStatus()
    {
        using var office = await year.ClientAsync("jiangan.office");

        // The default period is the one whose deadline passed last (Q2): every item, with its lead units (on pages of 50).
        string q2 = await AllPagesAsync(office, "/Supervision?district=jiangan");
        Rows(q2).Count.ShouldBe(year.Items.Count(i => i.Leads.Count > 0));
        Obligation(q2, year.T.Id, "Q2", year.FgjId).ShouldBe("OnTime");
        Obligation(q2, year.B.Id, "Q2", year.FgjId).ShouldBe("Missing");

        // Late, all periods: only B's work plan.
        var late = Rows(await AllPagesAsync(office, "/Supervision?district=jiangan&period=all&status=Late"));
        late.ShouldBe([(year.B.Id, "WorkPlan")]);

        // Missing work plans: every item but A, T and B (FGJ's sole-lead items filed); none of A, T, B.
        var missing = Rows(await AllPagesAsync(office, "/Supervision?district=jiangan&period=WorkPlan&status=Missing"));
        missing.Select(r => r.Item).ShouldNotContain(year.A.Id);
        missing.Select(r => r.Item).ShouldNotContain(year.B.Id);
        missing.Count.ShouldBe(year.Items.Count(i => i.Leads.Count > 0) - 3);

        // Click-through to one unit, all periods: each item it files, once per deadline.
        string fgj = await AllPagesAsync(office, $"/Supervision?district=jiangan&period=all&unit={year.FgjId}");
        Rows(fgj).Count.ShouldBe(year.ItemsFiledBy(year.FgjId).Count() * year.Deadlines.Count);
        Obligation(fgj, year.B.Id, "WorkPlan", year.FgjId).ShouldBe("Late");

        // A page past the last shows the last; the rows are paged (the district has more than 50 items).
        int pages = (Rows(q2).Count + 49) / 50;
        pages.ShouldBeGreaterThan(1);
        (await GetOkAsync(office, "/Supervision?district=jiangan&p=999")).ShouldContain($"第 {pages} / {pages} 页");
    }

    [Fact]
    public async Task Dashboard_Parts_CountEveryItemAndColourTheFiledOnes()
    {
        using var leader = await year.ClientAsync("jiangan.leader");
        string html = await GetOkAsync(leader, "/Dashboard?district=jiangan");

        // A reported on time with no numbers: green. T a tenth of its targets at Q2: behind, red. Every other item has a
        // missing report (Q1 or Q2) from a lead unit: overdue, red.
        foreach (var part in year.Items.GroupBy(i => i.PartIndex))
        {
            var row = ProgressRow(html, "parts", part.Key.ToString(CultureInfo.InvariantCulture));
            row["c-items"].ShouldBe(part.Count(), $"part {part.Key}");
            int green = part.Count(i => i == year.A);
            row["c-green"].ShouldBe(green, $"part {part.Key}");
            row["c-red"].ShouldBe(part.Count() - green, $"part {part.Key}");
            row["c-behind"].ShouldBe(part.Count(i => i == year.T), $"part {part.Key}");
            row["c-overdue"].ShouldBe(part.Count() - green - part.Count(i => i == year.T), $"part {part.Key}");
        }

        var unit = ProgressRow(html, "units", year.FgjId.ToString(CultureInfo.InvariantCulture));
        int led = year.Items.Count(i => i.Leads.Contains(year.FgjId));
        unit["c-items"].ShouldBe(led);
        unit["c-green"].ShouldBe(1);
        unit["c-red"].ShouldBe(led - 1);
    }

    [Fact]
    public async Task Dashboard_Leaders_GroupByTheLeadUnitsLeaderInCharge()
    {
        using var office = await year.ClientAsync("jiangan.office");
        string html = await GetOkAsync(office, "/Dashboard?district=jiangan");

        // The demo data gives FGJ the leader 江岸区领导 and SWJ 江岸区分管副区长; an item counts under each leader of its
        // lead units, and under 未设置 only when none of its lead units has one.
        int withFgj = year.Items.Count(i => i.Leads.Contains(year.FgjId));
        int withSwj = year.Items.Count(i => i.Leads.Contains(year.SwjId));
        ProgressRow(html, "leaders", "江岸区领导")["c-items"].ShouldBe(withFgj);
        ProgressRow(html, "leaders", "江岸区分管副区长")["c-items"].ShouldBe(withSwj);
        ProgressRow(html, "leaders", "未设置")["c-items"].ShouldBe(year.Items.Count(i => !i.Leads.Contains(year.FgjId) && !i.Leads.Contains(year.SwjId)));
    }

    [Fact]
    public async Task Dashboard_TargetBehind_IsRedWithItsActual()
    {
        using var office = await year.ClientAsync("jiangan.office");
        string html = await GetOkAsync(office, "/Dashboard?district=jiangan");
        var rows = Regex.Matches(html, $"<tr data-item=\"{year.T.Id}\" data-rag=\"(\\w+)\">(.*?)</tr>", RegexOptions.Singleline);
        rows.Count.ShouldBe(year.T.Targets.Count);
        foreach (Match r in rows)
        {
            r.Groups[1].Value.ShouldBe("Red");
            Regex.Match(r.Groups[2].Value, "class=\"n c-percent\">(\\d+)%").Groups[1].Value.ShouldBe("10");
        }

        ProgressRow(html, "parts", year.T.PartIndex.ToString(CultureInfo.InvariantCulture))["c-behind"].ShouldBe(1);
        html.ShouldContain("<script type=\"application/json\" id=\"dashboard-data\">");
        html.ShouldContain("/lib/echarts/echarts.min.js");
    }

    [Fact]
    public async Task Dashboard_LateUnits_CountMissingAndLate()
    {
        using var office = await year.ClientAsync("jiangan.office");
        string html = await GetOkAsync(office, "/Dashboard?district=jiangan");
        int n = year.ItemsFiledBy(year.FgjId).Count();
        var fgj = UnitRow(html, "db-late", year.FgjId);
        fgj["c-missing"].ShouldBe((3 * n) - 7);
        fgj["c-late"].ShouldBe(1);
        UnitRow(html, "db-late", year.SwjId)["c-missing"].ShouldBe(3 * year.ItemsFiledBy(year.SwjId).Count());
    }

    [Fact]
    public async Task DashboardApi_SameNumbersAsThePage()
    {
        using var office = await year.ClientAsync("jiangan.office");
        string html = await GetOkAsync(office, "/Dashboard?district=jiangan");
        using var answer = await office.GetAsync("/api/districts/jiangan/dashboard");
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        answer.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        string body = await answer.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        // Written from the kept serialization: the very document the framework writes for the overview with the application's
        // JSON options (property names, enums, dates, escaping), deserialised and written again.
        var options = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>(year.Clocked.Services).Value.SerializerOptions;
        JsonSerializer.Serialize(JsonSerializer.Deserialize<Luoshi.Web.Features.Dashboard.DashboardData>(body, options), options).ShouldBe(body);
        (await GetOkAsync(office, "/api/openapi.json")).ShouldContain("\"DashboardData\"");
        root.GetProperty("today").GetString().ShouldBe(year.CheckDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        root.GetProperty("expectedPercent").GetInt32().ShouldBe(75, "five days before Q3's deadline, three quarters have ended (issue 9; it said 50, the last deadline passed)");
        var total = root.GetProperty("total");
        total.GetProperty("items").GetInt32().ShouldBe(year.Items.Count);
        total.GetProperty("green").GetInt32().ShouldBe(1);
        total.GetProperty("behind").GetInt32().ShouldBe(1);
        foreach (var part in root.GetProperty("parts").EnumerateArray())
        {
            var row = ProgressRow(html, "parts", part.GetProperty("key").GetString()!);
            row["c-items"].ShouldBe(part.GetProperty("counts").GetProperty("items").GetInt32());
            row["c-red"].ShouldBe(part.GetProperty("counts").GetProperty("red").GetInt32());
        }

        var late = root.GetProperty("lateUnits").EnumerateArray().Single(u => u.GetProperty("unitId").GetInt32() == year.FgjId);
        late.GetProperty("late").GetInt32().ShouldBe(1);

        // The page's data block is the same document.
        string block = Regex.Match(html, "<script type=\"application/json\" id=\"dashboard-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var embedded = JsonDocument.Parse(block);
        embedded.RootElement.GetProperty("total").GetRawText().ShouldBe(total.GetRawText());
        foreach (string rows in new[] { "parts", "units", "leaders" })
        {
            embedded.RootElement.GetProperty(rows).GetRawText().ShouldBe(root.GetProperty(rows).GetRawText(), rows);
        }

        // What the charts draw, not the groups (a table only) nor the targets' printed texts.
        embedded.RootElement.TryGetProperty("groups", out _).ShouldBeFalse();
        var charted = embedded.RootElement.GetProperty("targets").EnumerateArray().ToList();
        charted.Select(t => t.GetProperty("number").GetString()).ShouldBe(root.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("number").GetString()));
        charted.Select(t => t.GetProperty("percent").ToString()).ShouldBe(root.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("percent").ToString()));
        charted.Count(t => t.TryGetProperty("printed", out var printed)).ShouldBe(0);
        embedded.RootElement.GetProperty("lateUnits").EnumerateArray().Select(u => u.GetProperty("missing").GetInt32())
            .ShouldBe(root.GetProperty("lateUnits").EnumerateArray().Select(u => u.GetProperty("missing").GetInt32()));
    }

    [Theory]
    [InlineData("jiangan.fgj.clerk", "/Supervision?district=jiangan")]
    [InlineData("jiangan.fgj.clerk", "/Dashboard?district=jiangan")]
    [InlineData("jiangan.fgj.clerk", "/Supervision")]
    [InlineData("jiangan.fgj.clerk", "/api/districts/jiangan/dashboard")]
    [InlineData("jiangan.fgj.head", "/Dashboard?district=jiangan")]
    [InlineData("hongshan.office", "/Supervision?district=jiangan")]
    [InlineData("hongshan.office", "/Dashboard?district=jiangan")]
    [InlineData("hongshan.office", "/api/districts/jiangan/dashboard")]
    public async Task Access_UnitPeopleAndOtherDistricts_Get404(string user, string url)
    {
        using var client = await year.ClientAsync(user);
        using var r = await client.GetAsync(url);
        r.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await r.Content.ReadAsStringAsync()).ShouldNotContain("dashboard-data");
    }

    [Theory]
    [InlineData("jiangan.leader", "/Supervision")]
    [InlineData("jiangan.leader", "/Dashboard")]
    [InlineData("jiangan.office", "/Dashboard")]
    [InlineData("city", "/Dashboard?district=jiangan")]
    [InlineData("city", "/Supervision?district=jiangan")]
    public async Task Access_OfficeLeadersAndCity_Read(string user, string url)
    {
        using var client = await year.ClientAsync(user);
        string html = await GetOkAsync(client, url);
        html.ShouldContain("江岸区 2026 年");
    }

    [Fact]
    public async Task Access_CityWithoutDistrict_ChoosesOne()
    {
        using var city = await year.ClientAsync("city");
        string html = await GetOkAsync(city, "/Dashboard");
        html.ShouldContain("/Dashboard?district=jiangan");
        html.ShouldContain("/Dashboard?district=hongshan");
    }

    private static async Task<string> GetOkAsync(HttpClient client, string url)
    {
        using var r = await client.GetAsync(url);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return await r.Content.ReadAsStringAsync();
    }

    /// <summary>The numeric cells (class "c-...") of a row of a progress table, by the row's key.</summary>
    private static Dictionary<string, int> ProgressRow(string html, string table, string key)
    {
        var t = Regex.Match(html, $"data-table=\"{table}\">(.*?)</table>", RegexOptions.Singleline);
        t.Success.ShouldBeTrue("no table " + table);
        var row = Regex.Match(t.Groups[1].Value, $"<tr data-key=\"{Regex.Escape(key)}\">(.*?)</tr>", RegexOptions.Singleline);
        row.Success.ShouldBeTrue($"no row {key} in table {table}");
        return Cells(row.Groups[1].Value);
    }

    /// <summary>The numeric cells of a unit's row in the table with this class.</summary>
    private static Dictionary<string, int> UnitRow(string html, string tableClass, int unitId)
    {
        var t = Regex.Match(html, $"<table class=\"{tableClass}(?: [^\"]*)?\">(.*?)</table>", RegexOptions.Singleline);
        t.Success.ShouldBeTrue("no table " + tableClass);
        var row = Regex.Match(t.Groups[1].Value, $"<tr data-unit=\"{unitId}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline);
        row.Success.ShouldBeTrue($"no row for unit {unitId} in {tableClass}");
        return Cells(row.Groups[1].Value);
    }

    private static Dictionary<string, int> Cells(string row) =>
        CellPattern().Matches(row).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    /// <summary>
    /// Every page of a supervision list, followed by its 下一页 links: each page but the last has 50 rows, the rows of all
    /// pages are the "共 N 条" and none repeats. The pages' HTML joined.
    /// </summary>
    private static async Task<string> AllPagesAsync(HttpClient client, string url)
    {
        var pages = new List<string> { await GetOkAsync(client, url) };
        int total = int.Parse(Regex.Match(pages[0], "<strong class=\"row-count\">(\\d+)</strong>").Groups[1].Value, CultureInfo.InvariantCulture);
        while (Regex.Match(pages[^1], "<a href=\"([^\"]+)\" rel=\"next\">下一页</a>") is { Success: true } next)
        {
            Rows(pages[^1]).Count.ShouldBe(50, "a page before the last is full");
            pages.Add(await GetOkAsync(client, System.Net.WebUtility.HtmlDecode(next.Groups[1].Value)));
            pages.Count.ShouldBeLessThan(100);
        }

        pages.Count.ShouldBe(Math.Max(1, (total + 49) / 50), "the pages there are");
        if (pages.Count > 1)
        {
            pages[^1].ShouldContain($"第 {pages.Count} / {pages.Count} 页");
        }

        var rows = pages.SelectMany(Rows).ToList();
        rows.Count.ShouldBe(total);
        rows.Distinct().Count().ShouldBe(rows.Count, "no row on two pages");
        return string.Join("\n", pages);
    }

    /// <summary>The (item, period) rows of the supervision list.</summary>
    private static List<(int Item, string Period)> Rows(string html) =>
        [.. Regex.Matches(html, "<tr data-item=\"(\\d+)\" data-period=\"(\\w+)\"").Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value))];

    /// <summary>The standing of one unit on one row of the supervision list.</summary>
    private static string Obligation(string html, int itemId, string period, int unitId)
    {
        var row = Regex.Match(html, $"<tr data-item=\"{itemId}\" data-period=\"{period}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline);
        row.Success.ShouldBeTrue($"no row for item {itemId}, {period}");
        var ob = Regex.Match(row.Groups[1].Value, $"<span class=\"ob\" data-unit=\"{unitId}\" data-status=\"(\\w+)\">");
        ob.Success.ShouldBeTrue($"unit {unitId} not on the row of item {itemId}, {period}");
        return ob.Groups[1].Value;
    }

    [GeneratedRegex("class=\"n (c-[a-z]+)\">(?:<a [^>]*>)?(\\d+)<")]
    private static partial Regex CellPattern();
}

public sealed class YearPageSqliteTests(SqliteYearFixture year) : YearPageTests(year), IClassFixture<SqliteYearFixture>;

public sealed class YearPagePostgresTests(PostgresYearFixture year) : YearPageTests(year), IClassFixture<PostgresYearFixture>;
