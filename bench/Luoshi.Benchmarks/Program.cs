using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Luoshi.Benchmarks;

// Usage: dotnet run -c Release --project bench/Luoshi.Benchmarks -- --filter '*' [--job short]
// Figures and the machine they were taken on: docs/benchmarks.md.
if (args is ["stages", .. var sizes])
{
    Stages.Run(sizes);
    return;
}

if (args is ["whole", var megabytes, var times])
{
    // What a profiler should look at: only `luoshi parse FILE`'s JSON path, on one input, several times.
    Stages.Whole(megabytes, times);
    return;
}

var config = DefaultConfig.Instance
    // Median and Min next to Mean: the machine is shared, and Min shows the undisturbed cost.
    .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
    .AddColumn(ThroughputColumn.Size, ThroughputColumn.Rate, AllocationPerByteColumn.Instance)
    .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(32))
    // Building the generated project takes several minutes on a loaded machine; the default limit is 2.
    .WithBuildTimeout(TimeSpan.FromMinutes(15));
BenchmarkSwitcher.FromAssembly(typeof(ParseSeed).Assembly).Run(args, config);
