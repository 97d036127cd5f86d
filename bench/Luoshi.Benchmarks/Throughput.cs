using BenchmarkDotNet.Attributes;
using Luoshi.Parsing;

namespace Luoshi.Benchmarks;

/// <summary>
/// Parses the three seeds concatenated (the base, ~125 KB) repeated 1, 2, 5 and 10 times: time should grow
/// linearly, so MB/s should stay flat. Notices are not renumbered; the parser sees one long notice.
/// </summary>
[MemoryDiagnoser]
public class Throughput : IInputSized
{
    private string text = "";

    /// <summary>How many copies of the base make the input.</summary>
    [Params(1, 2, 5, 10)]
    public int Multiple { get; set; }

    /// <inheritdoc />
    public long InputBytes => Seeds.BaseBytes * Multiple;

    /// <summary>Builds the input once, outside the measurement.</summary>
    [GlobalSetup]
    public void Setup() => text = Seeds.Repeat(Multiple);

    /// <summary>One parse of the whole input.</summary>
    [Benchmark]
    public ParsedNotice Parse() => NoticeParser.Parse(text);
}

/// <summary>One parse of ~20 MB (whole seeds cycled until 20,000,000 UTF-8 bytes), to show MB/s at scale.</summary>
[MemoryDiagnoser]
public class LargeInput : IInputSized
{
    private string text = "";

    /// <summary>Target size in megabytes (10^6 bytes of UTF-8).</summary>
    [Params(20)]
    public int Megabytes { get; set; }

    /// <inheritdoc />
    public long InputBytes => Seeds.Utf8Bytes(Seeds.AtLeast(Megabytes * 1_000_000L));

    /// <summary>Builds the input once, outside the measurement.</summary>
    [GlobalSetup]
    public void Setup() => text = Seeds.AtLeast(Megabytes * 1_000_000L);

    /// <summary>One parse of the whole input.</summary>
    [Benchmark]
    public ParsedNotice Parse() => NoticeParser.Parse(text);
}
