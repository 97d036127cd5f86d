using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Luoshi.Core.Common;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Audit;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Supervision;
using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Core.Features.Reports;

/// <summary>What a clerk writes into a work plan or a report. Null lists leave the stored value as it is.</summary>
public sealed record FilingEdit(
    string? Leader = null,
    string? Section = null,
    IReadOnlyList<WorkStep>? Steps = null,
    string? Progress = null,
    string? Problems = null,
    bool Completed = false,
    IReadOnlyDictionary<int, decimal?>? Actuals = null);

/// <summary>
/// The use cases of work plans and reports: open (get or start), save with optimistic concurrency, move
/// through the flow (<see cref="FilingFlow"/>), attach evidence, consolidate co-units' parts, lock and
/// reopen periods. Every change bumps the district's revision in the same transaction and records an
/// event with who and when.
/// </summary>
public sealed class FilingService(LuoshiDb db, TimeProvider clock)
{
    /// <summary>The largest evidence file accepted.</summary>
    public const long MaxEvidenceBytes = 20L * 1024 * 1024;

    /// <summary>The most evidence files on one filing.</summary>
    public const int MaxEvidenceFiles = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The filing of a unit for an item and period; started (from the last report's text) when the unit's clerk opens it the first time.</summary>
    public async Task<Outcome<Filing>> OpenAsync(int itemId, int unitId, ReportPeriod period, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var existing = await db.Filings.Include(f => f.Actuals).FirstOrDefaultAsync(f => f.ItemId == itemId && f.UnitId == unitId && f.Period == period, ct);
        if (existing is not null)
        {
            return existing;
        }

        var item = await db.PlanItems.AsNoTracking().Where(i => i.Id == itemId)
            .Select(i => new { i.Id, i.PlanId, Units = i.Units.Select(u => new { u.UnitId, u.Role }).ToList() }).FirstOrDefaultAsync(ct);
        var plan = item is null ? null : await db.Plans.AsNoTracking().Where(p => p.Id == item.PlanId)
            .Select(p => new { p.Id, p.DistrictId, p.CalendarJson }).FirstAsync(ct);
        if (item is null || plan is null || !item.Units.Any(u => u.UnitId == unitId))
        {
            return new Failure(FailureKind.NotFound, "找不到该事项，或该单位不承担此事项。");
        }

        if (!FilingAccess.MayWrite(actor, plan.DistrictId, unitId))
        {
            return new Failure(FailureKind.NotFound, "该单位尚未填报。");
        }

        var rules = await YearRules.LoadAsync(db, plan.DistrictId, plan.Id, ct);
        var role = item.Units.First(u => u.UnitId == unitId).Role;
        var part = rules.Participation(role);
        if (part == Participation.None)
        {
            return new Failure(FailureKind.NotAllowed, "按本区通知，此事项由牵头单位报送，配合单位无需单独填报。");
        }

        var previous = period == ReportPeriod.WorkPlan ? null : await db.Filings.AsNoTracking()
            .Where(f => f.ItemId == itemId && f.UnitId == unitId && f.Period != ReportPeriod.WorkPlan)
            .ToListAsync(ct);
        var last = previous?.Where(f => f.Period < period).OrderBy(f => f.Period).LastOrDefault();
        var now = clock.GetUtcNow();
        var filing = new Filing
        {
            DistrictId = plan.DistrictId,
            PlanId = plan.Id,
            ItemId = itemId,
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
        db.Filings.Add(filing);
        filing.Events.Add(Event(actor, "open", FilingState.Draft, FilingState.Draft, last is null ? null : $"以{ReportPeriodLabels.Of(last.Period)}报告为起点"));
        try
        {
            await SaveAsync(plan.DistrictId, ct);
        }
        catch (DbUpdateException)
        {
            // Opened at the same moment by another request: use theirs.
            db.ChangeTracker.Clear();
            var theirs = await db.Filings.Include(f => f.Actuals).FirstOrDefaultAsync(f => f.ItemId == itemId && f.UnitId == unitId && f.Period == period, ct);
            return theirs is null ? new Failure(FailureKind.Conflict, "保存失败，请重试。") : theirs;
        }

        return filing;
    }

    /// <summary>Saves the clerk's text. Refused, with nothing changed, when someone saved since <paramref name="expectedVersion"/>.</summary>
    public async Task<Outcome<Filing>> SaveAsync(int filingId, int expectedVersion, FilingEdit edit, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(actor);
        var filing = await db.Filings.Include(f => f.Actuals).FirstOrDefaultAsync(f => f.Id == filingId, ct);
        if (filing is null || !FilingAccess.MayWrite(actor, filing))
        {
            return new Failure(FailureKind.NotFound, "找不到该材料，或您无权修改。");
        }

        if (filing.Version != expectedVersion)
        {
            return Conflict(filing);
        }

        if (!FilingFlow.Editable(filing.State))
        {
            return new Failure(FailureKind.NotAllowed, $"当前状态（{FilingFlow.Label(filing.State)}）不能修改。");
        }

        if (await LockedAsync(filing, ct))
        {
            return new Failure(FailureKind.NotAllowed, "该季度已关闭，报告已锁定；如需修改，请督查室先重新开放。");
        }

        var invalid = Validate(edit);
        if (invalid is not null)
        {
            return invalid;
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
            var targets = await db.ItemIndicators.AsNoTracking().Where(x => x.ItemId == filing.ItemId).Select(x => x.Id).ToListAsync(ct);
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
        filing.Events.Add(Event(actor, "save", filing.State, filing.State, null));
        return await SaveOrConflictAsync(filing, ct);
    }

    /// <summary>Moves the filing one step (submit, approve, return, accept, reopen).</summary>
    public async Task<Outcome<Filing>> ActAsync(int filingId, int expectedVersion, FilingAction action, string? comment, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var filing = await db.Filings.Include(f => f.Actuals).FirstOrDefaultAsync(f => f.Id == filingId, ct);
        if (filing is null)
        {
            return new Failure(FailureKind.NotFound, "找不到该材料。");
        }

        var leads = await LeadUnitsAsync(filing.ItemId, ct);
        bool locked = await LockedAsync(filing, ct);
        var context = new FilingContext(actor, filing.UnitId, leads, filing.DistrictId, filing.IsCoUnitPart, locked);
        var next = FilingFlow.Apply(filing.State, action, context, comment);
        if (!next.Ok)
        {
            return next.Failure!.Kind == FailureKind.Forbidden && !FilingAccess.MaySee(actor, filing, leads)
                ? new Failure(FailureKind.NotFound, "找不到该材料。")
                : next.Failure!;
        }

        if (filing.Version != expectedVersion)
        {
            return Conflict(filing);
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

            filing.Flags = await FlagsAsync(filing, ct);
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

        if (action == FilingAction.Reopen)
        {
            filing.Reopened = true;
            filing.AcceptedAt = null;
            AuditLog.Record(db, clock, actor.UserName, AuditActions.ReopenFiling, nameof(Filing), filing.Id.ToString(CultureInfo.InvariantCulture), filing.DistrictId,
                before: new { State = from.ToString() }, after: new { State = filing.State.ToString(), Reason = comment });
        }

        Touch(filing, actor);
        filing.Events.Add(Event(actor, action.ToString().ToLowerInvariant(), from, filing.State, comment,
            action == FilingAction.Submit ? Snapshot(filing) : null));
        return await SaveOrConflictAsync(filing, ct);
    }

    /// <summary>The lead unit takes its co-units' parts into its own report: their text is gathered under each unit's name and the parts are marked consolidated.</summary>
    public async Task<Outcome<Filing>> ConsolidateAsync(int leadFilingId, int expectedVersion, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var lead = await db.Filings.Include(f => f.Actuals).FirstOrDefaultAsync(f => f.Id == leadFilingId, ct);
        if (lead is null || !FilingAccess.MayWrite(actor, lead))
        {
            return new Failure(FailureKind.NotFound, "找不到该材料，或您无权修改。");
        }

        if (lead.Version != expectedVersion)
        {
            return Conflict(lead);
        }

        if (!FilingFlow.Editable(lead.State))
        {
            return new Failure(FailureKind.NotAllowed, $"当前状态（{FilingFlow.Label(lead.State)}）不能汇总。");
        }

        var parts = await db.Filings.Where(f => f.ItemId == lead.ItemId && f.Period == lead.Period && f.IsCoUnitPart
            && (f.State == FilingState.WithLeadUnit || f.State == FilingState.Consolidated)).ToListAsync(ct);
        if (parts.Count == 0)
        {
            return new Failure(FailureKind.NotAllowed, "还没有配合单位报来的材料。");
        }

        var names = await db.Units.AsNoTracking().Where(u => parts.Select(p => p.UnitId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        lead.Consolidated = string.Join("\n\n", parts.OrderBy(p => names[p.UnitId], StringComparer.Ordinal).Select(p => p.Period == ReportPeriod.WorkPlan
            ? $"【{names[p.UnitId]}】\n{string.Join("\n", WorkSteps.Parse(p.StepsJson).Select(s => $"{s.Content}（{s.Due ?? "未定时限"}）"))}"
            : $"【{names[p.UnitId]}】\n完成情况：{p.Progress}\n存在问题及下步打算：{p.Problems}"));
        var leads = await LeadUnitsAsync(lead.ItemId, ct);
        foreach (var p in parts.Where(p => p.State == FilingState.WithLeadUnit))
        {
            var ctx = new FilingContext(actor, p.UnitId, leads, p.DistrictId, true, false);
            var next = FilingFlow.Apply(p.State, FilingAction.Accept, ctx);
            if (next.Ok)
            {
                p.Events.Add(Event(actor, "consolidate", p.State, next.Value, null));
                p.State = next.Value;
                Touch(p, actor);
            }
        }

        Touch(lead, actor);
        lead.Events.Add(Event(actor, "consolidate", lead.State, lead.State, $"汇总 {parts.Count} 个配合单位的材料"));
        return await SaveOrConflictAsync(lead, ct);
    }

    /// <summary>Attaches an evidence file, checked for type (by its content, not only its name) and size.</summary>
    public async Task<Outcome<Evidence>> AttachAsync(int filingId, string fileName, byte[] content, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(actor);
        var filing = await db.Filings.FirstOrDefaultAsync(f => f.Id == filingId, ct);
        if (filing is null || !FilingAccess.MayWrite(actor, filing))
        {
            return new Failure(FailureKind.NotFound, "找不到该材料，或您无权修改。");
        }

        if (!FilingFlow.Editable(filing.State) || await LockedAsync(filing, ct))
        {
            return new Failure(FailureKind.NotAllowed, $"当前状态（{FilingFlow.Label(filing.State)}）不能添加佐证材料。");
        }

        var kind = EvidenceTypes.Check(fileName, content, MaxEvidenceBytes);
        if (!kind.Ok)
        {
            return kind.Failure!;
        }

        var evidence = new Evidence
        {
            FilingId = filingId,
            FileName = EvidenceNames.Clean(fileName, kind.Value!.Extension),
            ContentType = kind.Value!.ContentType,
            Size = content.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = content,
            UploadedAt = clock.GetUtcNow(),
            UploadedBy = actor.UserName,
        };
        db.Evidence.Add(evidence);
        filing.Events.Add(Event(actor, "attach", filing.State, filing.State, evidence.FileName));
        if (!await EvidenceLimit.SaveAttachAsync(db, filingId, filing.DistrictId, MaxEvidenceFiles, ct))
        {
            db.ChangeTracker.Clear();
            return new Failure(FailureKind.Invalid, $"每份材料最多 {MaxEvidenceFiles} 个佐证文件。");
        }

        return evidence;
    }

    public async Task<Outcome<bool>> DetachAsync(int evidenceId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var evidence = await db.Evidence.FirstOrDefaultAsync(e => e.Id == evidenceId, ct);
        var filing = evidence is null ? null : await db.Filings.FirstAsync(f => f.Id == evidence.FilingId, ct);
        if (evidence is null || filing is null || !FilingAccess.MayWrite(actor, filing))
        {
            return new Failure(FailureKind.NotFound, "找不到该佐证材料，或您无权修改。");
        }

        if (!FilingFlow.Editable(filing.State) || await LockedAsync(filing, ct))
        {
            return new Failure(FailureKind.NotAllowed, $"当前状态（{FilingFlow.Label(filing.State)}）不能删除佐证材料。");
        }

        db.Evidence.Remove(evidence);
        filing.Events.Add(Event(actor, "detach", filing.State, filing.State, evidence.FileName));
        await EvidenceLimit.SaveDetachAsync(db, filing.Id, filing.DistrictId, ct);
        return true;
    }

    /// <summary>Closes a period: its filings change only through an audited reopening.</summary>
    public async Task<Outcome<bool>> LockPeriodAsync(int planId, ReportPeriod period, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => new { p.Id, p.DistrictId }).FirstOrDefaultAsync(ct);
        if (plan is null || !actor.Has(Permission.ReopenPeriod, plan.DistrictId))
        {
            return new Failure(FailureKind.NotFound, "找不到该计划。");
        }

        if (await db.PeriodLocks.AnyAsync(l => l.PlanId == planId && l.Period == period, ct))
        {
            return true;
        }

        db.PeriodLocks.Add(new PeriodLock { PlanId = planId, Period = period, LockedAt = clock.GetUtcNow(), LockedBy = actor.UserName });
        AuditLog.Record(db, clock, actor.UserName, AuditActions.LockPeriod, nameof(PeriodLock), $"{planId}:{period}", plan.DistrictId, after: new { Period = period.ToString() });
        await SaveAsync(plan.DistrictId, ct);
        return true;
    }

    public Task<List<int>> LeadUnitsAsync(int itemId, CancellationToken ct = default) =>
        db.ItemUnits.AsNoTracking().Where(u => u.ItemId == itemId && u.Role == UnitRole.Lead).Select(u => u.UnitId).ToListAsync(ct);

    private Task<bool> LockedAsync(Filing filing, CancellationToken ct) =>
        filing.Reopened ? Task.FromResult(false) : db.PeriodLocks.AnyAsync(l => l.PlanId == filing.PlanId && l.Period == filing.Period, ct);

    private async Task<string?> FlagsAsync(Filing filing, CancellationToken ct)
    {
        if (filing.Period == ReportPeriod.WorkPlan)
        {
            return null;
        }

        var previous = await db.Filings.AsNoTracking()
            .Where(f => f.ItemId == filing.ItemId && f.UnitId == filing.UnitId && f.Period != ReportPeriod.WorkPlan && f.Id != filing.Id)
            .Select(f => new { f.Period, f.Progress, f.Problems }).ToListAsync(ct);
        var last = previous.Where(p => p.Period < filing.Period).OrderBy(p => p.Period).LastOrDefault();
        var targets = filing.IsCoUnitPart ? [] : await db.ItemIndicators.AsNoTracking().Where(x => x.ItemId == filing.ItemId).OrderBy(x => x.Seq)
            .Select(x => new TargetRef(x.Id, x.Measure)).ToListAsync(ct);
        return ReportChecks.Flags(last is null ? null : new ReportText(last.Progress, last.Problems), new ReportText(filing.Progress, filing.Problems),
            targets, filing.Actuals.Where(a => a.Value is not null).Select(a => a.IndicatorId).ToHashSet());
    }

    private static Failure? Validate(FilingEdit edit)
    {
        if (edit.Steps is { Count: > 200 })
        {
            return new Failure(FailureKind.Invalid, "具体工作内容最多 200 条。");
        }

        if (edit.Steps?.Any(s => s.Quarter is < 1 or > 4) == true)
        {
            return new Failure(FailureKind.Invalid, "季度只能是一至四季度。");
        }

        if ((edit.Progress?.Length ?? 0) > 16000 || (edit.Problems?.Length ?? 0) > 16000)
        {
            return new Failure(FailureKind.Invalid, "内容过长（每栏最多 16000 字），请精简后再保存。");
        }

        if (edit.Actuals?.Values.Any(v => v is < -1_000_000_000_000m or > 1_000_000_000_000m) == true)
        {
            return new Failure(FailureKind.Invalid, "指标实际值超出范围。");
        }

        return null;
    }

    private static string? Trim(string? s, int max) => string.IsNullOrWhiteSpace(s) ? null : (s.Trim().Length <= max ? s.Trim() : s.Trim()[..max]);

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

    private static Failure Conflict(Filing current) =>
        new(FailureKind.Conflict, $"该材料已被 {current.UpdatedBy} 于 {DistrictClock.Minute(current.UpdatedAt)} 修改，您的修改没有保存。请先复制您的内容，刷新页面查看最新版本后再修改。");

    private async Task<Outcome<Filing>> SaveOrConflictAsync(Filing filing, CancellationToken ct)
    {
        // The version the caller read is the original value: the UPDATE matches only if nobody saved since.
        db.Entry(filing).Property(f => f.Version).OriginalValue = filing.Version - 1;
        try
        {
            await SaveAsync(filing.DistrictId, ct);
            return filing;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Filings.AsNoTracking().FirstAsync(f => f.Id == filing.Id, ct);
            return Conflict(current);
        }
    }

    /// <summary>Saves and bumps the district's revision in one transaction.</summary>
    private Task SaveAsync(int districtId, CancellationToken ct) => Districts.DistrictRevision.SaveChangesAsync(db, districtId, ct);
}
