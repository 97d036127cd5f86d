namespace Luoshi.Web.Infrastructure;

/// <summary>
/// The demo story's filings built in memory and stored in batches (<see cref="FlushAsync"/>: one transaction, two saves), instead
/// of a use case with its queries and its commit per step: a first start on a fresh machine in seconds, not minutes. Each step
/// writes what the product's own use case writes for it, through the product's own rules, so that the stored year is the one the
/// use cases would have stored: <see cref="FilingFlow.Apply"/> for the states, <see cref="ReportChecks.Flags"/> for the office's
/// notes, <see cref="HandOffRules"/> for whom each hand-off tells and the message, <see cref="TargetShares"/> for the 汇总's figures;
/// the same events, versions, stamps, texts and notification keys as <see cref="FilingEditing"/>, <see cref="FilingHandOffs"/>
/// (with <see cref="HandOffNotices"/>) and <see cref="Consolidation"/>. Only what the demo does is covered (no evidence, no
/// planned numbers, no closed periods, no webhook messages unless the district has a webhook); a change to those use cases'
/// output is a change here too (FirstRunTests plays it).
/// </summary>
internal sealed class DemoFilings(LuoshiDb db, TimeProvider clock, int districtId, int planId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record Person(string Id, string UserName, AppRole Role, int? UnitId, string DisplayName, string? Email);

    private sealed record PendingNote(Filing Filing, int Version, string? UserId, Notification Row);

    private readonly Dictionary<(int Item, int Unit, ReportPeriod Period), Filing> _byKey = [];
    private readonly Dictionary<(int Item, int Unit), List<Filing>> _byItemUnit = [];
    private readonly Dictionary<(int Item, ReportPeriod Period), List<Filing>> _byItemPeriod = [];
    private readonly Dictionary<Filing, Filing> _consolidatedInto = [];
    private readonly List<Filing> _new = [];
    private readonly List<PendingNote> _notes = [];
    private readonly PublicAddress _address = new(null);
    private List<Person> _people = [];
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
            .Select(u => new Person(u.Id, u.UserName!, u.Role, u.UnitId, u.DisplayName, u.Email))
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
        var now = clock.GetUtcNow();
        var filing = new Filing
        {
            DistrictId = districtId,
            PlanId = planId,
            ItemId = item.Id,
            UnitId = unitId,
            Period = period,
            State = FilingState.Draft,
            IsCoUnitPart = part == Participation.PartToLead,
            Progress = last?.Progress,
            Problems = last?.Problems,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = actor.UserName,
        };
        filing.Events.Add(Event(actor, FilingEventActions.Open, FilingState.Draft, FilingState.Draft, last is null ? null : $"以{ReportPeriodLabels.Of(last.Period)}报告为起点"));
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
        if (filing.Version != expectedVersion)
        {
            return new Failure(FailureKind.Conflict, "该材料已被修改。");
        }

        if (!FilingFlow.Editable(filing.State))
        {
            return new Failure(FailureKind.NotAllowed, $"当前状态（{FilingFlow.Label(filing.State)}）不能修改。");
        }

        filing.Leader = Trim(edit.Leader, 128);
        filing.Section = Trim(edit.Section, 128);
        if (edit.Steps is not null)
        {
            filing.StepsJson = WorkSteps.ToJson(edit.Steps);
        }

        filing.Progress = Trim(edit.Progress, 16000);
        filing.Problems = Trim(edit.Problems, 16000);
        filing.Completed = edit.Completed;
        if (edit.Actuals is not null)
        {
            var targets = item.Targets.Select(t => t.Id).ToHashSet();
            foreach (var (indicatorId, value) in edit.Actuals.Where(a => targets.Contains(a.Key)))
            {
                var row = filing.Actuals.FirstOrDefault(a => a.IndicatorId == indicatorId);
                if (row is null)
                {
                    filing.Actuals.Add(new ReportActual { IndicatorId = indicatorId, Value = value });
                }
                else
                {
                    row.Value = value;
                }
            }
        }

        Touch(filing, actor);
        filing.Events.Add(Event(actor, FilingEventActions.Save, filing.State, filing.State, null));
        return filing;
    }

    /// <summary>As <see cref="FilingHandOffs.ActAsync"/> (submit, approve, return, accept) with the messages of <see cref="HandOffNotices.AddAsync"/>.</summary>
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
            return new Failure(FailureKind.Conflict, "该材料已被修改。");
        }

        if (action == FilingAction.Submit)
        {
            if (filing.Period != ReportPeriod.WorkPlan && string.IsNullOrWhiteSpace(filing.Progress))
            {
                return new Failure(FailureKind.Invalid, "请先填写完成情况再提交。");
            }

            if (filing.Period == ReportPeriod.WorkPlan && WorkSteps.Parse(filing.StepsJson).Count == 0)
            {
                return new Failure(FailureKind.Invalid, "请至少填写一条具体工作内容再提交。");
            }

            filing.Flags = Flags(filing, item);
        }

        var from = filing.State;
        filing.State = next.Value;
        var now = clock.GetUtcNow();
        if (action == FilingAction.Approve)
        {
            filing.SubmittedAt = now;
        }

        if (action == FilingAction.Accept && filing.State == FilingState.Accepted)
        {
            filing.AcceptedAt = now;
            filing.Reopened = false;
        }

        Touch(filing, actor);
        filing.Events.Add(Event(actor, FilingEventActions.Of(action), from, filing.State, comment, action == FilingAction.Submit ? Snapshot(filing) : null));
        Notify(filing, action, from, comment, item, actor);
        return filing;
    }

    /// <summary>As <see cref="Consolidation.ConsolidateAsync"/>: the lead unit takes its co-units' parts into its own filing.</summary>
    public Outcome<Filing> Consolidate(Filing lead, int expectedVersion, ItemFacts item, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(actor);
        if (lead.Version != expectedVersion)
        {
            return new Failure(FailureKind.Conflict, "该材料已被修改。");
        }

        if (!FilingFlow.Editable(lead.State))
        {
            return new Failure(FailureKind.NotAllowed, $"当前状态（{FilingFlow.Label(lead.State)}）不能汇总。");
        }

        var parts = _byItemPeriod.GetValueOrDefault((lead.ItemId, lead.Period), [])
            .Where(f => f.IsCoUnitPart && f.State is FilingState.WithLeadUnit or FilingState.Consolidated
                && (!_consolidatedInto.TryGetValue(f, out var into) || into == lead)).ToList();
        if (parts.Count == 0)
        {
            return new Failure(FailureKind.NotAllowed, "还没有配合单位报来的材料。");
        }

        lead.Consolidated = string.Join("\n\n", parts.OrderBy(p => _unitNames[p.UnitId], StringComparer.Ordinal).Select(p => p.Period == ReportPeriod.WorkPlan
            ? $"【{_unitNames[p.UnitId]}】\n{string.Join("\n", WorkSteps.Parse(p.StepsJson).Select(s => $"{s.Content}（{s.Due ?? "未定时限"}）"))}"
            : $"【{_unitNames[p.UnitId]}】\n完成情况：{p.Progress}\n存在问题及下步打算：{p.Problems}" + Figures(item.Targets, p, item.Leads)));
        foreach (var p in parts.Where(p => p.State == FilingState.WithLeadUnit))
        {
            var ctx = new FilingContext(actor, p.UnitId, item.Leads, p.DistrictId, true, false);
            var next = FilingFlow.Apply(p.State, FilingAction.Accept, ctx);
            if (next.Ok)
            {
                p.Events.Add(Event(actor, FilingEventActions.Consolidate, p.State, next.Value, null));
                p.State = next.Value;
                _consolidatedInto[p] = lead;
                Touch(p, actor);
            }
        }

        foreach (var p in parts.Where(p => p.State == FilingState.Consolidated && !_consolidatedInto.ContainsKey(p)))
        {
            _consolidatedInto[p] = lead;
        }

        Touch(lead, actor);
        lead.Events.Add(Event(actor, FilingEventActions.Consolidate, lead.State, lead.State, $"汇总 {parts.Count} 个配合单位的材料"));
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
                    string key = string.Create(CultureInfo.InvariantCulture, $"handoff:{n.Filing.Id}:{n.Version}");
                    n.Row.Key = n.UserId is null ? key : $"{key}:{n.UserId}";
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
        if (filing.Period == ReportPeriod.WorkPlan)
        {
            return null;
        }

        var last = _byItemUnit.GetValueOrDefault((filing.ItemId, filing.UnitId), [])
            .Where(f => f.Period != ReportPeriod.WorkPlan && f != filing && f.Period < filing.Period).OrderBy(f => f.Period).LastOrDefault();
        IReadOnlyList<TargetRef> targets = filing.IsCoUnitPart ? [] : [.. item.Targets.OrderBy(t => t.Seq).Select(t => new TargetRef(t.Id, t.Measure))];
        return ReportChecks.Flags(last is null ? null : new ReportText(last.Progress, last.Problems), new ReportText(filing.Progress, filing.Problems),
            targets, filing.Actuals.Where(a => a.Value is not null).Select(a => a.IndicatorId).ToHashSet());
    }

    private void Notify(Filing filing, FilingAction action, FilingState from, string? comment, ItemFacts item, Actor actor)
    {
        var rule = HandOffRules.For(action, from, filing.State);
        if (rule is null)
        {
            return;
        }

        var leads = item.Leads;
        var people = _people.Where(u => u.UserName != actor.UserName && rule.Audience.Any(a => HandOffRules.Includes(a, u.Role, u.UnitId, filing.UnitId, leads))).ToList();
        var now = clock.GetUtcNow();
        var today = DistrictClock.Today(clock);
        var facts = new HandOffFacts(rule.Kind, from, _unitNames.GetValueOrDefault(filing.UnitId, "?"),
            string.Join("、", leads.Where(l => l != filing.UnitId).Select(l => _unitNames.GetValueOrDefault(l, "?"))),
            item.Seq, item.Text, filing.Period, actor.DisplayName, comment, today, _address.Link(HandOffNotices.FilingPath(filing.ItemId, filing.UnitId, filing.Period)));
        foreach (var p in people)
        {
            var (subject, body) = HandOffRules.Text(facts, p.DisplayName);
            foreach (var channel in string.IsNullOrWhiteSpace(p.Email) ? [Channel.InApp] : new[] { Channel.InApp, Channel.Email })
            {
                _notes.Add(new PendingNote(filing, filing.Version, p.Id, Row(filing, p.Id, channel, rule.Kind, p.Role.ToString(), subject, body, now, today)));
            }
        }

        if (_webhook && people.Count > 0)
        {
            var (subject, body) = HandOffRules.Text(facts, null);
            _notes.Add(new PendingNote(filing, filing.Version, null, Row(filing, null, Channel.Webhook, rule.Kind, "Group", subject, body, now, today)));
        }
    }

    private static Notification Row(Filing filing, string? userId, Channel channel, string kind, string level, string subject, string body,
        DateTimeOffset now, DateOnly today) => new()
    {
        DistrictId = filing.DistrictId,
        UserId = userId,
        UnitId = filing.UnitId,
        Channel = channel,
        Kind = kind,
        Level = level,
        Key = string.Empty,
        Subject = subject,
        Body = body,
        CreatedAt = now,
        ForDate = today,
        SentAt = channel == Channel.InApp ? now : null,
    };

    // 指标：新增停车泊位 320个（未分解）；… — a co-unit's values as Consolidation prints them (the demo plans no shares).
    private static string Figures(IReadOnlyList<TargetRow> targets, Filing part, IReadOnlyCollection<int> leads)
    {
        var parts = new List<string>();
        foreach (var t in targets.OrderBy(t => t.Seq))
        {
            decimal? value = part.Actuals.FirstOrDefault(a => a.IndicatorId == t.Id)?.Value;
            if (value is not decimal v)
            {
                continue;
            }

            bool amount = TargetKinds.Of(t.ToIndicator()).FollowsTime();
            decimal? share = amount ? TargetShares.ShareOf([], part.UnitId, t.Id, leads) : null;
            string of = !amount ? string.Empty : share is decimal s ? $"（分解任务 {Number(s)}{t.Unit}）" : $"（{TargetShares.NotSplit}）";
            parts.Add($"{t.Measure} {Number(v)}{t.Unit}{of}");
        }

        return parts.Count == 0 ? string.Empty : "\n指标：" + string.Join("；", parts);
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

    private static string Number(decimal v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    private void Touch(Filing filing, Actor actor)
    {
        filing.UpdatedAt = clock.GetUtcNow();
        filing.UpdatedBy = actor.UserName;
        filing.Version++;
    }

    private FilingEvent Event(Actor actor, string action, FilingState from, FilingState to, string? comment, string? snapshot = null) => new()
    {
        At = clock.GetUtcNow(),
        Actor = actor.UserName,
        ActorName = actor.DisplayName,
        Action = action,
        From = from,
        To = to,
        Comment = comment is { Length: > 2000 } ? comment[..2000] : comment,
        Snapshot = snapshot,
    };

    private static string Snapshot(Filing f) => JsonSerializer.Serialize(new
    {
        f.Leader,
        f.Section,
        Steps = WorkSteps.Parse(f.StepsJson),
        f.Progress,
        f.Problems,
        f.Completed,
        Actuals = f.Actuals.Select(a => new { a.IndicatorId, a.Value }),
    }, Json);

    private static void Add<TKey>(Dictionary<TKey, List<Filing>> map, TKey key, Filing filing)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(filing);
    }

    private static string? Trim(string? s, int max) => string.IsNullOrWhiteSpace(s) ? null : (s.Trim().Length <= max ? s.Trim() : s.Trim()[..max]);
}
