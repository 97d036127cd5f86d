namespace Luoshi.Core.Features.Work;

/// <summary>
/// What a unit files for an item: its work plan (办理工作方案, <see cref="ReportPeriod.WorkPlan"/>) or its
/// progress report for a quarter or the year. One row per item, unit and period: the same report serves
/// the office, the leaders and the scores (report once, 同类材料最多报一次).
/// </summary>
public sealed class Filing
{
    public int Id { get; set; }

    public int DistrictId { get; set; }

    public int PlanId { get; set; }

    public int ItemId { get; set; }

    public int UnitId { get; set; }

    public ReportPeriod Period { get; set; }

    public FilingState State { get; set; }

    /// <summary>A co-unit's part that goes to the lead unit first (the district's rule, fixed when the filing is opened).</summary>
    public bool IsCoUnitPart { get; set; }

    /// <summary>Work plan: 分管领导 / 责任领导 as the unit writes it.</summary>
    public string? Leader { get; set; }

    /// <summary>Work plan: 责任科室.</summary>
    public string? Section { get; set; }

    /// <summary>Work plan: the specific work items (具体工作内容, each with its own 完成时限 and, in Hongshan, its quarter), as JSON (<see cref="WorkSteps"/>).</summary>
    public string StepsJson { get; set; } = "[]";

    /// <summary>Report: 完成情况.</summary>
    public string? Progress { get; set; }

    /// <summary>Report: 存在主要问题及下步工作打算.</summary>
    public string? Problems { get; set; }

    /// <summary>Report: the unit says the item is complete.</summary>
    public bool Completed { get; set; }

    /// <summary>The lead unit's consolidation of its co-units' parts (汇总), kept apart from its own text.</summary>
    public string? Consolidated { get; set; }

    /// <summary>A co-unit's part: the lead unit's filing that took it in (汇总), whose values it adds to.</summary>
    public int? ConsolidatedIntoId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    /// <summary>When the head approved it and it went on (to the office, or to the lead unit for a co-unit part): the date that counts for timeliness.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>Reopened by the office after its period was locked: may change until accepted again.</summary>
    public bool Reopened { get; set; }

    /// <summary>The office's note that this report repeats the previous one word for word, or lacks a number for a numeric target (set on submission).</summary>
    public string? Flags { get; set; }

    /// <summary>Optimistic concurrency: bumped on every change.</summary>
    public int Version { get; set; }

    /// <summary>How many evidence files it has: raised only by a conditional update below the limit (EvidenceLimit), so that parallel uploads never pass it.</summary>
    public int EvidenceCount { get; set; }

    public List<ReportActual> Actuals { get; set; } = [];

    public List<FilingEvent> Events { get; set; } = [];

    public List<Evidence> Evidence { get; set; } = [];

    /// <summary>Work plan: the numbers the unit plans for the item's amount targets (its quarterly values, and the co-units' shares when it leads).</summary>
    public List<PlannedTarget> Planned { get; set; } = [];
}

/// <summary>The actual value reported for one target (e.g. 新增停车泊位 4200 of 10000).</summary>
public sealed class ReportActual
{
    public int Id { get; set; }

    public int FilingId { get; set; }

    public int IndicatorId { get; set; }

    public decimal? Value { get; set; }
}

/// <summary>One step in a filing's life: who, when, from which state to which, with the comment and the text as it was.</summary>
public sealed class FilingEvent
{
    public long Id { get; set; }

    public int FilingId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public required string ActorName { get; set; }

    /// <summary>save, submit, approve, return, accept, reopen, consolidate, attach, detach.</summary>
    public required string Action { get; set; }

    public FilingState From { get; set; }

    public FilingState To { get; set; }

    public string? Comment { get; set; }

    /// <summary>JSON of the text at this step (submissions), so earlier versions can be read.</summary>
    public string? Snapshot { get; set; }
}

/// <summary>An evidence file (佐证材料) attached to a filing; stored in the database so every web instance serves it.</summary>
public sealed class Evidence : StoredFile
{
    public int FilingId { get; set; }
}

/// <summary>A closed reporting period of a district's plan: its filings change only through an audited reopening.</summary>
public sealed class PeriodLock
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public ReportPeriod Period { get; set; }

    public DateTimeOffset LockedAt { get; set; }

    public required string LockedBy { get; set; }
}

internal sealed class FilingConfiguration : IEntityTypeConfiguration<Filing>
{
    public void Configure(EntityTypeBuilder<Filing> b)
    {
        b.Property(x => x.Period).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Leader).HasMaxLength(128);
        b.Property(x => x.Section).HasMaxLength(128);
        b.Property(x => x.StepsJson).HasMaxLength(32000);
        b.Property(x => x.Progress).HasMaxLength(16000);
        b.Property(x => x.Problems).HasMaxLength(16000);
        b.Property(x => x.Consolidated).HasMaxLength(32000);
        b.Property(x => x.UpdatedBy).HasMaxLength(128);
        b.Property(x => x.Flags).HasMaxLength(2000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ItemId, x.UnitId, x.Period }).IsUnique();
        b.HasIndex(x => new { x.UnitId, x.Period });
        b.HasIndex(x => new { x.PlanId, x.Period, x.State });
        b.HasOne<Plans.PlanItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Actuals).WithOne().HasForeignKey(x => x.FilingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.FilingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.FilingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Planned).WithOne().HasForeignKey(x => x.FilingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportActualConfiguration : IEntityTypeConfiguration<ReportActual>
{
    public void Configure(EntityTypeBuilder<ReportActual> b)
    {
        b.Property(x => x.Value).HasPrecision(28, 6);
        b.HasIndex(x => new { x.FilingId, x.IndicatorId }).IsUnique();
        b.HasOne<Plans.ItemIndicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class FilingEventConfiguration : IEntityTypeConfiguration<FilingEvent>
{
    public void Configure(EntityTypeBuilder<FilingEvent> b)
    {
        b.Property(x => x.Actor).HasMaxLength(128);
        b.Property(x => x.ActorName).HasMaxLength(128);
        b.Property(x => x.Action).HasMaxLength(32);
        b.Property(x => x.From).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.To).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Comment).HasMaxLength(2000);
        b.HasIndex(x => new { x.FilingId, x.At });
    }
}

internal sealed class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> b) => StoredFileMapping.Map(b);
}

internal sealed class PeriodLockConfiguration : IEntityTypeConfiguration<PeriodLock>
{
    public void Configure(EntityTypeBuilder<PeriodLock> b)
    {
        b.Property(x => x.Period).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.LockedBy).HasMaxLength(128);
        b.HasIndex(x => new { x.PlanId, x.Period }).IsUnique();
        b.HasOne<Plans.Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
