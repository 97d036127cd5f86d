namespace Luoshi.Core.Features.Supervision;

/// <summary>
/// A named job that only one holder may run at a time across web instances (the reminder sweep, the sender). Taken with one
/// compare-and-swap UPDATE: the row is read, and if the lease has expired or is already the caller's, it is updated only
/// WHERE Holder and ExpiresAt are still what was read — a second instance that read the same row then updates nothing. (SQLite
/// cannot compare DateTimeOffset values in SQL, so "expired" is decided on the value read; equality it can test.) A lease that
/// does not exist yet is inserted, and the primary key decides between two instances inserting at once.
/// </summary>
public static class Leases
{
    public static async Task<bool> TryTakeAsync(LuoshiDb db, string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var until = now + duration;
        var seen = await db.Leases.AsNoTracking().Where(l => l.Name == name).Select(l => new { l.Holder, l.ExpiresAt }).FirstOrDefaultAsync(ct);
        if (seen is not null)
        {
            if (seen.ExpiresAt >= now && !string.Equals(seen.Holder, holder, StringComparison.Ordinal))
            {
                return false;
            }

            int taken = await db.Leases
                .Where(l => l.Name == name && l.Holder == seen.Holder && l.ExpiresAt == seen.ExpiresAt)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct);
            return taken == 1;
        }

        db.Leases.Add(new Lease { Name = name, Holder = holder, ExpiresAt = until });
        return await DbErrors.TrySaveNewAsync(db, ct); // false: another instance inserted it first
    }

    /// <summary>Gives the lease up (if still held) so that the next run, here or elsewhere, need not wait for it to expire.</summary>
    public static Task<int> ReleaseAsync(LuoshiDb db, string name, string holder, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var past = now - TimeSpan.FromSeconds(1);
        return db.Leases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, past), ct);
    }
}

/// <summary>Tells a unique-key collision (another instance stored the same thing first) from other database errors.</summary>
public static class DbErrors
{
    /// <summary>
    /// Saves what was added; false (and nothing saved) when a unique key says another instance stored the same first. The
    /// context forgets what was added either way, so that it can go on with the next row.
    /// </summary>
    public static async Task<bool> TrySaveNewAsync(LuoshiDb db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public static bool IsUniqueViolation(DbUpdateException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex.InnerException switch
        {
            Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19, // SQLITE_CONSTRAINT (unique, primary key)
            Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
            _ => false,
        };
    }
}
