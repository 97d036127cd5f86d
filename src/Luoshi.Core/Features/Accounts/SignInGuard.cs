namespace Luoshi.Core.Features.Accounts;

/// <summary>
/// Failed sign-ins of one user name (as typed, normalised; known or not) from one client address, and the lock they earned.
/// Keyed by both, so that failures from one address never lock the account for anyone else (an attacker cannot lock out the
/// administrator at will).
/// </summary>
public sealed class SignInFailure
{
    public long Id { get; set; }

    /// <summary>The user name as Identity normalises it, whether or not such an account exists.</summary>
    public required string UserKey { get; set; }

    /// <summary>The client address the failures came from.</summary>
    public required string Client { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }

    /// <summary>Until when sign-ins of this name from this address are refused without looking at the password.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> b)
    {
        b.Property(x => x.UserKey).HasMaxLength(SignInGuard.MaxKeyLength);
        b.Property(x => x.Client).HasMaxLength(64);
        b.HasIndex(x => new { x.UserKey, x.Client }).IsUnique();
    }
}

/// <summary>
/// Progressive delays per (user name, client address), for known and unknown names alike (so the answer never tells
/// whether a name exists): the <see cref="Threshold"/>th failure in a row locks the pair for one minute, and every failure
/// after that doubles the lock, up to <see cref="MaxLock"/>. A success clears the pair; failures older than
/// <see cref="Forget"/> are forgotten; the security admin's unlock clears every pair of the name. Identity's own lockout is
/// not used (it would lock the account for everyone). Throttling per client address is the rate limiter's (web).
/// </summary>
public sealed class SignInGuard(LuoshiDb db, TimeProvider clock)
{
    public const int Threshold = 5;
    public const int MaxKeyLength = 256;
    public static readonly TimeSpan MaxLock = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan Forget = TimeSpan.FromHours(24);

    /// <summary>The end of the lock on this name from this client, or null if not locked now.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string userKey, string client, CancellationToken ct = default)
    {
        var (key, from) = Key(userKey, client);
        var until = await db.Set<SignInFailure>().AsNoTracking().Where(f => f.UserKey == key && f.Client == from)
            .Select(f => f.LockedUntil).FirstOrDefaultAsync(ct);
        return until is { } u && u > clock.GetUtcNow() ? u : null;
    }

    /// <summary>Counts a failure; returns the end of the lock it earned, if it earned one.</summary>
    public async Task<DateTimeOffset?> FailedAsync(string userKey, string client, CancellationToken ct = default)
    {
        var (key, from) = Key(userKey, client);
        var now = clock.GetUtcNow();
        var set = db.Set<SignInFailure>();
        for (int attempt = 0; ; attempt++)
        {
            var row = await set.AsNoTracking().Where(f => f.UserKey == key && f.Client == from).FirstOrDefaultAsync(ct);
            if (row is null)
            {
                var added = set.Add(new SignInFailure { UserKey = key, Client = from, Failures = 1, LastFailureAt = now, LockedUntil = Lock(1, now) });
                try
                {
                    await db.SaveChangesAsync(ct);
                    return added.Entity.LockedUntil;
                }
                catch (DbUpdateException) when (attempt == 0)
                {
                    // Another failure of the same pair inserted the row first: count on it.
                    added.State = EntityState.Detached;
                    continue;
                }
            }

            // Forgotten failures start again from one; otherwise one more, atomically (parallel failures each count).
            bool stale = now - row.LastFailureAt > Forget;
            int n = stale
                ? await set.Where(f => f.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, 1).SetProperty(f => f.LastFailureAt, now), ct)
                : await set.Where(f => f.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, f => f.Failures + 1).SetProperty(f => f.LastFailureAt, now), ct);
            if (n == 0 && attempt == 0)
            {
                continue; // cleared meanwhile (a success or an unlock)
            }

            int failures = await set.AsNoTracking().Where(f => f.Id == row.Id).Select(f => f.Failures).FirstOrDefaultAsync(ct);
            var until = Lock(failures, now);
            if (until is not null)
            {
                await set.Where(f => f.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.LockedUntil, until), ct);
            }

            return until;
        }
    }

    /// <summary>A successful sign-in clears the failures of this name from this client.</summary>
    public Task SucceededAsync(string userKey, string client, CancellationToken ct = default)
    {
        var (key, from) = Key(userKey, client);
        return db.Set<SignInFailure>().Where(f => f.UserKey == key && f.Client == from).ExecuteDeleteAsync(ct);
    }

    /// <summary>The security admin's unlock: every client's failures and locks of this name go.</summary>
    public Task<int> ClearAsync(string userKey, CancellationToken ct = default)
    {
        string key = Trim(userKey);
        return db.Set<SignInFailure>().Where(f => f.UserKey == key).ExecuteDeleteAsync(ct);
    }

    /// <summary>The names (normalised) locked now from at least one client, among those given.</summary>
    public async Task<HashSet<string>> LockedNamesAsync(IReadOnlyCollection<string> userKeys, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var keys = userKeys.Select(Trim).ToList();
        var rows = await db.Set<SignInFailure>().AsNoTracking().Where(f => f.LockedUntil != null && keys.Contains(f.UserKey))
            .Select(f => new { f.UserKey, f.LockedUntil }).ToListAsync(ct);
        return rows.Where(r => r.LockedUntil > now).Select(r => r.UserKey).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The lock earned by this many failures in a row: none below the threshold, then 1, 2, 4 … minutes, at most <see cref="MaxLock"/>.</summary>
    public static DateTimeOffset? Lock(int failures, DateTimeOffset now)
    {
        if (failures < Threshold)
        {
            return null;
        }

        int doublings = Math.Min(failures - Threshold, 6);
        var length = TimeSpan.FromMinutes(1 << doublings);
        return now + (length > MaxLock ? MaxLock : length);
    }

    private static (string Key, string Client) Key(string userKey, string client) =>
        (Trim(userKey), string.IsNullOrEmpty(client) ? "-" : client.Length > 64 ? client[..64] : client);

    private static string Trim(string userKey) => userKey.Length > MaxKeyLength ? userKey[..MaxKeyLength] : userKey;
}
