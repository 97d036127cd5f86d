using System.Text;

namespace Luoshi.Parsing.Tests;

public class GoldenTests
{
    public static TheoryData<string> Seeds => new(
        "000_4e4f19e7498f2113",
        "001_b07d873149f44e2f",
        "002_4ba397864c4b7ffe");

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_Parsed_MatchesGoldenFile(string seed)
    {
        string goldenPath = Path.Combine(TestPaths.GoldenDir, seed + ".golden.txt");
        var notice = NoticeParser.Parse(TestPaths.ReadSeed(seed + ".txt"));
        string actual = GoldenFormat.Render(notice);
        string actualPath = Path.Combine(TestPaths.GoldenDir, seed + ".actual.txt");

        if (Environment.GetEnvironmentVariable("LUOSHI_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(goldenPath, actual, new UTF8Encoding(false));
            return;
        }

        var expected = GoldenFormat.Significant(File.ReadAllText(goldenPath));
        var got = GoldenFormat.Significant(actual);
        if (!expected.SequenceEqual(got))
        {
            File.WriteAllText(actualPath, actual, new UTF8Encoding(false));
            int at = 0;
            while (at < expected.Count && at < got.Count && expected[at] == got[at])
            {
                at++;
            }

            string exp = at < expected.Count ? expected[at] : "<end>";
            string act = at < got.Count ? got[at] : "<end>";
            Assert.Fail($"{seed}: first difference at significant line {at + 1}\n expected: {exp}\n actual:   {act}\n" +
                $"compare: diff {goldenPath} {actualPath}");
        }
        else if (File.Exists(actualPath))
        {
            File.Delete(actualPath);
        }
    }
}
