using System.Net;
using System.Text.Json;

namespace Luoshi.Web.Tests.Browse;

/// <summary>The JSON API: the same data as the pages, the same rules, 401 when anonymous.</summary>
public abstract partial class BrowseTests
{
    [Fact]
    public async Task Api_Anonymous_Gets401()
    {
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (string path in new[] { "/api/districts", "/api/districts/jiangan/plan", "/api/districts/jiangan/items/1", "/api/districts/jiangan/matrix", "/api/search?q=停车" })
        {
            (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
        }
    }

    [Fact]
    public async Task Api_Office_ReturnsTheSameDataAsThePages()
    {
        using var districts = await JsonAsync("jiangan.office", "/api/districts");
        districts.RootElement.EnumerateArray().Select(d => d.GetProperty("district").GetProperty("code").GetString()).ShouldBe(["jiangan"]);
        districts.RootElement[0].GetProperty("items").GetInt32().ShouldBe(184);

        using var plan = await JsonAsync("jiangan.office", "/api/districts/jiangan/plan");
        plan.RootElement.GetProperty("itemCount").GetInt32().ShouldBe(184);
        plan.RootElement.GetProperty("parts").GetArrayLength().ShouldBe(4);
        plan.RootElement.GetProperty("parts")[1].GetProperty("kind").GetString().ShouldBe("KeyWork");

        using var matrix = await JsonAsync("jiangan.office", "/api/districts/jiangan/matrix");
        matrix.RootElement.GetProperty("rows").GetArrayLength().ShouldBe(184);

        int unitId = UnitId("jiangan", "区商务局");
        using var tasks = await JsonAsync("jiangan.office", $"/api/districts/jiangan/units/{unitId}/tasks");
        tasks.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("seq").GetInt32()).ToList().ShouldBe(UnitSeqs(unitId));

        int seq = UnitSeqs(unitId)[0];
        using var item = await JsonAsync("jiangan.swj.clerk", $"/api/districts/jiangan/items/{seq}");
        var units = item.RootElement.GetProperty("units").EnumerateArray().ToList();
        units.ShouldContain(u => u.GetProperty("unitId").GetInt32() == unitId);
        units.Select(u => u.GetProperty("role").GetString()).ShouldAllBe(r => r == "Lead" || r == "Co");
        item.RootElement.GetProperty("source").GetArrayLength().ShouldBeGreaterThan(0);

        using var deadlines = await JsonAsync("jiangan.office", "/api/districts/jiangan/deadlines");
        deadlines.RootElement.GetProperty("calendar").EnumerateArray().Select(c => c.GetProperty("date").GetString()).ShouldContain("2026-04-10");

        using var search = await JsonAsync("jiangan.office", "/api/search?q=" + Uri.EscapeDataString("停车泊位"));
        var hits = search.RootElement.GetProperty("items").EnumerateArray().ToList();
        hits.ShouldNotBeEmpty();
        hits.ShouldAllBe(h => h.GetProperty("district").GetProperty("code").GetString() == "jiangan");
    }

    [Fact]
    public async Task Api_NotAllowed_Gets404()
    {
        int mine = UnitId("jiangan", "区商务局");
        int other = UnitId("jiangan", "区发展和改革局");
        int notMine = Factory.WithDb(db => db.PlanItems
            .Where(i => db.Plans.Any(p => p.Id == i.PlanId && db.Districts.Any(d => d.Id == p.DistrictId && d.Code == "jiangan")))
            .Where(i => !i.Units.Any(u => u.UnitId == mine)).Select(i => i.Seq).First());
        var clerk = await Fixture.ClientAsync("jiangan.swj.clerk");
        foreach (string path in new[] { $"/api/districts/jiangan/units/{other}/tasks", $"/api/districts/jiangan/items/{notMine}", "/api/districts/jiangan/plan",
                     "/api/districts/jiangan/matrix", "/api/districts/hongshan/items/1", "/api/city" })
        {
            (await clerk.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }

        var leader = await Fixture.ClientAsync("jiangan.leader");
        (await leader.GetAsync("/api/districts/hongshan/plan")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var city = await JsonAsync("city", "/api/city");
        city.RootElement.GetProperty("districts").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task Api_OpenApiDocument_DescribesTheEndpoints()
    {
        var client = await Fixture.ClientAsync("jiangan.office");
        string json = await client.GetStringAsync("/api/openapi.json");
        using var doc = JsonDocument.Parse(json);
        var paths = doc.RootElement.GetProperty("paths");
        foreach (string path in new[] { "/api/districts", "/api/districts/{code}/plan", "/api/districts/{code}/items/{seq}", "/api/districts/{code}/units/{unitId}/tasks", "/api/districts/{code}/matrix", "/api/search" })
        {
            paths.TryGetProperty(path, out _).ShouldBeTrue(path);
        }

        json.ShouldContain("\"operationId\": \"GetPlan\"");
        json.ShouldContain("\"404\"");
    }

    private async Task<JsonDocument> JsonAsync(string user, string path)
    {
        var client = await Fixture.ClientAsync(user);
        var r = await client.GetAsync(path);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync());
    }
}
