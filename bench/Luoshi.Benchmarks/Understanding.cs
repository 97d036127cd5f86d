extern alias cli;

using BenchmarkDotNet.Attributes;
using cli::Luoshi.Cli.Commands;
using Luoshi.Parsing;
using Luoshi.Parsing.Catalogue;

namespace Luoshi.Benchmarks;

/// <summary>
/// The whole understanding of a notice as `luoshi parse` does it (issue 16.5), on ~20 MB built from the seeds: read the
/// outline, resolve the units against the district's catalogue, read the targets and the reporting calendar, and write
/// the plan's JSON. The stages are measured on their own too, to show where the time goes.
/// </summary>
[MemoryDiagnoser]
public class Understanding : IInputSized
{
    private string text = "";
    private CatalogueSet catalogues = new([]);
    private UnderstoodNotice understood = null!;

    /// <summary>Target size in megabytes (10^6 bytes of UTF-8).</summary>
    [Params(20)]
    public int Megabytes { get; set; }

    /// <inheritdoc />
    public long InputBytes => Seeds.Utf8Bytes(Seeds.AtLeast(Megabytes * 1_000_000L));

    /// <summary>Builds the input and loads the catalogues (data/catalogues) once, outside the measurement.</summary>
    [GlobalSetup]
    public void Setup()
    {
        text = Seeds.AtLeast(Megabytes * 1_000_000L);
        catalogues = CatalogueFiles.Load(Catalogues.Folder);
        understood = NoticeUnderstanding.Understand(text, catalogues);
    }

    /// <summary>The whole pipeline: understanding and JSON, as the CLI does it.</summary>
    [Benchmark(Baseline = true)]
    public int Whole() => PlanJson.Serialize(NoticeUnderstanding.Understand(text, catalogues)).Length;

    /// <summary>The outline alone.</summary>
    [Benchmark]
    public ParsedNotice Parse() => NoticeParser.Parse(text);

    /// <summary>Outline, units, targets, calendar, without the JSON.</summary>
    [Benchmark]
    public UnderstoodNotice Understand() => NoticeUnderstanding.Understand(text, catalogues);

    /// <summary>The JSON alone, from an understanding made in the setup.</summary>
    [Benchmark]
    public int Json() => PlanJson.Serialize(understood).Length;
}

/// <summary>The repository's data/catalogues, found from the binary upwards.</summary>
internal static class Catalogues
{
    public static string Folder { get; } = Locate();

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Luoshi.sln")))
            {
                return Path.Combine(dir.FullName, "data", "catalogues");
            }
        }

        throw new DirectoryNotFoundException($"No Luoshi.sln above {AppContext.BaseDirectory}.");
    }
}
