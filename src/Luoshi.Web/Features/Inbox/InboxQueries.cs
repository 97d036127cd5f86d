namespace Luoshi.Web.Features.Inbox;

/// <summary>One in-app message as the inbox lists it; <paramref name="Link"/> is the page it is about (a circular, an order), if any.</summary>
public sealed record InboxMessage(long Id, string Kind, string Subject, string Body, DateTimeOffset CreatedAt, bool Read, string? Link = null)
{
    /// <summary>The page a message is about, from its kind and key ("circular:12:user" → /Circulars/Edit/12).</summary>
    public static string? LinkOf(string kind, string key)
    {
        string[] parts = key.Split(':');
        if (parts.Length < 2 || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int id))
        {
            return null;
        }

        return kind switch
        {
            NotificationKinds.Circular when parts[0] == "circular" => "/Circulars/Edit/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            NotificationKinds.Order when parts[0] == "order" => "/Orders/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}

/// <summary>The signed-in person's in-app notifications: theirs only, found by the account id in their sign-in cookie.</summary>
public sealed class InboxQueries(LuoshiDb db, TimeProvider clock, InboxBadge badge)
{
    public const int PageSize = 100;

    public static string? UserId(ClaimsPrincipal user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    /// <summary>The person's unread in-app messages, as the layout's badge shows them (kept a few seconds: <see cref="InboxBadge"/>).</summary>
    public async Task<int> UnreadAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (UserId(user) is not { } id)
        {
            return 0;
        }

        if (badge.TryGet(id, out int kept))
        {
            return kept;
        }

        long generation = badge.Generation;
        int count = await Mine(id).CountAsync(n => n.ReadAt == null, ct);
        badge.Set(id, generation, count);
        return count;
    }

    public async Task<IReadOnlyList<InboxMessage>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (UserId(user) is not { } id)
        {
            return [];
        }

        // Newest first: ids grow with time (SQLite cannot order by a DateTimeOffset column).
        var rows = await Mine(id).OrderByDescending(n => n.Id).Take(PageSize)
            .Select(n => new { n.Id, n.Kind, n.Key, n.Subject, n.Body, n.CreatedAt, Read = n.ReadAt != null })
            .ToListAsync(ct);
        return [.. rows.Select(n => new InboxMessage(n.Id, n.Kind, n.Subject, n.Body, n.CreatedAt, n.Read, InboxMessage.LinkOf(n.Kind, n.Key)))];
    }

    /// <summary>Marks one of the person's messages (or all when <paramref name="id"/> is null) read; someone else's id matches nothing.</summary>
    public async Task<int> MarkReadAsync(ClaimsPrincipal user, long? id, CancellationToken ct = default)
    {
        if (UserId(user) is not { } me)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var query = Mine(me).Where(n => n.ReadAt == null);
        if (id is long one)
        {
            query = query.Where(n => n.Id == one);
        }

        int read = await query.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        badge.MessagesChanged();
        return read;
    }

    private IQueryable<Notification> Mine(string userId) =>
        db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.Channel == Channel.InApp);
}
