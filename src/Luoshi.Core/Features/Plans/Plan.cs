namespace Luoshi.Core.Features.Plans;

/// <summary>A published responsibility decomposition plan of a district for one year.</summary>
public sealed class Plan
{
    public int Id { get; set; }

    public int DistrictId { get; set; }

    public int Year { get; set; }

    public string? DocNumber { get; set; }

    public string? Title { get; set; }

    public string? Issuer { get; set; }

    public DateOnly? SignedOn { get; set; }

    public LeadRule LeadRule { get; set; }

    /// <summary>The notice's text as imported, for showing items beside their source lines.</summary>
    public string SourceText { get; set; } = string.Empty;

    public string? SourceFileName { get; set; }

    /// <summary>The reporting calendar read from the notice at publication (JSON of <see cref="PlanCalendar"/>); empty for plans published before it was kept.</summary>
    public string CalendarJson { get; set; } = string.Empty;

    public DateTimeOffset PublishedAt { get; set; }

    public string? PublishedBy { get; set; }

    /// <summary>Optimistic concurrency: bumped on every change.</summary>
    public int Version { get; set; }

    /// <summary>When the office closed the year (read-only afterwards, <see cref="Years.PlanYears"/>); null while it is open.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public List<PlanPart> Parts { get; set; } = [];

    public List<PlanItem> Items { get; set; } = [];
}

/// <summary>A part of a published plan.</summary>
public sealed class PlanPart
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int Index { get; set; }

    public PartKind Kind { get; set; }

    public string Title { get; set; } = string.Empty;

    public int? DeclaredCount { get; set; }
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.Property(x => x.DocNumber).HasMaxLength(64);
        b.Property(x => x.Title).HasMaxLength(512);
        b.Property(x => x.Issuer).HasMaxLength(128);
        b.Property(x => x.SourceFileName).HasMaxLength(256);
        b.Property(x => x.CalendarJson).HasMaxLength(16000);
        b.Property(x => x.PublishedBy).HasMaxLength(128);
        b.Property(x => x.ClosedBy).HasMaxLength(128);
        b.Property(x => x.LeadRule).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.DistrictId, x.Year }).IsUnique();
        b.HasOne<Districts.District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Parts).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanPartConfiguration : IEntityTypeConfiguration<PlanPart>
{
    public void Configure(EntityTypeBuilder<PlanPart> b)
    {
        b.Property(x => x.Title).HasMaxLength(512);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(x => new { x.PlanId, x.Index }).IsUnique();
    }
}
