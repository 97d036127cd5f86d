namespace Luoshi.Core.Features.Work;

/// <summary>
/// The lead unit's 汇总: it takes the parts its co-units handed over into its own work plan or report. The parts stay the co-units'
/// filings (their values, their evidence files, read by the lead unit and the office where they are); each is marked as taken into
/// this lead filing (<see cref="Filing.ConsolidatedIntoId"/>), so the item's values are the lead's own plus theirs, and each
/// co-unit is measured against its own share (<see cref="CoUnitFigures"/>).
/// </summary>
public sealed class Consolidation(LuoshiDb db, TimeProvider clock)
{
    private readonly FilingWrites writes = new(db, clock);

    /// <summary>The lead unit takes its co-units' parts into its own report: their text, values (with their shares) and file names are gathered under each unit's name and the parts are marked consolidated into it.</summary>
    public async Task<Outcome<Filing>> ConsolidateAsync(int leadFilingId, int expectedVersion, Actor actor, CancellationToken ct = default)
    {
        if (await Years.PlanYears.RefuseIfFilingClosedAsync(db, leadFilingId, ct) is { } closed) return closed;
        ArgumentNullException.ThrowIfNull(actor);
        var lead = await db.Filings.Include(f => f.Actuals).FirstOrDefaultAsync(f => f.Id == leadFilingId, ct);
        if (lead is null || !FilingAccess.MayWrite(actor, lead))
        {
            return new Failure(FailureKind.NotFound, "找不到该材料，或您无权修改。");
        }

        if (FilingRows.Refusal(lead, expectedVersion, "汇总") is { } refused)
        {
            return refused;
        }

        // A part another lead unit already took in stays with it.
        var parts = await db.Filings.Include(f => f.Actuals).Where(f => f.ItemId == lead.ItemId && f.Period == lead.Period && f.IsCoUnitPart
            && (f.State == FilingState.WithLeadUnit || f.State == FilingState.Consolidated)
            && (f.ConsolidatedIntoId == null || f.ConsolidatedIntoId == lead.Id)).ToListAsync(ct);
        if (parts.Count == 0)
        {
            return new Failure(FailureKind.NotAllowed, "还没有配合单位报来的材料。");
        }

        var names = await db.Units.AsNoTracking().Where(u => parts.Select(p => p.UnitId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var leads = await FilingWrites.LeadUnitsAsync(db, lead.ItemId, ct);
        var targets = await db.ItemIndicators.AsNoTracking().Where(x => x.ItemId == lead.ItemId).OrderBy(x => x.Seq)
            .Select(x => new TargetRow(x.Id, x.Seq, x.Measure, x.Value, x.Unit, x.Sense, x.Printed)).ToListAsync(ct);
        var planned = await TargetShares.LoadAsync(db, lead.PlanId, lead.ItemId, ct);
        var partIds = parts.Select(p => p.Id).ToList();
        var files = (await db.Evidence.AsNoTracking().Where(e => partIds.Contains(e.FilingId)).OrderBy(e => e.Id).Select(e => new { e.FilingId, e.FileName }).ToListAsync(ct))
            .ToLookup(e => e.FilingId, e => e.FileName);
        lead.Consolidated = Text(parts, names, targets, planned, leads, files);
        TakeIn(clock, lead, parts, actor, leads, p => p.ConsolidatedIntoId = lead.Id);
        return await writes.SaveOrConflictAsync(lead, ct);
    }

    /// <summary>
    /// The 汇总's text: each part under its unit's name (in the order of the names), a work plan's steps with their time limits, a
    /// report's text, values (against the unit's share, <paramref name="planned"/>) and file names (<paramref name="files"/>, by filing).
    /// </summary>
    public static string Text(IEnumerable<Filing> parts, IReadOnlyDictionary<int, string> names, IReadOnlyList<TargetRow> targets,
        IReadOnlyList<PlannedRow> planned, IReadOnlyCollection<int> leads, ILookup<int, string> files)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(files);
        return string.Join("\n\n", parts.OrderBy(p => names[p.UnitId], StringComparer.Ordinal).Select(p => p.Period == ReportPeriod.WorkPlan
            ? $"【{names[p.UnitId]}】\n{string.Join("\n", WorkSteps.Parse(p.StepsJson).Select(s => $"{s.Content}（{s.Due ?? "未定时限"}）"))}"
            : $"【{names[p.UnitId]}】\n完成情况：{p.Progress}\n存在问题及下步打算：{p.Problems}"
                + Figures(targets, p, planned, leads)
                + (files[p.Id].Any() ? "\n佐证材料：" + string.Join("、", files[p.Id]) : string.Empty)));
    }

    /// <summary>
    /// The lead filing takes the parts in: each part the lead unit still has to accept moves on (<see cref="FilingFlow"/>) with its
    /// event; every part taken in is linked to the lead filing (<paramref name="link"/>); the lead filing is stamped with its event.
    /// </summary>
    public static void TakeIn(TimeProvider clock, Filing lead, IReadOnlyList<Filing> parts, Actor actor, IReadOnlyCollection<int> leads, Action<Filing> link)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(link);
        foreach (var p in parts.Where(p => p.State == FilingState.WithLeadUnit))
        {
            var ctx = new FilingContext(actor, p.UnitId, leads, p.DistrictId, true, false);
            var next = FilingFlow.Apply(p.State, FilingAction.Accept, ctx);
            if (next.Ok)
            {
                p.Events.Add(FilingRows.Event(clock, actor, FilingEventActions.Consolidate, p.State, next.Value, null));
                p.State = next.Value;
                FilingRows.Touch(clock, p, actor);
            }
        }

        foreach (var p in parts.Where(p => p.State == FilingState.Consolidated))
        {
            link(p);
        }

        FilingRows.Touch(clock, lead, actor);
        lead.Events.Add(FilingRows.Event(clock, actor, FilingEventActions.Consolidate, lead.State, lead.State, Invariant($"汇总 {parts.Count} 个配合单位的材料")));
    }

    // 指标：新增停车泊位 320个（分解任务 500个）；… — a co-unit's values as the 汇总 prints them.
    private static string Figures(IReadOnlyList<TargetRow> targets, Filing part, IReadOnlyList<PlannedRow> planned, IReadOnlyCollection<int> leads)
    {
        var parts = new List<string>();
        foreach (var t in targets)
        {
            decimal? value = part.Actuals.FirstOrDefault(a => a.IndicatorId == t.Id)?.Value;
            if (value is not decimal v)
            {
                continue;
            }

            bool amount = TargetKinds.Of(t.ToIndicator()).FollowsTime();
            decimal? share = amount ? TargetShares.ShareOf(planned, part.UnitId, t.Id, leads) : null;
            string of = !amount ? string.Empty : share is decimal s ? $"（分解任务 {Number(s)}{t.Unit}）" : $"（{TargetShares.NotSplit}）";
            parts.Add($"{t.Measure} {Number(v)}{t.Unit}{of}");
        }

        return parts.Count == 0 ? string.Empty : "\n指标：" + string.Join("；", parts);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Number(decimal v) => v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
