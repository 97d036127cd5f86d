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
        b.Lengths(64, x => x.DocNumber).Lengths(512, x => x.Title).Lengths(128, x => x.Issuer).Lengths(256, x => x.SourceFileName)
            .Lengths(16000, x => x.CalendarJson).Lengths(EntityConfiguration.UserName, x => x.PublishedBy, x => x.ClosedBy);
        b.Property(x => x.LeadRule).StoredAsName(32);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.DistrictId, x.Year }).IsUnique();
        b.InDistrict(x => x.DistrictId);
        b.HasMany(x => x.Parts).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanPartConfiguration : IEntityTypeConfiguration<PlanPart>
{
    public void Configure(EntityTypeBuilder<PlanPart> b)
    {
        b.Lengths(512, x => x.Title);
        b.Property(x => x.Kind).StoredAsName(32);
        b.HasIndex(x => new { x.PlanId, x.Index }).IsUnique();
    }
}
