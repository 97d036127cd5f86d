namespace Luoshi.Core.Features.Numbering;

/// <summary>The kinds of document the office numbers; an office may add its own kinds beside these.</summary>
public static class NumberKinds
{
    /// <summary>督查通报, e.g. 岸政督通〔2026〕1号.</summary>
    public const string Circular = "circular";

    /// <summary>督办单, e.g. 岸督办〔2026〕1号.</summary>
    public const string Order = "order";
}

/// <summary>
/// A district's number series for one kind of document (督查通报, 督办单 …): the prefix (代字) before 〔year〕N号. Numbers run
/// per district, kind and year. A district without a saved row for a built-in kind uses the default derived from its short
/// name (see <see cref="NumberingService"/>).
/// </summary>
public sealed class NumberSeries
{
    public int Id { get; set; }

    public int DistrictId { get; set; }

    /// <summary>ASCII key, e.g. <see cref="NumberKinds.Circular"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>What the office calls the kind, e.g. 督查通报.</summary>
    public required string Name { get; set; }

    /// <summary>代字, e.g. 岸政督通.</summary>
    public required string Prefix { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// A number given out: one row per document numbered. The database refuses a second row with the same district, kind, year
/// and sequence, or the same district and number, so two offices issuing at once never print the same number.
/// </summary>
public sealed class IssuedNumber
{
    public int Id { get; set; }

    public int DistrictId { get; set; }

    public required string Kind { get; set; }

    public int Year { get; set; }

    public int Sequence { get; set; }

    /// <summary>As printed, e.g. 岸政督通〔2026〕3号.</summary>
    public required string Number { get; set; }

    /// <summary>What carries it, e.g. "Circular:12", "SupervisionOrder:40".</summary>
    public required string Reference { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public required string IssuedBy { get; set; }
}

internal sealed class NumberSeriesConfiguration : IEntityTypeConfiguration<NumberSeries>
{
    public void Configure(EntityTypeBuilder<NumberSeries> b)
    {
        b.Lengths(32, x => x.Kind, x => x.Prefix).Lengths(64, x => x.Name);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.DistrictId, x.Kind }).IsUnique();
        b.InDistrict(x => x.DistrictId);
    }
}

internal sealed class IssuedNumberConfiguration : IEntityTypeConfiguration<IssuedNumber>
{
    public void Configure(EntityTypeBuilder<IssuedNumber> b)
    {
        b.Lengths(32, x => x.Kind).Lengths(64, x => x.Number, x => x.Reference).Lengths(EntityConfiguration.UserName, x => x.IssuedBy);
        b.HasIndex(x => new { x.DistrictId, x.Kind, x.Year, x.Sequence }).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.Number }).IsUnique();
        b.InDistrict(x => x.DistrictId);
    }
}
