using Luoshi.Core.Features.Numbering;

namespace Luoshi.Web.Features.Settings;

/// <summary>
/// 编号设置: the district's number series (督查通报, 督办单 and any kind the office adds), each with its 代字 and the number the
/// next document will get this year. The district's office (and Admin) only; anyone else gets 404.
/// </summary>
public sealed class NumbersModel(LuoshiDb db, NumberingService numbering, TimeProvider clock) : PageModel
{
    public DistrictInfo? District { get; private set; }

    public IReadOnlyList<SeriesView> Series { get; private set; } = [];

    public int Year { get; private set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string? district, CancellationToken ct)
    {
        if (await FindAsync(district, ct) is null)
        {
            return NotFound();
        }

        await BuildAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string? district, string? kind, string? name, string? prefix, int version, CancellationToken ct)
    {
        if (await FindAsync(district, ct) is not { } d)
        {
            return NotFound();
        }

        var r = await numbering.SaveAsync(d.Id, kind ?? "", name, prefix, version, HttpContext.Actor()!, ct);
        if (!r.Ok)
        {
            db.ChangeTracker.Clear();
            Error = r.Failure!.Message;
            await BuildAsync(ct);
            return Page();
        }

        Message = $"已保存“{r.Value!.Name}”的编号设置。";
        return LocalRedirect("/Settings/Numbers?district=" + Uri.EscapeDataString(d.Code));
    }

    private async Task<DistrictInfo?> FindAsync(string? code, CancellationToken ct) =>
        District = await SupervisionDistrict.SupervisedAsync(db, HttpContext.Actor(), code, ct);

    private async Task BuildAsync(CancellationToken ct)
    {
        Year = DistrictClock.Today(clock).Year;
        Series = await numbering.SeriesAsync(District!.Id, Year, ct);
    }
}
