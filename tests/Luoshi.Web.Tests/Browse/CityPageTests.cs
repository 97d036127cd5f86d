using System.Net;
using System.Text.RegularExpressions;
using Luoshi.Core.Features.Districts;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Browse;

/// <summary>The city comparison's layout for many districts (issue 16): a row per district, shared targets paged with a preview, one kind on its own page, and the kept comparison never stale.</summary>
public abstract partial class BrowseTests
{
    [Fact]
    public async Task City_SharedTargets_ArePagedWithAPreview_AndOneKindListsEveryDistrict()
    {
        var (status, html) = await GetAsync("city", "/City");
        status.ShouldBe(HttpStatusCode.OK);
        // One row per district, each with its total (the districts side by side are rows now, not columns).
        Regex.Count(html, "<tr>\\s*<th class=\"district\"").ShouldBe(3);
        var rows = Regex.Matches(html, "<tr class=\"shared-target\" data-districts=\"(\\d+)\">").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        rows.ShouldNotBeEmpty();
        rows.Count.ShouldBeLessThanOrEqualTo(Luoshi.Web.Features.City.IndexModel.TargetsPerPage);
        rows.ShouldAllBe(n => n >= 2 && n <= 3);
        rows.ShouldBe(rows.OrderByDescending(n => n).ToList(), "the kinds in most districts first");

        // The parking kind on its own page: every target of the kind, from every district that has one.
        SharedTarget? parking;
        using (var scope = Factory.Services.CreateScope())
        {
            parking = (await new PlanQueries(scope.ServiceProvider.GetRequiredService<LuoshiDb>()).CityAsync()).Target("新增停车泊位", "个");
        }

        parking.ShouldNotBeNull();
        var (one, detail) = await GetAsync("city", "/City?measure=" + Uri.EscapeDataString("新增停车泊位") + "&unit=" + Uri.EscapeDataString("个"));
        one.ShouldBe(HttpStatusCode.OK);
        Regex.Count(detail, "<tr data-district=\"").ShouldBe(parking.Targets.Count);
        foreach (var t in parking.Targets)
        {
            detail.ShouldContain(Html.Encode(t.Printed));
            detail.ShouldContain($"<tr data-district=\"{t.District.Code}\">");
        }

        (await GetAsync("city", "/City?measure=" + Uri.EscapeDataString("没有这个指标") + "&unit=" + Uri.EscapeDataString("个"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync("city", "/City?p=999")).Status.ShouldBe(HttpStatusCode.OK);
        (await GetAsync("jiangan.office", "/City?measure=" + Uri.EscapeDataString("新增停车泊位") + "&unit=" + Uri.EscapeDataString("个"))).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task City_AChangeToADistrictsPlan_ShowsOnTheNextRequest()
    {
        const string printed = "缓存核对新增停车泊位 77 个";
        string path = "/City?measure=" + Uri.EscapeDataString("新增停车泊位") + "&unit=" + Uri.EscapeDataString("个");
        (await GetAsync("city", path)).Html.ShouldNotContain(printed); // the comparison is now kept
        var (districtId, itemId) = Factory.WithDb(db => (from i in db.PlanItems
                                                         join p in db.Plans on i.PlanId equals p.Id
                                                         join d in db.Districts on p.DistrictId equals d.Id
                                                         where d.Code == "caidian"
                                                         orderby i.Seq descending
                                                         select new ValueTuple<int, int>(d.Id, i.Id)).First());
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
        var x = new ItemIndicator { ItemId = itemId, Seq = 99, Measure = "新增停车泊位", Value = 77, Unit = "个", Printed = printed };
        try
        {
            db.ItemIndicators.Add(x);
            await db.SaveChangesAsync();
            await DistrictRevision.BumpAsync(db, districtId); // as every change to a district's plan does
            (await GetAsync("city", path)).Html.ShouldContain(printed);
        }
        finally
        {
            await db.ItemIndicators.Where(i => i.Id == x.Id).ExecuteDeleteAsync();
            await DistrictRevision.BumpAsync(db, districtId);
        }

        (await GetAsync("city", path)).Html.ShouldNotContain(printed);
    }
}
