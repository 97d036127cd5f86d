namespace Luoshi.Core.Features.Scores;

/// <summary>
/// A district's scoring scheme (绩效考核): the weight of each criterion, in points out of 100. Only what
/// the work produced counts: timeliness, completeness, progress against targets and the office's grade
/// — never activity, check-ins or time spent online.
/// </summary>
public sealed class ScoreScheme
{
    public int DistrictId { get; set; }

    /// <summary>按时报送: reports submitted by the deadline.</summary>
    public decimal TimelinessWeight { get; set; } = 30;

    /// <summary>材料完整: reports with text and a number for every numeric target.</summary>
    public decimal CompletenessWeight { get; set; } = 20;

    /// <summary>目标进度: progress against targets compared with the time elapsed.</summary>
    public decimal ProgressWeight { get; set; } = 30;

    /// <summary>督查室评定: the office's quality grade (A 100%, B 80%, C 60%, D 40%).</summary>
    public decimal QualityWeight { get; set; } = 20;

    public int Version { get; set; }

    public decimal Total => TimelinessWeight + CompletenessWeight + ProgressWeight + QualityWeight;
}

/// <summary>The office's quality grade of a unit's reports for one period.</summary>
public sealed class QualityGrade
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int UnitId { get; set; }

    public ReportPeriod Period { get; set; }

    /// <summary>A, B, C or D.</summary>
    public required string Grade { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset GradedAt { get; set; }

    public required string GradedBy { get; set; }

    public int Version { get; set; }
}

internal sealed class ScoreSchemeConfiguration : IEntityTypeConfiguration<ScoreScheme>
{
    public void Configure(EntityTypeBuilder<ScoreScheme> b)
    {
        b.HasKey(x => x.DistrictId);
        b.Property(x => x.DistrictId).ValueGeneratedNever();
        b.Property(x => x.TimelinessWeight).HasPrecision(9, 2);
        b.Property(x => x.CompletenessWeight).HasPrecision(9, 2);
        b.Property(x => x.ProgressWeight).HasPrecision(9, 2);
        b.Property(x => x.QualityWeight).HasPrecision(9, 2);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Total);
        b.HasOne<Districts.District>().WithOne().HasForeignKey<ScoreScheme>(x => x.DistrictId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QualityGradeConfiguration : IEntityTypeConfiguration<QualityGrade>
{
    public void Configure(EntityTypeBuilder<QualityGrade> b)
    {
        b.Property(x => x.Period).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Grade).HasMaxLength(1);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.GradedBy).HasMaxLength(128);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.PlanId, x.UnitId, x.Period }).IsUnique();
        b.HasOne<Plans.Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
