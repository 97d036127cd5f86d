namespace Luoshi.Core.Features.Work;

/// <summary>
/// A numeric target of the item with what the unit reported last time and the share of it the time elapsed calls for (序时进度): for a co-unit,
/// of its own share (<paramref name="CoUnit"/>, <paramref name="Share"/>; 未分解 when none), from its quarterly values when it planned them.
/// </summary>
public sealed record FilingTarget(int Id, string Measure, decimal Value, string Unit, IndicatorSense Sense, string Printed, decimal? Last, int ExpectedPercent,
    bool CoUnit = false, decimal? Share = null)
{
    /// <summary>A rate or level (增长 6%, 保持 100%) is compared with the target at any time, not with the time elapsed (<see cref="TargetKinds"/>).</summary>
    public bool IsLevel => !TargetKinds.Of(Unit, Sense).FollowsTime();

    /// <summary>What the unit's value is measured against: the target, or a co-unit's share; null for a co-unit without one (未分解).</summary>
    public decimal? Yardstick => CoUnit ? Share : Value;

    /// <summary>What the time elapsed calls for by the end of the period (amounts with a yardstick only).</summary>
    public decimal? Expected => IsLevel || Yardstick is not decimal y ? null : Math.Round(y * ExpectedPercent / 100m, 2);
}

/// <summary>A work plan's numbers for one amount target: the unit's quarterly values and share as stored, and (for a co-unit) the share its lead unit set.</summary>
public sealed record PlanTarget(int Id, string Measure, decimal Value, string Unit, string Printed, PlannedTarget? Own, decimal? ShareByLead);

/// <summary>An evidence file as listed (its content stays in the database until downloaded).</summary>
public sealed record EvidenceRow(int Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>
/// A co-unit's part of the same item and period, as the lead unit sees it: its text, its values against its share (<see cref="CoUnitFigures"/>),
/// its evidence files (downloaded from where they are), and its share per target in the lead's work plan.
/// </summary>
public sealed record CoPart(int UnitId, string UnitName, int? FilingId, FilingState? State, string? Progress, string? Problems, IReadOnlyList<WorkStep> Steps,
    IReadOnlyList<CoUnitFigure> Figures, IReadOnlyList<EvidenceRow> Evidence)
{
    /// <summary>Handed over to the lead unit (or already taken in): its text, values and files count.</summary>
    public bool HandedOver => State is FilingState.WithLeadUnit or FilingState.Consolidated;
}

/// <summary>The last report before this one (for what changed and the last values).</summary>
public sealed record PreviousReport(ReportPeriod Period, string? Progress, string? Problems);

/// <summary>Everything the filing page shows about one unit's work plan or report for one item.</summary>
public sealed class FilingView
{
    public required DistrictInfo District { get; init; }

    public required int PlanId { get; init; }

    public required int ItemId { get; init; }

    public required int ItemSeq { get; init; }

    public required string ItemNumber { get; init; }

    public required string ItemText { get; init; }

    public required string PartTitle { get; init; }

    public string? ItemDeadline { get; init; }

    public required int UnitId { get; init; }

    public required string UnitName { get; init; }

    public required UnitRole Role { get; init; }

    public required IReadOnlyList<int> LeadUnitIds { get; init; }

    public required string LeadUnitNames { get; init; }

    public required ReportPeriod Period { get; init; }

    public Deadline? Due { get; init; }

    public required Participation Participation { get; init; }

    public required FormStyle Style { get; init; }

    /// <summary>The filing, or null when the unit has not started it.</summary>
    public Filing? Filing { get; init; }

    public PreviousReport? Previous { get; init; }

    public required IReadOnlyList<FilingTarget> Targets { get; init; }

    public required IReadOnlyList<EvidenceRow> Evidence { get; init; }

    /// <summary>The history shown, oldest first: the latest <see cref="RecentEvents"/> steps, or every step when the whole history was asked for.</summary>
    public required IReadOnlyList<FilingEvent> Events { get; init; }

    /// <summary>How many steps the filing's history has in all (the page offers the rest when it shows fewer).</summary>
    public int EventCount { get; init; }

    /// <summary>How many of the latest steps the page shows unless the whole history is asked for (a year of saves is hundreds).</summary>
    public const int RecentEvents = 20;

    public required bool PeriodLocked { get; init; }

    public required IReadOnlyList<CoPart> CoParts { get; init; }

    /// <summary>Work plan: the item's amount targets with the numbers the unit plans (quarterly values; a co-unit's share).</summary>
    public IReadOnlyList<PlanTarget> PlanTargets { get; init; } = [];

    /// <summary>Work plan of a lead unit: the item's co-units, for whom it sets shares (id, name), and the shares it set (indicator, unit → share).</summary>
    public IReadOnlyList<(int Id, string Name)> ShareUnits { get; init; } = [];

    public IReadOnlyDictionary<(int IndicatorId, int UnitId), decimal?> SharesSet { get; init; } = new Dictionary<(int, int), decimal?>();

    /// <summary>Report of a lead unit: per target (by position), its own value, and its own plus its handed-over co-units' (合计).</summary>
    public IReadOnlyList<decimal?> OwnValues => [.. Targets.Select(t => Filing?.Actuals.FirstOrDefault(a => a.IndicatorId == t.Id)?.Value)];

    public IReadOnlyList<decimal?> Sums => [.. Targets.Select((t, k) => CoUnitFigures.Combined(TargetKinds.Of(t.Unit, t.Sense), OwnValues[k], CoParts.Where(c => c.HandedOver).Select(c => c.Figures.ElementAtOrDefault(k)?.Value)))];

    /// <summary>This item's obligations for the period, every unit (from the year snapshot).</summary>
    public required IReadOnlyList<ObligationRow> ItemObligations { get; init; }

    public ItemRow? ItemStatus { get; init; }

    public required Func<int, string> UnitNameOf { get; init; }

    public bool IsReport => Period != ReportPeriod.WorkPlan;

    public bool IsCoUnitPart => Filing?.IsCoUnitPart ?? Participation == Participation.PartToLead;

    /// <summary>The filing's lock as the flow sees it: the period is closed and this filing was not reopened.</summary>
    public bool Locked => PeriodLocked && Filing?.Reopened != true;

    public FilingState State => Filing?.State ?? FilingState.Draft;

    public int Version => Filing?.Version ?? 0;

    public ObligationRow? Obligation => ItemObligations.FirstOrDefault(o => o.UnitId == UnitId);

    public FilingContext Context(Actor actor) => new(actor, UnitId, LeadUnitIds, District.Id, IsCoUnitPart, Locked);

    /// <summary>The unit's own clerk writes, attaches, submits and consolidates (<see cref="FilingAccess.MayWrite(Actor, int, int)"/>).</summary>
    public bool MayWrite(Actor actor) => FilingAccess.MayWrite(actor, District.Id, UnitId);

    /// <summary>Whether the actor has a part in the step on this filing at all, whatever its state (<see cref="FilingFlow.MayTake"/>).</summary>
    public bool MayTake(FilingAction action, Actor actor) => FilingFlow.MayTake(action, Context(actor));

    /// <summary>Whether the flow would let <paramref name="actor"/> take the step now (a sample comment stands in for the one they will write).</summary>
    public bool Allows(FilingAction action, Actor actor) => FilingFlow.Apply(State, action, Context(actor), "意见").Ok;

    /// <summary>The unit's clerk may write now.</summary>
    public bool Writable(Actor actor) => MayWrite(actor) && FilingFlow.Editable(State) && !Locked && Participation != Participation.None;
}

/// <summary>Reads a <see cref="FilingView"/>; the unit's own clerk starts the filing by opening it (<see cref="FilingEditing.OpenAsync"/>).</summary>
public sealed class FilingQueries(LuoshiDb db, FilingEditing editing, YearQueries year)
{
    /// <summary>
    /// The page, or null when the item, unit or period does not exist or the actor may not see it (404). <paramref name="forSave"/>:
    /// only what a save checks before it writes (who may see and write, participation, lock, the filing and its version, the
    /// targets by id and name, the form style), without what only the shown page needs (the history, evidence files, co-units'
    /// parts, the previous report's values, planned shares, the item's standing from the year snapshot); a refused save loads
    /// the whole page again before showing it.
    /// </summary>
    /// <remarks><paramref name="wholeHistory"/>: every step of the history, not only the latest <see cref="FilingView.RecentEvents"/>.</remarks>
    public async Task<FilingView?> LoadAsync(int itemId, int unitId, ReportPeriod period, Actor actor, bool open, CancellationToken ct, bool forSave = false, bool wholeHistory = false)
    {
        // One round trip for what every view needs (issue 16): the item, its part, plan, district (with its revision), units with
        // their names and leaders, targets, the district's saved settings and latest plan (for the defaults), the period's lock.
        var item = await (from i in db.PlanItems.AsNoTracking()
                          join p in db.PlanParts on i.PartId equals p.Id
                          join pl in db.Plans on i.PlanId equals pl.Id
                          join d in db.Districts on pl.DistrictId equals d.Id
                          where i.Id == itemId
                          select new
                          {
                              i.Id,
                              i.PlanId,
                              i.Seq,
                              i.Number,
                              i.Text,
                              i.Deadline,
                              i.Group,
                              PartIndex = p.Index,
                              p.Title,
                              Plan = new PlanHeader(pl.Id, pl.Year, pl.DocNumber, pl.Title, pl.Issuer, pl.SignedOn, pl.PublishedAt),
                              pl.CalendarJson,
                              District = new DistrictInfo(d.Id, d.Code, d.Name, d.City),
                              d.Revision,
                              // A join, not a FirstOrDefault of a projection: PostgreSQL planned that as a window over every unit of
                              // every district (6,000 at a province; ~100 ms a form under 16 writers).
                              Units = (from u in i.Units
                                       join x in db.Units on u.UnitId equals x.Id
                                       orderby u.Id
                                       select new
                                       {
                                           u.UnitId,
                                           u.Role,
                                           Unit = new { x.Name, x.LeaderUserId, Leader = db.Users.Where(l => l.Id == x.LeaderUserId).Select(l => l.DisplayName).FirstOrDefault() },
                                       }).ToList(),
                              Targets = i.Indicators.OrderBy(x => x.Seq).ToList(),
                              Saved = db.DistrictSettings.FirstOrDefault(x => x.DistrictId == d.Id),
                              Latest = db.Plans.Where(x => x.DistrictId == d.Id).OrderByDescending(x => x.Year).Select(x => new { x.Issuer, x.DocNumber }).FirstOrDefault(),
                              Locked = db.PeriodLocks.Any(l => l.PlanId == i.PlanId && l.Period == period),
                              // The district's plan years and the office's choice: whether the item's plan is the current one (PlanYears' rule).
                              PlanRows = db.Plans.Where(x => x.DistrictId == d.Id && x.Year > 0).OrderBy(x => x.Id)
                                  .Select(x => new Years.PlanYears.Row(x.Id, x.DistrictId, x.Year, x.DocNumber, x.Title, x.CalendarJson, x.ClosedAt, x.ClosedBy)).ToList(),
                              Chosen = db.YearChoices.Where(c => c.DistrictId == d.Id).Select(c => (int?)c.Year).FirstOrDefault(),
                          })
            .FirstOrDefaultAsync(ct);
        if (item is null || item.Units.All(u => u.UnitId != unitId))
        {
            return null;
        }

        int districtId = item.District.Id;
        var leads = item.Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.UnitId).Distinct().ToList();
        if (!FilingAccess.MaySee(actor, districtId, unitId, leads))
        {
            return null;
        }

        var settings = DistrictSettingsDefaults.Resolve(item.Saved, districtId, item.District.Code, item.District.Name, item.Latest?.Issuer, item.Latest?.DocNumber);
        var rules = new YearRules(PlanCalendar.Load(item.CalendarJson, () => db.Plans.AsNoTracking().Where(p => p.Id == item.PlanId).Select(p => p.SourceText).First()), settings);
        var due = rules.Calendar.For(period);
        if (due is null)
        {
            return null;
        }

        var role = item.Units.First(u => u.UnitId == unitId).Role;
        var participation = rules.Participation(role);
        // A save checks the filing alone; the page shows every filing of the item (its own, the previous report, co-units' parts, and
        // the item's standing built from them), read in one query.
        List<Filing> filings = forSave ? [] : await ItemFilingsAsync(itemId, ct);
        var filing = forSave ? await FilingAsync(itemId, unitId, period, ct) : Own(filings);
        if (filing is null && open && participation != Participation.None && FilingAccess.MayWrite(actor, districtId, unitId))
        {
            var opened = await editing.OpenAsync(itemId, unitId, period, actor, ct);
            db.ChangeTracker.Clear();
            filings = forSave ? [] : await ItemFilingsAsync(itemId, ct);
            filing = !opened.Ok ? null : forSave ? await FilingAsync(itemId, unitId, period, ct) : Own(filings);
        }

        Filing? Own(List<Filing> all) => all.FirstOrDefault(f => f.UnitId == unitId && f.Period == period);
        var district = item.District;
        var names = item.Units.Where(u => u.Unit is not null).GroupBy(u => u.UnitId).ToDictionary(g => g.Key, g => g.First().Unit!.Name);
        var previous = period == ReportPeriod.WorkPlan || forSave ? null
            : filings.Where(f => f.UnitId == unitId && f.Period != ReportPeriod.WorkPlan && f.Period < period).OrderByDescending(f => f.Period).FirstOrDefault();
        var targets = item.Targets;
        IReadOnlyList<PlannedRow> planned = forSave ? [] : TargetShares.Of(filings);
        bool coUnit = role == UnitRole.Co;
        var thresholds = rules.Settings.Thresholds();
        var targetRows = targets.Select(t => new TargetRow(t.Id, t.Seq, t.Measure, t.Value, t.Unit, t.Sense, t.Printed)).ToList();
        // 序时进度 of the unit's yardstick (the target, or a co-unit's share), from the quarterly values it planned (one rule: ExpectedProgress).
        int ExpectedOf(ItemIndicator t, decimal? share) => TargetKinds.Of(t.Unit, t.Sense).FollowsTime()
            ? ExpectedProgress.OfPeriod(period, coUnit ? share ?? 0m : t.Value, TargetShares.QuartersOf(planned, unitId, t.Id))
            : ExpectedProgress.OfPeriod(period);
        bool locked = item.Locked;
        bool withCoParts = role == UnitRole.Lead && rules.CoUnitsReportToLead && !forSave;
        var coParts = withCoParts ? filings.Where(f => f.Period == period && f.IsCoUnitPart).ToList() : [];
        var handed = coParts.Where(p => p.State is FilingState.WithLeadUnit or FilingState.Consolidated).Select(p => p.Id).ToHashSet();
        // The evidence files listed: the filing's own, and those of the co-units' parts handed over (one query).
        List<int> listed = [.. handed];
        if (!forSave && filing is not null)
        {
            listed.Insert(0, filing.Id);
        }

        var evidenceOf = await EvidenceAsync(listed, ct);
        // The item's obligations and standing: the cached year snapshot when it is current, otherwise built from the rows read
        // above (not the whole district rebuilt on every save, and none of them read again).
        var snapshot = forSave ? null : year.ItemFromRows(districtId, item.Revision, Years.PlanYears.Current(item.PlanRows, item.Chosen, year.Today)?.PlanId == item.PlanId, () => YearSnapshot.Build(district, item.Plan, year.Today, item.Revision, rules,
            [.. item.Units.Where(u => u.Unit is not null).DistinctBy(u => u.UnitId).OrderBy(u => u.UnitId).Select(u => new SnapshotUnit(u.UnitId, u.Unit!.Name, u.Unit.LeaderUserId, u.Unit.Leader))],
            [(item.Id, item.Seq, item.Number, item.PartIndex, item.Title, item.Group, item.Text)],
            [.. item.Units.Select(u => (item.Id, u.UnitId, u.Role))],
            [.. targetRows.Select(t => (item.Id, t))],
            [.. filings.Select(f => new FilingRow(f.Id, f.ItemId, f.UnitId, f.Period, f.State, f.SubmittedAt, f.Completed, f.Flags, f.ConsolidatedIntoId))],
            [.. filings.SelectMany(f => f.Actuals.Select(a => (f.Id, a.IndicatorId, a.Value)))],
            planned));
        bool current = snapshot is not null && snapshot.Plan.Id == item.PlanId;
        var (events, eventCount) = filing is null || forSave ? (new List<FilingEvent>(), 0) : await HistoryAsync(filing.Id, wholeHistory ? null : FilingView.RecentEvents, ct);

        return new FilingView
        {
            District = district,
            PlanId = item.PlanId,
            ItemId = item.Id,
            ItemSeq = item.Seq,
            ItemNumber = item.Number,
            ItemText = item.Text,
            PartTitle = item.Title,
            ItemDeadline = item.Deadline,
            UnitId = unitId,
            UnitName = names.GetValueOrDefault(unitId, "?"),
            Role = role,
            LeadUnitIds = leads,
            LeadUnitNames = string.Join("、", leads.Select(l => names.GetValueOrDefault(l, "?"))),
            Period = period,
            Due = due,
            Participation = participation,
            Style = settings.FormStyle,
            Filing = filing,
            Previous = previous is null ? null : new PreviousReport(previous.Period, previous.Progress, previous.Problems),
            Targets = [.. targets.Select(t => (t, Share: coUnit ? TargetShares.ShareOf(planned, unitId, t.Id, leads) : null)).Select(x => new FilingTarget(x.t.Id, x.t.Measure, x.t.Value, x.t.Unit, x.t.Sense, x.t.Printed,
                previous?.Actuals.FirstOrDefault(a => a.IndicatorId == x.t.Id)?.Value, ExpectedOf(x.t, x.Share), coUnit, x.Share))],
            PlanTargets = period != ReportPeriod.WorkPlan ? [] : [.. targets.Where(t => TargetKinds.Of(t.Unit, t.Sense).FollowsTime()).Select(t => new PlanTarget(t.Id, t.Measure, t.Value, t.Unit, t.Printed,
                filing?.Planned.FirstOrDefault(p => p.IndicatorId == t.Id && p.UnitId == unitId),
                coUnit ? planned.Where(p => p.UnitId == unitId && p.IndicatorId == t.Id && p.PlanUnitId != unitId && leads.Contains(p.PlanUnitId)).Select(p => p.Share).FirstOrDefault() : null))],
            ShareUnits = period == ReportPeriod.WorkPlan && role == UnitRole.Lead
                ? [.. item.Units.Where(u => u.Role == UnitRole.Co && u.UnitId != unitId).Select(u => u.UnitId).Distinct().Select(u => (u, names.GetValueOrDefault(u, "?")))]
                : [],
            SharesSet = filing?.Planned.Where(p => p.UnitId != unitId).ToDictionary(p => (p.IndicatorId, p.UnitId), p => p.Share) ?? [],
            Evidence = filing is null || forSave ? [] : [.. evidenceOf[filing.Id]],
            Events = events,
            EventCount = eventCount,
            PeriodLocked = locked,
            CoParts = withCoParts
                ? CoParts(period, item.Units.Where(u => u.Role == UnitRole.Co).Select(u => u.UnitId).ToList(), coParts, handed, evidenceOf, names, targetRows, planned, leads, thresholds) : [],
            ItemObligations = current ? [.. snapshot!.Obligations.Where(o => o.ItemId == itemId && o.Period == period)] : [],
            ItemStatus = current ? snapshot!.Items.FirstOrDefault(i => i.Id == itemId) : null,
            UnitNameOf = id => names.GetValueOrDefault(id, "?"),
        };
    }

    /// <summary>Every filing of the item (every unit, every period) with its values and planned numbers.</summary>
    private Task<List<Filing>> ItemFilingsAsync(int itemId, CancellationToken ct) =>
        db.Filings.AsNoTracking().Include(f => f.Actuals).Include(f => f.Planned).Where(f => f.ItemId == itemId).OrderBy(f => f.Id).ToListAsync(ct);

    /// <summary>
    /// The filing's history, oldest first: the latest <paramref name="latest"/> steps (all when null), with the number of steps in all, in
    /// one query; without the submit's text snapshot, which the page does not show.
    /// </summary>
    private async Task<(List<FilingEvent> Events, int Count)> HistoryAsync(int filingId, int? latest, CancellationToken ct)
    {
        var all = db.FilingEvents.AsNoTracking().Where(e => e.FilingId == filingId);
        var rows = await (latest is int n ? all.OrderByDescending(e => e.Id).Take(n) : all.OrderByDescending(e => e.Id))
            .Select(e => new
            {
                Event = new FilingEvent { Id = e.Id, FilingId = e.FilingId, At = e.At, Actor = e.Actor, ActorName = e.ActorName, Action = e.Action, From = e.From, To = e.To, Comment = e.Comment },
                Count = db.FilingEvents.Count(x => x.FilingId == filingId),
            })
            .ToListAsync(ct);
        rows.Reverse();
        return ([.. rows.Select(r => r.Event)], rows.Count == 0 ? 0 : rows[0].Count);
    }

    private async Task<ILookup<int, EvidenceRow>> EvidenceAsync(List<int> filingIds, CancellationToken ct) =>
        filingIds.Count == 0 ? Array.Empty<EvidenceRow>().ToLookup(_ => 0) : (await db.Evidence.AsNoTracking().Where(e => filingIds.Contains(e.FilingId)).OrderBy(e => e.Id)
            .Select(e => new { e.FilingId, Row = new EvidenceRow(e.Id, e.FileName, e.ContentType, e.Size, e.UploadedAt, e.UploadedBy) }).ToListAsync(ct)).ToLookup(e => e.FilingId, e => e.Row);

    private Task<Filing?> FilingAsync(int itemId, int unitId, ReportPeriod period, CancellationToken ct) =>
        db.Filings.AsNoTracking().Include(f => f.Actuals).Include(f => f.Planned).FirstOrDefaultAsync(f => f.ItemId == itemId && f.UnitId == unitId && f.Period == period, ct);

    private static IReadOnlyList<CoPart> CoParts(ReportPeriod period, List<int> coUnits, List<Filing> parts, HashSet<int> handed, ILookup<int, EvidenceRow> files,
        Dictionary<int, string> names, IReadOnlyList<TargetRow> targets, IReadOnlyList<PlannedRow> planned, IReadOnlyCollection<int> leads, StatusThresholds thresholds)
    {
        // Text, values and files count once the co-unit's head has handed the part over; a draft is the co-unit's own.
        var values = parts.ToDictionary(p => p.Id, p => p.Actuals);
        IReadOnlyList<CoUnitFigure> Figures(int unit, int? filingId) => [.. targets.Select(t => CoUnitFigures.Of(t,
            filingId is int f && handed.Contains(f) ? values[f].FirstOrDefault(a => a.IndicatorId == t.Id)?.Value : null,
            TargetShares.ShareOf(planned, unit, t.Id, leads), period, TargetShares.QuartersOf(planned, unit, t.Id), thresholds))];
        return [.. coUnits.Distinct().Select(u => parts.FirstOrDefault(p => p.UnitId == u) is { } p
                ? new CoPart(u, names.GetValueOrDefault(u, "?"), p.Id, p.State, p.Progress, p.Problems, WorkSteps.Parse(p.StepsJson), Figures(u, p.Id),
                    handed.Contains(p.Id) ? [.. files[p.Id]] : [])
                : new CoPart(u, names.GetValueOrDefault(u, "?"), null, null, null, null, [], Figures(u, null), []))];
    }
}
