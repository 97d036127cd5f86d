using Luoshi.Core.Features.Years;
using Luoshi.Web.Features.Settings;

namespace Luoshi.Web.Features.Years;

/// <summary>
/// 年度管理: the district's plan years side by side, for its office: which is current (chosen, or by the calendar), choose
/// another, close a year (read-only afterwards), carry a year's unfinished items into the next plan (结转). Anyone else: 404.
/// </summary>
public sealed class IndexModel(LuoshiDb db, PlanYears years, YearService service, YearQueries snapshots) : PageModel
{
    public DistrictInfo District { get; private set; } = null!;

    public IReadOnlyList<PlanYear> Years { get; private set; } = [];

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string? district, CancellationToken ct) =>
        await BuildAsync(district, ct) ? Page() : NotFound();

    /// <summary>Makes a year current; an empty year goes back to the calendar's choice.</summary>
    public Task<IActionResult> OnPostChooseAsync(string? district, int? year, CancellationToken ct) =>
        ActAsync(district, d => service.ChooseAsync(d.Id, year, HttpContext.Actor()!, ct),
            year is int y ? $"已将{y}年度设为当前年度。" : "已恢复按报送时间自动确定当前年度。", ct);

    /// <summary>The year the office asked to close, with its item counts, for it to confirm (_ConfirmYear); null otherwise.</summary>
    public (PlanYear Year, int Items, int Open)? CloseConfirmation { get; private set; }

    /// <summary>What the 结转 the office asked for would copy, for it to confirm (_ConfirmYear); null otherwise.</summary>
    public CarryOverResult? CarryConfirmation { get; private set; }

    /// <summary>Closes a year when <paramref name="confirm"/> is "yes"; without it shows what closing means (issue 13.4) and changes nothing.</summary>
    public async Task<IActionResult> OnPostCloseAsync(string? district, int year, string? confirm, CancellationToken ct)
    {
        if (confirm == "yes")
        {
            return await ActAsync(district, d => service.CloseAsync(d.Id, year, HttpContext.Actor()!, ct), $"已关闭{year}年度：该年度的材料只能查看。", ct);
        }

        if (!await BuildAsync(district, ct))
        {
            return NotFound();
        }

        var shown = Years.FirstOrDefault(y => y.Year == year);
        if (shown is null || shown.Closed)
        {
            Error = shown is null ? $"本区没有{year}年度的方案。" : $"{year}年度已经关闭。";
            return Page();
        }

        var snapshot = await snapshots.SnapshotAsync(District.Id, ct, year: year);
        var items = snapshot?.Plan.Year == year ? snapshot.Items : [];
        CloseConfirmation = (shown, items.Count, items.Count(i => i.Status.State != ItemState.Done));
        return Page();
    }

    /// <summary>结转 when <paramref name="confirm"/> is "yes"; without it shows the items it would copy (issue 13.4) and copies nothing.</summary>
    public async Task<IActionResult> OnPostCarryAsync(string? district, int year, string? confirm, CancellationToken ct)
    {
        if (!await BuildAsync(district, ct))
        {
            return NotFound();
        }

        if (confirm != "yes")
        {
            var preview = await service.PreviewCarryOverAsync(District.Id, year, null, HttpContext.Actor()!, ct);
            if (preview.Ok)
            {
                CarryConfirmation = preview.Value;
            }
            else
            {
                Error = preview.Failure!.Message;
            }

            return Page();
        }

        var r = await service.CarryOverAsync(District.Id, year, null, HttpContext.Actor()!, ct);
        if (!r.Ok)
        {
            Error = r.Failure!.Message;
            return Page();
        }

        Message = $"已将{year}年度未完成的 {r.Value!.Numbers.Count} 项事项结转到{r.Value.ToYear}年度（“{r.Value.PartTitle}”）。";
        return Redirect("/Years?district=" + District.Code);
    }

    private async Task<IActionResult> ActAsync<T>(string? district, Func<DistrictInfo, Task<Outcome<T>>> act, string done, CancellationToken ct)
    {
        if (!await BuildAsync(district, ct))
        {
            return NotFound();
        }

        var r = await act(District);
        if (!r.Ok)
        {
            Error = r.Failure!.Message;
            await BuildAsync(district, ct);
            return Page();
        }

        Message = done;
        return Redirect("/Years?district=" + District.Code);
    }

    private async Task<IActionResult> RefuseAsync(string? district, string message, CancellationToken ct)
    {
        if (!await BuildAsync(district, ct))
        {
            return NotFound();
        }

        Error = message;
        return Page();
    }

    private async Task<bool> BuildAsync(string? code, CancellationToken ct)
    {
        if (HttpContext.Actor() is not { } scope || await SupervisionDistrict.ResolveAsync(db, scope, code, ct) is not { } d || !scope.CanSupervise(d.Id))
        {
            return false;
        }

        District = d;
        Years = await years.ListAsync(d.Id, ct);
        return true;
    }
}
