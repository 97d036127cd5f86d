using BenchmarkDotNet.Attributes;
using Luoshi.Parsing;

namespace Luoshi.Benchmarks;

/// <summary>Parses each seed notice on its own: the goal is under 5 ms per seed after warm-up.</summary>
[MemoryDiagnoser]
public class ParseSeed : IInputSized
{
    private string text = "";

    /// <summary>The seed file names, from the seed folder.</summary>
    public static IEnumerable<string> SeedNames => Seeds.Names;

    /// <summary>The seed being parsed.</summary>
    [ParamsSource(nameof(SeedNames))]
    public string Seed { get; set; } = "";

    /// <inheritdoc />
    public long InputBytes => Seeds.Utf8Bytes(Seeds.Read(Seed));

    /// <summary>Reads the seed once, outside the measurement.</summary>
    [GlobalSetup]
    public void Setup() => text = Seeds.Read(Seed);

    /// <summary>One parse of the seed.</summary>
    [Benchmark]
    public ParsedNotice Parse() => NoticeParser.Parse(text);
}
