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

    /// <summary>How ranks are given, as the page and both files say it.</summary>
    public const string RankRule = "总分相同者名次并列，其后名次顺延（如 1、2、2、4）";

    /// <summary>A criterion with its weight in the scheme (按时报送（权重30）): the column heads of both files.</summary>
    public static string Head(Scores.ScorePart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return string.Create(CultureInfo.InvariantCulture, $"{part.Criterion}（权重{part.Weight:0.##}）");
    }

    /// <summary>The summary's criteria carry their weights; the title says how ties are ranked.</summary>
    public static ExportFile Xlsx(ScoreBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var rows = board.Scores.Select(s => new ScoreRow(s.Rank, s.UnitName, s.Total,
            [.. s.Parts.Select(p => new Forms.ScorePart(Head(p), p.Weight, p.Points, p.Working))])).ToList();
        return new ExportFile(FileName(board, "xlsx"), ExportFile.Xlsx, FormWorkbooks.Scores($"{Title(board)}（{RankRule}）", rows));
    }

    /// <summary>The criteria's heads carry their weights, the rank's head says how ties are ranked. Written by <see cref="CsvWriter"/> with every field quoted (UTF-8 with a byte-order mark, CRLF, formulas guarded).</summary>
    public static ExportFile Csv(ScoreBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var heads = board.Scores.SelectMany(s => s.Parts).DistinctBy(p => p.Criterion, StringComparer.Ordinal).ToList();
        var criteria = heads.Select(p => p.Criterion).ToList();
        List<IEnumerable<string>> records = [[$"名次（{RankRule}）", "单位", .. heads.Select(Head), "总分", "计分说明"]];
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
