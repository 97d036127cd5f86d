namespace Luoshi.Core.Features.Supervision;

/// <summary>A district's leader account that units can be put in the charge of (区设置 → 分管领导), with how many units it has.</summary>
public sealed record LeaderPick(string UserId, string Name, int Units);

/// <summary>An item a unit leads that is red or amber, with the reason <see cref="ItemStatusRules"/> gives.</summary>
public sealed record LateItem(int ItemId, int Seq, string Number, string Text, ItemState State, Rag Rag, string Reason);

/// <summary>Something the unit owes whose deadline passed with nothing filed (逾期未报).</summary>
public sealed record MissedObligation(int ItemId, int Seq, string Number, ReportPeriod Period, DateOnly Due, bool Lead);

/// <summary>One unit in the leader's charge: its items by colour, what is late.</summary>
public sealed record LeaderUnit(int UnitId, string Name, int Items, int Red, int Amber, int Green, int Done, IReadOnlyList<LateItem> Late, IReadOnlyList<MissedObligation> Missed)
{
    /// <summary>Nothing red, amber or missed.</summary>
    public bool Clear => Late.Count == 0 && Missed.Count == 0;
}

/// <summary>What a change of the last days is.</summary>
public enum LeaderChangeKind
{
    /// <summary>An item's state or colour moved (the year at <see cref="LeaderView.Since"/> against today).</summary>
    Status,

    /// <summary>A filing step: submitted for approval, approved and sent on, returned, accepted, reopened.</summary>
    Filing,

    /// <summary>A 督办单 issued to the unit or replied by it.</summary>
    Order,
}

/// <summary>One change of the last days: when (the day for a status change), which unit, what, and where to read it.</summary>
public sealed record LeaderChange(DateTimeOffset? At, DateOnly Day, int UnitId, string UnitName, LeaderChangeKind Kind, string Text, string Link);

/// <summary>
/// 分管领导的页面: the units in one leader's charge (<see cref="Luoshi.Core.Features.Units.Unit.LeaderUserId"/>), what of theirs is late (items red or amber
/// with the reason, obligations 逾期未报) and what changed in the last <see cref="LeaderViews.Days"/> days.
/// </summary>
public sealed record LeaderView(
    DistrictInfo District,
    int Year,
    DateOnly Today,
    DateOnly Since,
    string LeaderUserId,
    string LeaderName,
    IReadOnlyList<LeaderUnit> Units,
    IReadOnlyList<LeaderChange> Changes)
{
    public int Red => Units.Sum(u => u.Red);

    public int Amber => Units.Sum(u => u.Amber);

    public int Missed => Units.Sum(u => u.Missed.Count);

    /// <summary>
    /// Builds the view from the year today and as it stood at the end of <paramref name="since"/> (pure). The units: those whose
    /// leader in charge is <paramref name="leaderUserId"/>, the worst first. Status changes: the items those units lead whose state
    /// or colour differs between the two snapshots; the filing steps and orders come in as rows already limited to those units.
    /// </summary>
    public static LeaderView Build(
        YearSnapshot now,
        PastStanding? then,
        DateOnly since,
        string leaderUserId,
        string leaderName,
        IReadOnlyList<LeaderChange> steps)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(steps);
        var mine = now.Units.Where(u => string.Equals(u.LeaderUserId, leaderUserId, StringComparison.Ordinal)).ToList();
        var mineIds = mine.Select(u => u.Id).ToHashSet();
        // One pass over the year's items and obligations for all the leader's units (not one per unit).
        var ledBy = now.Items.SelectMany(i => i.LeadUnitIds.Where(mineIds.Contains).Distinct().Select(u => (Unit: u, Item: i))).ToLookup(x => x.Unit, x => x.Item);
        var missingBy = now.Obligations.Where(o => o.Status == ObligationStatus.Missing && mineIds.Contains(o.UnitId)).ToLookup(o => o.UnitId);
        var before = then is not null && then.PlanId == now.Plan.Id ? then.Items : null;
        var units = new List<LeaderUnit>();
        var changes = new List<LeaderChange>(steps);
        foreach (var u in mine)
        {
            var led = ledBy[u.Id].ToList();
            var late = led.Where(i => i.Status.Rag is Rag.Red or Rag.Amber)
                .OrderByDescending(i => i.Status.Rag).ThenByDescending(i => i.Status.State == ItemState.Overdue).ThenBy(i => i.Seq)
                .Select(i => new LateItem(i.Id, i.Seq, i.Number, i.Text, i.Status.State, i.Status.Rag, i.Status.Reason)).ToList();
            var missed = missingBy[u.Id]
                .OrderBy(o => o.Due).ThenBy(o => now.Item(o.ItemId).Seq)
                .Select(o => new MissedObligation(o.ItemId, now.Item(o.ItemId).Seq, now.Item(o.ItemId).Number, o.Period, o.Due, now.Item(o.ItemId).LeadUnitIds.Contains(u.Id)))
                .ToList();
            units.Add(new LeaderUnit(u.Id, u.Name, led.Count,
                led.Count(i => i.Status.Rag == Rag.Red), led.Count(i => i.Status.Rag == Rag.Amber), led.Count(i => i.Status.Rag == Rag.Green),
                led.Count(i => i.Status.State == ItemState.Done), late, missed));

            if (before is null)
            {
                continue;
            }

            foreach (var i in led)
            {
                if (before.TryGetValue(i.Id, out var b) && (b.State != i.Status.State || b.Rag != i.Status.Rag))
                {
                    changes.Add(new LeaderChange(null, now.Today, u.Id, u.Name, LeaderChangeKind.Status,
                        $"第{i.Number}项由“{Standing(b)}”变为“{Standing(i.Status)}”。",
                        "/Plans/" + now.District.Code + "/Items/" + i.Id.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }

        return new LeaderView(now.District, now.Plan.Year, now.Today, since, leaderUserId, leaderName,
            [.. units.OrderByDescending(u => u.Red + u.Missed.Count).ThenByDescending(u => u.Amber).ThenBy(u => u.UnitId)],
            [.. changes.OrderByDescending(c => c.Day).ThenByDescending(c => c.At ?? DateTimeOffset.MaxValue).ThenBy(c => c.UnitId)]);
    }

    /// <summary>An item's standing in words: its state and, when it has one, its colour (进度滞后（黄）).</summary>
    public static string Standing(ItemStatusResult status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return ItemStateLabels.Of(status.State) + (ItemStateLabels.Of(status.Rag) is { } c ? "（" + c + "）" : string.Empty);
    }
}

/// <summary>
/// Each item's standing in a district's year as it stood at the end of a past day (<see cref="YearQueries.SnapshotAsync(int, CancellationToken, DateOnly?, int?)"/>
/// with asOf): what the leader's view compares today with. A few hundred small rows, not the whole past snapshot.
/// </summary>
public sealed record PastStanding(int PlanId, IReadOnlyDictionary<int, ItemStatusResult> Items)
{
    public static PastStanding Of(YearSnapshot then)
    {
        ArgumentNullException.ThrowIfNull(then);
        return new PastStanding(then.Plan.Id, then.Items.ToDictionary(i => i.Id, i => i.Status));
    }
}

/// <summary>Loads a <see cref="LeaderView"/> and decides who may see whose.</summary>
public sealed class LeaderViews(LuoshiDb db, YearQueries years, RevisionCache cache)
{
    /// <summary>What "since last week" means: the changes of the last this many days.</summary>
    public const int Days = 7;


    // The filing steps a leader is told of (not the clerk's saves and uploads).
    private static readonly string[] Steps = [FilingEventActions.Submit, FilingEventActions.Approve, FilingEventActions.Return, FilingEventActions.Accept, FilingEventActions.Reopen, FilingEventActions.Consolidate];

    /// <summary>
    /// Whether <paramref name="actor"/> (account id <paramref name="actorUserId"/>) may see the page of the leader with account
    /// <paramref name="leaderUserId"/> in the district: the district's office, any of its leaders; a reader of the whole plan, only
    /// their own (a leader sees their own units and nobody else's); a unit's people never.
    /// </summary>
    public static bool MayView(Actor actor, string? actorUserId, int districtId, string leaderUserId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.CanSupervise(districtId)
            || (actor.CanReadWholePlan(districtId) && actorUserId is not null && string.Equals(actorUserId, leaderUserId, StringComparison.Ordinal));
    }

    /// <summary>Whether the actor chooses among the district's leaders (the office) rather than seeing only their own page.</summary>
    public static bool MayChoose(Actor actor, int districtId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.CanSupervise(districtId);
    }

    /// <summary>The district's leader accounts with the number of units in their charge.</summary>
    public async Task<List<LeaderPick>> LeadersAsync(int districtId, CancellationToken ct = default)
    {
        var leaders = await db.Users.AsNoTracking().Where(u => u.DistrictId == districtId && u.Role == AppRole.Leader)
            .OrderBy(u => u.UserName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        var counts = await db.Units.AsNoTracking().Where(u => u.DistrictId == districtId && u.LeaderUserId != null)
            .GroupBy(u => u.LeaderUserId!).Select(g => new { Leader = g.Key, N = g.Count() }).ToListAsync(ct);
        return [.. leaders.Select(l => new LeaderPick(l.Id, l.DisplayName, counts.FirstOrDefault(c => c.Leader == l.Id)?.N ?? 0))];
    }

    /// <summary>
    /// The page of the leader <paramref name="leaderUserId"/> of the district (its current plan year, or <paramref name="year"/>):
    /// null when that account is not a leader of the district, the district has no plan, or <paramref name="actor"/> may not see it.
    /// Without <paramref name="changes"/> (a home page's summary), the week's changes are left out and nothing more is read.
    /// </summary>
    public async Task<LeaderView?> LoadAsync(Actor actor, string? actorUserId, int districtId, string leaderUserId, int? year = null, bool changes = true, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayView(actor, actorUserId, districtId, leaderUserId))
        {
            return null;
        }

        var leader = await db.Users.AsNoTracking().Where(u => u.Id == leaderUserId && u.DistrictId == districtId && u.Role == AppRole.Leader)
            .Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        var now = leader is null ? null : await years.SnapshotAsync(districtId, ct, year: year);
        if (leader is null || now is null)
        {
            return null;
        }

        var since = now.Today.AddDays(-Days);
        if (!changes)
        {
            return LeaderView.Build(now, null, since, leader.Id, leader.DisplayName, []);
        }

        // Kept at the revision today's snapshot was read at: what is built after it is as new or newer, never older.
        var then = await cache.GetOrAddAsync<PastStanding>(CacheKinds.LeaderWeekAgo, districtId, now.Revision, (since, now.Plan.Year),
            async () => await years.SnapshotAsync(districtId, ct, asOf: since, year: now.Plan.Year) is { } past ? PastStanding.Of(past) : null);
        var unitIds = now.Units.Where(u => u.LeaderUserId == leader.Id).Select(u => u.Id).ToList();
        var names = now.Units.Where(u => unitIds.Contains(u.Id)).ToDictionary(u => u.Id, u => u.Name);
        // From the start of the day after `since` in the districts: the snapshot "then" already holds that day.
        var from = new DateTimeOffset(since.AddDays(1).ToDateTime(TimeOnly.MinValue), DistrictClock.Offset);

        // Only the week's events and orders are read (the index on FilingEvents is (FilingId, At)). SQLite cannot compare
        // DateTimeOffset values in SQL (EF Core keeps them as text there): on SQLite the week is cut after reading.
        bool inSql = !db.Database.IsSqlite();
        var stepEvents = db.FilingEvents.AsNoTracking().Where(e => Steps.Contains(e.Action));
        var unitOrders = db.SupervisionOrders.AsNoTracking().Where(o => o.DistrictId == districtId && unitIds.Contains(o.UnitId));
        if (inSql)
        {
            var fromUtc = from.ToUniversalTime(); // Npgsql writes a timestamptz parameter only in UTC
            stepEvents = stepEvents.Where(e => e.At >= fromUtc);
            unitOrders = unitOrders.Where(o => o.IssuedAt >= fromUtc || o.RepliedAt >= fromUtc);
        }

        var events = await (from e in stepEvents
                            join f in db.Filings on e.FilingId equals f.Id
                            where f.PlanId == now.Plan.Id && unitIds.Contains(f.UnitId)
                            select new { e.At, e.Action, e.To, e.ActorName, f.ItemId, f.UnitId, f.Period }).ToListAsync(ct);
        var orders = await unitOrders.Select(o => new { o.Id, o.UnitId, o.Number, o.Subject, o.ReplyBy, o.IssuedAt, o.RepliedAt }).ToListAsync(ct);

        var steps = new List<LeaderChange>();
        var items = now.Items.ToDictionary(i => i.Id);
        foreach (var e in events.Where(e => e.At >= from))
        {
            string what = items.TryGetValue(e.ItemId, out var item) ? "第" + item.Number + "项" : "";
            steps.Add(new LeaderChange(e.At, DistrictClock.DateOf(e.At), e.UnitId, names[e.UnitId], LeaderChangeKind.Filing,
                $"{what}{ReportPeriodLabels.Of(e.Period)}：{StepText(e.Action, e.To)}（{e.ActorName}）。",
                FilingPath(e.ItemId, e.UnitId, e.Period)));
        }

        foreach (var o in orders)
        {
            string link = "/Orders/" + o.Id.ToString(CultureInfo.InvariantCulture);
            if (o.IssuedAt >= from)
            {
                steps.Add(new LeaderChange(o.IssuedAt, DistrictClock.DateOf(o.IssuedAt), o.UnitId, names[o.UnitId], LeaderChangeKind.Order,
                    $"收到督办单 {o.Number}“{o.Subject}”，要求{ChineseDates.Day(o.ReplyBy)}前回复。", link));
            }

            if (o.RepliedAt is { } r && r >= from)
            {
                steps.Add(new LeaderChange(r, DistrictClock.DateOf(r), o.UnitId, names[o.UnitId], LeaderChangeKind.Order,
                    $"已回复督办单 {o.Number}“{o.Subject}”。", link));
            }
        }

        return LeaderView.Build(now, then, since, leader.Id, leader.DisplayName, steps);
    }

    /// <summary>A filing step as the leader reads it.</summary>
    public static string StepText(string action, FilingState to) => (action, to) switch
    {
        (FilingEventActions.Submit, _) => "填报人提交单位负责人审定",
        (FilingEventActions.Approve, FilingState.WithLeadUnit) => "单位负责人审定通过，交牵头单位汇总",
        (FilingEventActions.Approve, _) => "单位负责人审定通过，报送督查室",
        (FilingEventActions.Return, FilingState.ReturnedByHead) => "单位负责人退回修改",
        (FilingEventActions.Return, FilingState.ReturnedByLead) => "牵头单位退回修改",
        (FilingEventActions.Return, _) => "督查室退回修改",
        (FilingEventActions.Accept, FilingState.Consolidated) => "牵头单位已汇总",
        (FilingEventActions.Accept, _) => "督查室已接收",
        (FilingEventActions.Reopen, _) => "督查室重新开放",
        (FilingEventActions.Consolidate, _) => "牵头单位已汇总配合单位材料",
        _ => FilingEventActions.Label(action),
    };

    private static string FilingPath(int itemId, int unitId, ReportPeriod period) => Notifications.HandOffNotices.FilingPath(itemId, unitId, period);
}
