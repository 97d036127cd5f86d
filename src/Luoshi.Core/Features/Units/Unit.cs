namespace Luoshi.Core.Features.Units;

/// <summary>A unit of a district (department, sub-district office …) that is given tasks and reports on them.</summary>
public sealed class Unit
{
    public int Id { get; set; }

    public int DistrictId { get; set; }

    /// <summary>Canonical name.</summary>
    public required string Name { get; set; }

    public UnitKind Kind { get; set; }

    /// <summary>Other printed forms, separated by '|'.</summary>
    public string Aliases { get; set; } = string.Empty;

    /// <summary>The catalogue marks it as not certain.</summary>
    public bool Unsure { get; set; }

    /// <summary>The district leader in charge (分管区领导) of this unit: a Leader account, for escalation and the dashboard.</summary>
    public string? LeaderUserId { get; set; }

    /// <summary>When the office retired it (撤销) or merged it into another: kept for history, no longer offered for new work or to the reader.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>The unit it was merged into (并入); its tasks, filings and accounts went there.</summary>
    public int? MergedIntoId { get; set; }

    /// <summary>Moves with every change the office makes (the edit page carries it, so a stale page changes nothing).</summary>
    public int Version { get; set; }

    public bool Retired => RetiredAt is not null;

    public IEnumerable<string> AliasList => Aliases.Split('|', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.Property(x => x.Name).HasMaxLength(128);
        b.Property(x => x.Aliases).HasMaxLength(2048);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(x => new { x.DistrictId, x.Name }).IsUnique();
        b.Property(x => x.LeaderUserId).HasMaxLength(64);
        b.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(x => x.LeaderUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Districts.District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Retired);
    }
}
