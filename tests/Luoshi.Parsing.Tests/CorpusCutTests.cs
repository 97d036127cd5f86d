using Luoshi.Parsing.Catalogue;

namespace Luoshi.Parsing.Tests;

/// <summary>
/// Every corpus fixture cut after every line (a web copy that stops anywhere) is read without throwing or hanging, with results
/// that keep the invariants; the catalogue proposer takes every such result too.
/// </summary>
public class CorpusCutTests
{
    public static TheoryData<string> Corpus => GoldenTests.Corpus;

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Parse_FixtureCutAtEveryLine_NeverThrowsNorHangs(string name)
    {
        string text = File.ReadAllText(Path.Combine(TestPaths.CorpusDir, name + ".txt"));
        var lines = text.Split('\n');

        // Issue 15: "never hangs". The bound is generous: a fixture of 60 lines read 120 times takes well under a second.
        var run = Task.Run(() =>
        {
            for (int k = 0; k <= lines.Length; k++)
            {
                string cut = string.Join('\n', lines.Take(k));
                var notice = NoticeParser.Parse(cut);
                Invariants.Check(cut, notice);
                _ = CatalogueProposer.Propose(notice);

                // And cut in the middle of the next line, where a copy usually stops.
                if (k < lines.Length && lines[k].Length > 1)
                {
                    string mid = cut + (k > 0 ? "\n" : string.Empty) + lines[k][..(lines[k].Length / 2)];
                    Invariants.Check(mid, NoticeParser.Parse(mid));
                }
            }
        });

        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2)));
        finished.ShouldBe(run, $"{name}: reading every cut did not finish");
        await run;
    }
}
