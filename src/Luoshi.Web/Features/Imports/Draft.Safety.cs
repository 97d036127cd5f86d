using Luoshi.Core.Features.Imports;
using Microsoft.AspNetCore.Mvc;

namespace Luoshi.Web.Features.Imports;

// Issue 10.6 (import safety): the notice's origin checked against the district, and the summary the office confirms
// before a publish. Kept apart from the other handlers of the draft page; the page's sections are marked "issue 10.6".
public sealed partial class DraftModel
{
    /// <summary>Why the notice seems to come from another government than the draft's district (NoticeOrigin), or null.</summary>
    public string? OriginFlag { get; private set; }

    /// <summary>What the publish the office asked for would do, shown for it to confirm; null unless a publish awaits confirmation.</summary>
    public PublishSummary? Confirmation { get; private set; }

    /// <summary>Whether the publish awaiting confirmation overrides the origin flag (carried into the confirming form).</summary>
    public bool ConfirmOverride { get; private set; }

    /// <summary>The publish POST without its confirm field: the same checks as publishing, then the summary; nothing is changed.</summary>
    private async Task<IActionResult> ConfirmPublishAsync(int id, int district, int version, bool overrideOrigin, CancellationToken ct)
    {
        var summary = await publisher.SummaryAsync(id, district, version, overrideOrigin, ct);
        db.ChangeTracker.Clear();
        if (!summary.Ok)
        {
            return await RefuseAsync(id, summary.Failure!.Message, ct);
        }

        Confirmation = summary.Value;
        ConfirmOverride = overrideOrigin;
        await BuildAsync(id, ct);
        return Page();
    }
}
