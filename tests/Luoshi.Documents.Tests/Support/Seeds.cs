using Luoshi.Parsing;

namespace Luoshi.Documents.Tests.Support;

/// <summary>The three shared seed notices and what a reader must find in each.</summary>
internal static class Seeds
{
    public const string JiangAn = "000_4e4f19e7498f2113.txt";
    public const string Hongshan = "001_b07d873149f44e2f.txt";
    public const string Caidian = "002_4ba397864c4b7ffe.txt";

    public static readonly string[] All = [JiangAn, Hongshan, Caidian];

    public static TheoryData<string> Names => new(All);

    public static string DocNumber(string seed) => seed switch
    {
        JiangAn => "岸政办〔2026〕1号",
        Hongshan => "洪政办〔2026〕1号",
        Caidian => "蔡政办〔2026〕1号",
        _ => throw new ArgumentOutOfRangeException(nameof(seed), seed, null),
    };

    public static string Text(string seed) => File.ReadAllText(Path.Combine(TestPaths.SeedsDir, seed));

    public static string[] Lines(string seed) => Text(seed).Split('\n');

    /// <summary>The seed as a .docx, one paragraph per line.</summary>
    public static byte[] ParagraphDocx(string seed) => DocxBuilder.Paragraphs(Lines(seed));

    /// <summary>
    /// The seed with its plan laid out as a Word table 序号|任务|责任单位: the text before the first item and after the last
    /// stays as paragraphs, each item (as the parser reads it from the seed) is a row. The task cell holds the text in two
    /// paragraphs (split after its first "。") and the unit cell one paragraph per clause, so reading must join a cell's
    /// paragraphs with nothing.
    /// </summary>
    public static (byte[] Docx, IReadOnlyList<string> ExpectedRows) TableDocx(string seed)
    {
        string[] lines = Lines(seed);
        IReadOnlyList<NoticeItem> items = NoticeParser.Parse(Text(seed)).Items;
        var rows = new List<IReadOnlyList<IReadOnlyList<string>>> { new[] { new[] { "序号" }, new[] { "任务" }, new[] { "责任单位" } } };
        var expected = new List<string> { "序号\t任务\t责任单位" };
        foreach (NoticeItem item in items)
        {
            int split = item.Text.IndexOf('。', StringComparison.Ordinal);
            string[] task = split > 0 && split < item.Text.Length - 1
                ? [item.Text[..(split + 1)], item.Text[(split + 1)..]]
                : [item.Text];
            var units = new List<string>();
            if (item.Lead.Count > 0)
            {
                units.Add("牵头单位：" + string.Join('、', item.Lead.Select(u => u.Printed)));
            }

            if (item.Responsible.Count > 0)
            {
                units.Add("责任单位：" + string.Join('、', item.Responsible.Select(u => u.Printed)));
            }

            rows.Add([[item.Number], task, units]);
            expected.Add(item.Number + "\t" + item.Text + "\t" + string.Concat(units));
        }

        int first = items[0].FirstLine - 1;
        int last = items[^1].LastLine;
        byte[] docx = DocxBuilder.WithTable(lines[..first], rows, lines[last..]);
        return (docx, expected);
    }
}
