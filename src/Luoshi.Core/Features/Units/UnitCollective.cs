namespace Luoshi.Core.Features.Units;

/// <summary>A collective name of a district (各街道, 区有关部门) and the units it stands for.</summary>
public sealed class UnitCollective
{
    public int Id { get; set; }

    public int DistrictId { get; set; }

    public required string Name { get; set; }

    /// <summary>Other printed forms, separated by '|'.</summary>
    public string Aliases { get; set; } = string.Empty;

    /// <summary>The office chooses the members ("有关", "相关"): the members are candidates.</summary>
    public bool Open { get; set; }

    /// <summary>Member unit names, separated by '|'.</summary>
    public string Members { get; set; } = string.Empty;
}

internal sealed class UnitCollectiveConfiguration : IEntityTypeConfiguration<UnitCollective>
{
    public void Configure(EntityTypeBuilder<UnitCollective> b)
    {
        b.Property(x => x.Name).HasMaxLength(128);
        b.Property(x => x.Aliases).HasMaxLength(1024);
        b.Property(x => x.Members).HasMaxLength(8000);
        b.HasIndex(x => new { x.DistrictId, x.Name }).IsUnique();
        b.HasOne<Districts.District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Cascade);
    }
}
