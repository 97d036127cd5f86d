using System.Globalization;
using System.Text;
using Luoshi.Core.Features.Forms;
using Luoshi.Core.Features.Scores;

namespace Luoshi.Core.Features.Exports;

/// <summary>A district's scores for one window as .xlsx (<see cref="FormWorkbooks.Scores"/>: summary and working) and as CSV.</summary>
public static class ScoreExports
{
    public static string Title(ScoreBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        return string.Create(CultureInfo.InvariantCulture, $"{board.District.Name}{board.Plan.Year}年目标任务绩效考核得分（{board.Window.Name}）");
    }

    public static ExportFile Xlsx(ScoreBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var rows = board.Scores.Select(s => new ScoreRow(s.Rank, s.UnitName, s.Total,
            [.. s.Parts.Select(p => new Forms.ScorePart(p.Criterion, p.Weight, p.Points, p.Working))])).ToList();
        return new ExportFile(FileName(board, "xlsx"), ExportFile.Xlsx, FormWorkbooks.Scores(Title(board), rows));
    }

    /// <summary>
    /// UTF-8 with a byte-order mark (so that Excel reads the Chinese), CRLF lines, every field quoted; a field that starts
    /// with = + - @ or a tab gets a leading apostrophe so that a spreadsheet does not run it as a formula.
    /// </summary>
    public static ExportFile Csv(ScoreBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var criteria = board.Scores.SelectMany(s => s.Parts).Select(p => p.Criterion).Distinct(StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        Line(sb, ["名次", "单位", .. criteria, "总分", "计分说明"]);
        foreach (var s in board.Scores)
        {
            Line(sb, [
                N(s.Rank),
                s.UnitName,
                .. criteria.Select(c => s.Parts.FirstOrDefault(p => string.Equals(p.Criterion, c, StringComparison.Ordinal)) is { } p ? D(p.Points) : string.Empty),
                D(s.Total),
                string.Join("；", s.Parts.Select(p => p.Criterion + "：" + p.Working)),
            ]);
        }

        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
        return new ExportFile(FileName(board, "csv"), ExportFile.Csv, bytes);
    }

    private static string FileName(ScoreBoard board, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{board.District.Name}{board.Plan.Year}年-绩效考核得分-{(board.Window.GradePeriod is null ? "年度累计" : board.Window.Name)}.{extension}");

    private static void Line(StringBuilder sb, IEnumerable<string> fields)
    {
        sb.Append(string.Join(",", fields.Select(Field))).Append("\r\n");
    }

    internal static string Field(string value)
    {
        string v = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string D(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}
