namespace Luoshi.Web.Features.Work;

/// <summary>
/// 我的工作: for a clerk or a unit head, the unit's obligations this year (work plan and each report, per item) grouped by
/// period with the nearest deadline first, what waits for the head, and — for a lead unit — its co-units' parts; for the
/// office, what waits for it with accept and return, and each period's standing with the button that closes it; for leaders
/// and the city, the same read-only. Everything comes from the year snapshot, so it agrees with every other view.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageOutputCache.Policy)]
public sealed class WorkIndexModel(LuoshiDb db, YearQueries year, PeriodClosing periods) : PageModel
{
    public enum View
    {
        /// <summary>Admin or city viewer with no district chosen.</summary>
        Districts,

        /// <summary>A clerk or a unit head.</summary>
        Unit,

        /// <summary>The district's office (or an admin): acts.</summary>
        Office,

        /// <summary>Leaders, the city: read.</summary>
        Reader,
    }

    /// <summary>One period's obligations.</summary>
    public sealed record PeriodGroup(Deadline Deadline, IReadOnlyList<ObligationRow> Rows);

    /// <summary>One period's standing across the district.</summary>
    public sealed record PeriodSummary(Deadline Deadline, int Pending, int OnTime, int Late, int Missing, int Awaiting, int Accepted, bool Locked);

    public View Mode { get; private set; }

    public Actor Scope { get; private set; } = null!;

    public IReadOnlyList<DistrictInfo> Districts { get; private set; } = [];

    public YearSnapshot? S { get; private set; }

    public string? UnitName { get; private set; }

    public IReadOnlyList<ObligationRow> AwaitingMe { get; private set; } = [];

    public IReadOnlyList<ObligationRow> CoPartsToMe { get; private set; } = [];

    public IReadOnlyList<PeriodGroup> Groups { get; private set; } = [];

    public IReadOnlyList<ObligationRow> AwaitingOffice { get; private set; } = [];

    public IReadOnlyList<ObligationRow> RecentlyAccepted { get; private set; } = [];

    public IReadOnlyList<PeriodSummary> Summaries { get; private set; } = [];

    /// <summary>Filing versions for the forms on this page, by filing id.</summary>
    public IReadOnlyDictionary<int, int> Versions { get; private set; } = new Dictionary<int, int>();

    public string? Error { get; private set; }

    /// <summary>The plan year asked for (?year=); the district's current year when none or one it has no plan for.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string? district, CancellationToken ct) =>
        await BuildAsync(district, ct) ? Page() : NotFound();

    /// <summary>The period the office asked to close, shown with its figures for it to confirm (_ConfirmLock); null otherwise.</summary>
    public PeriodSummary? LockConfirmation { get; private set; }

    /// <summary>
    /// The office closes a period: its filings change only through an audited reopening. Without <paramref name="confirm"/>
    /// the page shows what closing would lock (the period's figures) with the button that confirms it, and nothing is closed.
    /// </summary>
    public async Task<IActionResult> OnPostLockAsync(string? district, string? period, bool confirm, CancellationToken ct)
    {
        if (!await BuildAsync(district, ct))
        {
            return NotFound();
        }

        if (Mode != View.Office || S is null)
        {
            return Mode == View.Districts ? NotFound() : Forbid();
        }

        if (!WorkLabels.TryPeriod(period, out var p) || S.Rules.Deadlines.All(d => d.Period != p))
        {
            Error = "请选择要关闭的报送期。";
            return Page();
        }

        if (!confirm)
        {
            LockConfirmation = Summaries.FirstOrDefault(x => x.Deadline.Period == p);
            if (LockConfirmation is { Locked: true })
            {
                Error = $"{WorkLabels.Filed(p)}的报送已经关闭。";
                LockConfirmation = null;
            }

            return Page();
        }

        var r = await periods.LockPeriodAsync(S.Plan.Id, p, Scope, ct);
        if (!r.Ok)
        {
            Error = r.Failure!.Message;
            return await BuildAsync(district, ct) ? Page() : NotFound();
        }

        Message = $"已关闭{WorkLabels.Filed(p)}的报送：本期材料已锁定，如需修改须由督查室重新开放并说明原因。";
        return Redirect((S.District.Id == Scope.DistrictId ? "/Work?" : "/Work?district=" + S.District.Code + "&") + "year=" + S.Plan.Year);
    }

    private async Task<bool> BuildAsync(string? code, CancellationToken ct)
    {
        if (HttpContext.Actor() is not { } scope || !scope.HasAny(Permission.ReadDistrict))
        {
            return false;
        }

        Scope = scope;
        int? districtId = scope.DistrictId;
        if (!string.IsNullOrEmpty(code))
        {
            districtId = await db.Districts.AsNoTracking().Where(d => d.Code == code).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);
            if (districtId is not int d || !scope.CanReadDistrict(d))
            {
                return false;
            }
        }

        if (districtId is not int id)
        {
            Mode = View.Districts;
            Districts = await db.Districts.AsNoTracking().OrderBy(d => d.Id).Select(d => new DistrictInfo(d.Id, d.Code, d.Name, d.City)).ToListAsync(ct);
            return true;
        }

        Mode = scope.HasAny(Permission.WriteOwnFiling) || scope.HasAny(Permission.ApproveOwnFiling) ? View.Unit
            : scope.Supervises ? View.Office
            : View.Reader;
        // A unit's own page needs only its items: it does not rebuild the whole district's year when that is not kept (issue 16).
        S = Mode == View.Unit && scope.UnitId is int unit ? await year.UnitAsync(id, unit, ct, Year) : await year.SnapshotAsync(id, ct, year: Year);
        if (S is null)
        {
            return true;
        }

        if (Mode == View.Unit)
        {
            BuildUnit(S, scope.UnitId ?? -1, scope.HasAny(Permission.ApproveOwnFiling));
        }
        else
        {
            await BuildDistrictAsync(S, ct);
        }

        var ids = AwaitingOffice.Concat(CoPartsToMe).Concat(AwaitingMe).Select(o => o.FilingId)
            .Concat(CoPartsToMe.Select(o => LeadFiling(o)?.FilingId)).OfType<int>().Distinct().ToList();
        Versions = ids.Count == 0 ? new Dictionary<int, int>()
            : await db.Filings.AsNoTracking().Where(f => ids.Contains(f.Id)).Select(f => new { f.Id, f.Version }).ToDictionaryAsync(f => f.Id, f => f.Version, ct);
        return true;
    }

    private void BuildUnit(YearSnapshot s, int unitId, bool approves)
    {
        UnitName = s.UnitName(unitId);
        var mine = s.Obligations.Where(o => o.UnitId == unitId).ToList();
        AwaitingMe = approves ? [.. mine.Where(o => o.State == FilingState.AwaitingHead)] : [];
        CoPartsToMe = [.. s.Obligations.Where(o => o.PartToLead && o.State == FilingState.WithLeadUnit && s.Item(o.ItemId).LeadUnitIds.Contains(unitId))];
        Groups = [.. s.Rules.Deadlines
            .OrderBy(d => d.Date < s.Today ? 1 : 0).ThenBy(d => d.Date < s.Today ? -d.Date.DayNumber : d.Date.DayNumber)
            .Select(d => new PeriodGroup(d, [.. mine.Where(o => o.Period == d.Period).OrderBy(o => s.Item(o.ItemId).Seq)]))
            .Where(g => g.Rows.Count > 0)];
    }

    private async Task BuildDistrictAsync(YearSnapshot s, CancellationToken ct)
    {
        AwaitingOffice = [.. s.Obligations.Where(o => o.State == FilingState.AwaitingOffice).OrderBy(o => o.Due).ThenBy(o => o.SubmittedOn).ThenBy(o => s.Item(o.ItemId).Seq)];
        RecentlyAccepted = [.. s.Obligations.Where(o => o.State == FilingState.Accepted).OrderByDescending(o => o.SubmittedOn).ThenBy(o => s.Item(o.ItemId).Seq).Take(20)];
        var locked = await db.PeriodLocks.AsNoTracking().Where(l => l.PlanId == s.Plan.Id).Select(l => l.Period).ToListAsync(ct);
        Summaries = [.. s.Rules.Deadlines.OrderBy(d => d.Date).Select(d =>
        {
            var rows = s.Obligations.Where(o => o.Period == d.Period).ToList();
            return new PeriodSummary(d,
                rows.Count(o => o.Status == ObligationStatus.Pending), rows.Count(o => o.Status == ObligationStatus.OnTime),
                rows.Count(o => o.Status == ObligationStatus.Late), rows.Count(o => o.Status == ObligationStatus.Missing),
                rows.Count(o => o.State == FilingState.AwaitingOffice), rows.Count(o => o.State == FilingState.Accepted), locked.Contains(d.Period));
        })];
    }

    /// <summary>The lead unit's own obligation for the item and period of a co-unit's part (where it consolidates).</summary>
    public ObligationRow? LeadFiling(ObligationRow part) =>
        S?.Obligations.FirstOrDefault(o => o.ItemId == part.ItemId && o.Period == part.Period && o.UnitId == Scope.UnitId);

    public int VersionOf(int? filingId) => filingId is int id ? Versions.GetValueOrDefault(id) : 0;

    public string Role(ObligationRow o) =>
        S!.Item(o.ItemId).LeadUnitIds.Contains(o.UnitId) ? "牵头" : o.PartToLead ? "配合（报牵头单位）" : "配合";
}
