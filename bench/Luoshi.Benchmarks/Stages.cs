extern alias cli;

using System.Diagnostics;
using System.Globalization;
using System.Text;
using cli::Luoshi.Cli.Commands;
using Luoshi.Parsing;
using Luoshi.Parsing.Calendar;
using Luoshi.Parsing.Indicators;
using Luoshi.Parsing.Resolution;

namespace Luoshi.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project bench/Luoshi.Benchmarks -- stages MB [MB…] [--repeat N]`: times each stage of the whole
/// understanding once (or N times, keeping the least) per size with a Stopwatch (after one warm-up at 1 MB), with the process's CPU time (every thread,
/// the GC's included: on a loaded machine closer to what a quiet one takes than the wall time) and the bytes each allocates: the rough
/// profile that says which stage to look at before running the BenchmarkDotNet job.
/// </summary>
internal static class Stages
{
    /// <summary>Runs every stage once per size; with <c>--repeat N</c> N times per size, printing each stage's least wall and least CPU time.</summary>
    public static void Run(IEnumerable<string> arguments)
    {
        var args = arguments.ToList();
        int repeat = 1;
        int at = args.IndexOf("--repeat");
        if (at >= 0)
        {
            repeat = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
            args.RemoveRange(at, 2);
        }

        var catalogues = CatalogueFiles.Load(Catalogues.Folder);
        Once(Seeds.AtLeast(1_000_000), catalogues, [], print: false);
        foreach (string s in args)
        {
            string text = Seeds.AtLeast((long)(double.Parse(s, CultureInfo.InvariantCulture) * 1_000_000));
            var best = new Dictionary<string, (double Ms, double CpuMs, long Allocated)>();
            for (int r = 0; r < repeat; r++)
            {
                Once(text, catalogues, best, print: r == repeat - 1);
            }
        }
    }

    /// <summary>
    /// `whole MB N`: the whole understanding (<c>ParseCommand.Json</c>) N times on one input of MB megabytes, each run's wall
    /// and CPU time printed: the run to put under a profiler (<c>dotnet-trace collect -- dotnet …Luoshi.Benchmarks.dll whole 6.8 3</c>).
    /// </summary>
    public static void Whole(string megabytes, string times)
    {
        string text = Seeds.AtLeast((long)(double.Parse(megabytes, CultureInfo.InvariantCulture) * 1_000_000));
        long input = Seeds.Utf8Bytes(text);
        string path = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"luoshi-whole-{Environment.ProcessId}.txt"));
        File.WriteAllText(path, text, new UTF8Encoding(false));
        try
        {
            for (int i = 0; i < int.Parse(times, CultureInfo.InvariantCulture); i++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                long before = GC.GetAllocatedBytesForCurrentThread();
                var pause = GC.GetTotalPauseDuration();
                int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
                ParseCommand.Json(new FileInfo(path), null, Catalogues.Folder, new CountingStream());
                double ms = clock.Elapsed.TotalMilliseconds;
                double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                double pauseMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"whole {input / 1e6:0.00} MB: {ms,8:0} ms ({input / 1e3 / ms:0.0} MB/s), {cpuMs,8:0} ms CPU ({input / 1e3 / cpuMs:0.0} MB/s), {allocated / (double)input:0.0} B/B, GC pauses {pauseMs:0} ms, collections gen0/1/2 {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]}"));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Once(string text, Luoshi.Parsing.Catalogue.CatalogueSet catalogues,
        Dictionary<string, (double Ms, double CpuMs, long Allocated)> best, bool print)
    {
        long input = Seeds.Utf8Bytes(text);
        var lines = new List<string>();
        T Time<T>(string stage, Func<T> f)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            T result = f();
            double ms = clock.Elapsed.TotalMilliseconds;
            double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (best.TryGetValue(stage, out var b))
            {
                ms = Math.Min(ms, b.Ms);
                cpuMs = Math.Min(cpuMs, b.CpuMs);
            }

            best[stage] = (ms, cpuMs, allocated);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {stage,-14} {ms,10:0.0} ms {cpuMs,10:0.0} ms CPU {input / 1e3 / ms,7:0.0} MB/s {input / 1e3 / cpuMs,7:0.0} MB/s CPU {allocated / (double)input,8:0.0} B/B"));
            return result;
        }

        var total = Stopwatch.StartNew();
        long start = GC.GetAllocatedBytesForCurrentThread();
        var notice = Time("parse", () => NoticeParser.Parse(text));
        var catalogue = catalogues.For(notice.Document);
        var resolved = catalogue is null ? null : Time("resolve units", () => new UnitResolver(catalogue).Resolve(notice));
        var schedule = Time("calendar", () => ScheduleReader.Read(text, notice));
        var targets = Time("targets", () => notice.Items.Select(i => IndicatorReader.Read(i.Text)).ToList());
        var repeated = Time("repeated", () => IndicatorReader.FindRepeated(notice.Items.Select((i, k) => (i, targets[k]))));
        var understood = Time("understand", () => NoticeUnderstanding.Understand(text, catalogues));
        long json = Time("json", () =>
        {
            var output = new CountingStream();
            PlanJson.Write(understood, output);
            return output.Length;
        });
        string path = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"luoshi-stages-{Environment.ProcessId}.txt"));
        File.WriteAllText(path, text, new UTF8Encoding(false));
        try
        {
            Time("read file", () => CommonOptions.ReadNotice(new FileInfo(path))?.Length);
            Time("catalogues", () => CatalogueFiles.Load(Catalogues.Folder).Catalogues.Count);
            Time("whole (CLI)", () => ParseCommand.Json(new FileInfo(path), null, Catalogues.Folder, new CountingStream()));
        }
        finally
        {
            File.Delete(path);
        }

        if (print)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{input / 1e6:0.00} MB, {notice.Items.Count} items, {repeated.Count} repeated targets, {schedule.Diagnostics.Count} calendar notes, {resolved?.Items.Count} resolved, JSON {json} bytes:"));
            lines.ForEach(Console.WriteLine);
            Console.WriteLine("  (understand = parse + units + calendar + targets + repeated again, in one call; whole = what `luoshi parse FILE` does: read the file and the catalogues, understand, write the JSON)");
        }
    }
}
