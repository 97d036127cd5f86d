namespace Luoshi.Web.Features.Work;

/// <summary>One row of a work plan as the form posts it (具体工作内容 with its 完成时限; the quarter in 洪山's per-quarter form).</summary>
public sealed class StepInput
{
    public int? Quarter { get; set; }

    public string? Content { get; set; }

    public string? Due { get; set; }
}

/// <summary>
/// A work plan's numbers for one amount target and one unit as the form posts them (as typed): the unit's own row carries its quarterly
/// values (一季度…四季度, each the amount planned within that quarter, not cumulative) and, for a co-unit, its own share; in a lead unit's
/// plan, a row per co-unit carries the share the lead gives it (分解到配合单位的任务量).
/// </summary>
public sealed class PlanInput
{
    public int IndicatorId { get; set; }

    public int UnitId { get; set; }

    public string? Share { get; set; }

    public string? Q1 { get; set; }

    public string? Q2 { get; set; }

    public string? Q3 { get; set; }

    public string? Q4 { get; set; }

    public string? Quarter(int q) => q switch { 1 => Q1, 2 => Q2, 3 => Q3, 4 => Q4, _ => null };
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

    /// <summary>Work plan: the numbers per (target, unit), as typed (<see cref="PlanInput"/>).</summary>
    public List<PlanInput> Plan { get; set; } = [];

    /// <summary>Work plan of a lead unit: the clerk confirmed that the co-units' shares add up to more than the target (超额分解).</summary>
    public bool ConfirmShares { get; set; }

    /// <summary>The row of the work plan's numbers for a target and a unit (empty when there is none).</summary>
    public PlanInput PlanRow(int indicatorId, int unitId) =>
        Plan.FirstOrDefault(r => r.IndicatorId == indicatorId && r.UnitId == unitId) ?? new PlanInput { IndicatorId = indicatorId, UnitId = unitId };

    /// <summary>The targets whose co-units' shares, as typed, add up to more than the target's value (the form then shows the confirmation).</summary>
    public IReadOnlyList<PlanTarget> SharesAbove(FilingView page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return [.. page.PlanTargets.Where(t => page.ShareUnits.Sum(u => WorkLabels.TryNumber(PlanRow(t.Id, u.Id).Share, out decimal? v) ? v ?? 0m : 0m) > t.Value)];
    }

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
        Plan = [.. f.Planned.Select(p => new PlanInput
        {
            IndicatorId = p.IndicatorId, UnitId = p.UnitId, Share = WorkLabels.Num(p.Share),
            Q1 = WorkLabels.Num(p.Q1), Q2 = WorkLabels.Num(p.Q2), Q3 = WorkLabels.Num(p.Q3), Q4 = WorkLabels.Num(p.Q4),
        })],
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
            if (timeless is not null)
            {
                return (null, $"有一行只填了完成时限（{timeless.Due}），没有具体工作内容。请补充或清空该行。");
            }

            var (planned, bad) = PlanEdits(page);
            return planned is null ? (null, bad)
                : (new FilingEdit(Leader: Leader, Section: page.Style == FormStyle.Hongshan ? null : Section, Steps: steps,
                    Planned: page.PlanTargets.Count == 0 ? null : planned, SharesAboveTargetConfirmed: ConfirmShares), null);
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

    /// <summary>The work plan's numbers to save: the unit's own row per amount target and, for a lead unit, a share per co-unit; or why not (a number that is not one).</summary>
    private (List<PlannedTargetEdit>? Rows, string? Error) PlanEdits(FilingView page)
    {
        var rows = new List<PlannedTargetEdit>();
        foreach (var t in page.PlanTargets)
        {
            var own = PlanRow(t.Id, page.UnitId);
            var q = new decimal?[4];
            for (int k = 0; k < 4; k++)
            {
                if (!WorkLabels.TryNumber(own.Quarter(k + 1), out q[k]))
                {
                    return (null, $"“{t.Measure}”{WorkLabels.Quarter(k + 1)}计划值“{own.Quarter(k + 1)}”不是数字，请填写数字（如 2500），不填表示该季度不安排。");
                }
            }

            decimal? share = null;
            if (page.Role == Core.Features.Plans.UnitRole.Co && !WorkLabels.TryNumber(own.Share, out share))
            {
                return (null, $"“{t.Measure}”本单位分解任务量“{own.Share}”不是数字，请填写数字（如 400）。");
            }

            rows.Add(new PlannedTargetEdit(t.Id, page.UnitId, share, q[0], q[1], q[2], q[3]));
            foreach (var (unitId, name) in page.ShareUnits)
            {
                string? typed = PlanRow(t.Id, unitId).Share;
                if (!WorkLabels.TryNumber(typed, out decimal? s))
                {
                    return (null, $"“{t.Measure}”分解给{name}的任务量“{typed}”不是数字，请填写数字（如 400）。");
                }

                rows.Add(new PlannedTargetEdit(t.Id, unitId, s, null, null, null, null));
            }
        }

        return (rows, null);
    }
}
