using Org.BouncyCastle.Crypto.Digests;

namespace Luoshi.Core.Features.Audit;

/// <summary>What a verification of the audit chain found: intact, or the first broken link and why (in Chinese).</summary>
public sealed record AuditVerification(bool Intact, long Checked, long Unsealed, long? BrokenSeq, long? BrokenEntryId, string Message);

/// <summary>
/// The audit log as a hash chain (tamper-evident, 等保 安全审计): every entry gets a place (<see cref="AuditEntry.Seq"/>) and
/// the SM3 hash (GB/T 32905) of the previous entry's hash and its own content (<see cref="AuditEntry.Hash"/>); the head
/// (<see cref="AuditSeal"/>) keeps the last place and hash. Entries are written as before (AuditLog, in the transaction of
/// the change they record) and sealed afterwards, in id order, by <see cref="SealAsync"/> (the web's background sealer,
/// the audit page, the CLI): writers never wait on each other, and two sealers cannot both extend the chain (the head is
/// moved by a conditional update; the loser rolls back). An edit, a deletion, a reordering or a cut tail is found by
/// <see cref="VerifyAsync"/>, which names the first broken link.
/// </summary>
public static class AuditChain
{
    public const int HeadId = 1;

    /// <summary>The hash before the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private const int Batch = 500;
    private static readonly SemaphoreSlim OneSealer = new(1, 1);

    /// <summary>SM3 of bytes, as 64 lower-case hex digits.</summary>
    public static string Sm3(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        Span<byte> hash = stackalloc byte[32];
        digest.DoFinal(hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The hash of an entry at its place after the previous hash: every field, length-prefixed, so no two contents read alike.</summary>
    public static string HashOf(string previous, AuditEntry e, long seq)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = new StringBuilder();
        void Field(string? value) => text.Append(value is null ? "-1" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
        Field(previous);
        Field(seq.ToString(CultureInfo.InvariantCulture));
        Field(e.Id.ToString(CultureInfo.InvariantCulture));
        Field(e.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(e.Actor);
        Field(e.Action);
        Field(e.EntityType);
        Field(e.EntityId);
        Field(e.DistrictId?.ToString(CultureInfo.InvariantCulture));
        Field(e.Before);
        Field(e.After);
        return Sm3(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Chains every unsealed entry, in id order; returns how many were sealed. Safe to run from several places at once.</summary>
    public static async Task<int> SealAsync(LuoshiDb db, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        await OneSealer.WaitAsync(ct);
        try
        {
            int total = 0;
            while (true)
            {
                int n = await SealBatchAsync(db, clock, ct);
                if (n <= 0)
                {
                    return total;
                }

                total += n;
            }
        }
        finally
        {
            OneSealer.Release();
        }
    }

    private static async Task<int> SealBatchAsync(LuoshiDb db, TimeProvider clock, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var head = await db.AuditSeals.AsNoTracking().FirstOrDefaultAsync(s => s.Id == HeadId, ct);
            var rows = await db.AuditEntries.AsNoTracking().Where(a => a.Seq == null).OrderBy(a => a.Id).Take(Batch).ToListAsync(ct);
            if (rows.Count == 0)
            {
                await tx.CommitAsync(ct);
                return 0;
            }

            long seq = head?.Seq ?? 0;
            string hash = head?.Hash ?? Genesis;
            var sealedRows = new List<(long Id, long Seq, string Hash)>(rows.Count);
            foreach (var e in rows)
            {
                seq++;
                hash = HashOf(hash, e, seq);
                sealedRows.Add((e.Id, seq, hash));
            }

            // Move the head first: only one sealer moves it from where it was (the other's update finds nothing and rolls back).
            var now = clock.GetUtcNow();
            if (head is null)
            {
                db.AuditSeals.Add(new AuditSeal { Id = HeadId, Seq = seq, Hash = hash, SealedAt = now });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear();
                    await tx.RollbackAsync(ct);
                    return -1;
                }
            }
            else
            {
                long was = head.Seq;
                string wasHash = head.Hash;
                int moved = await db.AuditSeals.Where(s => s.Id == HeadId && s.Seq == was && s.Hash == wasHash)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Seq, seq).SetProperty(x => x.Hash, hash).SetProperty(x => x.SealedAt, now), ct);
                if (moved == 0)
                {
                    await tx.RollbackAsync(ct);
                    return -1;
                }
            }

            foreach (var (id, place, h) in sealedRows)
            {
                await db.AuditEntries.Where(a => a.Id == id && a.Seq == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Seq, place).SetProperty(a => a.Hash, h), ct);
            }

            await tx.CommitAsync(ct);
            return rows.Count;
        });
    }

    /// <summary>Walks the chain from the first place and names the first broken link (a missing place, a changed entry, a cut tail).</summary>
    public static async Task<AuditVerification> VerifyAsync(LuoshiDb db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var head = await db.AuditSeals.AsNoTracking().FirstOrDefaultAsync(s => s.Id == HeadId, ct);
        long unsealed = await db.AuditEntries.AsNoTracking().LongCountAsync(a => a.Seq == null, ct);
        long expected = 1;
        string hash = Genesis;
        long? lastId = null;
        while (true)
        {
            long after = expected - 1;
            var rows = await db.AuditEntries.AsNoTracking().Where(a => a.Seq > after).OrderBy(a => a.Seq).Take(1000).ToListAsync(ct);
            if (rows.Count == 0)
            {
                break;
            }

            foreach (var e in rows)
            {
                if (e.Seq != expected)
                {
                    string where = lastId is long id ? $"编号 {id} 的记录之后" : "链首";
                    return Broken(expected - 1, expected, e.Id, $"第 {expected} 条记录缺失（{where}），记录被删除或顺序被改动。", unsealed);
                }

                string own = HashOf(hash, e, expected);
                if (!string.Equals(own, e.Hash, StringComparison.Ordinal))
                {
                    return Broken(expected - 1, expected, e.Id, $"第 {expected} 条记录（编号 {e.Id}）的内容或顺序与封存时不符，记录被修改、替换或调换。", unsealed);
                }

                hash = own;
                lastId = e.Id;
                expected++;
            }
        }

        long count = expected - 1;
        long sealedTo = head?.Seq ?? 0;
        if (sealedTo != count)
        {
            return sealedTo > count
                ? Broken(count, count + 1, null, $"封存记录有 {sealedTo} 条，链中只有 {count} 条：第 {count + 1} 条起的记录被删除。", unsealed)
                : Broken(count, sealedTo + 1, null, $"链中有 {count} 条，封存记录只到第 {sealedTo} 条：封存头被改动。", unsealed);
        }

        if (count > 0 && !string.Equals(head!.Hash, hash, StringComparison.Ordinal))
        {
            return Broken(count, count, lastId, $"第 {count} 条记录的哈希与封存头不符：记录或封存头被改动。", unsealed);
        }

        return new AuditVerification(true, count, unsealed, null, null,
            unsealed == 0 ? $"审计记录完整：共 {count} 条，逐条核验无误。" : $"审计记录完整：已封存的 {count} 条逐条核验无误，另有 {unsealed} 条尚待封存。");
    }

    private static AuditVerification Broken(long checkedCount, long seq, long? id, string message, long unsealed) =>
        new(false, checkedCount, unsealed, seq, id, message);
}
