extern alias cli;

using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using cli::Luoshi.Cli.Commands;
using Luoshi.Parsing;
using Luoshi.Parsing.Catalogue;

namespace Luoshi.Benchmarks;

/// <summary>
/// The whole understanding of a notice as `luoshi parse FILE` does it (issue 16.5), on ~2, ~6.8, ~10 and ~20 MB built from the
/// seeds: <see cref="Whole"/> calls the parse command's own JSON path (<c>ParseCommand.Json</c>: read the file, load the
/// catalogues, read the outline, resolve the units against the district's catalogue, read the targets and the reporting
/// calendar, and write the plan's JSON as UTF-8 to a stream). The stages are measured on their own too, to show where the
/// time goes.
/// </summary>
[MemoryDiagnoser]
public class Understanding : IInputSized
{
    private string text = "";
    private FileInfo file = null!;
    private CatalogueSet catalogues = new([]);
    private UnderstoodNotice understood = null!;

    /// <summary>Target size in megabytes (10^6 bytes of UTF-8); 6.8 is the size of the input the issue measured, 20 the size its goal is set at.</summary>
    [Params(2, 6.8, 10, 20)]
    public double Megabytes { get; set; }

    /// <inheritdoc />
    public long InputBytes => Seeds.Utf8Bytes(Seeds.AtLeast(TargetBytes));

    private long TargetBytes => (long)(Megabytes * 1_000_000);

    /// <summary>Writes the input to a temporary file and loads the catalogues (data/catalogues) once, outside the measurement.</summary>
    [GlobalSetup]
    public void Setup()
    {
        text = Seeds.AtLeast(TargetBytes);
        file = new FileInfo(Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"luoshi-understanding-{Environment.ProcessId}-{Megabytes}.txt")));
        File.WriteAllText(file.FullName, text, new UTF8Encoding(false));
        catalogues = CatalogueFiles.Load(Catalogues.Folder);
        understood = NoticeUnderstanding.Understand(text, catalogues);
    }

    /// <summary>Removes the temporary input.</summary>
    [GlobalCleanup]
    public void Cleanup() => file.Delete();

    /// <summary>The whole pipeline, through the CLI's own entry point, the JSON written to a stream that counts it.</summary>
    [Benchmark(Baseline = true)]
    public long Whole()
    {
        var output = new CountingStream();
        if (ParseCommand.Json(file, null, Catalogues.Folder, output) != 0)
        {
            throw new InvalidOperationException("luoshi parse failed on the benchmark input.");
        }

        return output.Length;
    }

    /// <summary>The outline alone.</summary>
    [Benchmark]
    public ParsedNotice Parse() => NoticeParser.Parse(text);

    /// <summary>Outline, units, targets, calendar, without the JSON.</summary>
    [Benchmark]
    public UnderstoodNotice Understand() => NoticeUnderstanding.Understand(text, catalogues);

    /// <summary>The JSON alone, from an understanding made in the setup.</summary>
    [Benchmark]
    public long Json()
    {
        var output = new CountingStream();
        PlanJson.Write(understood, output);
        return output.Length;
    }
}

/// <summary>A write-only stream that keeps nothing and counts the bytes written (the CLI's standard output, without the terminal).</summary>
internal sealed class CountingStream : Stream
{
    private long length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => length;

    public override long Position { get => length; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => length += count;

    public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;
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
