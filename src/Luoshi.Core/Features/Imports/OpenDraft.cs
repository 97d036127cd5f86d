namespace Luoshi.Core.Features.Imports;

/// <summary>The one check before any change to a draft: it exists in this district, is still a draft, and nobody saved it since the caller read it.</summary>
internal static class OpenDraft
{
    public static async Task<Outcome<ImportDraft>> LoadAsync(
        LuoshiDb db, int draftId, int districtId, int expectedVersion, string closedMessage, string conflictMessage, CancellationToken ct)
    {
        var draft = await db.ImportDrafts.FirstOrDefaultAsync(d => d.Id == draftId && d.DistrictId == districtId, ct);
        if (draft is null)
        {
            return new Failure(FailureKind.NotFound, "找不到该导入草稿。");
        }

        if (draft.Status != DraftStatus.Draft)
        {
            return new Failure(FailureKind.NotAllowed, closedMessage);
        }

        if (draft.Version != expectedVersion)
        {
            return new Failure(FailureKind.Conflict, conflictMessage);
        }

        return draft;
    }
}
