using Luoshi.Core.Data;
using Luoshi.Core.Features.Plans;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MiniExcelLibs;

namespace Luoshi.Web.Features.Plans;

/// <summary>A unit's 任务清单: the items it leads or works on, on the page and as .xlsx.</summary>
public sealed class UnitModel(LuoshiDb db, UnitTasksCache cache) : PageModel
{
    public UnitTasks Tasks { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, int unitId, int? year, CancellationToken ct)
    {
        var tasks = await LoadAsync(code, unitId, year, ct);
        if (tasks is null)
        {
            return NotFound();
        }

        Tasks = tasks;
        ViewData["PlanYear"] = tasks.Plan.Year;
        ViewData["YearQuery"] = year is int asked ? "?year=" + asked.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        ViewData["YearAnd"] = year is int asked2 ? "&year=" + asked2.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return Page();
    }

    /// <summary>The same list as a spreadsheet, with the columns of the CLI's 任务清单.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(string code, int unitId, int? year, CancellationToken ct)
    {
        var tasks = await LoadAsync(code, unitId, year, ct);
        if (tasks is null)
        {
            return NotFound();
        }

        var rows = tasks.Tasks.Select(t => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["单位"] = tasks.Unit.Name,
            ["角色"] = Browse.Role(t.Role),
            ["部分"] = t.PartTitle,
            ["序号"] = t.Number,
            ["任务内容"] = t.Text,
            ["量化指标"] = string.Join("；", t.Indicators.Select(x => x.Printed)),
            ["完成时限"] = t.Deadline ?? string.Empty,
            ["牵头单位"] = string.Join("、", t.LeadUnits),
        }).ToList();
        var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "任务清单", cancellationToken: ct);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"{tasks.District.Name}{tasks.Plan.Year}年-{tasks.Unit.Name}-任务清单.xlsx");
    }

    private Task<UnitTasks?> LoadAsync(string code, int unitId, int? year, CancellationToken ct) =>
        HttpContext.Actor() is not { } scope
            ? Task.FromResult<UnitTasks?>(null)
            : cache.GetAsync(db, code, unitId, districtId => scope.CanReadUnit(districtId, unitId), ct, year);
}
