using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Supervision;
using Luoshi.Parsing.Calendar;
using Luoshi.Parsing.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Core.Features.Work;

/// <summary>A numeric target of the item with what the unit reported last time and the share of it the time elapsed calls for (序时进度).</summary>
public sealed record FilingTarget(int Id, string Measure, decimal Value, string Unit, IndicatorSense Sense, string Printed, decimal? Last, int ExpectedPercent)
{
    /// <summary>A rate or level (增长 6%, 保持 100%) is compared with the target at any time, not with the time elapsed (<see cref="TargetKinds"/>).</summary>
    public bool IsLevel => !TargetKinds.Of(Unit, Sense).FollowsTime();

    /// <summary>What the time elapsed calls for by the end of the period (amounts only).</summary>
    public decimal? Expected => IsLevel ? null : Math.Round(Value * ExpectedPercent / 100m, 2);
}

/// <summary>An evidence file as listed (its content stays in the database until downloaded).</summary>
public sealed record EvidenceRow(int Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>A co-unit's part of the same item and period, as the lead unit sees it.</summary>
public sealed record CoPart(int UnitId, string UnitName, int? FilingId, FilingState? State, string? Progress, string? Problems, IReadOnlyList<WorkStep> Steps);

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

    public required IReadOnlyList<FilingEvent> Events { get; init; }

    public required bool PeriodLocked { get; init; }

    public required IReadOnlyList<CoPart> CoParts { get; init; }

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
    /// <summary>The page, or null when the item, unit or period does not exist or the actor may not see it (404).</summary>
    public async Task<FilingView?> LoadAsync(int itemId, int unitId, ReportPeriod period, Actor actor, bool open, CancellationToken ct)
    {
        var item = await (from i in db.PlanItems.AsNoTracking()
                          join p in db.PlanParts on i.PartId equals p.Id
                          where i.Id == itemId
                          select new { i.Id, i.PlanId, i.Seq, i.Number, i.Text, i.Deadline, p.Title, Units = i.Units.Select(u => new { u.UnitId, u.Role }).ToList() })
            .FirstOrDefaultAsync(ct);
        if (item is null || item.Units.All(u => u.UnitId != unitId))
        {
            return null;
        }

        int districtId = await db.Plans.AsNoTracking().Where(p => p.Id == item.PlanId).Select(p => p.DistrictId).FirstAsync(ct);
        var leads = item.Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.UnitId).Distinct().ToList();
        if (!FilingAccess.MaySee(actor, districtId, unitId, leads))
        {
            return null;
        }

        var rules = await YearRules.LoadAsync(db, districtId, item.PlanId, ct);
        var due = rules.Calendar.For(period);
        if (due is null)
        {
            return null;
        }

        var role = item.Units.First(u => u.UnitId == unitId).Role;
        var participation = rules.Participation(role);
        var filing = await FilingAsync(itemId, unitId, period, ct);
        if (filing is null && open && participation != Participation.None && FilingAccess.MayWrite(actor, districtId, unitId))
        {
            var opened = await editing.OpenAsync(itemId, unitId, period, actor, ct);
            db.ChangeTracker.Clear();
            filing = opened.Ok ? await FilingAsync(itemId, unitId, period, ct) : null;
        }

        var district = await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => new DistrictInfo(d.Id, d.Code, d.Name, d.City)).FirstAsync(ct);
        var unitIds = item.Units.Select(u => u.UnitId).ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var previous = period == ReportPeriod.WorkPlan ? null : await db.Filings.AsNoTracking().Include(f => f.Actuals)
            .Where(f => f.ItemId == itemId && f.UnitId == unitId && f.Period != ReportPeriod.WorkPlan && f.Period < period)
            .OrderByDescending(f => f.Period).FirstOrDefaultAsync(ct);
        int expected = ExpectedProgress.OfPeriod(period);
        var targets = await db.ItemIndicators.AsNoTracking().Where(x => x.ItemId == itemId).OrderBy(x => x.Seq).ToListAsync(ct);
        bool locked = await db.PeriodLocks.AsNoTracking().AnyAsync(l => l.PlanId == item.PlanId && l.Period == period, ct);
        var snapshot = await year.SnapshotAsync(districtId, ct);
        bool current = snapshot is not null && snapshot.Plan.Id == item.PlanId;
        var settings = await DistrictSettingsDefaults.LoadAsync(db, districtId, ct);

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
            Targets = [.. targets.Select(t => new FilingTarget(t.Id, t.Measure, t.Value, t.Unit, t.Sense, t.Printed,
                previous?.Actuals.FirstOrDefault(a => a.IndicatorId == t.Id)?.Value, expected))],
            Evidence = filing is null ? [] : await db.Evidence.AsNoTracking().Where(e => e.FilingId == filing.Id).OrderBy(e => e.Id)
                .Select(e => new EvidenceRow(e.Id, e.FileName, e.ContentType, e.Size, e.UploadedAt, e.UploadedBy)).ToListAsync(ct),
            Events = filing is null ? [] : await db.FilingEvents.AsNoTracking().Where(e => e.FilingId == filing.Id).OrderBy(e => e.Id).ToListAsync(ct),
            PeriodLocked = locked,
            CoParts = role == UnitRole.Lead && rules.CoUnitsReportToLead ? await CoPartsAsync(itemId, period, item.Units.Where(u => u.Role == UnitRole.Co).Select(u => u.UnitId).ToList(), names, ct) : [],
            ItemObligations = current ? [.. snapshot!.Obligations.Where(o => o.ItemId == itemId && o.Period == period)] : [],
            ItemStatus = current ? snapshot!.Items.FirstOrDefault(i => i.Id == itemId) : null,
            UnitNameOf = id => names.GetValueOrDefault(id, "?"),
        };
    }

    private Task<Filing?> FilingAsync(int itemId, int unitId, ReportPeriod period, CancellationToken ct) =>
        db.Filings.AsNoTracking().Include(f => f.Actuals).FirstOrDefaultAsync(f => f.ItemId == itemId && f.UnitId == unitId && f.Period == period, ct);

    private async Task<IReadOnlyList<CoPart>> CoPartsAsync(int itemId, ReportPeriod period, List<int> coUnits, Dictionary<int, string> names, CancellationToken ct)
    {
        var parts = await db.Filings.AsNoTracking().Where(f => f.ItemId == itemId && f.Period == period && f.IsCoUnitPart)
            .Select(f => new { f.Id, f.UnitId, f.State, f.Progress, f.Problems, f.StepsJson }).ToListAsync(ct);
        return [.. coUnits.Distinct().Select(u => parts.FirstOrDefault(p => p.UnitId == u) is { } p
                ? new CoPart(u, names.GetValueOrDefault(u, "?"), p.Id, p.State, p.Progress, p.Problems, WorkSteps.Parse(p.StepsJson))
                : new CoPart(u, names.GetValueOrDefault(u, "?"), null, null, null, null, []))];
    }
}
