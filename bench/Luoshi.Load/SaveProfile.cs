using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Luoshi.Core.Common;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Supervision;
using Luoshi.Core.Features.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Luoshi.Load;

/// <summary>
/// Where a report save's time goes (issue 16, "a profile of the report save"): the use cases the save POST and the form GET
/// call, run in this process on the load database, one stage at a time, each timed (wall clock and this process's CPU) with
/// the SQL commands it sent counted. Mirrors FilingModel.OnPostSaveAsync: the page's view (FilingQueries.LoadAsync, which
/// the POST loads before saving and the GET renders), then FilingEditing.SaveAsync; after a save the district's revision has
/// moved, so the next view finds no current year snapshot in the cache. Single-threaded, no HTTP, no Razor rendering.
/// </summary>
public static class SaveProfile
{
    public static async Task RunAsync(LoadOptions options, int iterations)
    {
        ArgumentNullException.ThrowIfNull(options);
        var filing = await PrepareOneAsync(options);
        var counter = new CommandCounter();
        var dbOptions = new DbContextOptionsBuilder<LuoshiDb>();
        DatabaseSetup.Configure(dbOptions, DatabaseProvider.Postgres, options.DatabaseConnection);
        dbOptions.AddInterceptors(counter);
        var clock = TimeProvider.System;
        using var cache = new RevisionCache(clock);
        var actor = new Actor(filing.Code + ".clerk", "填报人", AppRole.Clerk, filing.DistrictId, filing.UnitId);
        var stages = new Dictionary<string, (double Wall, double Cpu, long Commands, int N)>(StringComparer.Ordinal);
        var process = Process.GetCurrentProcess();

        async Task<T> Stage<T>(string name, bool measured, Func<Task<T>> run)
        {
            long c0 = counter.Count;
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            long t0 = Stopwatch.GetTimestamp();
            var result = await run();
            double wall = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpu0).TotalMilliseconds;
            if (measured)
            {
                var s = stages.GetValueOrDefault(name);
                stages[name] = (s.Wall + wall, s.Cpu + cpu, s.Commands + (counter.Count - c0), s.N + 1);
            }

            return result;
        }

        int warmup = Math.Max(5, iterations / 10);
        for (int k = 0; k < warmup + iterations; k++)
        {
            bool measured = k >= warmup;
            // One request's context, as the web app's pool gives it.
            await using var db = new LuoshiDb(dbOptions.Options);
            var year = new YearQueries(db, clock, cache);
            var editing = new FilingEditing(db, clock);
            var queries = new FilingQueries(db, editing, year);
            var view = await Stage("1. POST: FilingQueries.LoadAsync(forSave) (what the save checks, loaded before saving)", measured,
                () => queries.LoadAsync(filing.ItemId, filing.UnitId, SaveScenario.Period, actor, open: false, CancellationToken.None, forSave: true));
            var edit = new FilingEdit(Progress: SaveScenario.Text(0, k), Problems: "负载测试", Actuals: view!.Targets.ToDictionary(t => t.Id, _ => (decimal?)k));
            var saved = await Stage("2. POST: FilingEditing.SaveAsync (checks, update, event, revision)", measured,
                () => editing.SaveAsync(view.Filing!.Id, view.Version, edit, actor));
            if (!saved.Ok)
            {
                throw new InvalidOperationException("the save was refused: " + saved.Failure!.Message);
            }

            await using var db2 = new LuoshiDb(dbOptions.Options);
            var year2 = new YearQueries(db2, clock, cache);
            var queries2 = new FilingQueries(db2, new FilingEditing(db2, clock), year2);
            await Stage("3. GET: FilingQueries.LoadAsync (the form again, after the save)", measured,
                () => queries2.LoadAsync(filing.ItemId, filing.UnitId, SaveScenario.Period, actor, open: true, CancellationToken.None));
        }

        // The snapshot alone, after a revision bump (what the first view after every save pays).
        for (int k = 0; k < warmup + iterations; k++)
        {
            await using (var bump = new LuoshiDb(dbOptions.Options))
            {
                await Core.Features.Districts.DistrictRevision.BumpAsync(bump, filing.DistrictId);
            }

            await using (var db = new LuoshiDb(dbOptions.Options))
            {
                await Stage("4. YearQueries.SnapshotAsync after a revision bump (the whole district rebuilt)", k >= warmup, () => new YearQueries(db, clock, cache).SnapshotAsync(filing.DistrictId));
            }

            await using (var bump = new LuoshiDb(dbOptions.Options))
            {
                await Core.Features.Districts.DistrictRevision.BumpAsync(bump, filing.DistrictId);
            }

            await using (var db = new LuoshiDb(dbOptions.Options))
            {
                await Stage("5. YearQueries.ItemAsync after a revision bump (the filing's item only)", k >= warmup, () => new YearQueries(db, clock, cache).ItemAsync(filing.DistrictId, filing.ItemId));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"save profile: filing {filing.FilingId} ({filing.Code}), {iterations} iterations after {warmup} warm-up; load {Machine.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| stage | wall ms | CPU ms (this process) | SQL commands |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, s) in stages)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {s.Wall / s.N:0.00} | {s.Cpu / s.N:0.00} | {s.Commands / (double)s.N:0.#} |"));
        }
    }

    private sealed record One(int FilingId, int ItemId, int UnitId, int DistrictId, string Code);

    private static async Task<One> PrepareOneAsync(LoadOptions options)
    {
        var builder = new DbContextOptionsBuilder<LuoshiDb>();
        DatabaseSetup.Configure(builder, DatabaseProvider.Postgres, options.DatabaseConnection);
        await using var db = new LuoshiDb(builder.Options);
        var clerk = await db.Users.AsNoTracking().Where(u => u.UserName == "jiangan.clerk").Select(u => new { u.UnitId, u.DistrictId }).FirstAsync();
        var f = await db.Filings.AsNoTracking().Where(x => x.UnitId == clerk.UnitId && x.Period == SaveScenario.Period && !x.IsCoUnitPart).OrderByDescending(x => x.Id).FirstAsync();
        await db.Filings.Where(x => x.Id == f.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.State, FilingState.Draft));
        await db.FilingEvents.Where(e => e.FilingId == f.Id && e.Actor == "jiangan.clerk").ExecuteDeleteAsync();
        return new One(f.Id, f.ItemId, f.UnitId, f.DistrictId, "jiangan");
    }

    /// <summary>Counts the SQL commands a context sends.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
