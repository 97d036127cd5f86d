using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Core.Features.Supervision;

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

/// <summary>Who holds a job across web instances (the reminder sweep runs in one instance at a time).</summary>
public sealed class Lease
{
    public required string Name { get; set; }

    public required string Holder { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>Where a supervision order stands.</summary>
public enum OrderState
{
    Issued,
    Replied,
    Closed,
}

/// <summary>A supervision order (督办单) to a unit, with a reply deadline.</summary>
public sealed class SupervisionOrder
{
    public int Id { get; set; }

    public int DistrictId { get; set; }

    public int UnitId { get; set; }

    public int? ItemId { get; set; }

    /// <summary>e.g. 督办〔2026〕3号.</summary>
    public required string Number { get; set; }

    public required string Subject { get; set; }

    public required string Requirement { get; set; }

    public DateOnly ReplyBy { get; set; }

    public OrderState State { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public required string IssuedBy { get; set; }

    public string? Reply { get; set; }

    public DateTimeOffset? RepliedAt { get; set; }

    public string? RepliedBy { get; set; }

    public int Version { get; set; }
}

/// <summary>Where a circular stands: edited until issued, then fixed.</summary>
public enum CircularState
{
    Draft,
    Issued,
}

/// <summary>A quarterly circular (通报), generated from the data and edited by the office before it is issued.</summary>
public sealed class Circular
{
    public int Id { get; set; }

    public int DistrictId { get; set; }

    public int PlanId { get; set; }

    public ReportPeriod Period { get; set; }

    public string? DocNumber { get; set; }

    public required string Title { get; set; }

    public string? Addressee { get; set; }

    /// <summary>The text as edited (headings 一、, （一）, tables as lines with '|').</summary>
    public required string Body { get; set; }

    /// <summary>JSON list of the units named as late when the draft was generated.</summary>
    public string LateUnits { get; set; } = "[]";

    public DateOnly AsOf { get; set; }

    public CircularState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? IssuedAt { get; set; }

    public string? IssuedBy { get; set; }

    public int Version { get; set; }
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

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> b)
    {
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.Holder).HasMaxLength(128);
    }
}

internal sealed class SupervisionOrderConfiguration : IEntityTypeConfiguration<SupervisionOrder>
{
    public void Configure(EntityTypeBuilder<SupervisionOrder> b)
    {
        b.Property(x => x.Number).HasMaxLength(64);
        b.Property(x => x.Subject).HasMaxLength(512);
        b.Property(x => x.Requirement).HasMaxLength(8000);
        b.Property(x => x.Reply).HasMaxLength(8000);
        b.Property(x => x.IssuedBy).HasMaxLength(128);
        b.Property(x => x.RepliedBy).HasMaxLength(128);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.DistrictId, x.UnitId });
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Plans.PlanItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CircularConfiguration : IEntityTypeConfiguration<Circular>
{
    public void Configure(EntityTypeBuilder<Circular> b)
    {
        b.Property(x => x.Period).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.DocNumber).HasMaxLength(64);
        b.Property(x => x.Title).HasMaxLength(512);
        b.Property(x => x.Addressee).HasMaxLength(256);
        b.Property(x => x.Body).HasMaxLength(64000);
        b.Property(x => x.LateUnits).HasMaxLength(8000);
        b.Property(x => x.CreatedBy).HasMaxLength(128);
        b.Property(x => x.IssuedBy).HasMaxLength(128);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.PlanId, x.Period });
        b.HasOne<Plans.Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
