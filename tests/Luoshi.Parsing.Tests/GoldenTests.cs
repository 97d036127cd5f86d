using System.Text;

namespace Luoshi.Parsing.Tests;

public class GoldenTests
{
    /// <summary>The three real seeds; a seed is listed once its golden file has been written.</summary>
    public static TheoryData<string> Seeds => new(SeedNames);

    private static IEnumerable<string> SeedNames =>
        new[] { "000_4e4f19e7498f2113", "001_b07d873149f44e2f", "002_4ba397864c4b7ffe" }
            .Where(s => File.Exists(Path.Combine(TestPaths.GoldenDir, s + ".golden.txt")));

    /// <summary>Every self-made notice in Corpus/ (each NAME.txt with its NAME.golden.txt).</summary>
    public static TheoryData<string> Corpus => new(CorpusNames);

    internal static IEnumerable<string> CorpusNames =>
        Directory.EnumerateFiles(TestPaths.CorpusDir, "*.txt")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => !f.EndsWith(".golden.txt", StringComparison.Ordinal) && !f.EndsWith(".actual.txt", StringComparison.Ordinal))
            .Select(f => f[..^4])
            .Order(StringComparer.Ordinal);

    [Fact]
    public void Seeds_GoldenFiles_ExistForJiangAnAndCaidian()
    {
        SeedNames.ShouldContain("000_4e4f19e7498f2113");
        SeedNames.ShouldContain("002_4ba397864c4b7ffe");
    }

    [Fact]
    public void Corpus_HasAtLeastTenNotices()
    {
        CorpusNames.Count().ShouldBeGreaterThanOrEqualTo(10);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_Parsed_MatchesGoldenFile(string seed) =>
        Check(seed, TestPaths.GoldenDir, TestPaths.ReadSeed(seed + ".txt"));

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Corpus_Parsed_MatchesGoldenFile(string name) =>
        Check(name, TestPaths.CorpusDir, File.ReadAllText(Path.Combine(TestPaths.CorpusDir, name + ".txt")));

    private static void Check(string name, string dir, string source)
    {
        string goldenPath = Path.Combine(dir, name + ".golden.txt");
        var notice = NoticeParser.Parse(source);
        string actual = GoldenFormat.Render(notice);
        string actualPath = Path.Combine(dir, name + ".actual.txt");

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
            Assert.Fail($"{name}: first difference at significant line {at + 1}\n expected: {exp}\n actual:   {act}\n" +
                $"compare: diff {goldenPath} {actualPath}");
        }
        else if (File.Exists(actualPath))
        {
            File.Delete(actualPath);
        }
    }
}
