using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Core.Features.Districts;

/// <summary>A district (区/县) that runs its own plan: the unit of tenancy.</summary>
public sealed class District
{
    public int Id { get; set; }

    /// <summary>ASCII code, e.g. jiangan; the catalogue's code.</summary>
    public required string Code { get; set; }

    /// <summary>e.g. 江岸区.</summary>
    public required string Name { get; set; }

    /// <summary>e.g. 武汉市.</summary>
    public string? City { get; set; }
}

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.Property(x => x.Code).HasMaxLength(64);
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.City).HasMaxLength(64);
        b.HasIndex(x => x.Code).IsUnique();
    }
}
