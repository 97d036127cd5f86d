using Luoshi.Web.Features.Inbox;

namespace Luoshi.Web.Features.Circulars;

/// <summary>
/// One circular: the office edits the draft text, confirms the summary and issues it (delivered to the units it names and
/// the office), then sees who has read it; everyone who reads the district's plan downloads it as Word or PDF; a unit sees
/// only an issued circular delivered to it, and opening it marks its message read.
/// </summary>
public sealed class EditModel(LuoshiDb db, CircularService circulars, PdfConverter pdf, TimeProvider clock, RevisionCache cache, InboxBadge badge) : PageModel
{
    public Circular Circular { get; private set; } = null!;

    public string DistrictCode { get; private set; } = string.Empty;

    public string DistrictName { get; private set; } = string.Empty;

    public IReadOnlyList<string> LateUnits { get; private set; } = [];

    public IReadOnlyList<DocBlock> Preview { get; private set; } = [];

    public bool CanWrite { get; private set; }

    /// <summary>Before issuing: the number, the units it goes to, how many people (office, draft only).</summary>
    public IssueSummary? Summary { get; private set; }

    /// <summary>After issuing: per named unit, read or not (office only).</summary>
    public IReadOnlyList<ReadReceipt> Receipts { get; private set; } = [];

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        // Opening the circular is the read receipt: the person's own message of it is marked read.
        if (Circular.State == CircularState.Issued && InboxQueries.UserId(User) is { } me && await circulars.MarkReadAsync(id, me, ct) > 0)
        {
            badge.MessagesChanged();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, int version, string? title, string? docNumber, string? addressee, string? copyTo, string? body, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !CanWrite)
        {
            return NotFound();
        }

        var saved = await circulars.SaveAsync(id, version, title ?? string.Empty, docNumber, addressee, body ?? string.Empty, HttpContext.Actor()!, ct, copyTo);
        if (!saved.Ok)
        {
            return Refused(saved.Failure!, title, docNumber, addressee, copyTo, body);
        }

        Message = "已保存。";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostIssueAsync(int id, int version, bool confirm, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !CanWrite)
        {
            return NotFound();
        }

        var issued = await circulars.IssueAsync(id, version, HttpContext.Actor()!, confirm, ct);
        if (!issued.Ok)
        {
            Error = issued.Failure!.Message;
            return Page();
        }

        Message = "通报已印发，并已送达通报点到的单位和本区督查室。";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnGetDocxAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        byte[] docx = OfficialDocumentWriter.WriteDocx(await circulars.DocumentAsync(Circular, ct));
        return File(docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileName("docx"));
    }

    public async Task<IActionResult> OnGetPdfAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        // Converting takes LibreOffice seconds; a circular's version fixes its content (and its date once issued).
        var key = (Circular.Id, Circular.State == CircularState.Issued ? default : Today());
        if (!cache.TryGet(CacheKinds.CircularPdf, Circular.DistrictId, Circular.Version, key, out byte[] bytes))
        {
            byte[] docx = OfficialDocumentWriter.WriteDocx(await circulars.DocumentAsync(Circular, ct));
            var made = await pdf.ConvertDocxToPdfAsync(docx, ct);
            if (!made.Ok)
            {
                Error = made.Failure!.Message;
                return Page();
            }

            bytes = made.Value!;
            cache.Set(CacheKinds.CircularPdf, Circular.DistrictId, Circular.Version, key, bytes, size: 32);
        }

        return File(bytes, "application/pdf", FileName("pdf"));
    }

    private DateOnly Today() => DistrictClock.Today(clock);

    private string FileName(string ext) => $"{(Circular.State == CircularState.Draft ? "【草稿】" : string.Empty)}{Circular.Title}.{ext}";

    private IActionResult Refused(Failure failure, string? title, string? docNumber, string? addressee, string? copyTo, string? body)
    {
        // Keep what the person typed on the page: a refused save loses nothing.
        Error = failure.Message;
        Circular.Title = title ?? string.Empty;
        Circular.DocNumber = docNumber;
        Circular.Addressee = addressee;
        Circular.CopyTo = copyTo;
        Circular.Body = body ?? string.Empty;
        Preview = OfficialDocumentText.Parse(Circular.Body);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        var c = await db.Circulars.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (scope is null || c is null)
        {
            return false;
        }

        // A unit sees only an issued circular delivered to it; the office, leaders and city readers see all of the district's.
        bool delivered = !scope.CanReadWholePlan(c.DistrictId) && scope.UnitId is int unit && scope.CanReadUnit(c.DistrictId, unit)
            && c.State == CircularState.Issued && await circulars.DeliveredToAsync(c.Id, unit, ct);
        if (!scope.CanReadWholePlan(c.DistrictId) && !delivered)
        {
            return false;
        }

        Circular = c;
        CanWrite = scope.CanSupervise(c.DistrictId) && c.State == CircularState.Draft;
        if (CanWrite)
        {
            Summary = await circulars.SummaryAsync(c, ct);
        }
        else if (scope.CanSupervise(c.DistrictId) && c.State == CircularState.Issued)
        {
            Receipts = await circulars.ReceiptsAsync(c, ct);
        }

        var d = await db.Districts.AsNoTracking().Where(x => x.Id == c.DistrictId).Select(x => new { x.Code, x.Name }).FirstAsync(ct);
        DistrictCode = d.Code;
        DistrictName = d.Name;
        LateUnits = JsonSerializer.Deserialize<List<string>>(c.LateUnits) ?? [];
        Preview = OfficialDocumentText.Parse(c.Body);
        return true;
    }
}
