using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Luoshi.Web.Features.Inbox;

/// <summary>
/// The unread count on every page's 站内消息 link, kept per person for a few seconds so that a page does not count the
/// person's messages in the database each time it is drawn. On this instance the count is fresh at once: storing an in-app
/// message (<see cref="InboxBadgeInterceptor"/>) and marking messages read (<see cref="InboxQueries"/>) drop what is kept.
/// A message stored or read on another web instance (or in a save whose transaction commits later) shows within <see cref="Lifetime"/>.
/// The counts are kept in the <see cref="RevisionCache"/> at this instance's <see cref="Generation"/>, for <see cref="Lifetime"/> at most.
/// </summary>
public sealed class InboxBadge(RevisionCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    private long _generation;

    /// <summary>Changes whenever in-app messages are stored or read on this instance; a count read before that is not used after it.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string userId, out int count) => cache.TryGet(CacheKinds.InboxBadge, 0, Generation, userId, out count);

    /// <summary>Keeps a count read from the database when the generation was <paramref name="generation"/>.</summary>
    public void Set(string userId, long generation, int count) => cache.Set(CacheKinds.InboxBadge, 0, generation, userId, count, Lifetime);

    /// <summary>In-app messages were stored or marked read: no count kept before is used any more (also one being read right now).</summary>
    public void MessagesChanged() => Interlocked.Increment(ref _generation);
}

/// <summary>Tells the <see cref="InboxBadge"/> when a save stores an in-app message, whichever code stored it.</summary>
public sealed class InboxBadgeInterceptor(InboxBadge badge) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _storing = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Done(eventData);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Done(eventData);
        return ValueTask.FromResult(result);
    }

    private void Note(DbContextEventData e)
    {
        if (e.Context is { } db && db.ChangeTracker.Entries<Notification>().Any(n => n.State == EntityState.Added && n.Entity.Channel == Channel.InApp))
        {
            _storing.AddOrUpdate(db, this);
            badge.MessagesChanged();
        }
    }

    // Again after the commit, so that a count read while the save was under way is not kept either.
    private void Done(DbContextEventData e)
    {
        if (e.Context is { } db && _storing.Remove(db))
        {
            badge.MessagesChanged();
        }
    }
}
