namespace Luoshi.Web.Features.Imports;

/// <summary>
/// The district's imports and the upload form. The request limits are set above the service's limit so that a file somewhat
/// too big still reaches the page and is refused with a message rather than by the server.
/// </summary>
[RequestSizeLimit(ImportService.MaxUploadBytes * 3)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportService.MaxUploadBytes * 3)]
public sealed class IndexModel(LuoshiDb db, ImportService imports) : PageModel
{
    public sealed record DraftRow(int Id, string District, string FileName, DraftStatus Status, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record DistrictOption(int Id, string Name);

    public List<DraftRow> Drafts { get; private set; } = [];

    /// <summary>The districts the user may import for: every district for an admin, their own for the office.</summary>
    public List<DistrictOption> Districts { get; private set; } = [];

    public bool ChoosesDistrict { get; private set; }

    public int? SelectedDistrict { get; private set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        if (scope is null || !scope.RunsPlans)
        {
            return NotFound();
        }

        await LoadAsync(scope, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, int? districtId, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        if (scope is null || !scope.RunsPlans)
        {
            return NotFound();
        }

        int? target = scope.HasEverywhere(Permission.RunPlans) ? districtId : scope.DistrictId;
        SelectedDistrict = target;
        if (target is not int district || !scope.CanRunPlans(district) || !await db.Districts.AnyAsync(d => d.Id == district, ct))
        {
            return await RefuseAsync(scope, "请选择要导入的区。", ct);
        }

        if (file is null || file.Length == 0)
        {
            return await RefuseAsync(scope, file is null ? "请选择要上传的通知文件。" : "文件是空的。请上传通知的正文。", ct);
        }

        // Name and size first, so that a file of the wrong type or too big is never read into memory.
        if (ImportService.CheckUpload(file.FileName, file.Length) is { } refused)
        {
            return await RefuseAsync(scope, refused.Message, ct);
        }

        byte[] content;
        using (var ms = new MemoryStream((int)file.Length))
        {
            await file.CopyToAsync(ms, ct);
            content = ms.ToArray();
        }

        var created = await imports.CreateDraftAsync(district, file.FileName, content, scope.UserName, ct);
        if (!created.Ok)
        {
            return await RefuseAsync(scope, created.Failure!.Message, ct);
        }

        Message = $"已读入“{created.Value!.FileName}”。请核对下面的任务、单位和提示，确认无误后发布。";
        return LocalRedirect("/Imports/" + ImportLabels.Num(created.Value.Id));
    }

    private async Task<IActionResult> RefuseAsync(Actor scope, string message, CancellationToken ct)
    {
        Error = message;
        await LoadAsync(scope, ct);
        return Page();
    }

    private async Task LoadAsync(Actor scope, CancellationToken ct)
    {
        bool admin = scope.HasEverywhere(Permission.RunPlans);
        ChoosesDistrict = admin;
        Districts = await db.Districts.AsNoTracking()
            .Where(d => admin || d.Id == scope.DistrictId)
            .OrderBy(d => d.Id)
            .Select(d => new DistrictOption(d.Id, d.Name))
            .ToListAsync(ct);
        SelectedDistrict ??= scope.DistrictId;
        var names = Districts.ToDictionary(d => d.Id, d => d.Name);
        var rows = await db.ImportDrafts.AsNoTracking()
            .Where(d => admin || d.DistrictId == scope.DistrictId)
            .OrderByDescending(d => d.Id)
            .Take(200)
            .Select(d => new { d.Id, d.DistrictId, d.FileName, d.Status, d.CreatedBy, d.CreatedAt, d.UpdatedAt })
            .ToListAsync(ct);
        Drafts = [.. rows.Select(r => new DraftRow(r.Id, names.GetValueOrDefault(r.DistrictId, string.Empty), r.FileName, r.Status, r.CreatedBy, r.CreatedAt, r.UpdatedAt))];
    }
}
