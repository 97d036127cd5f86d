namespace Luoshi.Web.Features.Supervision;

/// <summary>
/// 督办：the office's due / late / missing view of a district, worst first unless the plan's order is asked for, filtered by
/// period, status, part, unit kind and leader in charge. The view is built from the year snapshot only when the page's cached
/// body (keyed by district, date, revision, filters and whether the caller may act) is stale. The office acts from a row
/// (催报, 督办单, 电话/约谈 note: <see cref="RowModel"/>); its buttons post through one form outside the cached body, which
/// carries the caller's antiforgery token.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageOutputCache.Policy)]
public sealed class IndexModel(YearQueries years, LuoshiDb db, SupervisionCache cache, SupervisionActions actions) : PageModel
{
    private SupervisionView? _view;
    private Dictionary<(int UnitId, int ItemId), int>? _counts;

    public YearSnapshot Snapshot { get; private set; } = null!;

    /// <summary>The districts to choose from, for a caller with none of their own and none asked for.</summary>
    public IReadOnlyList<DistrictSummary>? Choices { get; private set; }

    public ReportPeriod? Period { get; private set; }

    public DueFilter Status { get; private set; }

    public int? UnitId { get; private set; }

    public int? Part { get; private set; }

    public UnitKind? Kind { get; private set; }

    public string? Leader { get; private set; }

    /// <summary>Worst first (the default), or the plan's order.</summary>
    public bool Worst { get; private set; } = true;

    /// <summary>Rows a page shows: worst first, the rest on the next pages (a period of 200 items is 200 rows or more).</summary>
    public const int RowsPerPage = 50;

    /// <summary>The page of rows asked for (?p=), clamped to the pages there are where they are drawn.</summary>
    public int RequestedPage { get; private set; } = 1;

    /// <summary>How many pages <paramref name="rows"/> rows take.</summary>
    public static int PagesOf(int rows) => Math.Max(1, (rows + RowsPerPage - 1) / RowsPerPage);

    /// <summary>The caller is the district's office: the rows offer 催报, 督办单 and a note.</summary>
    public bool CanAct { get; private set; }

    public IReadOnlyDictionary<int, UnitKind> Kinds { get; private set; } = new Dictionary<int, UnitKind>();

    [TempData]
    public string? Message { get; set; }

    /// <summary>Everything the body depends on: the cache key of its rendered HTML.</summary>
    public string CacheKey { get; private set; } = string.Empty;

    public SupervisionView View => _view ??= SupervisionView.Build(Snapshot, cache.Units(Snapshot),
        new SupervisionFilter(Period, Status, UnitId, Part, Kind, Leader, Worst), Kinds);

    /// <summary>How many history lines each unit and item has (the office's marks on the rows).</summary>
    public int Count(int unitId, int itemId) => _counts?.GetValueOrDefault((unitId, itemId)) ?? 0;

    public async Task<IActionResult> OnGetAsync(string? district, string? period, string? status, int? unit, int? year, int? part, string? kind, string? leader, string? sort, CancellationToken ct, int p = 1)
    {
        (var early, Choices, Snapshot) = await YearPages.OpenAsync(this, years, db, district, year, ct);
        if (early is not null)
        {
            return early;
        }

        var snapshot = Snapshot;
        Period = period == "all" ? null
            : Enum.TryParse<ReportPeriod>(period, out var asked) && snapshot.Rules.Deadlines.Any(d => d.Period == asked) ? asked
            : SupervisionView.DefaultPeriod(snapshot);
        Status = Enum.TryParse<DueFilter>(status, out var f) && Enum.IsDefined(f) ? f : DueFilter.All;
        UnitId = unit is int u && snapshot.Units.Any(x => x.Id == u) ? u : null;
        Part = part is int pi && snapshot.Items.Any(i => i.PartIndex == pi) ? pi : null;
        Kinds = await db.Units.AsNoTracking().Where(x => x.DistrictId == snapshot.District.Id).ToDictionaryAsync(x => x.Id, x => x.Kind, ct);
        Kind = Enum.TryParse<UnitKind>(kind, out var k) && Enum.IsDefined(k) ? k : null;
        Leader = leader is not null && snapshot.Units.Any(x => x.LeaderUserId == leader) ? leader : null;
        Worst = sort != "plan";
        RequestedPage = Math.Max(1, p);
        CanAct = HttpContext.Actor()!.CanSupervise(snapshot.District.Id);
        if (CanAct)
        {
            _counts = await actions.CountsAsync(snapshot.District.Id, ct);
        }
        CacheKey = string.Join('|', snapshot.District.Id.ToString(CultureInfo.InvariantCulture), snapshot.Plan.Year.ToString(CultureInfo.InvariantCulture), snapshot.Revision.ToString(CultureInfo.InvariantCulture),
            snapshot.Today.DayNumber.ToString(CultureInfo.InvariantCulture), Period?.ToString() ?? "all", Status.ToString(),
            UnitId?.ToString(CultureInfo.InvariantCulture) ?? "-", Part?.ToString(CultureInfo.InvariantCulture) ?? "-", Kind?.ToString() ?? "-", Leader ?? "-",
            Worst ? "worst" : "plan", CanAct ? "act" : "read", RequestedPage.ToString(CultureInfo.InvariantCulture));
        return Page();
    }

    /// <summary>The parts of the plan, for the filter.</summary>
    public IEnumerable<(int Index, string Title)> Parts => Snapshot.Items.Select(i => (i.PartIndex, i.PartTitle)).Distinct().OrderBy(x => x.PartIndex);

    /// <summary>The leaders in charge set on the district's units, for the filter.</summary>
    public IEnumerable<(string Id, string Name)> Leaders => Snapshot.Units.Where(u => u.LeaderUserId is not null)
        .Select(u => (u.LeaderUserId!, u.LeaderName ?? u.LeaderUserId!)).Distinct().OrderBy(x => x.Item2, StringComparer.Ordinal);

    /// <summary>The kinds of unit in the district, for the filter.</summary>
    public IEnumerable<UnitKind> KindChoices => Kinds.Values.Distinct().Order();

    /// <summary>The link to this view with some filters changed (the others kept).</summary>
    public string Link(ReportPeriod? period, DueFilter status, int? unitId)
    {
        var q = new List<string> { "district=" + Uri.EscapeDataString(Snapshot.District.Code), "year=" + Snapshot.Plan.Year.ToString(CultureInfo.InvariantCulture), "period=" + (period?.ToString() ?? "all") };
        if (status != DueFilter.All)
        {
            q.Add("status=" + status);
        }

        if (unitId is int u)
        {
            q.Add("unit=" + u.ToString(CultureInfo.InvariantCulture));
        }

        if (Part is int part)
        {
            q.Add("part=" + part.ToString(CultureInfo.InvariantCulture));
        }

        if (Kind is { } kind)
        {
            q.Add("kind=" + kind);
        }

        if (Leader is not null)
        {
            q.Add("leader=" + Uri.EscapeDataString(Leader));
        }

        if (!Worst)
        {
            q.Add("sort=plan");
        }

        return "/Supervision?" + string.Join('&', q);
    }

    /// <summary>Another page of this view's rows (the filters kept).</summary>
    public string PageLink(int page) => Link(Period, Status, UnitId) + "&p=" + page.ToString(CultureInfo.InvariantCulture);

    /// <summary>The query naming one row's unit, item and period (for its actions).</summary>
    public string RowQuery(int unitId, int itemId, ReportPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"district={Uri.EscapeDataString(Snapshot.District.Code)}&unit={unitId}&item={itemId}&period={period}");
}

/// <summary>Each district's unit counts, computed once per snapshot's district, revision and day (<see cref="RevisionCache"/>).</summary>
public sealed class SupervisionCache(RevisionCache cache)
{
    public IReadOnlyList<UnitDue> Units(YearSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return cache.GetOrAdd(CacheKinds.SupervisionUnits, snapshot.District.Id, snapshot.Revision, (snapshot.Today, snapshot.Plan.Year), () => SupervisionView.CountUnits(snapshot));
    }
}
