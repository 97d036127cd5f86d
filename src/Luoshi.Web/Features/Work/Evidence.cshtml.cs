using Luoshi.Core.Data;
using Luoshi.Core.Features.Reports;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Features.Work;

/// <summary>Downloads an evidence file, for whoever may see its filing (404 for anyone else); always as an attachment, never shown inline.</summary>
public sealed class EvidenceModel(LuoshiDb db, FilingService filings) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (HttpContext.Actor() is not { } scope)
        {
            return NotFound();
        }

        var e = await (from x in db.Evidence.AsNoTracking()
                       join f in db.Filings on x.FilingId equals f.Id
                       where x.Id == id
                       select new { x.FileName, x.ContentType, f.DistrictId, f.UnitId, f.ItemId }).FirstOrDefaultAsync(ct);
        if (e is null || !FilingAccess.MaySee(scope, e.DistrictId, e.UnitId, await filings.LeadUnitsAsync(e.ItemId, ct)))
        {
            return NotFound();
        }

        byte[] content = await db.Evidence.AsNoTracking().Where(x => x.Id == id).Select(x => x.Content).FirstAsync(ct);
        Response.Headers.CacheControl = "private, no-store";
        return File(content, e.ContentType, e.FileName);
    }
}
