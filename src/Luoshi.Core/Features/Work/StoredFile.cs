namespace Luoshi.Core.Features.Work;

/// <summary>
/// A file Luoshi stores (a filing's <see cref="Evidence"/>, an order reply's <see cref="Orders.OrderAttachment"/>): its name and
/// type as checked, size, SHA-256, content, and who uploaded it when. Each kind keeps its own table (the owner's key is the
/// subclass's); <see cref="StoredFiles"/> is the one way a file gets in.
/// </summary>
public abstract class StoredFile
{
    public int Id { get; set; }

    public string FileName { get; set; } = string.Empty;

    public string ContentType { get; set; } = string.Empty;

    public long Size { get; set; }

    public string Sha256 { get; set; } = string.Empty;

    public byte[] Content { get; set; } = [];

    public DateTimeOffset UploadedAt { get; set; }

    public string UploadedBy { get; set; } = string.Empty;
}

/// <summary>The columns every stored file's table maps the same way.</summary>
internal static class StoredFileMapping
{
    public static void Map<T>(EntityTypeBuilder<T> b)
        where T : StoredFile
    {
        b.Property(x => x.FileName).HasMaxLength(256);
        b.Property(x => x.ContentType).HasMaxLength(128);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.UploadedBy).HasMaxLength(128);
    }
}

/// <summary>Whose file an upload is, for the audit entry of a refused one: the owner's entity type and id, its district.</summary>
public sealed record FileOwner(string EntityType, string EntityId, int DistrictId);

/// <summary>
/// The checks of every upload Luoshi stores, in this order: size (<see cref="MaxBytes"/>, not empty), then the virus scan when
/// <see cref="VirusScanner"/> is on (an infected file is refused with an audit entry naming the owner, the file, the signature,
/// size and hash; a scanner that cannot answer refuses every file), then the type by content (<see cref="EvidenceTypes"/>);
/// then the row is filled (name cleaned by <see cref="EvidenceNames"/>, hash, who and when). Nothing is stored here but the
/// audit entry of an infected file: the caller adds the row and saves it with its own limits and events.
/// </summary>
internal sealed class StoredFiles(LuoshiDb db, TimeProvider clock, VirusScanner? scanner)
{
    /// <summary>The largest file accepted.</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary><paramref name="row"/> filled from the upload when it passes every check, else the refusal.</summary>
    public async Task<Outcome<T>> AcceptAsync<T>(T row, string fileName, byte[] content, Actor actor, FileOwner owner, CancellationToken ct)
        where T : StoredFile
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(owner);
        if (EvidenceTypes.CheckSize(content, MaxBytes) is { } size)
        {
            return size;
        }

        // Scanned before the type check, so that an infected file is refused (and audited) as infected whatever its name.
        if (await (scanner ?? VirusScanner.Off).RefuseAsync(content, signature => RecordInfectedAsync(owner, fileName, content, signature, actor, ct), ct) is { } infected)
        {
            return infected;
        }

        var kind = EvidenceTypes.Check(fileName, content, MaxBytes);
        if (!kind.Ok)
        {
            return kind.Failure!;
        }

        row.FileName = EvidenceNames.Clean(fileName, kind.Value!.Extension);
        row.ContentType = kind.Value!.ContentType;
        row.Size = content.LongLength;
        row.Sha256 = Hash(content);
        row.Content = content;
        row.UploadedAt = clock.GetUtcNow();
        row.UploadedBy = actor.UserName;
        return row;
    }

    private async Task RecordInfectedAsync(FileOwner owner, string fileName, byte[] content, string signature, Actor actor, CancellationToken ct)
    {
        AuditLog.Record(db, clock, actor.UserName, AuditActions.RefuseInfectedUpload, owner.EntityType, owner.EntityId, owner.DistrictId,
            after: new { FileName = EvidenceNames.Clean(fileName, string.Empty), Signature = signature, Size = content.LongLength, Sha256 = Hash(content) });
        await db.SaveChangesAsync(ct);
    }

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
