namespace Luoshi.Web.Features.Circulars;

/// <summary>A district's circulars (通报): the list, and a new draft for a period generated from the data (office only).</summary>
public sealed class IndexModel(LuoshiDb db, PlanQueries plans, YearQueries years, CircularService circulars) : PageModel
{
    public sealed record Row(int Id, string Period, string? DocNumber, string Title, CircularState State, DateOnly AsOf, DateTimeOffset? IssuedAt);

    public DistrictInfo District { get; private set; } = null!;

    public List<Row> Circulars { get; private set; } = [];

    /// <summary>The periods the notice sets a report deadline for, the last passed one first.</summary>
    public List<(ReportPeriod Period, string Name, DateOnly Due)> Periods { get; private set; } = [];

    public ReportPeriod? Suggested { get; private set; }

    public bool CanWrite { get; private set; }

    /// <summary>The plan year asked for (?year=, or the form's year); the district's current year when none.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>The plan year shown (its circulars, its periods); null when the district has no plan.</summary>
    public int? ShownYear { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? district, CancellationToken ct) =>
        await LoadAsync(district, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(string? district, ReportPeriod period, CancellationToken ct)
    {
        if (!await LoadAsync(district, ct) || !CanWrite)
        {
            return NotFound();
        }

        var made = await circulars.CreateDraftAsync(District.Id, period, HttpContext.Actor()!, ct, ShownYear);
        if (!made.Ok)
        {
            Error = made.Failure!.Message;
            return Page();
        }

        return RedirectToPage("Edit", new { id = made.Value!.Id });
    }

    private async Task<bool> LoadAsync(string? district, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        district = await DistrictChoice.CodeAsync(db, scope, district, ct);
        var d = await plans.DistrictAsync(district ?? string.Empty, ct);
        if (scope is null || d is null || !scope.CanReadWholePlan(d.Id))
        {
            return false;
        }

        District = d;
        CanWrite = scope.CanSupervise(d.Id);
        var snapshot = await years.SnapshotAsync(d.Id, ct, year: Year);
        ShownYear = snapshot?.Plan.Year;
        int? planId = snapshot?.Plan.Id;
        if (snapshot is not null)
        {
            Periods = [.. snapshot.Rules.Calendar.Reports.Select(x => (x.Period, ReportPeriodLabels.Of(x.Period), x.Date))];
            Suggested = snapshot.LastClosedPeriod;
        }

        var rows = await db.Circulars.AsNoTracking().Where(c => c.DistrictId == d.Id && (planId == null || c.PlanId == planId)).OrderByDescending(c => c.Id)
            .Select(c => new { c.Id, c.Period, c.DocNumber, c.Title, c.State, c.AsOf, c.IssuedAt }).ToListAsync(ct);
        Circulars = [.. rows.Select(c => new Row(c.Id, ReportPeriodLabels.Of(c.Period), c.DocNumber, c.Title, c.State, c.AsOf, c.IssuedAt))];
        return true;
    }
}
