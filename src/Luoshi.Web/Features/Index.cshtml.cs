using Luoshi.Core.Data;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Features;

public sealed class IndexModel(LuoshiDb db) : PageModel
{
    public sealed record DistrictRow(string Code, string Name, string? City, int? Year, int Items, string? DocNumber);

    public List<DistrictRow> Districts { get; private set; } = [];

    public (string Code, int UnitId)? MyUnit { get; private set; }

    public async Task OnGetAsync()
    {
        var scope = HttpContext.Actor()!;
        var rows = await db.Districts.AsNoTracking()
            .Where(d => scope.SeesAllDistricts || d.Id == scope.DistrictId)
            .OrderBy(d => d.Id)
            .Select(d => new
            {
                d.Code,
                d.Name,
                d.City,
                Plan = db.Plans.Where(p => p.DistrictId == d.Id).OrderByDescending(p => p.Year)
                    .Select(p => new { p.Year, p.DocNumber, Items = p.Items.Count }).FirstOrDefault(),
            })
            .ToListAsync();
        Districts = [.. rows.Select(r => new DistrictRow(r.Code, r.Name, r.City, r.Plan?.Year, r.Plan?.Items ?? 0, r.Plan?.DocNumber))];
        if (scope.UnitId is int unit && Districts.Count == 1)
        {
            MyUnit = (Districts[0].Code, unit);
        }
    }
}
