namespace Luoshi.Core.Features.Supervision;

/// <summary>Where one thing a unit owes stands on a date.</summary>
public enum ObligationStatus
{
    /// <summary>Not yet due and not yet filed.</summary>
    Pending,

    /// <summary>Filed (approved by the head and sent on) by the deadline.</summary>
    OnTime,

    /// <summary>Filed after the deadline.</summary>
    Late,

    /// <summary>The deadline has passed and nothing was filed.</summary>
    Missing,
}

/// <summary>A target of an item with its id.</summary>
public sealed record TargetRow(int Id, int Seq, string Measure, decimal Value, string Unit, IndicatorSense Sense, string Printed)
{
    public Indicator ToIndicator() => new(Measure, Value, Unit, Sense, Printed, 0, 0);
}

/// <summary>A unit of the district as the year's views need it.</summary>
public sealed record SnapshotUnit(int Id, string Name, string? LeaderUserId, string? LeaderName);

/// <summary>An item of the plan with its derived status.</summary>
public sealed record ItemRow(
    int Id,
    int Seq,
    string Number,
    int PartIndex,
    string PartTitle,
    string? Group,
    string Text,
    IReadOnlyList<int> LeadUnitIds,
    IReadOnlyList<int> CoUnitIds,
    IReadOnlyList<TargetRow> Targets,
    IReadOnlyList<decimal?> LatestActuals,
    ItemStatusResult Status,
    IReadOnlyList<decimal?>? LeadOwnActuals = null,
    IReadOnlyList<CoUnitPart>? CoUnitParts = null)
{
    /// <summary>The co-units' parts in the latest report (consolidated by the lead unit), each against its share; empty when none.</summary>
    public IReadOnlyList<CoUnitPart> Parts => CoUnitParts ?? [];
}

/// <summary>A co-unit's part of an item's report, taken in by the lead unit (汇总): its values against its shares.</summary>
public sealed record CoUnitPart(int UnitId, ReportPeriod Period, IReadOnlyList<CoUnitFigure> Figures);

/// <summary>What one unit owes for one item and period, and where it stands.</summary>
public sealed record ObligationRow(
    int ItemId,
    int UnitId,
    ReportPeriod Period,
    DateOnly Due,
    bool PartToLead,
    int? FilingId,
    FilingState? State,
    DateOnly? SubmittedOn,
    ObligationStatus Status,
    string? Flags);

/// <summary>
/// A district's year at one date: every item with its derived status, every obligation (work plan and
/// reports, per unit) with its standing. Built from the data in one pass; the supervision view, the
/// dashboard, the circular, the reminders and the scores all read it, so they never disagree.
/// </summary>
public sealed record YearSnapshot(
    DistrictInfo District,
    PlanHeader Plan,
    DateOnly Today,
    long Revision,
    YearRules Rules,
    IReadOnlyList<SnapshotUnit> Units,
    IReadOnlyList<ItemRow> Items,
    IReadOnlyList<ObligationRow> Obligations) : ISizedValue
{
    private Dictionary<int, SnapshotUnit>? _units;
    private Dictionary<int, ItemRow>? _items;

    public SnapshotUnit Unit(int id) => (_units ??= Units.ToDictionary(u => u.Id))[id];

    public ItemRow Item(int id) => (_items ??= Items.ToDictionary(i => i.Id))[id];

    public string UnitName(int id) => (_units ??= Units.ToDictionary(u => u.Id)).TryGetValue(id, out var u) ? u.Name : "?";

    /// <summary>The deadlines that have passed on <see cref="Today"/>.</summary>
    public IEnumerable<Deadline> PastDeadlines => Rules.Deadlines.Where(d => d.Date < Today);

    /// <summary>The report period whose deadline passed last (the quarter a circular is about), if any.</summary>
    public ReportPeriod? LastClosedPeriod => Rules.Deadlines.Where(d => d.Date < Today && d.Period != ReportPeriod.WorkPlan).OrderBy(d => d.Date).Select(d => (ReportPeriod?)d.Period).LastOrDefault();

    /// <summary>
    /// About how many bytes the snapshot holds (what the <see cref="RevisionCache"/> counts it as): its rows, their strings and
    /// lists, and the two lookups once built; the calendar and settings, shared and small, as one entry. Checked against the
    /// heap by YearSnapshotTests.ApproximateBytes_*. (An explicit member, so that nothing serialises it.)
    /// </summary>
    long ISizedValue.ApproximateBytes
    {
        get
        {
            long bytes = 256 + (2 * Sizes.OfList(Units.Count)) + (2 * Sizes.OfList(Items.Count)) + Sizes.OfList(Obligations.Count);
            foreach (var u in Units)
            {
                bytes += 48 + Sizes.Of(u.Name) + Sizes.Of(u.LeaderUserId) + Sizes.Of(u.LeaderName) + 24; // the row, its strings, its slot in the lookup
            }

            foreach (var i in Items)
            {
                bytes += 136 + Sizes.Of(i.Number) + Sizes.Of(i.PartTitle) + Sizes.Of(i.Group) + Sizes.Of(i.Text) + 24
                    + Ints(i.LeadUnitIds.Count) + Ints(i.CoUnitIds.Count) + Sizes.OfList(i.Targets.Count)
                    + Decimals(i.LatestActuals.Count) + Decimals(i.LeadOwnActuals?.Count ?? 0)
                    + 80 + Sizes.Of(i.Status.Reason) + Ints(i.Status.TargetShares?.Count ?? 0);
                foreach (var t in i.Targets)
                {
                    bytes += 64 + Sizes.Of(t.Measure) + Sizes.Of(t.Unit) + Sizes.Of(t.Printed);
                }

                foreach (var p in i.Parts)
                {
                    bytes += 40 + Sizes.OfList(p.Figures.Count) + (p.Figures.Count * 96L);
                }
            }

            foreach (var o in Obligations)
            {
                bytes += 64 + Sizes.Of(o.Flags);
            }

            return bytes;

            static long Ints(int n) => n == 0 ? 0 : 56 + (4L * n);

            static long Decimals(int n) => n == 0 ? 0 : 56 + (24L * n);
        }
    }

    /// <summary>Builds the snapshot from plain rows (pure; the loader reads them from the database).</summary>
    public static YearSnapshot Build(
        DistrictInfo district,
        PlanHeader plan,
        DateOnly today,
        long revision,
        YearRules rules,
        IReadOnlyList<SnapshotUnit> units,
        IReadOnlyList<(int Id, int Seq, string Number, int PartIndex, string PartTitle, string? Group, string Text)> items,
        IReadOnlyList<(int ItemId, int UnitId, UnitRole Role)> itemUnits,
        IReadOnlyList<(int ItemId, TargetRow Target)> targets,
        IReadOnlyList<FilingRow> filings,
        IReadOnlyList<(int FilingId, int IndicatorId, decimal? Value)> actuals,
        IReadOnlyList<PlannedRow>? planned = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var unitsByItem = itemUnits.ToLookup(u => u.ItemId);
        var targetsByItem = targets.ToLookup(t => t.ItemId, t => t.Target);
        // As of a past date, what was submitted later is not yet there.
        var filingsByKey = filings
            .Select(f => f.SubmittedAt is { } at && DistrictClock.DateOf(at) > today ? f with { SubmittedAt = null } : f)
            .ToDictionary(f => (f.ItemId, f.UnitId, f.Period));
        var actualsByFiling = actuals.ToLookup(a => a.FilingId);
        var partsByLead = filings.Where(f => f.ConsolidatedIntoId is not null).ToLookup(f => f.ConsolidatedIntoId!.Value);
        var plannedByItem = (planned ?? []).ToLookup(p => p.ItemId);
        var reportDeadlines = rules.Deadlines.Where(d => d.Period != ReportPeriod.WorkPlan).ToList();
        var thresholds = rules.Settings.Thresholds();
        var unitNames = units.ToDictionary(u => u.Id, u => u.Name);

        var rows = new List<ItemRow>(items.Count);
        var obligations = new List<ObligationRow>();
        foreach (var i in items)
        {
            var leads = unitsByItem[i.Id].Where(u => u.Role == UnitRole.Lead).Select(u => u.UnitId).ToList();
            var cos = unitsByItem[i.Id].Where(u => u.Role == UnitRole.Co).Select(u => u.UnitId).ToList();
            var itemTargets = targetsByItem[i.Id].OrderBy(t => t.Seq).ToList();

            foreach (var (unitId, role) in unitsByItem[i.Id].Select(u => (u.UnitId, u.Role)))
            {
                var part = rules.Participation(role);
                if (part == Participation.None)
                {
                    continue;
                }

                foreach (var d in rules.Deadlines)
                {
                    filingsByKey.TryGetValue((i.Id, unitId, d.Period), out var f);
                    var submitted = f?.SubmittedAt is { } at ? DistrictClock.DateOf(at) : (DateOnly?)null;
                    var status = submitted is { } s ? (s <= d.Date ? ObligationStatus.OnTime : ObligationStatus.Late)
                        : today > d.Date ? ObligationStatus.Missing : ObligationStatus.Pending;
                    obligations.Add(new ObligationRow(i.Id, unitId, d.Period, d.Date, part == Participation.PartToLead, f?.Id, f?.State, submitted, status, f?.Flags));
                }
            }

            // The item's standing is its lead unit's reports; with several leads, the one that stands worst, and the reason names
            // the lead unit(s) standing that badly when they are late or behind.
            // A lead unit's report counts with the co-units' parts it took in (汇总): its own amount plus theirs (rates and levels: its own).
            ItemStatusResult? worst = null;
            IReadOnlyList<decimal?> latestActuals = [];
            IReadOnlyList<decimal?>? latestOwn = null;
            IReadOnlyList<CoUnitPart>? latestParts = null;
            var itemPlanned = plannedByItem[i.Id].ToList();
            var byLead = new List<(int Lead, int Severity)>();
            List<decimal?> ValuesOf(int filingId)
            {
                var byIndicator = actualsByFiling[filingId].ToDictionary(a => a.IndicatorId, a => a.Value);
                return [.. itemTargets.Select(t => byIndicator.GetValueOrDefault(t.Id))];
            }

            foreach (int lead in leads.DefaultIfEmpty(-1))
            {
                var facts = new List<ReportFact>();
                IReadOnlyList<decimal?> latest = [];
                IReadOnlyList<decimal?>? own = null;
                IReadOnlyList<CoUnitPart>? coParts = null;
                foreach (var d in reportDeadlines)
                {
                    if (!filingsByKey.TryGetValue((i.Id, lead, d.Period), out var f) || f.SubmittedAt is null)
                    {
                        continue;
                    }

                    var values = ValuesOf(f.Id);
                    var parts = partsByLead[f.Id].OrderBy(p => p.UnitId).ToList();
                    own = null;
                    coParts = null;
                    if (parts.Count > 0)
                    {
                        own = values;
                        var partValues = parts.Select(p => ValuesOf(p.Id)).ToList();
                        values = [.. itemTargets.Select((t, k) => CoUnitFigures.Combined(TargetKinds.Of(t.ToIndicator()), own[k], partValues.Select(v => v[k])))];
                        coParts = [.. parts.Select((p, n) => new CoUnitPart(p.UnitId, d.Period, [.. itemTargets.Select((t, k) => CoUnitFigures.Of(t, partValues[n][k],
                            TargetShares.ShareOf(itemPlanned, p.UnitId, t.Id, leads), d.Period, TargetShares.QuartersOf(itemPlanned, p.UnitId, t.Id), thresholds))]))];
                    }

                    facts.Add(new ReportFact(d.Period, DistrictClock.DateOf(f.SubmittedAt.Value), f.Completed, values, f.State == FilingState.Accepted));
                    latest = values;
                }

                var quarters = itemTargets.Select(t => TargetShares.QuartersOf(itemPlanned, lead, t.Id)).ToList();
                var status = ItemStatusRules.Derive(plan.Year, today, reportDeadlines, [.. itemTargets.Select(t => t.ToIndicator())], facts, thresholds,
                    quarters.Any(q => q is not null) ? quarters : null);
                byLead.Add((lead, Severity(status)));
                if (worst is null || Severity(status) > Severity(worst))
                {
                    worst = status;
                    latestActuals = latest;
                    latestOwn = own;
                    latestParts = coParts;
                }
            }

            if (leads.Count > 1 && worst!.State is ItemState.Overdue or ItemState.Behind)
            {
                int severity = Severity(worst);
                var names = byLead.Where(l => l.Severity == severity).Select(l => unitNames.GetValueOrDefault(l.Lead, "?"));
                worst = worst with { Reason = string.Join("、", names) + "：" + worst.Reason };
            }

            rows.Add(new ItemRow(i.Id, i.Seq, i.Number, i.PartIndex, i.PartTitle, i.Group, i.Text, leads, cos, itemTargets, latestActuals, worst!, latestOwn, latestParts));
        }

        return new YearSnapshot(district, plan, today, revision, rules, units, rows, obligations);
    }

    private static int Severity(ItemStatusResult s) => s.State switch
    {
        ItemState.Overdue => 5,
        ItemState.Behind => s.Rag == Rag.Red ? 4 : 3,
        ItemState.NotStarted => 2,
        ItemState.OnTrack => 1,
        _ => 0,
    };
}

/// <summary>A filing's facts the snapshot needs; <c>ConsolidatedIntoId</c>, for a co-unit's part, is the lead unit's filing that took it in (汇总).</summary>
public sealed record FilingRow(int Id, int ItemId, int UnitId, ReportPeriod Period, FilingState State, DateTimeOffset? SubmittedAt, bool Completed, string? Flags, int? ConsolidatedIntoId = null);
