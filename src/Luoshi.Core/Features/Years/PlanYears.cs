namespace Luoshi.Core.Features.Years;

/// <summary>A plan year of a district as the year switch and the /Years page show it.</summary>
/// <param name="Year">The plan's year (2026).</param>
/// <param name="PlanId">The published plan of that year.</param>
/// <param name="DocNumber">The notice's 文号.</param>
/// <param name="Title">The notice's title.</param>
/// <param name="Starts">The first day of the year's reporting period (1 January).</param>
/// <param name="Ends">The last day of its reporting period: the last deadline of its calendar (the annual report, usually in January of the next year).</param>
/// <param name="ClosedAt">When the office closed the year (null: open).</param>
/// <param name="ClosedBy">Who closed it.</param>
/// <param name="Current">The year pages show when none is asked for.</param>
/// <param name="Chosen">The office chose it as current (otherwise the calendar decides).</param>
public sealed record PlanYear(int Year, int PlanId, string? DocNumber, string? Title, DateOnly Starts, DateOnly Ends,
    DateTimeOffset? ClosedAt, string? ClosedBy, bool Current, bool Chosen)
{
    public bool Closed => ClosedAt is not null;
}

/// <summary>
/// A district's plan years, side by side: which there are, which is current, and whether one is closed. The current year
/// is the one the office chose (<see cref="YearChoice"/>), else the open year whose reporting period contains today in the
/// district (<see cref="DistrictClock"/>), else any year whose period contains today, else the latest year that has started,
/// else the earliest. Every page, API and use case that reads "the district's plan" asks here (through
/// <see cref="PlanQueries"/> and <see cref="YearQueries"/>), and every write on a closed year's filings, orders and
/// circulars is refused by <see cref="RefuseIfClosedAsync(LuoshiDb, int, CancellationToken)"/> and its siblings.
/// </summary>
public sealed class PlanYears(LuoshiDb db, TimeProvider clock)
{
    /// <summary>A plan of the district as the rule reads it (a caller with its own query reads these and asks <see cref="Current"/>).</summary>
    internal sealed record Row(int Id, int DistrictId, int Year, string? DocNumber, string? Title, string CalendarJson, DateTimeOffset? ClosedAt, string? ClosedBy);

    /// <summary>The district's plan years, newest first.</summary>
    public async Task<List<PlanYear>> ListAsync(int districtId, CancellationToken ct = default)
    {
        var all = await ForDistrictsAsync(districtId, ct);
        return all.GetValueOrDefault(districtId) ?? [];
    }

    /// <summary>The year pages show for <paramref name="requested"/>: that year when the district has a plan for it, else the current year; null when it has no plan.</summary>
    public async Task<PlanYear?> ResolveAsync(int districtId, int? requested, CancellationToken ct = default)
    {
        var years = await ListAsync(districtId, ct);
        return years.FirstOrDefault(y => y.Year == requested) ?? years.FirstOrDefault(y => y.Current);
    }

    /// <summary>
    /// The current year of one district from its plans (those with a year) and its office's choice as a caller read them in its own
    /// query: the same rule as <see cref="ResolveAsync"/> without a year asked for; null when it has no plan.
    /// </summary>
    internal static PlanYear? Current(IReadOnlyList<Row> plans, int? chosen, DateOnly today) =>
        plans.Count == 0 ? null : Years([.. plans], chosen, today).FirstOrDefault(y => y.Current);

    /// <summary>The current plan's id of every district that has a plan (for lists across districts).</summary>
    public async Task<Dictionary<int, int>> CurrentPlanIdsAsync(CancellationToken ct = default)
    {
        var all = await ForDistrictsAsync(null, ct);
        return all.Where(kv => kv.Value.Any(y => y.Current)).ToDictionary(kv => kv.Key, kv => kv.Value.First(y => y.Current).PlanId);
    }

    /// <summary>
    /// The plan years of one district (<paramref name="districtId"/>), or of every district (null). One district's are read by
    /// its id in the database, so that a district's page costs the same however many other districts there are.
    /// </summary>
    private async Task<Dictionary<int, List<PlanYear>>> ForDistrictsAsync(int? districtId, CancellationToken ct)
    {
        var plans = db.Plans.AsNoTracking().Where(p => p.Year > 0);
        var chosen = db.YearChoices.AsNoTracking();
        if (districtId is int one)
        {
            plans = plans.Where(p => p.DistrictId == one);
            chosen = chosen.Where(c => c.DistrictId == one);
        }

        var rows = await plans.Select(p => new Row(p.Id, p.DistrictId, p.Year, p.DocNumber, p.Title, p.CalendarJson, p.ClosedAt, p.ClosedBy)).ToListAsync(ct);
        var choices = await chosen.ToDictionaryAsync(c => c.DistrictId, c => c.Year, ct);
        var today = DistrictClock.Today(clock);
        return rows.GroupBy(r => r.DistrictId)
            .ToDictionary(g => g.Key, g => Years([.. g], choices.TryGetValue(g.Key, out int c) ? c : null, today));
    }

    private static List<PlanYear> Years(List<Row> rows, int? chosen, DateOnly today)
    {
        var spans = rows.Select(r => (Row: r, Starts: new DateOnly(r.Year, 1, 1), Ends: Ends(r))).OrderBy(x => x.Row.Year).ToList();
        bool Contains((Row Row, DateOnly Starts, DateOnly Ends) x) => x.Starts <= today && today <= x.Ends;
        int current = chosen is int c && spans.Any(x => x.Row.Year == c) ? c
            : spans.Where(x => x.Row.ClosedAt is null && Contains(x)).Select(x => (int?)x.Row.Year).FirstOrDefault()
              ?? spans.Where(Contains).Select(x => (int?)x.Row.Year).FirstOrDefault()
              ?? spans.Where(x => x.Starts <= today).Select(x => (int?)x.Row.Year).LastOrDefault()
              ?? spans[0].Row.Year;
        return [.. spans.OrderByDescending(x => x.Row.Year).Select(x => new PlanYear(x.Row.Year, x.Row.Id, x.Row.DocNumber, x.Row.Title, x.Starts, x.Ends,
            x.Row.ClosedAt, x.Row.ClosedBy, x.Row.Year == current, chosen == x.Row.Year && x.Row.Year == current))];
    }

    /// <summary>The end of a year's reporting period: its calendar's last deadline, and never before 31 December.</summary>
    private static DateOnly Ends(Row r)
    {
        var yearEnd = new DateOnly(r.Year, 12, 31);
        if (string.IsNullOrWhiteSpace(r.CalendarJson))
        {
            return yearEnd.AddMonths(1);
        }

        var calendar = PlanCalendar.Load(r.CalendarJson, () => "");
        var last = calendar.Deadlines.Select(d => (DateOnly?)d.Date).Max();
        return last is { } l && l > yearEnd ? l : yearEnd;
    }

    /// <summary>A refusal when the plan is of a closed year (null when it is open or unknown): the guard at the top of a write.</summary>
    public static Task<Failure?> RefuseIfClosedAsync(LuoshiDb db, int planId, CancellationToken ct = default) =>
        RefuseAsync(db, db.Plans.Where(p => p.Id == planId), ct);

    /// <summary>As <see cref="RefuseIfClosedAsync(LuoshiDb, int, CancellationToken)"/>, for the plan of an item.</summary>
    public static Task<Failure?> RefuseIfItemClosedAsync(LuoshiDb db, int? itemId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return itemId is null ? Task.FromResult<Failure?>(null)
            : RefuseAsync(db, db.Plans.Where(p => db.PlanItems.Any(i => i.Id == itemId && i.PlanId == p.Id)), ct);
    }

    /// <summary>As <see cref="RefuseIfClosedAsync(LuoshiDb, int, CancellationToken)"/>, for the plan of a filing.</summary>
    public static Task<Failure?> RefuseIfFilingClosedAsync(LuoshiDb db, int filingId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return RefuseAsync(db, db.Plans.Where(p => db.Filings.Any(f => f.Id == filingId && f.PlanId == p.Id)), ct);
    }

    /// <summary>As <see cref="RefuseIfClosedAsync(LuoshiDb, int, CancellationToken)"/>, for the plan of an evidence file's filing.</summary>
    public static Task<Failure?> RefuseIfEvidenceClosedAsync(LuoshiDb db, int evidenceId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return RefuseAsync(db, db.Plans.Where(p => db.Evidence.Any(e => e.Id == evidenceId && db.Filings.Any(f => f.Id == e.FilingId && f.PlanId == p.Id))), ct);
    }

    /// <summary>As <see cref="RefuseIfClosedAsync(LuoshiDb, int, CancellationToken)"/>, for the plan of a circular.</summary>
    public static Task<Failure?> RefuseIfCircularClosedAsync(LuoshiDb db, int circularId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return RefuseAsync(db, db.Plans.Where(p => db.Circulars.Any(c => c.Id == circularId && c.PlanId == p.Id)), ct);
    }

    private static async Task<Failure?> RefuseAsync(LuoshiDb db, IQueryable<Plan> plan, CancellationToken ct)
    {
        var closed = await plan.AsNoTracking().Where(p => p.ClosedAt != null).Select(p => new { p.Year }).FirstOrDefaultAsync(ct);
        return closed is null ? null : Closed(closed.Year);
    }

    /// <summary>The refusal of a write on a closed year (for a use case that reads whether its plan is closed with its own rows).</summary>
    public static Failure Closed(int year) => new(FailureKind.NotAllowed, $"{year}年度已关闭，只能查看，不能再修改。");
}
