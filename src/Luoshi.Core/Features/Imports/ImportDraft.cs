namespace Luoshi.Core.Features.Imports;

/// <summary>Where an import stands.</summary>
public enum DraftStatus
{
    /// <summary>Read and being corrected; nothing in the live plan yet.</summary>
    Draft,

    /// <summary>Published into the live plan.</summary>
    Published,

    /// <summary>Thrown away.</summary>
    Discarded,
}

/// <summary>An uploaded notice, read and being corrected before it is published. Nothing of it is live until publish.</summary>
public sealed class ImportDraft
{
    public int Id { get; set; }

    public int DistrictId { get; set; }

    public required string FileName { get; set; }

    public required string SourceText { get; set; }

    /// <summary>The plan as read and corrected so far (JSON of <see cref="DraftPlan"/>).</summary>
    public required string PlanJson { get; set; }

    public DraftStatus Status { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency.</summary>
    public int Version { get; set; }
}

internal sealed class ImportDraftConfiguration : IEntityTypeConfiguration<ImportDraft>
{
    public void Configure(EntityTypeBuilder<ImportDraft> b)
    {
        b.Property(x => x.FileName).HasMaxLength(256);
        b.Property(x => x.CreatedBy).HasMaxLength(128);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Districts.District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Cascade);
    }
}
