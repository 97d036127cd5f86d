namespace Luoshi.Core.Features.Work;

/// <summary>An evidence file to download: its name, type and content.</summary>
public sealed record EvidenceFile(string FileName, string ContentType, byte[] Content);

/// <summary>Evidence files of a filing: attached (checked for size, for viruses when <see cref="VirusScanner"/> is on, and for type by content) and removed by the unit's clerk while the filing is editable; downloaded by whoever may see the filing.</summary>
public sealed class EvidenceStore(LuoshiDb db, TimeProvider clock, VirusScanner? scanner = null)
{
    /// <summary>The largest evidence file accepted.</summary>
    public const long MaxEvidenceBytes = StoredFiles.MaxBytes;

    /// <summary>The most evidence files on one filing.</summary>
    public const int MaxEvidenceFiles = 20;

    private readonly FilingWrites writes = new(db, clock);
    private readonly StoredFiles files = new(db, clock, scanner);

    /// <summary>
    /// Attaches an evidence file, checked as every stored file is (<see cref="StoredFiles"/>: size, then the virus scan when on, an
    /// infected file refused with an audit entry, then the type by content), and at most <see cref="MaxEvidenceFiles"/> on a filing.
    /// Nothing is stored unless every check passes.
    /// </summary>
    public async Task<Outcome<Evidence>> AttachAsync(int filingId, string fileName, byte[] content, Actor actor, CancellationToken ct = default)
    {
        if (await Years.PlanYears.RefuseIfFilingClosedAsync(db, filingId, ct) is { } closed) return closed;
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(actor);
        var filing = await db.Filings.FirstOrDefaultAsync(f => f.Id == filingId, ct);
        if (filing is null || !FilingAccess.MayWrite(actor, filing))
        {
            return new Failure(FailureKind.NotFound, "找不到该材料，或您无权修改。");
        }

        if (!FilingFlow.Editable(filing.State) || await writes.LockedAsync(filing, ct))
        {
            return new Failure(FailureKind.NotAllowed, $"当前状态（{FilingFlow.Label(filing.State)}）不能添加佐证材料。");
        }

        var accepted = await files.AcceptAsync(new Evidence { FilingId = filingId }, fileName, content, actor,
            new FileOwner(nameof(Filing), filing.Id.ToString(CultureInfo.InvariantCulture), filing.DistrictId), ct);
        if (!accepted.Ok)
        {
            return accepted.Failure!;
        }

        var evidence = accepted.Value!;
        db.Evidence.Add(evidence);
        filing.Events.Add(writes.Event(actor, FilingEventActions.Attach, filing.State, filing.State, evidence.FileName));
        if (!await EvidenceLimit.SaveAttachAsync(db, filingId, filing.DistrictId, MaxEvidenceFiles, ct))
        {
            db.ChangeTracker.Clear();
            return new Failure(FailureKind.Invalid, $"每份材料最多 {MaxEvidenceFiles} 个佐证文件。");
        }

        return evidence;
    }

    public async Task<Outcome<bool>> DetachAsync(int evidenceId, Actor actor, CancellationToken ct = default)
    {
        if (await Years.PlanYears.RefuseIfEvidenceClosedAsync(db, evidenceId, ct) is { } closed) return closed;
        ArgumentNullException.ThrowIfNull(actor);
        var evidence = await db.Evidence.FirstOrDefaultAsync(e => e.Id == evidenceId, ct);
        var filing = evidence is null ? null : await db.Filings.FirstAsync(f => f.Id == evidence.FilingId, ct);
        if (evidence is null || filing is null || !FilingAccess.MayWrite(actor, filing))
        {
            return new Failure(FailureKind.NotFound, "找不到该佐证材料，或您无权修改。");
        }

        if (!FilingFlow.Editable(filing.State) || await writes.LockedAsync(filing, ct))
        {
            return new Failure(FailureKind.NotAllowed, $"当前状态（{FilingFlow.Label(filing.State)}）不能删除佐证材料。");
        }

        db.Evidence.Remove(evidence);
        filing.Events.Add(writes.Event(actor, FilingEventActions.Detach, filing.State, filing.State, evidence.FileName));
        await EvidenceLimit.SaveDetachAsync(db, filing.Id, filing.DistrictId, ct);
        return true;
    }

    /// <summary>The file, or null when it does not exist or <paramref name="actor"/> may not see its filing (the caller answers 404 either way).</summary>
    public async Task<EvidenceFile?> DownloadAsync(int evidenceId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var e = await (from x in db.Evidence.AsNoTracking()
                       join f in db.Filings on x.FilingId equals f.Id
                       where x.Id == evidenceId
                       select new { x.FileName, x.ContentType, f.DistrictId, f.UnitId, f.ItemId }).FirstOrDefaultAsync(ct);
        if (e is null || !FilingAccess.MaySee(actor, e.DistrictId, e.UnitId, await FilingWrites.LeadUnitsAsync(db, e.ItemId, ct)))
        {
            return null;
        }

        byte[] content = await db.Evidence.AsNoTracking().Where(x => x.Id == evidenceId).Select(x => x.Content).FirstAsync(ct);
        return new EvidenceFile(e.FileName, e.ContentType, content);
    }
}
