namespace Luoshi.Core.Features.Exports;

/// <summary>A file to download: its (Chinese) name, content type and bytes.</summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Content)
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string Csv = "text/csv; charset=utf-8";
}

/// <summary>
/// The district's template forms filled from the filings (see README.md): the work plan (江岸 样表 or 洪山 附件1) and the
/// quarterly report (洪山 附件2), for one unit or for every unit that files its own, one sheet per unit. A row is printed
/// for every item the unit files for; its text is the unit's filing once the head has sent it to the office (awaiting the
/// office or accepted), blank otherwise. Who may ask for which unit is the caller's business (the web layer).
/// </summary>
public sealed class FormExports(LuoshiDb db, TimeProvider? clock = null)
{
    /// <summary>The district's form style: its settings' if the office set them, else the default (<see cref="DistrictSettingsDefaults"/>).</summary>
    public async Task<FormStyle> StyleAsync(DistrictInfo district, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(district);
        return (await DistrictSettingsDefaults.LoadAsync(db, district.Id, ct)).FormStyle;
    }

    /// <summary>The work-plan form (办理工作方案) of <paramref name="unitId"/>, or of every unit (null); null when the district has no plan or the unit is not of it.</summary>
    public async Task<ExportFile?> WorkPlanAsync(DistrictInfo district, int? unitId, FormStyle style, CancellationToken ct = default, int? year = null)
    {
        var data = await LoadAsync(district, unitId, ReportPeriod.WorkPlan, year, ct);
        if (data is null)
        {
            return null;
        }

        var rows = data.Lines.Select(l => new WorkPlanRow(
            l.Item.Number,
            l.Item.Text,
            l.Filing is null ? [] : [.. WorkSteps.Parse(l.Filing.StepsJson).Select(s => new WorkStepRow(s.Quarter, s.Content, s.Due))],
            l.Filing?.Leader,
            l.Filing?.Section,
            l.UnitName,
            l.Item.Deadline,
            style == FormStyle.Hongshan && l.CoUnits.Count > 0 ? string.Join("、", [l.UnitName + "（牵头）", .. l.CoUnits]) : null)).ToList();
        byte[] bytes = (style, data.OneUnit) switch
        {
            (FormStyle.Hongshan, { } one) => FormWorkbooks.HongshanWorkPlan(one, data.Plan.Year, rows, data.Header(one)),
            (FormStyle.Hongshan, null) => FormWorkbooks.HongshanWorkPlan(data.Plan.Year, rows, data.Headers()),
            (_, { } one) => FormWorkbooks.JianganWorkPlan(one, data.Plan.Year, rows),
            (_, null) => FormWorkbooks.JianganWorkPlan(data.Plan.Year, rows),
        };
        return new ExportFile(FileName(district, data, "办理工作方案"), ExportFile.Xlsx, bytes);
    }

    /// <summary>The quarterly report form (洪山 附件2: 完成情况, 存在主要问题及下步工作打算) for <paramref name="period"/>.</summary>
    public async Task<ExportFile?> ReportAsync(DistrictInfo district, int? unitId, ReportPeriod period, CancellationToken ct = default, int? year = null)
    {
        if (period == ReportPeriod.WorkPlan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The work plan has its own form.");
        }

        var data = await LoadAsync(district, unitId, period, year, ct);
        if (data is null)
        {
            return null;
        }

        var rows = data.Lines.Select(l => new ReportRow(l.Item.Number, l.Item.Text, ProgressText(l.Filing), l.Filing?.Problems ?? string.Empty, l.UnitName)).ToList();
        string name = PeriodName(period);
        byte[] bytes = data.OneUnit is { } one
            ? FormWorkbooks.HongshanQuarterReport(one, data.Plan.Year, name, rows, data.Header(one))
            : FormWorkbooks.HongshanQuarterReport(data.Plan.Year, name, rows, data.Headers());
        return new ExportFile(FileName(district, data, name + "工作目标完成情况表"), ExportFile.Xlsx, bytes);
    }

    /// <summary>一季度 … 四季度, or 全年 for the year's report (the words the Hongshan form puts in place of ×季度).</summary>
    public static string PeriodName(ReportPeriod period) => period switch
    {
        ReportPeriod.Q1 => ReportPeriodLabels.Quarter(1),
        ReportPeriod.Q2 => ReportPeriodLabels.Quarter(2),
        ReportPeriod.Q3 => ReportPeriodLabels.Quarter(3),
        ReportPeriod.Q4 => ReportPeriodLabels.Quarter(4),
        ReportPeriod.Annual => "全年",
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };

    /// <summary>完成情况: the lead unit's own text, then its consolidation of the co-units' parts (汇总) when it made one.</summary>
    internal static string ProgressText(FilingText? f) =>
        f is null ? string.Empty
        : string.IsNullOrWhiteSpace(f.Consolidated) ? f.Progress ?? string.Empty
        : (f.Progress ?? string.Empty) + "\n\n配合单位报送情况：\n" + f.Consolidated;

    private static string FileName(DistrictInfo district, FormData data, string form) =>
        string.Create(CultureInfo.InvariantCulture, $"{district.Name}{data.Plan.Year}年-{data.OneUnit ?? "各单位"}-{form}.xlsx");

    private async Task<FormData?> LoadAsync(DistrictInfo district, int? unitId, ReportPeriod period, int? year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(district);
        var plan = await new PlanQueries(db, clock).PlanAsync(district.Id, ct, year);
        var names = await db.Units.AsNoTracking().Where(u => u.DistrictId == district.Id).OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        if (plan is null || (unitId is int wanted && !names.Any(n => n.Id == wanted)))
        {
            return null;
        }

        var rules = await YearRules.LoadAsync(db, district.Id, plan.Id, ct);
        var items = await db.PlanItems.AsNoTracking().Where(i => i.PlanId == plan.Id).OrderBy(i => i.Seq)
            .Select(i => new ItemText(i.Id, i.Seq, i.Number, i.Text, i.Deadline)).ToListAsync(ct);
        var itemUnits = await (from u in db.ItemUnits.AsNoTracking()
                               join i in db.PlanItems on u.ItemId equals i.Id
                               where i.PlanId == plan.Id
                               orderby u.Id
                               select new { u.ItemId, u.UnitId, u.Role }).ToListAsync(ct);
        // What the office holds: approved by the head and sent (awaiting the office, or accepted).
        var filings = await db.Filings.AsNoTracking()
            .Where(f => f.PlanId == plan.Id && f.Period == period && (f.State == FilingState.AwaitingOffice || f.State == FilingState.Accepted) && (unitId == null || f.UnitId == unitId))
            .Select(f => new FilingText(f.ItemId, f.UnitId, f.Leader, f.Section, f.StepsJson, f.Progress, f.Problems, f.Consolidated, f.SubmittedAt))
            .ToListAsync(ct);

        var nameOf = names.ToDictionary(n => n.Id, n => n.Name);
        var byItem = itemUnits.ToLookup(u => u.ItemId);
        var filed = filings.ToDictionary(f => (f.ItemId, f.UnitId));
        var lines = new List<FormLine>();
        foreach (var unit in names.Where(n => unitId is null || n.Id == unitId))
        {
            foreach (var item in items)
            {
                var role = byItem[item.Id].Where(u => u.UnitId == unit.Id).Select(u => (UnitRole?)u.Role).FirstOrDefault();
                if (role is not { } r || rules.Participation(r) != Participation.Own)
                {
                    continue;
                }

                var co = byItem[item.Id].Where(u => u.Role == UnitRole.Co && u.UnitId != unit.Id).Select(u => nameOf.GetValueOrDefault(u.UnitId, "?")).ToList();
                lines.Add(new FormLine(item, unit.Name, co, filed.GetValueOrDefault((item.Id, unit.Id))));
            }
        }

        string? oneUnit = unitId is int id ? nameOf[id] : lines.Count == 0 ? district.Name : null;
        return new FormData(plan, oneUnit, lines);
    }

    internal sealed record ItemText(int Id, int Seq, string Number, string Text, string? Deadline);

    internal sealed record FilingText(int ItemId, int UnitId, string? Leader, string? Section, string StepsJson, string? Progress, string? Problems, string? Consolidated, DateTimeOffset? SubmittedAt);

    private sealed record FormLine(ItemText Item, string UnitName, IReadOnlyList<string> CoUnits, FilingText? Filing);

    /// <summary>The lines of a form, for one unit (<see cref="OneUnit"/> set: an empty form is fine) or for several.</summary>
    private sealed record FormData(PlanHeader Plan, string? OneUnit, IReadOnlyList<FormLine> Lines)
    {
        /// <summary>洪山's 填报时间: the day the unit's latest printed filing reached the office.</summary>
        public FormHeader? Header(string unit) =>
            Lines.Where(l => l.UnitName == unit && l.Filing?.SubmittedAt is not null).Select(l => l.Filing!.SubmittedAt!.Value).DefaultIfEmpty().Max() is { } at && at != default
                ? new FormHeader(FilledOn: DistrictClock.DateOf(at))
                : null;

        public Dictionary<string, FormHeader> Headers() =>
            Lines.Select(l => l.UnitName).Distinct(StringComparer.Ordinal)
                .Select(u => (Unit: u, Header: Header(u))).Where(x => x.Header is not null)
                .ToDictionary(x => x.Unit, x => x.Header!, StringComparer.Ordinal);
    }
}
