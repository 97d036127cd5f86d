namespace Luoshi.Web.Features.Dashboard;

/// <summary>How many items stand where: by colour and by state.</summary>
public sealed record StatusCounts(int Items, int Red, int Amber, int Green, int NoColour, int NotStarted, int OnTrack, int Behind, int Overdue, int Done)
{
    public static StatusCounts Of(IEnumerable<ItemRow> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        int n = 0, red = 0, amber = 0, green = 0, none = 0, notStarted = 0, onTrack = 0, behind = 0, overdue = 0, done = 0;
        foreach (var i in items)
        {
            n++;
            switch (i.Status.Rag)
            {
                case Rag.Red: red++; break;
                case Rag.Amber: amber++; break;
                case Rag.Green: green++; break;
                case Rag.None: none++; break;
                default: throw new ArgumentOutOfRangeException(nameof(items));
            }

            switch (i.Status.State)
            {
                case ItemState.NotStarted: notStarted++; break;
                case ItemState.OnTrack: onTrack++; break;
                case ItemState.Behind: behind++; break;
                case ItemState.Overdue: overdue++; break;
                case ItemState.Done: done++; break;
                default: throw new ArgumentOutOfRangeException(nameof(items));
            }
        }

        return new(n, red, amber, green, none, notStarted, onTrack, behind, overdue, done);
    }
}

/// <summary>One row of a progress table (a part, a group, a unit, a leader in charge).</summary>
public sealed record ProgressRow(string Key, string Label, StatusCounts Counts);

/// <summary>A numeric target of an item: the latest actual reported by its lead unit against the target value and the time elapsed.</summary>
public sealed record TargetProgress(
    int ItemId, int Seq, string Number, string Measure, string Printed, decimal Target, string Unit, decimal? Actual, int? Percent, int Expected, string Rag);

/// <summary>A unit that filed late or not at all (work plans and reports whose deadline has passed).</summary>
public sealed record LateUnit(int UnitId, string Name, int Missing, int Late, IReadOnlyList<string> Periods);

/// <summary>The office's and leaders' overview of a district's year at one date; the page, its charts and the JSON API show the same numbers.</summary>
public sealed record DashboardData(
    string DistrictCode,
    string DistrictName,
    int Year,
    DateOnly Today,
    long Revision,
    int ExpectedPercent,
    StatusCounts Total,
    IReadOnlyList<ProgressRow> Parts,
    IReadOnlyList<ProgressRow> Groups,
    IReadOnlyList<ProgressRow> Units,
    IReadOnlyList<ProgressRow> Leaders,
    IReadOnlyList<TargetProgress> Targets,
    IReadOnlyList<LateUnit> LateUnits)
{
    /// <summary>Where items go whose lead units have no leader in charge set.</summary>
    public const string NoLeader = "未设置";

    /// <summary>Builds the overview from a snapshot (pure).</summary>
    public static DashboardData From(YearSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var items = s.Items;
        int timeExpected = ExpectedProgress.OnDate(s.Today, s.Plan.Year);

        var parts = items.GroupBy(i => (i.PartIndex, i.PartTitle)).OrderBy(g => g.Key.PartIndex)
            .Select(g => new ProgressRow(Key(g.Key.PartIndex), g.Key.PartTitle, StatusCounts.Of(g))).ToList();
        var groups = items.Where(i => !string.IsNullOrWhiteSpace(i.Group)).GroupBy(i => (i.PartIndex, Group: i.Group!))
            .OrderBy(g => g.Key.PartIndex).ThenBy(g => g.Min(i => i.Seq))
            .Select(g => new ProgressRow(Key(g.Key.PartIndex) + ":" + Key(g.Min(i => i.Seq)), g.Key.Group, StatusCounts.Of(g))).ToList();
        var units = s.Units
            .Select(u => (Unit: u, Items: items.Where(i => i.LeadUnitIds.Contains(u.Id)).ToList()))
            .Where(x => x.Items.Count > 0)
            .Select(x => new ProgressRow(Key(x.Unit.Id), x.Unit.Name, StatusCounts.Of(x.Items))).ToList();

        var leaderOf = s.Units.ToDictionary(u => u.Id, u => u.LeaderUserId is null ? null : u.LeaderName ?? u.LeaderUserId);
        var byLeader = new Dictionary<string, List<ItemRow>>(StringComparer.Ordinal);
        foreach (var i in items)
        {
            var names = i.LeadUnitIds.Select(u => leaderOf.GetValueOrDefault(u)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            foreach (string name in names.Count == 0 ? [NoLeader] : names)
            {
                if (!byLeader.TryGetValue(name, out var list))
                {
                    byLeader[name] = list = [];
                }

                list.Add(i);
            }
        }

        var leaders = byLeader.OrderBy(kv => kv.Key == NoLeader ? 1 : 0).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new ProgressRow(kv.Key, kv.Key, StatusCounts.Of(kv.Value))).ToList();

        var thresholds = s.Rules.Settings.Thresholds();
        var targets = new List<TargetProgress>();
        foreach (var i in items)
        {
            for (int t = 0; t < i.Targets.Count; t++)
            {
                var target = i.Targets[t];
                decimal? actual = t < i.LatestActuals.Count ? i.LatestActuals[t] : null;
                var status = ItemStatusRules.Target(target.ToIndicator(), actual, i.Status.ShareOf(t), thresholds);
                targets.Add(new TargetProgress(i.Id, i.Seq, i.Number, target.Measure, target.Printed, target.Value, target.Unit, actual, status.Percent, status.Expected, status.Rag.ToString()));
            }
        }

        var late = s.Obligations.Where(o => o.Status is ObligationStatus.Missing or ObligationStatus.Late)
            .GroupBy(o => o.UnitId)
            .Select(g => new LateUnit(g.Key, s.UnitName(g.Key), g.Count(o => o.Status == ObligationStatus.Missing), g.Count(o => o.Status == ObligationStatus.Late),
                [.. g.Select(o => o.Period).Distinct().Order().Select(ReportPeriodLabels.Of)]))
            .OrderByDescending(u => u.Missing + u.Late).ThenByDescending(u => u.Missing).ThenBy(u => u.UnitId)
            .ToList();

        return new DashboardData(s.District.Code, s.District.Name, s.Plan.Year, s.Today, s.Revision, timeExpected, StatusCounts.Of(items),
            parts, groups, units, leaders, targets, late);
    }

    private static string Key(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
