namespace Luoshi.Core.Features.Work;

/// <summary>
/// The per-filing limit of evidence files, kept by <see cref="Filing.EvidenceCount"/>: an attach raises it with a conditional
/// UPDATE (<c>WHERE EvidenceCount &lt; max</c>) in the transaction that stores the file, so parallel uploads never pass the
/// limit (the database serialises the updates of the one row); a detach lowers it in the transaction that removes the file.
/// </summary>
public static class EvidenceLimit
{
    /// <summary>Saves the pending changes (the new evidence) if the filing has room; false (nothing saved, the changes left to the caller) if not.</summary>
    public static async Task<bool> SaveAttachAsync(LuoshiDb db, int filingId, int districtId, int max, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            int taken = await db.Filings.Where(f => f.Id == filingId && f.EvidenceCount < max)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.EvidenceCount, f => f.EvidenceCount + 1), ct);
            if (taken == 0)
            {
                await tx.RollbackAsync(ct);
                return false;
            }

            await db.SaveChangesAsync(ct);
            await DistrictRevision.BumpAsync(db, districtId, ct);
            await tx.CommitAsync(ct);
            return true;
        });
    }

    /// <summary>Saves the pending changes (the removed evidence) and lowers the count, together.</summary>
    public static async Task SaveDetachAsync(LuoshiDb db, int filingId, int districtId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await db.Filings.Where(f => f.Id == filingId && f.EvidenceCount > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.EvidenceCount, f => f.EvidenceCount - 1), ct);
            await DistrictRevision.BumpAsync(db, districtId, ct);
            await tx.CommitAsync(ct);
        });
    }
}

/// <summary>Evidence file names as stored and shown: the last part of the path (after '/' or '\'), without control or invisible format characters (such as U+202E, which reverses the text), trimmed, at most 200 characters.</summary>
public static class EvidenceNames
{
    public const int MaxLength = 200;

    public static string Clean(string? fileName, string fallbackExtension)
    {
        string name = fileName ?? string.Empty;
        int cut = name.LastIndexOfAny(['/', '\\']);
        if (cut >= 0)
        {
            name = name[(cut + 1)..];
        }

        var kept = new System.Text.StringBuilder(name.Length);
        foreach (char c in name)
        {
            var category = char.GetUnicodeCategory(c);
            if (!char.IsControl(c) && category is not (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator
                or System.Globalization.UnicodeCategory.ParagraphSeparator))
            {
                kept.Append(c);
            }
        }

        name = kept.ToString().Trim().TrimStart('.').Trim();
        return name.Length is > 0 and <= MaxLength ? name : "佐证材料" + fallbackExtension;
    }
}
