namespace Luoshi.Web.Features.Work;

/// <summary>Downloads an evidence file, for whoever may see its filing (404 for anyone else); always as an attachment, never shown inline.</summary>
public sealed class EvidenceModel(EvidenceStore evidence) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (HttpContext.Actor() is not { } scope || await evidence.DownloadAsync(id, scope, ct) is not { } file)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(file.Content, file.ContentType, file.FileName);
    }
}
