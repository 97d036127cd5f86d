using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Core.Features.Orders;

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
