namespace Luoshi.Web.Features.Supervision;

/// <summary>The statuses the office filters by: the snapshot's, plus "due soon" (pending, due within <see cref="DueSoon.Days"/> days).</summary>
public enum DueFilter
{
    All,
    DueSoon,
    Pending,
    OnTime,
    Late,
    Missing,
}

/// <summary>
/// What the office narrows the list to: period, status, one unit, a part of the plan (by its index), a kind of unit, a
/// leader in charge (the units they are in charge of); and the order: worst first (the default) or the plan's order.
/// </summary>
public sealed record SupervisionFilter(ReportPeriod? Period, DueFilter Status, int? UnitId, int? Part = null, UnitKind? Kind = null, string? Leader = null, bool Worst = true)
{
    /// <summary>Whether a unit passes the kind and leader filters.</summary>
    public bool Keeps(SnapshotUnit unit, IReadOnlyDictionary<int, UnitKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(kinds);
        return (Kind is not { } k || (kinds.TryGetValue(unit.Id, out var uk) && uk == k))
            && (Leader is null || string.Equals(unit.LeaderUserId, Leader, StringComparison.Ordinal));
    }
}

/// <summary>One unit's obligations counted.</summary>
public sealed record UnitDue(int UnitId, string Name, int DueSoon, int OnTime, int Late, int Missing, int Pending);

/// <summary>One unit's obligation on a row of the list.</summary>
public sealed record DueUnit(int UnitId, string Name, bool IsLead, ObligationStatus Status, bool DueSoon, DateOnly? SubmittedOn);

/// <summary>One item and period as the list shows it: the units (the lead units, or the one unit asked for) with their standing.</summary>
public sealed record DueRow(int ItemId, int Seq, string Number, string Text, ReportPeriod Period, DateOnly Due, IReadOnlyList<DueUnit> Units)
{
    /// <summary>The worst standing among the row's units (missing, late, pending, on time).</summary>
    public ObligationStatus Worst => Units.Select(u => u.Status).OrderBy(SupervisionView.Rank).First();
}

/// <summary>
/// The office's due / late / missing view of a district at one date, from the year snapshot: every unit's counts, and the
/// items of one period (or all) whose obligations have one status (or any): of one unit (all its obligations, co-units'
/// parts too) or of the items' lead units.
/// </summary>
public sealed record SupervisionView(
    YearSnapshot Snapshot,
    IReadOnlyList<UnitDue> Units,
    IReadOnlyList<DueRow> Rows,
    ReportPeriod? Period,
    DueFilter Status,
    SnapshotUnit? Unit)
{
    /// <summary>The period shown when none is asked for: the one whose deadline passed last, or else the first.</summary>
    public static ReportPeriod DefaultPeriod(YearSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var passed = s.Rules.Deadlines.Where(d => d.Date < s.Today).OrderBy(d => d.Date).LastOrDefault();
        return passed?.Period ?? s.Rules.Deadlines.OrderBy(d => d.Date).Select(d => d.Period).FirstOrDefault(ReportPeriod.WorkPlan);
    }

    public static IReadOnlyList<UnitDue> CountUnits(YearSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var byUnit = s.Obligations.ToLookup(o => o.UnitId);
        return [.. s.Units.Where(u => byUnit[u.Id].Any()).Select(u =>
        {
            var os = byUnit[u.Id];
            return new UnitDue(u.Id, u.Name,
                os.Count(o => DueSoon.Is(o, s.Today)),
                os.Count(o => o.Status == ObligationStatus.OnTime),
                os.Count(o => o.Status == ObligationStatus.Late),
                os.Count(o => o.Status == ObligationStatus.Missing),
                os.Count(o => o.Status == ObligationStatus.Pending));
        })];
    }

    public static SupervisionView Build(YearSnapshot s, IReadOnlyList<UnitDue> units, ReportPeriod? period, DueFilter status, int? unitId) =>
        Build(s, units, new SupervisionFilter(period, status, unitId, Worst: false), new Dictionary<int, UnitKind>());

    /// <summary>
    /// The view with <paramref name="filter"/> applied: the rows of the period and status asked for, of the part asked for,
    /// keeping only the units of the kind and leader asked for; worst first (missing, late, pending, on time; then the
    /// longest overdue; then the plan's order) unless the plan's order is asked for. The unit table likewise.
    /// </summary>
    public static SupervisionView Build(YearSnapshot s, IReadOnlyList<UnitDue> units, SupervisionFilter filter, IReadOnlyDictionary<int, UnitKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(filter);
        var unit = filter.UnitId is int id ? s.Units.FirstOrDefault(u => u.Id == id) : null;
        var keep = s.Units.Where(u => filter.Keeps(u, kinds)).Select(u => u.Id).ToHashSet();
        var rows = new Dictionary<(int ItemId, ReportPeriod Period), (ObligationRow First, List<DueUnit> Units)>();
        foreach (var o in s.Obligations)
        {
            if ((filter.Period is { } p && o.Period != p) || !Matches(o, filter.Status, s.Today) || !keep.Contains(o.UnitId))
            {
                continue;
            }

            var item = s.Item(o.ItemId);
            if (filter.Part is int part && item.PartIndex != part)
            {
                continue;
            }

            bool lead = item.LeadUnitIds.Contains(o.UnitId);
            if (unit is null ? !lead : o.UnitId != unit.Id)
            {
                continue;
            }

            if (!rows.TryGetValue((o.ItemId, o.Period), out var row))
            {
                rows[(o.ItemId, o.Period)] = row = (o, []);
            }

            row.Units.Add(new DueUnit(o.UnitId, s.UnitName(o.UnitId), lead, o.Status, DueSoon.Is(o, s.Today), o.SubmittedOn));
        }

        var list = rows.Values.Select(r =>
        {
            var item = s.Item(r.First.ItemId);
            return new DueRow(item.Id, item.Seq, item.Number, item.Text, r.First.Period, r.First.Due, r.Units);
        });
        var ordered = filter.Worst
            ? list.OrderBy(r => Rank(r.Worst)).ThenBy(r => r.Due).ThenBy(r => r.Seq).ThenBy(r => r.Period)
            : list.OrderBy(r => r.Period).ThenBy(r => r.Seq);
        var shownUnits = units.Where(u => keep.Contains(u.UnitId));
        if (filter.Worst)
        {
            shownUnits = shownUnits.OrderByDescending(u => u.Missing).ThenByDescending(u => u.Late).ThenByDescending(u => u.DueSoon);
        }

        return new SupervisionView(s, [.. shownUnits], [.. ordered], filter.Period, filter.Status, unit);
    }

    /// <summary>Missing first, then late, pending, on time.</summary>
    public static int Rank(ObligationStatus s) => s switch
    {
        ObligationStatus.Missing => 0,
        ObligationStatus.Late => 1,
        ObligationStatus.Pending => 2,
        ObligationStatus.OnTime => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    private static bool Matches(ObligationRow o, DueFilter f, DateOnly today) => f switch
    {
        DueFilter.All => true,
        DueFilter.DueSoon => DueSoon.Is(o, today),
        DueFilter.Pending => o.Status == ObligationStatus.Pending,
        DueFilter.OnTime => o.Status == ObligationStatus.OnTime,
        DueFilter.Late => o.Status == ObligationStatus.Late,
        DueFilter.Missing => o.Status == ObligationStatus.Missing,
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    public static string StatusClass(ObligationStatus s) => s switch
    {
        ObligationStatus.Pending => "due pending",
        ObligationStatus.OnTime => "due ontime",
        ObligationStatus.Late => "due late",
        ObligationStatus.Missing => "due missing",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static string FilterName(DueFilter f) => f switch
    {
        DueFilter.All => "全部状态",
        DueFilter.DueSoon => $"{DueSoon.Days} 天内到期",
        DueFilter.Pending => ObligationStatusLabels.Of(ObligationStatus.Pending),
        DueFilter.OnTime => ObligationStatusLabels.Of(ObligationStatus.OnTime),
        DueFilter.Late => ObligationStatusLabels.Of(ObligationStatus.Late),
        DueFilter.Missing => ObligationStatusLabels.Of(ObligationStatus.Missing),
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };
}
