using System.Globalization;
using Luoshi.Core.Features.Forms;
using Luoshi.Core.Features.Scores;
using Luoshi.Documents;

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

    /// <summary>Written by <see cref="CsvWriter"/> with every field quoted (UTF-8 with a byte-order mark, CRLF, formulas guarded).</summary>
    public static ExportFile Csv(ScoreBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var criteria = board.Scores.SelectMany(s => s.Parts).Select(p => p.Criterion).Distinct(StringComparer.Ordinal).ToList();
        List<IEnumerable<string>> records = [["名次", "单位", .. criteria, "总分", "计分说明"]];
        foreach (var s in board.Scores)
        {
            records.Add([
                N(s.Rank),
                s.UnitName,
                .. criteria.Select(c => s.Parts.FirstOrDefault(p => string.Equals(p.Criterion, c, StringComparison.Ordinal)) is { } p ? D(p.Points) : string.Empty),
                D(s.Total),
                string.Join("；", s.Parts.Select(p => p.Criterion + "：" + p.Working)),
            ]);
        }

        return new ExportFile(FileName(board, "csv"), ExportFile.Csv, CsvWriter.Bytes(records, CsvQuoting.All));
    }

    private static string FileName(ScoreBoard board, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{board.District.Name}{board.Plan.Year}年-绩效考核得分-{(board.Window.GradePeriod is null ? "年度累计" : board.Window.Name)}.{extension}");

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string D(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}
