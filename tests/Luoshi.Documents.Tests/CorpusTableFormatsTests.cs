using System.Net;
using System.Text;
using Luoshi.Documents.Tests.Support;
using Luoshi.Parsing;
using Luoshi.Parsing.Tests;

namespace Luoshi.Documents.Tests;

/// <summary>
/// The table fixtures of the layout corpus (tests/Luoshi.Parsing.Tests/Corpus) as a real Word table (.docx) and a real web
/// table (.html): each is read through <see cref="DocumentReader"/> and must give the items of the fixture's hand-written golden
/// file (line numbers aside: a Word or web page has no blank lines between paragraphs). The files are committed; with
/// LUOSHI_UPDATE_CORPUS=1 they are written again from the .txt (a table row is a `|` or tab row; a cell's milestones
/// "1.…；2.…" become paragraphs of the cell).
/// </summary>
public class CorpusTableFormatsTests
{
    public static TheoryData<string, string> Files => new()
    {
        { "table_pipe_eight_columns", ".docx" }, { "table_pipe_eight_columns", ".html" },
        { "table_tab_milestones", ".docx" }, { "table_tab_milestones", ".html" },
        { "table_pipe_target_types", ".docx" }, { "table_pipe_target_types", ".html" },
        { "cut_inside_table", ".docx" }, { "cut_inside_table", ".html" },
    };

    private static string CorpusDir => Path.Combine(TestPaths.RepoRoot, "tests", "Luoshi.Parsing.Tests", "Corpus");

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_TableFixtureAsWordOrWebPage_GivesTheGoldenItems(string name, string extension)
    {
        string path = Path.Combine(CorpusDir, name + extension);
        if (Environment.GetEnvironmentVariable("LUOSHI_UPDATE_CORPUS") == "1")
        {
            File.WriteAllBytes(path, Build(File.ReadAllText(Path.Combine(CorpusDir, name + ".txt")), extension));
        }

        File.Exists(path).ShouldBeTrue($"{path} is committed beside the fixture (LUOSHI_UPDATE_CORPUS=1 writes it)");
        var doc = DocumentReader.Read(File.ReadAllBytes(path), Path.GetFileName(path));
        doc.Succeeded.ShouldBeTrue(doc.Message);
        var notice = NoticeParser.Parse(doc.Text!);

        var expected = WithoutLines(GoldenFormat.Significant(File.ReadAllText(Path.Combine(CorpusDir, name + ".golden.txt"))));
        var actual = WithoutLines(GoldenFormat.Significant(GoldenFormat.Render(notice, corpus: true)));
        actual.ShouldBe(expected, $"{name}{extension} read through DocumentReader");
        notice.Diagnostics.ShouldContain(d => d.Code == "table-read", "the table is recognised and the diagnostic names its columns");
    }

    private static List<string> WithoutLines(List<string> significant) =>
        [.. significant.Where(l => !l.StartsWith("lines:", StringComparison.Ordinal))];

    private static bool IsRow(string line) => line.Contains(" | ", StringComparison.Ordinal) || line.Contains('\t', StringComparison.Ordinal);

    private static List<IReadOnlyList<string>> Cells(string row) =>
        [.. (row.Contains('\t', StringComparison.Ordinal) ? row.Split('\t') : row.Split(" | "))
            .Select(c => c.Trim())
            .Select(Paragraphs)];

    /// <summary>A cell's paragraphs: "1.…；2.…" is two paragraphs, the first keeping its ；.</summary>
    private static IReadOnlyList<string> Paragraphs(string cell)
    {
        var parts = cell.Split('；');
        return [.. parts.Select((p, i) => i < parts.Length - 1 ? p + "；" : p)];
    }

    private static byte[] Build(string txt, string extension)
    {
        var lines = txt.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var before = lines.TakeWhile(l => !IsRow(l)).Where(l => l.Length > 0).ToList();
        var rows = lines.SkipWhile(l => !IsRow(l)).TakeWhile(IsRow).Select(Cells).ToList();
        var after = lines.SkipWhile(l => !IsRow(l)).SkipWhile(IsRow).Where(l => l.Length > 0).ToList();
        if (extension == ".docx")
        {
            return DocxBuilder.WithTable(before, rows, after);
        }

        var sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(before.LastOrDefault() ?? string.Empty)).Append("</title></head>\n<body><div class=\"article\">\n");
        foreach (string l in before)
        {
            sb.Append("<p>").Append(WebUtility.HtmlEncode(l)).Append("</p>\n");
        }

        sb.Append("<table border=\"1\">\n");
        for (int r = 0; r < rows.Count; r++)
        {
            string tag = r == 0 ? "th" : "td";
            sb.Append("<tr>");
            foreach (var cell in rows[r])
            {
                sb.Append('<').Append(tag).Append('>').Append(string.Join("<br>", cell.Select(WebUtility.HtmlEncode))).Append("</").Append(tag).Append('>');
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</table>\n");
        foreach (string l in after)
        {
            sb.Append("<p>").Append(WebUtility.HtmlEncode(l)).Append("</p>\n");
        }

        return Encoding.UTF8.GetBytes(sb.Append("</div></body></html>\n").ToString());
    }
}
