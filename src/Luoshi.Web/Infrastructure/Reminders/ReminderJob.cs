namespace Luoshi.Web.Infrastructure.Reminders;

/// <summary>What one run of the reminder job did: null <see cref="Districts"/> when another run held the lease.</summary>
public sealed record ReminderRun(DateOnly Day, IReadOnlyList<SweepResult>? Districts, DispatchResult? Dispatch)
{
    public bool Skipped => Districts is null;
}

/// <summary>
/// One run of the reminders: takes the database lease "reminder-sweep" (one run at a time over every web instance), sweeps
/// every district that has a plan for the day, sends what is stored, gives the lease back. Each run has a holder of its own,
/// so that two runs in one process exclude each other as two instances do. Tests call <see cref="RunOnceAsync"/> directly.
/// </summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReminderJob> log)
{
    public const string LeaseName = "reminder-sweep";
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(30);

    public async Task<ReminderRun> RunOnceAsync(DateOnly? day = null, CancellationToken ct = default)
    {
        var today = day ?? DistrictClock.Today(clock);
        string holder = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
        if (!await Leases.TryTakeAsync(db, LeaseName, holder, clock.GetUtcNow(), LeaseTime, ct))
        {
            return new ReminderRun(today, null, null);
        }

        try
        {
            var results = new List<SweepResult>();
            var districts = await db.Plans.AsNoTracking().Select(p => p.DistrictId).Distinct().OrderBy(d => d).ToListAsync(ct);
            foreach (int districtId in districts)
            {
                try
                {
                    using var districtScope = scopes.CreateScope();
                    var sweep = districtScope.ServiceProvider.GetRequiredService<ReminderSweep>();
                    if (await sweep.RunAsync(districtId, today, ct) is { } r)
                    {
                        results.Add(r);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogError(ex, "Reminder sweep of district {District} failed", districtId);
                }

                await Leases.TryTakeAsync(db, LeaseName, holder, clock.GetUtcNow(), LeaseTime, ct);
            }

            var dispatch = await scope.ServiceProvider.GetRequiredService<NotificationDispatcher>().SendPendingAsync(ct);
            return new ReminderRun(today, results, dispatch);
        }
        finally
        {
            await Leases.ReleaseAsync(db, LeaseName, holder, clock.GetUtcNow(), CancellationToken.None);
        }
    }

    /// <summary>Sends what is stored and not yet sent (after an order is issued), without sweeping.</summary>
    public async Task<DispatchResult> SendPendingAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationDispatcher>().SendPendingAsync(ct);
    }
}
