namespace Luoshi.Core.Features.Forms;

/// <summary>What a unit writes above the table: 主要责任人 (Jiang'an's form) and 填报时间 (Hongshan's forms).</summary>
public sealed record FormHeader(string? Principal = null, DateOnly? FilledOn = null);

/// <summary>
/// The districts' own forms as .xlsx, filled from plain rows. A form for one unit is one sheet; given the rows of
/// several units, each unit gets its own sheet (named after the unit, in the order the units first appear).
/// Titles, header lines and column headers are printed as in the notices' attachments (see README.md).
/// </summary>
public static partial class FormWorkbooks
{
    internal static readonly string[] JianganHeaders = ["序号", "责任事项", "具体工作内容", "完成时限", "分管领导", "责任科室"];
    internal static readonly string[] HongshanPlanHeaders = ["序号", "责任事项", "季度工作安排", "", "完成时限", "责任领导", "责任单位"];
    internal static readonly string[] HongshanReportHeaders = ["序号", "责任事项", "完成情况", "存在主要问题及下步工作打算"];

    /// <summary>江岸: （单位）区《政府工作报告》办理工作方案 for one unit; one row per 具体工作内容.</summary>
    public static byte[] JianganWorkPlan(string unitName, int year, IReadOnlyList<WorkPlanRow> rows, FormHeader? header = null) =>
        Write(OneUnit(unitName, rows, r => r.UnitName), year, "办理工作方案", header is null ? null : new Dictionary<string, FormHeader> { [unitName] = header }, JianganSheet);

    /// <summary>江岸's form for every unit in <paramref name="rows"/>, one sheet each; <paramref name="headers"/> by unit name.</summary>
    public static byte[] JianganWorkPlan(int year, IReadOnlyList<WorkPlanRow> rows, IReadOnlyDictionary<string, FormHeader>? headers = null) =>
        Write(ByUnit(rows, r => r.UnitName), year, "办理工作方案", headers, JianganSheet);

    /// <summary>洪山 附件1: ×××（单位）办理工作方案 for one unit; four rows per item, 一季度 to 四季度.</summary>
    public static byte[] HongshanWorkPlan(string unitName, int year, IReadOnlyList<WorkPlanRow> rows, FormHeader? header = null) =>
        Write(OneUnit(unitName, rows, r => r.UnitName), year, "办理工作方案", header is null ? null : new Dictionary<string, FormHeader> { [unitName] = header }, HongshanPlanSheet);

    /// <summary>洪山 附件1 for every unit in <paramref name="rows"/>, one sheet each.</summary>
    public static byte[] HongshanWorkPlan(int year, IReadOnlyList<WorkPlanRow> rows, IReadOnlyDictionary<string, FormHeader>? headers = null) =>
        Write(ByUnit(rows, r => r.UnitName), year, "办理工作方案", headers, HongshanPlanSheet);

    /// <summary>
    /// 洪山 附件2: ×××（单位）×季度工作目标完成情况表 for one unit. <paramref name="periodName"/> replaces "×季度":
    /// "一季度" … "四季度" (see <see cref="ReportPeriodLabels.Quarter"/>) or "全年".
    /// </summary>
    public static byte[] HongshanQuarterReport(string unitName, int year, string periodName, IReadOnlyList<ReportRow> rows, FormHeader? header = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(periodName);
        return Write(OneUnit(unitName, rows, r => r.UnitName), year, periodName + "工作目标完成情况表", header is null ? null : new Dictionary<string, FormHeader> { [unitName] = header }, (unit, unitRows, h, names) => HongshanReportSheet(unit, periodName, unitRows, h, names));
    }

    /// <summary>洪山 附件2 for every unit in <paramref name="rows"/>, one sheet each.</summary>
    public static byte[] HongshanQuarterReport(int year, string periodName, IReadOnlyList<ReportRow> rows, IReadOnlyDictionary<string, FormHeader>? headers = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(periodName);
        return Write(ByUnit(rows, r => r.UnitName), year, periodName + "工作目标完成情况表", headers, (unit, unitRows, h, names) => HongshanReportSheet(unit, periodName, unitRows, h, names));
    }

    private static SheetModel JianganSheet(string unit, IReadOnlyList<WorkPlanRow> rows, FormHeader? header, SheetNames names)
    {
        var sheet = new SheetModel(names.Take(unit), [6, 34, 50, 14, 12, 14]);
        int r = FormLayout.Head(sheet, unit + "区《政府工作报告》办理工作方案", Labelled("主要责任人:", header?.Principal), JianganHeaders);
        foreach (var item in rows)
        {
            sheet.Text(r, 1, item.Number, CellLook.Centered);
            sheet.Text(r, 2, item.ItemText, CellLook.Text);
            sheet.Text(r, 5, item.Leader, CellLook.Centered);
            sheet.Text(r, 6, item.Section, CellLook.Centered);
            r += FormLayout.PartRows(sheet, r, item.Steps, (line, step) =>
            {
                sheet.Text(line, 3, step?.Content, CellLook.Text);
                sheet.Text(line, 4, step?.Due ?? item.Deadline, CellLook.Centered);
            }, 1, 2, 5, 6);
        }

        FormLayout.FitRowHeights(sheet, 3);
        return sheet;
    }

    private static SheetModel HongshanPlanSheet(string unit, IReadOnlyList<WorkPlanRow> rows, FormHeader? header, SheetNames names)
    {
        var sheet = new SheetModel(names.Take(unit), [6, 32, 9, 48, 14, 12, 18]);
        int r = FormLayout.Head(sheet, unit + "办理工作方案", FilledOn(header), HongshanPlanHeaders);
        sheet.Merge(3, 3, 3, 4);
        foreach (var item in rows)
        {
            sheet.Text(r, 1, item.Number, CellLook.Centered);
            sheet.Text(r, 2, item.ItemText, CellLook.Text);
            sheet.Text(r, 5, item.Deadline, CellLook.Centered);
            sheet.Text(r, 6, item.Leader, CellLook.Centered);
            sheet.Text(r, 7, item.ResponsibleUnits ?? item.UnitName, CellLook.Centered);
            for (int q = 1; q <= 4; q++)
            {
                var steps = item.Steps.Where(s => QuarterNames.QuarterOf(s) == q).ToList();
                sheet.Text(r + q - 1, 3, ReportPeriodLabels.Quarter(q), CellLook.Centered);
                sheet.Text(r + q - 1, 4, QuarterText(steps, item.Deadline), CellLook.Text);
            }

            FormLayout.MergeDown(sheet, r, 4, 1, 2, 5, 6, 7);
            r += 4;
        }

        FormLayout.FitRowHeights(sheet, 3);
        return sheet;
    }

    private static SheetModel HongshanReportSheet(string unit, string periodName, IReadOnlyList<ReportRow> rows, FormHeader? header, SheetNames names)
    {
        var sheet = new SheetModel(names.Take(unit), [6, 32, 56, 44]);
        int r = FormLayout.Head(sheet, unit + periodName + "工作目标完成情况表", FilledOn(header), HongshanReportHeaders);
        foreach (var row in rows)
        {
            sheet.Text(r, 1, row.Number, CellLook.Centered);
            sheet.Text(r, 2, row.ItemText, CellLook.Text);
            sheet.Text(r, 3, row.Progress, CellLook.Text);
            sheet.Text(r, 4, row.Problems, CellLook.Text);
            r++;
        }

        FormLayout.FitRowHeights(sheet, 3);
        return sheet;
    }

    /// <summary>A quarter's steps in one cell: numbered when more than one; a step's own deadline in brackets when it is not the item's.</summary>
    private static string QuarterText(IReadOnlyList<WorkStepRow> steps, string? itemDeadline)
    {
        string One(WorkStepRow s) =>
            string.IsNullOrWhiteSpace(s.Due) || string.Equals(s.Due, itemDeadline, StringComparison.Ordinal) ? s.Content : $"{s.Content}（{s.Due}）";

        return steps.Count == 1
            ? One(steps[0])
            : string.Join('\n', steps.Select((s, i) => $"{(i + 1).ToString(CultureInfo.InvariantCulture)}. {One(s)}"));
    }

    private static string FilledOn(FormHeader? header) =>
        Labelled("填报时间:", header?.FilledOn is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日") : null);

    private static string Labelled(string label, string? value) => string.IsNullOrWhiteSpace(value) ? label : $"{label} {value}";

    private static byte[] Write<TRow>(
        IReadOnlyList<(string Unit, IReadOnlyList<TRow> Rows)> units,
        int year,
        string formName,
        IReadOnlyDictionary<string, FormHeader>? headers,
        Func<string, IReadOnlyList<TRow>, FormHeader?, SheetNames, SheetModel> sheet)
    {
        var names = new SheetNames();
        var sheets = units.Select(u => sheet(u.Unit, u.Rows, headers?.GetValueOrDefault(u.Unit), names)).ToList();
        string who = units.Count == 1 ? units[0].Unit : string.Create(CultureInfo.InvariantCulture, $"{units.Count}个单位");
        return XlsxWriter.Write(sheets, string.Create(CultureInfo.InvariantCulture, $"{year}年 {who}{formName}"));
    }

    private static List<(string Unit, IReadOnlyList<TRow> Rows)> OneUnit<TRow>(string unitName, IReadOnlyList<TRow> rows, Func<TRow, string> unitOf)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unitName);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.FirstOrDefault(r => !string.Equals(unitOf(r), unitName, StringComparison.Ordinal)) is { } stray)
        {
            throw new ArgumentException($"A row of unit '{unitOf(stray)}' was given for the form of unit '{unitName}'.", nameof(rows));
        }

        return [(unitName, rows)];
    }

    private static List<(string Unit, IReadOnlyList<TRow> Rows)> ByUnit<TRow>(IReadOnlyList<TRow> rows, Func<TRow, string> unitOf)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("No rows: give the unit's name to write an empty form.", nameof(rows));
        }

        return rows
            .GroupBy(unitOf, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<TRow>)g.ToList()))
            .ToList();
    }
}
