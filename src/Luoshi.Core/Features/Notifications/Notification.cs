namespace Luoshi.Core.Features.Notifications;

/// <summary>How a notification travels.</summary>
public enum Channel
{
    InApp,
    Email,
    Webhook,
}

/// <summary>A reminder or message sent (or to be sent) to a person; also the in-app inbox.</summary>
public sealed class Notification
{
    public long Id { get; set; }

    public int DistrictId { get; set; }

    /// <summary>The recipient's account; null for a webhook message to a group.</summary>
    public string? UserId { get; set; }

    public int? UnitId { get; set; }

    public Channel Channel { get; set; }

    /// <summary>before-due, overdue, order, circular …</summary>
    public required string Kind { get; set; }

    /// <summary>Clerk, Head, Leader, Office.</summary>
    public string? Level { get; set; }

    /// <summary>Idempotency key: the same reminder is never sent twice on one channel.</summary>
    public required string Key { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The day (in the district's calendar) the reminder is for; counts towards the nudge cap.</summary>
    public DateOnly ForDate { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? Error { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(x => x.UserId).HasMaxLength(64);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Kind).HasMaxLength(32);
        b.Property(x => x.Level).HasMaxLength(16);
        b.Property(x => x.Key).HasMaxLength(256);
        b.Property(x => x.Subject).HasMaxLength(256);
        b.Property(x => x.Body).HasMaxLength(8000);
        b.Property(x => x.Error).HasMaxLength(1000);
        b.HasIndex(x => new { x.Channel, x.Key }).IsUnique();
        b.HasIndex(x => new { x.UserId, x.ForDate });
        b.HasIndex(x => new { x.DistrictId, x.CreatedAt });
        b.HasIndex(x => new { x.SentAt, x.Channel });
    }
}
