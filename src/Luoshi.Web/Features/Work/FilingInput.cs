using Luoshi.Core.Features.Work;
using Luoshi.Core.Features.Supervision;

namespace Luoshi.Web.Features.Work;

/// <summary>One row of a work plan as the form posts it (具体工作内容 with its 完成时限; the quarter in 洪山's per-quarter form).</summary>
public sealed class StepInput
{
    public int? Quarter { get; set; }

    public string? Content { get; set; }

    public string? Due { get; set; }
}

/// <summary>
/// The filing form as posted. Kept apart from the stored filing so that, when a save is refused, the page shows exactly what
/// the person typed (numbers as typed too, even when they are not numbers).
/// </summary>
public sealed class FilingInput
{
    /// <summary>Empty work-plan rows shown below the filled ones (江岸's form); "增加一行" adds one more.</summary>
    public const int BlankRows = 3;

    public string? Leader { get; set; }

    public string? Section { get; set; }

    public List<StepInput> Steps { get; set; } = [];

    public string? Progress { get; set; }

    public string? Problems { get; set; }

    public bool Completed { get; set; }

    /// <summary>The actual value per target (indicator id), as typed.</summary>
    public Dictionary<int, string?> Actuals { get; set; } = [];

    /// <summary>The form as stored (or empty when nothing is).</summary>
    public static FilingInput From(Filing? f) => f is null ? new() : new()
    {
        Leader = f.Leader,
        Section = f.Section,
        Steps = [.. WorkSteps.Parse(f.StepsJson).Select(s => new StepInput { Quarter = s.Quarter, Content = s.Content, Due = s.Due })],
        Progress = f.Progress,
        Problems = f.Problems,
        Completed = f.Completed,
        Actuals = f.Actuals.ToDictionary(a => a.IndicatorId, a => (string?)WorkLabels.Num(a.Value)),
    };

    /// <summary>
    /// The rows the form shows: 洪山 one per quarter (一至四季度); 江岸 the filled ones, then empty ones up to
    /// <paramref name="total"/> rows (at least one empty row; <see cref="BlankRows"/> empty ones when not given).
    /// </summary>
    public IReadOnlyList<StepInput> Rows(FormStyle style, int? total)
    {
        if (style == FormStyle.Hongshan)
        {
            return [.. Enumerable.Range(1, 4).SelectMany(q => Steps.Where(s => s.Quarter == q).DefaultIfEmpty(new StepInput { Quarter = q }))];
        }

        var filled = Steps.Where(s => !string.IsNullOrWhiteSpace(s.Content) || !string.IsNullOrWhiteSpace(s.Due)).ToList();
        int blanks = Math.Max((total ?? filled.Count + BlankRows) - filled.Count, 1);
        return [.. filled, .. Enumerable.Range(0, blanks).Select(_ => new StepInput())];
    }

    /// <summary>What to save, or the reason it cannot be (a number that is not one).</summary>
    public (FilingEdit? Edit, string? Error) ToEdit(FilingView page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!page.IsReport)
        {
            var steps = Steps.Where(s => !string.IsNullOrWhiteSpace(s.Content))
                .Select(s => new WorkStep(page.Style == FormStyle.Hongshan ? s.Quarter : null, s.Content!, s.Due)).ToList();
            var timeless = Steps.FirstOrDefault(s => string.IsNullOrWhiteSpace(s.Content) && !string.IsNullOrWhiteSpace(s.Due));
            return timeless is null
                ? (new FilingEdit(Leader: Leader, Section: page.Style == FormStyle.Hongshan ? null : Section, Steps: steps), null)
                : (null, $"有一行只填了完成时限（{timeless.Due}），没有具体工作内容。请补充或清空该行。");
        }

        var actuals = new Dictionary<int, decimal?>();
        foreach (var t in page.Targets)
        {
            string? typed = Actuals.GetValueOrDefault(t.Id);
            if (!WorkLabels.TryNumber(typed, out decimal? value))
            {
                return (null, $"“{t.Measure}”的实际值“{typed}”不是数字，请填写数字（如 4200 或 6.5）。");
            }

            actuals[t.Id] = value;
        }

        return (new FilingEdit(Progress: Progress, Problems: Problems, Completed: Completed, Actuals: actuals), null);
    }
}
