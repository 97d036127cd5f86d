namespace Luoshi.Web.Features.Exports;

/// <summary>
/// Downloads of the district's forms filled from the filings: the work plan (Jiang'an's or Hongshan's style), the quarterly
/// report (Hongshan's 附件2) and the whole plan's progress. Those who read the whole district (office, leaders, Admin,
/// CityViewer) export any unit or all; a clerk or head exports their own unit's forms only. Anything else is 404.
/// </summary>
public sealed class ExportsModel(LuoshiDb db, FormExports forms, ProgressExport progress, TimeProvider clock) : PageModel
{
    /// <summary>The plan year asked for (?year=); the district's current year when none.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public DistrictInfo District { get; private set; } = null!;

    public PlanHeader? Plan { get; private set; }

    /// <summary>The caller exports every unit of the district (else only <see cref="OwnUnit"/>).</summary>
    public bool WholeDistrict { get; private set; }

    public (int Id, string Name)? OwnUnit { get; private set; }

    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];

    public IReadOnlyList<ReportPeriod> Periods { get; private set; } = [];

    public FormStyle Style { get; private set; }

    public IReadOnlyList<DistrictInfo> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? district, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        if (string.IsNullOrEmpty(district) && scope is { DistrictId: null, SeesAllDistricts: true })
        {
            Choices = [.. (await new PlanQueries(db).DistrictsAsync(ct)).Select(d => d.District)];
            return Page();
        }

        if (await AccessAsync(district, null, ct) is not { } access)
        {
            return NotFound();
        }

        Plan = await new PlanQueries(db, clock).PlanAsync(District.Id, ct, Year);
        Style = await forms.StyleAsync(District, ct);
        if (Plan is not null)
        {
            var rules = await Luoshi.Core.Features.Work.YearRules.LoadAsync(db, District.Id, Plan.Id, ct);
            Periods = [.. rules.Calendar.Reports.Select(d => d.Period)];
        }

        Units = WholeDistrict
            ? [.. (await db.Units.AsNoTracking().Where(u => u.DistrictId == District.Id).OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).ToListAsync(ct)).Select(u => (u.Id, u.Name))]
            : [access];
        return Page();
    }

    /// <summary>The work-plan form; <paramref name="style"/> Jiangan or Hongshan overrides the district's.</summary>
    public async Task<IActionResult> OnGetWorkPlanAsync(string? district, int? unit, string? style, CancellationToken ct)
    {
        if (await AccessAsync(district, unit, ct) is not { } access)
        {
            return NotFound();
        }

        var chosen = Enum.TryParse<FormStyle>(style, ignoreCase: true, out var s) && Enum.IsDefined(s) && !char.IsAsciiDigit(style![0])
            ? s
            : await forms.StyleAsync(District, ct);
        return Send(await forms.WorkPlanAsync(District, Unit(access, unit), chosen, ct, Year));
    }

    /// <summary>The quarterly report form (附件2) for <paramref name="period"/> (Q1 … Q4, Annual).</summary>
    public async Task<IActionResult> OnGetReportAsync(string? district, int? unit, string? period, CancellationToken ct)
    {
        if (await AccessAsync(district, unit, ct) is not { } access
            || string.IsNullOrEmpty(period) || !char.IsAsciiLetter(period[0])
            || !Enum.TryParse<ReportPeriod>(period, ignoreCase: true, out var p) || !Enum.IsDefined(p) || p == ReportPeriod.WorkPlan)
        {
            return NotFound();
        }

        return Send(await forms.ReportAsync(District, Unit(access, unit), p, ct, Year));
    }

    /// <summary>The whole plan's progress: for those who read the whole district only.</summary>
    public async Task<IActionResult> OnGetProgressAsync(string? district, CancellationToken ct)
    {
        if (await AccessAsync(district, null, ct) is null || !WholeDistrict)
        {
            return NotFound();
        }

        return Send(await progress.PlanProgressAsync(District, ct, Year));
    }

    public string Code => District.Code;

    private IActionResult Send(ExportFile? file) =>
        file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);

    /// <summary>The unit to export: the one asked for, else all (whole district) or the caller's own.</summary>
    private int? Unit((int Id, string Name)? access, int? asked) => asked ?? (WholeDistrict ? null : access?.Id);

    /// <summary>
    /// Sets <see cref="District"/> and <see cref="WholeDistrict"/> when the caller may export from the district (and the
    /// unit asked for, if any); returns the caller's own unit (or a whole-district marker), null for 404.
    /// </summary>
    private async Task<(int Id, string Name)?> AccessAsync(string? code, int? unit, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        code = await DistrictChoice.CodeAsync(db, scope, code, ct);
        var d = string.IsNullOrEmpty(code) ? null : await new PlanQueries(db).DistrictAsync(code, ct);
        if (scope is null || d is null)
        {
            return null;
        }

        District = d;
        WholeDistrict = scope.CanReadWholePlan(d.Id);
        if (unit is int u && !await db.Units.AnyAsync(x => x.Id == u && x.DistrictId == d.Id, ct))
        {
            return null;
        }

        if (WholeDistrict)
        {
            return (0, string.Empty);
        }

        if (scope.DistrictId != d.Id || scope.UnitId is not int mine || (unit is int asked && asked != mine))
        {
            return null;
        }

        string name = await db.Units.AsNoTracking().Where(x => x.Id == mine).Select(x => x.Name).FirstAsync(ct);
        OwnUnit = (mine, name);
        return (mine, name);
    }
}
