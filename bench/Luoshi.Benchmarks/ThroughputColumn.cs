using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Luoshi.Benchmarks;

/// <summary>A benchmark whose input size is known from its parameters alone (no setup needed).</summary>
public interface IInputSized
{
    /// <summary>Size of the parsed input in UTF-8 bytes.</summary>
    long InputBytes { get; }
}

/// <summary>
/// Adds "Input" (size in KB or MB) and "MB/s" (input bytes / mean time; 1 MB = 10^6 bytes of UTF-8) columns for
/// benchmarks implementing <see cref="IInputSized"/>. BenchmarkDotNet reports time only, so this computes the rate.
/// </summary>
internal sealed class ThroughputColumn : IColumn
{
    private readonly ConcurrentDictionary<string, long> sizes = new(StringComparer.Ordinal);
    private readonly bool rate;

    private ThroughputColumn(bool rate) => this.rate = rate;

    /// <summary>The input size column.</summary>
    public static ThroughputColumn Size { get; } = new(rate: false);

    /// <summary>The MB/s column.</summary>
    public static ThroughputColumn Rate { get; } = new(rate: true);

    public string Id => rate ? "Luoshi.MBps" : "Luoshi.InputSize";

    public string ColumnName => rate ? "MB/s" : "Input";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => rate ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => rate ? UnitType.Dimensionless : UnitType.Size;

    public string Legend => rate
        ? "Input size / Mean, in MB per second (1 MB = 10^6 bytes of UTF-8 input)"
        : "Size of the parsed input, UTF-8";

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(c => typeof(IInputSized).IsAssignableFrom(c.Descriptor.Type));

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        long? bytes = InputBytes(benchmarkCase);
        if (bytes is null)
        {
            return "-";
        }

        if (!rate)
        {
            return bytes >= 1_000_000
                ? (bytes.Value / 1e6).ToString("0.00 'MB'", CultureInfo.InvariantCulture)
                : (bytes.Value / 1e3).ToString("0.0 'KB'", CultureInfo.InvariantCulture);
        }

        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNs is double ns && ns > 0
            ? (bytes.Value / 1e6 / (ns / 1e9)).ToString("0.00", CultureInfo.InvariantCulture)
            : "NA";
    }

    public override string ToString() => ColumnName;

    internal long? InputBytes(BenchmarkCase benchmarkCase)
    {
        var type = benchmarkCase.Descriptor.Type;
        if (!typeof(IInputSized).IsAssignableFrom(type))
        {
            return null;
        }

        string key = type.FullName + "|" + benchmarkCase.Parameters.DisplayInfo;
        return sizes.GetOrAdd(key, _ =>
        {
            // A fresh instance with the case's parameters set, as BenchmarkDotNet would set them.
            var instance = (IInputSized)Activator.CreateInstance(type)!;
            foreach (var parameter in benchmarkCase.Parameters.Items)
            {
                const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance;
                if (type.GetProperty(parameter.Name, Flags) is { } property)
                {
                    property.SetValue(instance, parameter.Value);
                }
                else
                {
                    type.GetField(parameter.Name, Flags)?.SetValue(instance, parameter.Value);
                }
            }

            return instance.InputBytes;
        });
    }
}

/// <summary>"B/B": bytes allocated per operation (the memory diagnoser's figure) divided by the input's UTF-8 bytes.</summary>
internal sealed class AllocationPerByteColumn : IColumn
{
    public static AllocationPerByteColumn Instance { get; } = new();

    public string Id => "Luoshi.AllocatedPerInputByte";

    public string ColumnName => "B/B";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 2;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Allocated bytes per operation / input bytes (UTF-8)";

    public bool IsAvailable(Summary summary) => ThroughputColumn.Size.IsAvailable(summary);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        long? bytes = ThroughputColumn.Size.InputBytes(benchmarkCase);
        var report = summary[benchmarkCase];
        long? allocated = report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return bytes is > 0 && allocated is long a
            ? ((double)a / bytes.Value).ToString("0.0", CultureInfo.InvariantCulture)
            : "NA";
    }

    public override string ToString() => ColumnName;
}
