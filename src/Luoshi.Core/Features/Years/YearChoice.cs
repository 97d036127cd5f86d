namespace Luoshi.Core.Features.Years;

/// <summary>The plan year a district's office chose as its current year (one row per district; none: the calendar decides).</summary>
public sealed class YearChoice
{
    public int DistrictId { get; set; }

    public int Year { get; set; }

    public DateTimeOffset ChosenAt { get; set; }

    public string? ChosenBy { get; set; }
}

internal sealed class YearChoiceConfiguration : IEntityTypeConfiguration<YearChoice>
{
    public void Configure(EntityTypeBuilder<YearChoice> b)
    {
        b.HasKey(x => x.DistrictId);
        b.Property(x => x.DistrictId).ValueGeneratedNever();
        b.Property(x => x.ChosenBy).HasMaxLength(128);
        b.HasOne<Districts.District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Cascade);
    }
}
