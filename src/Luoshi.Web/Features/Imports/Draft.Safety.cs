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

    /// <summary>Marks a fragment the reader took for a unit as 不是单位: removed from the items, remembered for the draft.</summary>
    public async Task<IActionResult> OnPostNotUnitAsync(int id, int version, string? printed, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } district)
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(printed))
        {
            return await RefuseAsync(id, "请选择要标记的单位。", ct);
        }

        var r = await imports.EditAsync(id, district, version, Actor, AuditActions.MarkNotUnit, ImportService.NotAUnit(printed), ct);
        return await AfterAsync(r, id, null, $"已将“{printed}”标记为不是单位，并从各项任务的单位中去掉。", ct);
    }

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
