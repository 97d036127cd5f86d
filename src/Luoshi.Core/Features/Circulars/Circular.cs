namespace Luoshi.Core.Features.Circulars;

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

    /// <summary>抄送机关 of the 版记, e.g. "区委办公室，区人大常委会办公室，区政协办公室。"; none when empty.</summary>
    public string? CopyTo { get; set; }

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

internal sealed class CircularConfiguration : IEntityTypeConfiguration<Circular>
{
    public void Configure(EntityTypeBuilder<Circular> b)
    {
        b.Property(x => x.Period).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.DocNumber).HasMaxLength(64);
        b.Property(x => x.Title).HasMaxLength(512);
        b.Property(x => x.Addressee).HasMaxLength(256);
        b.Property(x => x.CopyTo).HasMaxLength(512);
        b.Property(x => x.Body).HasMaxLength(64000);
        b.Property(x => x.LateUnits).HasMaxLength(8000);
        b.Property(x => x.CreatedBy).HasMaxLength(128);
        b.Property(x => x.IssuedBy).HasMaxLength(128);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.PlanId, x.Period });
        b.HasOne<Plans.Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
