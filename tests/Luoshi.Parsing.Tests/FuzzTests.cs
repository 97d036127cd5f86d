using System.Text;

namespace Luoshi.Parsing.Tests;

/// <summary>
/// Property: for any randomly damaged copy of a seed or corpus notice, Parse returns, and its
/// result keeps its invariants (see <see cref="Invariants"/>). Deterministic: case N is always the
/// same text, so a failing case is reproduced by <see cref="DamagedCase(int)"/>.
/// </summary>
public class FuzzTests
{
    /// <summary>3000 cases by default; LUOSHI_FUZZ_CASES runs more when hunting.</summary>
    private static readonly int Cases =
        int.TryParse(Environment.GetEnvironmentVariable("LUOSHI_FUZZ_CASES"), System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : 3000;

    private static readonly Lazy<string[]> Sources = new(() =>
    [
        .. new[] { "000_4e4f19e7498f2113.txt", "001_b07d873149f44e2f.txt", "002_4ba397864c4b7ffe.txt" }.Select(TestPaths.ReadSeed),
        .. GoldenTests.CorpusNames.Select(n => File.ReadAllText(Path.Combine(TestPaths.CorpusDir, n + ".txt"))),
    ]);

    private static readonly string[] Noise =
    [
        "（", "）", "(", ")", "[", "]", "【", "】", "〈", "〉", "《", "》", "：", ":", "；", ";", "、", "，", "。", "|", "\t",
        "牵头单位：", "责任单位：", "配合单位：", "完成时限：", "——", "一、", "（一）", "1.", "１．", "1﹒", "（1）", "序号",
        "\r", "\n", "\r\n", "\u2028", "\u3000", "\u200B", "\uFEFF", "\0", "\uD800", "#", "**", "等", "下同", "含", "各",
    ];

    [Fact]
    public async Task Parse_DamagedNotices_NeverThrowsNeverHangs()
    {
        int current = -1;
        var failures = new List<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(120, Cases / 25)));
        var run = Task.Run(
            () =>
            {
                for (int n = 0; n < Cases && !cts.IsCancellationRequested; n++)
                {
                    Volatile.Write(ref current, n);
                    string text = DamagedCase(n);
                    try
                    {
                        Invariants.Check(text, NoticeParser.Parse(text));
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        failures.Add($"case {n}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    }
                }
            },
            cts.Token);

        bool finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(Math.Max(120, Cases / 25)))) == run;

        finished.ShouldBeTrue($"the batch did not finish in 120 s; stuck at or slow around case {Volatile.Read(ref current)}");
        failures.ShouldBeEmpty();
    }

    /// <summary>Damaged case <paramref name="n"/>: a source notice with 1–6 random kinds of damage.</summary>
    internal static string DamagedCase(int n)
    {
        var random = new Random(unchecked((n * 7919) + 17));
        string[] sources = Sources.Value;
        var lines = sources[random.Next(sources.Length)].Split('\n').ToList();
        int damages = random.Next(1, 7);
        for (int d = 0; d < damages && lines.Count > 0; d++)
        {
            int at = random.Next(lines.Count);
            switch (random.Next(10))
            {
                case 0:
                    lines.RemoveRange(at, Math.Min(lines.Count - at, random.Next(1, 20)));
                    break;
                case 1:
                    lines.InsertRange(at, lines.Skip(random.Next(lines.Count)).Take(random.Next(1, 30)).ToList());
                    break;
                case 2:
                    int other = random.Next(lines.Count);
                    (lines[at], lines[other]) = (lines[other], lines[at]);
                    break;
                case 3:
                    string all = string.Join('\n', lines);
                    lines = all[..random.Next(all.Length + 1)].Split('\n').ToList();
                    break;
                case 4:
                    lines[at] = Insert(random, lines[at], Noise[random.Next(Noise.Length)]);
                    break;
                case 5:
                    lines.InsertRange(at, Enumerable.Repeat(string.Empty, random.Next(1, 5)));
                    break;
                case 6:
                    lines[at] = Remove(lines[at], c => "（）()[]【】〈〉《》".Contains(c, StringComparison.Ordinal));
                    break;
                case 7:
                    lines[at] = Remove(lines[at], c => "、，,；;：:。".Contains(c, StringComparison.Ordinal));
                    break;
                case 8:
                    lines[at] = new string([.. lines[at].Select(c => c is >= '0' and <= '9' && random.Next(2) == 0 ? (char)(c - '0' + '０') : c)]);
                    break;
                default:
                    lines[at] = Insert(random, lines[at], RandomChars(random));
                    break;
            }
        }

        return string.Join('\n', lines);
    }

    private static string Insert(Random random, string line, string what) => line.Insert(random.Next(line.Length + 1), what);

    private static string Remove(string line, Func<char, bool> drop) => new([.. line.Where(c => !drop(c))]);

    private static string RandomChars(Random random)
    {
        var sb = new StringBuilder();
        int length = random.Next(1, 40);
        for (int i = 0; i < length; i++)
        {
            sb.Append(random.Next(3) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => (char)random.Next(0x4E00, 0x9FA6),
                _ => (char)random.Next(0, 0x10000),
            });
        }

        return sb.ToString();
    }
}
