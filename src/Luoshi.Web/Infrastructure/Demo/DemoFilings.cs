namespace Luoshi.Web.Infrastructure;

/// <summary>
/// The demo story's filings built in memory and stored in batches (<see cref="FlushAsync"/>: one transaction, two saves), instead
/// of a use case with its queries and its commit per step: a first start on a fresh machine in seconds, not minutes. Each step
/// builds its rows with the functions the product's own use case builds them with, so that the stored year is the one the use
/// cases would have stored and a rule changed in the product changes here too: <see cref="FilingRows"/> for the new filing, the
/// clerk's text, stamps, events, refusals, the submit's checks, snapshot and notes, and the states a step moves to (by
/// <see cref="FilingFlow.Apply"/>); <see cref="HandOffNotices.Rows"/> for the messages of each hand-off; <see cref="Consolidation.Text"/>
/// and <see cref="Consolidation.TakeIn"/> for the 汇总. What stays here is what the use cases read from the database (the last
/// report, the parts to take in) read from memory instead. Only what the demo does is covered (no evidence, no planned numbers,
/// no closed periods, no reopening); FirstRunTests plays it.
/// </summary>
internal sealed class DemoFilings(LuoshiDb db, TimeProvider clock, int districtId, int planId)
{
    private static readonly ILookup<int, string> NoFiles = Array.Empty<int>().ToLookup(f => f, f => string.Empty);

    /// <summary>A message waiting for its filing's id (its key names it): the filing, its version at the step, the row.</summary>
    private sealed record PendingNote(Filing Filing, int Version, Notification Row);

    private readonly Dictionary<(int Item, int Unit, ReportPeriod Period), Filing> _byKey = [];
    private readonly Dictionary<(int Item, int Unit), List<Filing>> _byItemUnit = [];
    private readonly Dictionary<(int Item, ReportPeriod Period), List<Filing>> _byItemPeriod = [];
    private readonly Dictionary<Filing, Filing> _consolidatedInto = [];
    private readonly List<Filing> _new = [];
    private readonly List<PendingNote> _notes = [];
    private readonly PublicAddress _address = new(null);
    private List<HandOffPerson> _people = [];
    private Dictionary<int, string> _unitNames = [];
    private bool _webhook;
    private readonly bool _sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;

    /// <summary>An item as the steps need it: its number, text, lead units (in the order the database lists them) and targets.</summary>
    public sealed record ItemFacts(int Id, int Seq, string Text, IReadOnlyList<int> Leads, IReadOnlyList<TargetRow> Targets);

    /// <summary>Reads the district's accounts, unit names and webhook setting once.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        _people = (await db.Users.AsNoTracking().Where(u => u.DistrictId == districtId && !u.Disabled)
                .Select(u => new { u.Id, u.UserName, u.Role, u.UnitId, u.DisplayName, u.Email }).ToListAsync(ct))
            .Select(u => new HandOffPerson(u.Id, u.UserName!, u.Role, u.UnitId, u.DisplayName, u.Email))
            .OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();
        _unitNames = await db.Units.AsNoTracking().Where(u => u.DistrictId == districtId).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        _webhook = await db.DistrictSettings.AsNoTracking().AnyAsync(s => s.DistrictId == districtId && s.WebhookUrl != null && s.WebhookUrl != "", ct);
    }

    /// <summary>As <see cref="FilingEditing.OpenAsync"/>: the unit's filing for the item and period, started (from its last report's text) if new.</summary>
    public Outcome<Filing> Open(ItemFacts item, int unitId, ReportPeriod period, Participation part, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(actor);
        if (_byKey.TryGetValue((item.Id, unitId, period), out var existing))
        {
            return existing;
        }

        if (part == Participation.None)
        {
            return new Failure(FailureKind.NotAllowed, "按本区通知，此事项由牵头单位报送，配合单位无需单独填报。");
        }

        var last = period == ReportPeriod.WorkPlan ? null : Previous(item.Id, unitId, period);
        var filing = FilingRows.Start(clock, new FilingKey(districtId, planId, item.Id, unitId, period), part, last, actor);
        _byKey[(item.Id, unitId, period)] = filing;
        Add(_byItemUnit, (item.Id, unitId), filing);
        Add(_byItemPeriod, (item.Id, period), filing);
        _new.Add(filing);
        return filing;
    }

    /// <summary>As <see cref="FilingEditing.SaveAsync"/>.</summary>
    public Outcome<Filing> Save(Filing filing, int expectedVersion, FilingEdit edit, ItemFacts item, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(filing);
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(actor);
        if (FilingRows.Refusal(filing, expectedVersion, "修改") is { } refused)
        {
            return refused;
        }

        FilingRows.Write(filing, edit, item.Targets.Select(t => t.Id).ToHashSet());
        FilingRows.Touch(clock, filing, actor);
        filing.Events.Add(FilingRows.Event(clock, actor, FilingEventActions.Save, filing.State, filing.State, null));
        return filing;
    }

    /// <summary>As <see cref="FilingHandOffs.ActAsync"/> (submit, approve, return, accept) with the messages of <see cref="HandOffNotices.Rows"/>.</summary>
    public Outcome<Filing> Act(Filing filing, int expectedVersion, FilingAction action, string? comment, ItemFacts item, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(filing);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(actor);
        var context = new FilingContext(actor, filing.UnitId, item.Leads, filing.DistrictId, filing.IsCoUnitPart, false);
        var next = FilingFlow.Apply(filing.State, action, context, comment);
        if (!next.Ok)
        {
            return next.Failure!;
        }

        if (filing.Version != expectedVersion)
        {
            return FilingRows.Conflict(filing);
        }

        if (action == FilingAction.Submit)
        {
            if (FilingRows.Unsubmittable(filing) is { } unfinished)
            {
                return unfinished;
            }

            filing.Flags = Flags(filing, item);
        }

        var from = filing.State;
        FilingRows.Move(clock, filing, action, next.Value);
        FilingRows.Touch(clock, filing, actor);
        filing.Events.Add(FilingRows.Event(clock, actor, FilingEventActions.Of(action), from, filing.State, comment, action == FilingAction.Submit ? FilingRows.Snapshot(filing) : null));
        Notify(filing, action, from, comment, item, actor);
        return filing;
    }

    /// <summary>As <see cref="Consolidation.ConsolidateAsync"/>: the lead unit takes its co-units' parts into its own filing.</summary>
    public Outcome<Filing> Consolidate(Filing lead, int expectedVersion, ItemFacts item, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(actor);
        if (FilingRows.Refusal(lead, expectedVersion, "汇总") is { } refused)
        {
            return refused;
        }

        var parts = _byItemPeriod.GetValueOrDefault((lead.ItemId, lead.Period), [])
            .Where(f => f.IsCoUnitPart && f.State is FilingState.WithLeadUnit or FilingState.Consolidated
                && (!_consolidatedInto.TryGetValue(f, out var into) || into == lead)).ToList();
        if (parts.Count == 0)
        {
            return new Failure(FailureKind.NotAllowed, "还没有配合单位报来的材料。");
        }

        lead.Consolidated = Consolidation.Text(parts, _unitNames, [.. item.Targets.OrderBy(t => t.Seq)], [], item.Leads, NoFiles);
        Consolidation.TakeIn(clock, lead, parts, actor, item.Leads, p => _consolidatedInto[p] = lead);
        return lead;
    }

    /// <summary>
    /// Stores what was built since the last flush in one transaction, row by row through one prepared command per table
    /// (<see cref="DemoBulk"/>): the filings (their ids read back), their events and values, the messages (whose keys name the
    /// filing's id); then bumps the district's revision.
    /// </summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_new.Count == 0)
        {
            return;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                // The lead filings that took parts in go first, so that each part is stored with its link (ConsolidatedIntoId).
                var leads = _consolidatedInto.Values.Where(l => l.Id == 0).Distinct().ToList();
                await DemoBulk.InsertAsync(db, leads, readKeys: true, ct);
                foreach (var (part, lead) in _consolidatedInto)
                {
                    part.ConsolidatedIntoId = lead.Id;
                }

                await DemoBulk.InsertAsync(db, _new.Where(f => f.Id == 0).ToList(), readKeys: true, ct);
                foreach (var f in _new)
                {
                    f.Events.ForEach(e => e.FilingId = f.Id);
                    f.Actuals.ForEach(a => a.FilingId = f.Id);
                }

                await DemoBulk.InsertAsync(db, _new.SelectMany(f => f.Events).ToList(), readKeys: false, ct);
                await DemoBulk.InsertAsync(db, _new.SelectMany(f => f.Actuals).ToList(), readKeys: false, ct);
                foreach (var n in _notes)
                {
                    n.Row.Key = HandOffNotices.Key(n.Filing.Id, n.Version, n.Row.UserId);
                }

                await DemoBulk.InsertAsync(db, _notes.Select(n => n.Row).ToList(), readKeys: false, ct);
                await DistrictRevision.BumpAsync(db, districtId, ct);
                await tx.CommitAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        db.ChangeTracker.Clear();
        _consolidatedInto.Clear();
        _new.Clear();
        _notes.Clear();
    }

    private Filing? Previous(int itemId, int unitId, ReportPeriod period) =>
        _byItemUnit.GetValueOrDefault((itemId, unitId), []).Where(f => f.Period != ReportPeriod.WorkPlan && f.Period < period)
            .OrderBy(f => f.Period).LastOrDefault();

    private string? Flags(Filing filing, ItemFacts item)
    {
        var last = _byItemUnit.GetValueOrDefault((filing.ItemId, filing.UnitId), [])
            .Where(f => f.Period != ReportPeriod.WorkPlan && f != filing && f.Period < filing.Period).OrderBy(f => f.Period).LastOrDefault();
        return FilingRows.Flags(filing, last is null ? null : new ReportText(last.Progress, last.Problems),
            [.. item.Targets.OrderBy(t => t.Seq).Select(t => new TargetRef(t.Id, t.Measure))]);
    }

    private void Notify(Filing filing, FilingAction action, FilingState from, string? comment, ItemFacts item, Actor actor)
    {
        if (HandOffRules.For(action, from, filing.State) is not { } rule)
        {
            return;
        }

        var (rows, _) = HandOffNotices.Rows(clock, _address, rule, filing, from, comment, actor, item.Leads,
            new HandOffPlace(_people, _unitNames, item.Seq, item.Text, _webhook));
        _notes.AddRange(rows.Select(r => new PendingNote(filing, filing.Version, r)));
    }

    /// <summary>
    /// After a refused step the story's use cases dropped what their context tracked, so the next step read the filing back from
    /// the database, its values with the stored scale (the submit's snapshot prints "2850.0" rather than "2850.00"): the same here.
    /// </summary>
    public void ReadBack()
    {
        foreach (var a in _new.SelectMany(f => f.Actuals))
        {
            a.Value = Stored(a.Value);
        }
    }

    /// <summary>A value as the database gives it back (its scale: SQLite's text, PostgreSQL's numeric(28,6)), so that the submit's snapshot prints it as the use case does.</summary>
    private decimal? Stored(decimal? value)
    {
        if (value is not decimal v)
        {
            return null;
        }

        return _sqlite
            ? decimal.Parse(v.ToString("0.0###########################", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : decimal.Round(v, 6) + 0.000000m;
    }

    private static void Add<TKey>(Dictionary<TKey, List<Filing>> map, TKey key, Filing filing)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(filing);
    }
}
