using Luoshi.Core.Features.Scores;

namespace Luoshi.Web.Features.Scores;

/// <summary>
/// The units' scores (绩效考核) for a quarter or the year, with the working of each criterion; the office sets the scheme's
/// weights and grades the units' reports; Excel and CSV downloads. The district's office (and Admin) change; its leaders
/// read. Everyone else, and every other district, gets 404.
/// </summary>
public sealed class ScoresModel(LuoshiDb db, ScoreService scores) : PageModel
{
    public ScoreBoard? Board { get; private set; }

    /// <summary>The districts to choose from when none was named and the caller has none of their own (Admin).</summary>
    public IReadOnlyList<DistrictInfo> Choices { get; private set; } = [];

    /// <summary>The caller may change the scheme and the grades.</summary>
    public bool CanEdit { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Weights the user entered that were not saved, shown back in the form.</summary>
    public SchemeWeights? Unsaved { get; private set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>The plan year asked for (?year=, or the forms' year); the district's current year when none.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public async Task<IActionResult> OnGetAsync(string? district, string? period, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(district) && HttpContext.Actor() is { DistrictId: null } everywhere && everywhere.HasEverywhere(Permission.ReadScores))
        {
            var all = await new PlanQueries(db).DistrictsAsync(ct);
            Choices = [.. all.Select(d => d.District)];
            return Page();
        }

        return await LoadAsync(district, period, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetXlsxAsync(string? district, string? period, CancellationToken ct)
    {
        if (!await LoadAsync(district, period, ct))
        {
            return NotFound();
        }

        var file = ScoreExports.Xlsx(Board!);
        return File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnGetCsvAsync(string? district, string? period, CancellationToken ct)
    {
        if (!await LoadAsync(district, period, ct))
        {
            return NotFound();
        }

        var file = ScoreExports.Csv(Board!);
        return File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostSchemeAsync(string? district, string? period, int version, string? timeliness, string? completeness, string? progress, string? quality, CancellationToken ct)
    {
        if (await EditableDistrictAsync(district, ct) is not { } d)
        {
            return NotFound();
        }

        var values = new[] { timeliness, completeness, progress, quality }.Select(Parse).ToArray();
        Outcome<ScoreScheme> r = values.Any(v => v is null)
            ? new Failure(FailureKind.Invalid, "请填写四项权重（数字）。")
            : await scores.SaveSchemeAsync(d.Id, version, new SchemeWeights(values[0]!.Value, values[1]!.Value, values[2]!.Value, values[3]!.Value), Actor, ct);
        if (!r.Ok)
        {
            Unsaved = values.All(v => v is not null) ? new SchemeWeights(values[0]!.Value, values[1]!.Value, values[2]!.Value, values[3]!.Value) : null;
            return await RefuseAsync(d.Code, period, r.Failure!.Message, ct);
        }

        Message = "评分方案已保存，得分已按新权重重新计算。";
        return LocalRedirect(Link(d.Code, period, null, Year));
    }

    public async Task<IActionResult> OnPostGradeAsync(string? district, string? period, int unitId, string? grade, string? note, int version, CancellationToken ct)
    {
        if (await EditableDistrictAsync(district, ct) is not { } d)
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(period) || !char.IsAsciiLetter(period[0]) || !Enum.TryParse<ReportPeriod>(period, true, out var p) || !Enum.IsDefined(p))
        {
            return await RefuseAsync(d.Code, period, "请先选择要评定的季度。", ct);
        }

        var r = await scores.GradeAsync(d.Id, unitId, p, grade, note, version, Actor, ct, Year);
        if (!r.Ok)
        {
            return r.Failure!.Kind == FailureKind.NotFound ? NotFound() : await RefuseAsync(d.Code, period, r.Failure.Message, ct);
        }

        var g = r.Value!;
        Message = g.Grade is null ? $"已取消{g.UnitName}的评定。" : $"已将{g.UnitName}{ReportPeriodLabels.Of(g.Period)}评定为 {g.Grade}。";
        return LocalRedirect(Link(d.Code, period, null, Year));
    }

    public static string Link(string code, string? period, string? handler = null, int? year = null) =>
        "/Scores?district=" + Uri.EscapeDataString(code)
        + (year is int y ? "&year=" + y.ToString(CultureInfo.InvariantCulture) : string.Empty)
        + (string.IsNullOrEmpty(period) ? string.Empty : "&period=" + Uri.EscapeDataString(period))
        + (handler is null ? string.Empty : "&handler=" + handler);

    public static string Num(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateOnly d) => Luoshi.Parsing.Calendar.ChineseDates.Day(d);

    private Actor Actor => HttpContext.Actor()!;

    private static decimal? Parse(string? s) =>
        decimal.TryParse(s?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal v) ? v : null;

    /// <summary>Reads the scores when the caller may see them: the district's office and leaders, and Admin.</summary>
    private async Task<bool> LoadAsync(string? code, string? period, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        code = await DistrictChoice.CodeAsync(db, scope, code, ct);
        var d = code is null ? null : await new PlanQueries(db).DistrictAsync(code, ct);
        if (scope is null || d is null || !MaySee(scope, d.Id))
        {
            return false;
        }

        CanEdit = scope.CanSupervise(d.Id);
        Board = await scores.BoardAsync(d, period, ct, Year);
        return Board is not null;
    }

    private async Task<DistrictInfo?> EditableDistrictAsync(string? code, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        var d = string.IsNullOrEmpty(code) ? null : await new PlanQueries(db).DistrictAsync(code, ct);
        return scope is not null && d is not null && scope.CanSupervise(d.Id) ? d : null;
    }

    private async Task<IActionResult> RefuseAsync(string code, string? period, string message, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Error = message;
        return await LoadAsync(code, period, ct) ? Page() : await LoadAsync(code, null, ct) ? Page() : NotFound();
    }

    private static bool MaySee(Actor scope, int districtId) =>
        scope.Has(Permission.ReadScores, districtId);

}
