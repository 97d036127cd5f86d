using System.Globalization;

namespace Luoshi.Load;

/// <summary>The machine the figures come from.</summary>
public static class Machine
{
    public static void Print()
    {
        string model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        Console.WriteLine($"  machine: {model}; {Environment.ProcessorCount} logical CPUs; load {LoadAverage()}; .NET {Environment.Version}");
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}

/// <summary>The figures as a Markdown table (pasted into docs/benchmarks-web.md).</summary>
public static class Report
{
    public const int GoalPerSecond = 1000;
    public const double GoalP99 = 50;

    public static void Print(IReadOnlyList<Result> results, LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(options);
        double ceiling = results[0].PerSecond;
        Console.WriteLine();
        Console.WriteLine($"{options.Connections} connections, {options.WarmupSeconds} s warm-up, {options.DurationSeconds} s measured in {options.Rounds} rounds; load after: {Machine.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| target | req/s | p50 ms | p90 ms | p99 ms | max ms | of ceiling | web app CPU (cores) | req per web-app CPU s | bytes | errors | goal (≥ 1000/s, p99 < 50 ms) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            bool met = r.PerSecond >= GoalPerSecond && r.P99 < GoalP99 && r.Errors == 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.PerSecond:0} | {r.P50:0.0} | {r.P90:0.0} | {r.P99:0.0} | {r.Max:0} | {r.PerSecond / ceiling:0%} | {r.ServerCpuSeconds / r.Seconds:0.00} | {r.PerServerCpuSecond:0} | {r.BytesPerResponse:N0} | {r.Errors} | {(met ? "met" : "missed")} |"));
        }
    }
}
