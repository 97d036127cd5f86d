using System.Diagnostics;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// How long each stage of a first start took (migrations, catalogues, each notice's import and publish, accounts, each district's
/// story and its parts): logged at Information as each ends, kept for the start-up message and the benchmark note.
/// </summary>
public sealed class DemoStages(ILogger log)
{
    private readonly List<(string Stage, TimeSpan Took)> _stages = [];

    public IReadOnlyList<(string Stage, TimeSpan Took)> All => _stages;

    /// <summary>Starts timing a stage; disposing the result ends it.</summary>
    public Stage Time(string name) => new(this, name);

    public void Add(string name, TimeSpan took)
    {
        _stages.Add((name, took));
        log.LogInformation("Demo data, {Stage}: {Seconds} s", name, took.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture));
    }

    /// <summary>One line per stage, for a report.</summary>
    public override string ToString() =>
        string.Join(Environment.NewLine, _stages.Select(s => $"{s.Stage}: {s.Took.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s"));

    public readonly struct Stage(DemoStages owner, string name) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public void Dispose() => owner.Add(name, Stopwatch.GetElapsedTime(_started));
    }
}
