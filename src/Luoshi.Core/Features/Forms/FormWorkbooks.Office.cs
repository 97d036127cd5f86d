namespace Luoshi.Core.Features.Forms;

/// <summary>The office's own tables (no district template): the whole plan's progress and the units' scores, one sheet each with the unit as a column.</summary>
public static partial class FormWorkbooks
{
    internal static readonly string[] ProgressHeaders =
        ["序号", "部分", "责任事项", "牵头单位", "责任单位", "指标（目标）", "实际完成", "序时进度%", "完成进度%", "状态", "红黄绿", "说明", "最近报告摘要"];

    internal static readonly string[] ScoreDetailHeaders = ["名次", "单位", "总分", "考核项目", "权重", "得分", "计分说明"];

    /// <summary>The whole plan's progress, one row per item, on one sheet named 推进情况.</summary>
    public static byte[] PlanProgress(string title, IReadOnlyList<ProgressRow> rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(rows);

        var sheet = new SheetModel("推进情况", [6, 14, 36, 14, 18, 20, 20, 9, 9, 10, 7, 24, 36]);
        int r = FormLayout.Head(sheet, title, null, ProgressHeaders);
        foreach (var row in rows)
        {
            sheet.Text(r, 1, row.Number, CellLook.Centered);
            sheet.Text(r, 2, row.Part, CellLook.Text);
            sheet.Text(r, 3, row.ItemText, CellLook.Text);
            sheet.Text(r, 4, row.LeadUnits, CellLook.Centered);
            sheet.Text(r, 5, row.ResponsibleUnits, CellLook.Centered);
            sheet.Text(r, 6, row.Target, CellLook.Text);
            sheet.Text(r, 7, row.Actual, CellLook.Text);
            sheet.Number(r, 8, row.ExpectedPercent, CellLook.OneDecimal);
            sheet.Number(r, 9, row.ActualPercent, CellLook.OneDecimal);
            sheet.Text(r, 10, row.Status, CellLook.Centered);
            var (colour, look) = RagCell(row.Rag);
            sheet.Text(r, 11, colour, look);
            sheet.Text(r, 12, row.Note, CellLook.Text);
            sheet.Text(r, 13, row.LatestReport, CellLook.Text);
            r++;
        }

        FormLayout.FitRowHeights(sheet, 2);
        return XlsxWriter.Write([sheet], title);
    }

    /// <summary>
    /// The units' scores: sheet 得分汇总 (名次, 单位, one column per criterion in the order first met, 总分) and
    /// sheet 计分明细 (one row per criterion with its weight and working; 名次, 单位, 总分 merged across a unit's rows).
    /// </summary>
    public static byte[] Scores(string title, IReadOnlyList<ScoreRow> rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(rows);

        var criteria = rows.SelectMany(r => r.Parts).Select(p => p.Criterion).Distinct(StringComparer.Ordinal).ToList();
        return XlsxWriter.Write([ScoreSummary(title, rows, criteria), ScoreDetail(title, rows)], title);
    }

    internal static string[] ScoreSummaryHeaders(IReadOnlyList<string> criteria) => ["名次", "单位", .. criteria, "总分"];

    private static SheetModel ScoreSummary(string title, IReadOnlyList<ScoreRow> rows, IReadOnlyList<string> criteria)
    {
        var sheet = new SheetModel("得分汇总", [6, 20, .. criteria.Select(_ => 12.0), 10]);
        int r = FormLayout.Head(sheet, title, null, ScoreSummaryHeaders(criteria));
        foreach (var row in rows)
        {
            sheet.Number(r, 1, row.Rank, CellLook.Integer);
            sheet.Text(r, 2, row.UnitName, CellLook.Centered);
            for (int c = 0; c < criteria.Count; c++)
            {
                var part = row.Parts.FirstOrDefault(p => string.Equals(p.Criterion, criteria[c], StringComparison.Ordinal));
                sheet.Number(r, 3 + c, part?.Points, CellLook.TwoDecimals);
            }

            sheet.Number(r, 3 + criteria.Count, row.Total, CellLook.TwoDecimals);
            r++;
        }

        FormLayout.FitRowHeights(sheet, 2);
        return sheet;
    }

    private static SheetModel ScoreDetail(string title, IReadOnlyList<ScoreRow> rows)
    {
        var sheet = new SheetModel("计分明细", [6, 20, 10, 20, 8, 8, 60]);
        int r = FormLayout.Head(sheet, title + "（计分明细）", null, ScoreDetailHeaders);
        foreach (var row in rows)
        {
            sheet.Number(r, 1, row.Rank, CellLook.Integer);
            sheet.Text(r, 2, row.UnitName, CellLook.Centered);
            sheet.Number(r, 3, row.Total, CellLook.TwoDecimals);
            r += FormLayout.PartRows(sheet, r, row.Parts, (line, part) =>
            {
                sheet.Text(line, 4, part?.Criterion, CellLook.Text);
                sheet.Number(line, 5, part?.Weight, CellLook.TwoDecimals);
                sheet.Number(line, 6, part?.Points, CellLook.TwoDecimals);
                sheet.Text(line, 7, part?.Working, CellLook.Text);
            }, 1, 2, 3);
        }

        FormLayout.FitRowHeights(sheet, 2);
        return sheet;
    }

    private static (string? Text, CellLook Look) RagCell(Rag rag) => rag switch
    {
        Rag.Red => (ItemStateLabels.Of(rag), CellLook.Red),
        Rag.Amber => (ItemStateLabels.Of(rag), CellLook.Amber),
        Rag.Green => (ItemStateLabels.Of(rag), CellLook.Green),
        Rag.None => (null, CellLook.Centered),
    };
}
