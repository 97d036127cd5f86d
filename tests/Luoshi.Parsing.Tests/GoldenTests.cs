using System.Text;

namespace Luoshi.Parsing.Tests;

public class GoldenTests
{
    /// <summary>
    /// Every seed notice the tests own (tests/seeds/*.txt). Each must have its golden file: a missing one fails
    /// the seed's test instead of dropping it from the list.
    /// </summary>
    public static TheoryData<string> Seeds => new(SeedNames);

    private static IEnumerable<string> SeedNames =>
        Directory.EnumerateFiles(TestPaths.SeedsDir, "*.txt")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

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
    public void Seeds_AreTheThreeRealNotices()
    {
        SeedNames.ShouldBe(["000_4e4f19e7498f2113", "001_b07d873149f44e2f", "002_4ba397864c4b7ffe"]);
    }

    [Fact]
    public void Check_GoldenFileMissing_Fails()
    {
        string dir = Directory.CreateTempSubdirectory("luoshi-golden-").FullName;
        try
        {
            var failure = Should.Throw<Xunit.Sdk.FailException>(() => Check("missing", dir, "一、重点工作\n1. 任务（责任单位：区发改局）"));
            failure.Message.ShouldContain("missing.golden.txt");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Corpus_HasAtLeastFortyNotices()
    {
        CorpusNames.Count().ShouldBeGreaterThanOrEqualTo(40);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_Parsed_MatchesGoldenFile(string seed) =>
        Check(seed, TestPaths.GoldenDir, TestPaths.ReadSeed(seed + ".txt"));

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Corpus_Parsed_MatchesGoldenFile(string name) =>
        Check(name, TestPaths.CorpusDir, File.ReadAllText(Path.Combine(TestPaths.CorpusDir, name + ".txt")), corpus: true);

    private static void Check(string name, string dir, string source, bool corpus = false)
    {
        string goldenPath = Path.Combine(dir, name + ".golden.txt");
        var notice = NoticeParser.Parse(source);
        string actual = GoldenFormat.Render(notice, corpus);
        string actualPath = Path.Combine(dir, name + ".actual.txt");

        if (Environment.GetEnvironmentVariable("LUOSHI_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(goldenPath, actual, new UTF8Encoding(false));
            return;
        }

        if (!File.Exists(goldenPath))
        {
            Assert.Fail($"{name}: no golden file {goldenPath}. Write it by reading the source (see Golden/README.md); a notice without one is not tested.");
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
