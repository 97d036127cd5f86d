using System.Text;

namespace Luoshi.Web.Features.Accounts;

/// <summary>
/// 按名单批量开通: a roster file (.xlsx or .csv) is checked row by row; with any error every error is listed by row and
/// nothing is stored; with none, all its accounts are created in one transaction and their 通知单 shown (once).
/// </summary>
[RequestSizeLimit(RosterFile.MaxBytes + (64 * 1024))]
public sealed class RosterModel(LuoshiDb db, AccountService accounts, TimeProvider clock) : PageModel
{
    public District? District { get; private set; }

    public List<District> Districts { get; private set; } = [];

    public string? Error { get; private set; }

    public IReadOnlyList<RowError> RowErrors { get; private set; } = [];

    public int RowCount { get; private set; }

    public string? FileName { get; private set; }

    public NoticeSheet? Sheet { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? district, CancellationToken ct) =>
        await LoadAsync(district, ct) is not null ? Page() : NotFound();

    /// <summary>A blank roster with the header and two example rows, as .csv (UTF-8 with BOM, so that Excel reads the Chinese).</summary>
    public async Task<IActionResult> OnGetTemplateAsync(string? district, CancellationToken ct)
    {
        if (await LoadAsync(district, ct) is null)
        {
            return NotFound();
        }

        const string csv = "单位,姓名,用户名,角色,手机,邮箱\r\n区发展和改革局,张三,example.fgj.clerk,填报人,13800000000,zhangsan@example.gov.cn\r\n区发展和改革局,李四,example.fgj.head,单位负责人,,\r\n";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", "账号名单模板.csv");
    }

    public async Task<IActionResult> OnPostAsync(string? district, IFormFile? file, CancellationToken ct)
    {
        var actor = await LoadAsync(district, ct);
        if (actor is null)
        {
            return NotFound();
        }

        if (District is null)
        {
            Error = "请先选择区。";
            return Page();
        }

        if (file is null || file.Length == 0)
        {
            Error = "请选择名单文件（.xlsx 或 .csv）。";
            return Page();
        }

        if (file.Length > RosterFile.MaxBytes)
        {
            Error = "文件超过 5 MB。";
            return Page();
        }

        FileName = Path.GetFileName(file.FileName);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var rows = RosterFile.Read(file.FileName, buffer.ToArray());
        if (!rows.Ok)
        {
            Error = rows.Failure!.Message;
            return Page();
        }

        RowCount = rows.Value!.Count;
        var outcome = await accounts.CreateAsync(actor, District.Id, rows.Value, ct);
        if (!outcome.Ok)
        {
            return NotFound();
        }

        if (!outcome.Value!.Ok)
        {
            RowErrors = outcome.Value.Errors;
            return Page();
        }

        Response.Headers.CacheControl = "no-store";
        Sheet = new NoticeSheet("账号开通通知单", outcome.Value.Created, $"{Request.Scheme}://{Request.Host}/Account/Login", clock.GetUtcNow(), actor.DisplayName);
        return Page();
    }

    private async Task<Actor?> LoadAsync(string? district, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        var d = await AccountPages.DistrictAsync(db, scope, district, ct);
        if (!d.Ok)
        {
            return null;
        }

        District = d.Value;
        Districts = await AccountPages.ChoicesAsync(db, scope!, ct);
        return scope;
    }
}
