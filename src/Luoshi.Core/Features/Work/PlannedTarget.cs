namespace Luoshi.Core.Features.Work;

/// <summary>
/// A number a work plan (办理工作方案) sets for one amount target of the item and one unit: the unit's share of the target
/// (分解任务, set by the lead unit for each co-unit, or by a co-unit in its own plan) and the amounts it plans in each quarter
/// (季度计划值, the unit's own 序时 targets, <see cref="ExpectedProgress.OfPeriod(Parsing.Calendar.ReportPeriod, decimal, QuarterPlan?)"/>).
/// </summary>
public sealed class PlannedTarget
{
    public int Id { get; set; }

    /// <summary>The work plan filing that sets it.</summary>
    public int FilingId { get; set; }

    public int IndicatorId { get; set; }

    /// <summary>The unit the numbers are for: the work plan's own unit, or (in a lead unit's plan) one of the item's co-units.</summary>
    public int UnitId { get; set; }

    /// <summary>The unit's share of the target (分解任务); null: not set.</summary>
    public decimal? Share { get; set; }

    /// <summary>Planned within the first quarter (and so on); null: not set.</summary>
    public decimal? Q1 { get; set; }

    public decimal? Q2 { get; set; }

    public decimal? Q3 { get; set; }

    public decimal? Q4 { get; set; }

    public QuarterPlan Quarters => new(Q1, Q2, Q3, Q4);
}

/// <summary>What a clerk writes into a work plan's numbers for one target and one unit.</summary>
public sealed record PlannedTargetEdit(int IndicatorId, int UnitId, decimal? Share, decimal? Q1, decimal? Q2, decimal? Q3, decimal? Q4);

/// <summary>One row of planned numbers as the rules read them (from the work plans of an item): <c>PlanUnitId</c> is the unit whose work plan it is, <c>UnitId</c> the unit the numbers are for.</summary>
public sealed record PlannedRow(int ItemId, int PlanUnitId, int UnitId, int IndicatorId, decimal? Share, QuarterPlan Quarters);

/// <summary>
/// Whose number counts (the one rule): a co-unit's share is the one its lead unit set in the lead's work plan, else the one the
/// co-unit set in its own; a unit's quarterly values are those of its own work plan. A co-unit without a share is not measured
/// against the whole target (未分解).
/// </summary>
public static class TargetShares
{
    /// <summary>What the pages print for a co-unit without a share.</summary>
    public const string NotSplit = "未分解";

    /// <summary>The share of <paramref name="unitId"/> for the target, or null (未分解).</summary>
    public static decimal? ShareOf(IEnumerable<PlannedRow> rows, int unitId, int indicatorId, IReadOnlyCollection<int> leadUnitIds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(leadUnitIds);
        var mine = rows.Where(r => r.UnitId == unitId && r.IndicatorId == indicatorId && r.Share is not null).ToList();
        return mine.Where(r => r.PlanUnitId != unitId && leadUnitIds.Contains(r.PlanUnitId)).OrderBy(r => r.PlanUnitId).Select(r => r.Share).FirstOrDefault()
            ?? mine.Where(r => r.PlanUnitId == unitId).Select(r => r.Share).FirstOrDefault();
    }

    /// <summary>The planned numbers of the plan's work plans that have gone on from their unit (approved by its head: a draft sets nothing), of one item or of all.</summary>
    public static Task<List<PlannedRow>> LoadAsync(Data.LuoshiDb db, int planId, int? itemId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (from x in db.PlannedTargets.AsNoTracking()
                join f in db.Filings on x.FilingId equals f.Id
                where f.PlanId == planId && f.Period == ReportPeriod.WorkPlan && f.SubmittedAt != null && (itemId == null || f.ItemId == itemId)
                select new PlannedRow(f.ItemId, f.UnitId, x.UnitId, x.IndicatorId, x.Share, new QuarterPlan(x.Q1, x.Q2, x.Q3, x.Q4))).ToListAsync(ct);
    }

    /// <summary>As <see cref="LoadAsync"/>, from an item's filings already loaded with their planned numbers (the submitted work plans' rows).</summary>
    public static List<PlannedRow> Of(IEnumerable<Filing> filings)
    {
        ArgumentNullException.ThrowIfNull(filings);
        return [.. from f in filings
                   where f.Period == ReportPeriod.WorkPlan && f.SubmittedAt != null
                   from x in f.Planned
                   select new PlannedRow(f.ItemId, f.UnitId, x.UnitId, x.IndicatorId, x.Share, new QuarterPlan(x.Q1, x.Q2, x.Q3, x.Q4))];
    }

    /// <summary>The quarterly values <paramref name="unitId"/> set in its own work plan for the target, or null.</summary>
    public static QuarterPlan? QuartersOf(IEnumerable<PlannedRow> rows, int unitId, int indicatorId)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Where(r => r.PlanUnitId == unitId && r.UnitId == unitId && r.IndicatorId == indicatorId && !r.Quarters.IsEmpty).Select(r => r.Quarters).FirstOrDefault();
    }
}

internal sealed class PlannedTargetConfiguration : IEntityTypeConfiguration<PlannedTarget>
{
    public void Configure(EntityTypeBuilder<PlannedTarget> b)
    {
        b.Ignore(x => x.Quarters);
        b.Property(x => x.Share).HasPrecision(28, 6);
        b.Property(x => x.Q1).HasPrecision(28, 6);
        b.Property(x => x.Q2).HasPrecision(28, 6);
        b.Property(x => x.Q3).HasPrecision(28, 6);
        b.Property(x => x.Q4).HasPrecision(28, 6);
        b.HasIndex(x => new { x.FilingId, x.IndicatorId, x.UnitId }).IsUnique();
        b.HasOne<Plans.ItemIndicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A co-unit's value for one target of the item, with its share and where it stands against the share (null: 未分解, or a rate or level, which is not split).</summary>
public sealed record CoUnitFigure(int IndicatorId, decimal? Value, decimal? Share, TargetStatus? Status)
{
    /// <summary>The share as the pages print it: the number, or 未分解 (an amount without a share), or — (a rate or a level).</summary>
    public string ShareText(bool amount) => Share is decimal s ? s.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture) : amount ? TargetShares.NotSplit : "—";
}

/// <summary>How a co-unit's part is measured and summed (the one place; the lead's report page, the year snapshot, the forms and the exports ask it).</summary>
public static class CoUnitFigures
{
    /// <summary>
    /// A co-unit's value for an amount target against its own share (a Q2 report held to the share's 序时进度, from the co-unit's own quarterly
    /// values when it set them); without a share, or for a rate or a level, it is not measured (<see cref="CoUnitFigure.Status"/> null).
    /// </summary>
    public static CoUnitFigure Of(TargetRow target, decimal? value, decimal? share, ReportPeriod period, QuarterPlan? quarters, StatusThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(target);
        var indicator = target.ToIndicator();
        if (!TargetKinds.Of(indicator).FollowsTime())
        {
            return new CoUnitFigure(target.Id, value, null, null);
        }

        if (share is not decimal s || s <= 0)
        {
            return new CoUnitFigure(target.Id, value, null, null);
        }

        int timeShare = ExpectedProgress.OfPeriod(period, s, quarters);
        return new CoUnitFigure(target.Id, value, s, ItemStatusRules.Target(indicator with { Value = s }, value, timeShare, thresholds));
    }

    /// <summary>
    /// The item's value for a target from the lead unit's own and its co-units' parts (汇总): an amount adds up; a rate or a level is
    /// not additive (两个单位各增长 6% is not 12%), so it stays the lead unit's own figure for the whole item.
    /// </summary>
    public static decimal? Combined(TargetKind kind, decimal? own, IEnumerable<decimal?> parts) => kind.FollowsTime() ? Sum([own, .. parts]) : own;

    /// <summary>Values added up, null when none was given.</summary>
    public static decimal? Sum(IEnumerable<decimal?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var given = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return given.Count == 0 ? null : given.Sum();
    }
}
