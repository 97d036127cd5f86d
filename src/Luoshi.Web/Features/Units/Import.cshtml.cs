namespace Luoshi.Web.Features.Units;

/// <summary>导入单位名录: an .xlsx as the export writes it, every row checked; with any error every error is listed by row and nothing is stored.</summary>
[RequestSizeLimit(UnitService.MaxBytes + (64 * 1024))]
public sealed class ImportModel(LuoshiDb db, UnitService units) : PageModel
{
    public District District { get; private set; } = null!;

    public string? Error { get; private set; }

    public IReadOnlyList<RowError> RowErrors { get; private set; } = [];

    public string? FileName { get; private set; }

    public CatalogueImport? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? district, CancellationToken ct) =>
        await LoadAsync(district, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? district, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(district, ct))
        {
            return NotFound();
        }

        if (file is null || file.Length == 0)
        {
            Error = "请选择单位名录文件（.xlsx）。";
            return Page();
        }

        if (file.Length > UnitService.MaxBytes)
        {
            Error = "文件超过 5 MB。";
            return Page();
        }

        FileName = Path.GetFileName(file.FileName);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var result = await units.ImportAsync(HttpContext.Actor()!, District.Id, file.FileName, buffer.ToArray(), ct);
        if (result.Failure?.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }

        if (!result.Ok)
        {
            Error = result.Failure!.Message;
        }
        else if (!result.Value!.Ok)
        {
            RowErrors = result.Value.Errors;
        }
        else
        {
            Done = result.Value;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string? district, CancellationToken ct)
    {
        var d = await UnitPages.DistrictAsync(db, HttpContext.Actor(), district, ct);
        if (d is null)
        {
            return false;
        }

        District = d;
        return true;
    }
}
