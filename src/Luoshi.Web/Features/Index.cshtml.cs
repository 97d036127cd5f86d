using Luoshi.Core.Data;
using Luoshi.Core.Features.Years;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Features;

/// <summary>首页: the districts the caller may read, each with the plan year shown (?year=, else its current year) and its other years.</summary>
public sealed class IndexModel(LuoshiDb db, PlanYears years) : PageModel
{
    public sealed record DistrictRow(int Id, string Code, string Name, string? City, int? Year, int Items, string? DocNumber, IReadOnlyList<PlanYear> Years);

    public List<DistrictRow> Districts { get; private set; } = [];

    public (string Code, int UnitId)? MyUnit { get; private set; }

    public async Task OnGetAsync(int? year)
    {
        var scope = HttpContext.Actor()!;
        var districts = await db.Districts.AsNoTracking()
            .Where(d => scope.SeesAllDistricts || d.Id == scope.DistrictId)
            .OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.Code, d.Name, d.City })
            .ToListAsync();
        foreach (var d in districts)
        {
            var list = await years.ListAsync(d.Id);
            var shown = list.FirstOrDefault(y => y.Year == year) ?? list.FirstOrDefault(y => y.Current);
            int items = shown is null ? 0 : await db.PlanItems.CountAsync(i => i.PlanId == shown.PlanId);
            Districts.Add(new DistrictRow(d.Id, d.Code, d.Name, d.City, shown?.Year, items, shown?.DocNumber, list));
        }

        if (scope.UnitId is int unit && Districts.Count == 1)
        {
            MyUnit = (Districts[0].Code, unit);
        }
    }
}
