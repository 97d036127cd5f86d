namespace Luoshi.Core.Features.Supervision;

/// <summary>Who holds a job across web instances (the reminder sweep runs in one instance at a time).</summary>
public sealed class Lease
{
    public required string Name { get; set; }

    public required string Holder { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
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
