namespace Luoshi.Web.Infrastructure.Reminders;

/// <summary>Wakes the reminder service early to send what was just stored (an order's notifications).</summary>
public sealed class NotificationKick
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Poke()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already poked: one wake-up is enough.
        }
    }

    public Task WaitAsync(CancellationToken ct) => _signal.WaitAsync(ct);
}

/// <summary>
/// Runs <see cref="ReminderJob"/> every "Reminders:IntervalMinutes" (default 30) while "Reminders:Enabled" (default true),
/// and sends at once when poked. The waiting goes through the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class ReminderService(ReminderJob job, NotificationKick kick, IConfiguration configuration, TimeProvider clock, ILogger<ReminderService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Reminders:Enabled", true))
        {
            log.LogInformation("Reminders are switched off (Reminders:Enabled = false).");
            return;
        }

        var interval = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Reminders:IntervalMinutes", 30)));
        bool sweep = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (sweep)
                {
                    var run = await job.RunOnceAsync(null, stoppingToken);
                    if (!run.Skipped)
                    {
                        log.LogInformation("Reminders for {Day}: {Stored} stored, {Sent} sent, {Failed} failed, {NotConfigured} on a channel not configured", run.Day,
                            run.Districts!.Sum(d => d.Written), run.Dispatch?.Sent ?? 0, run.Dispatch?.Failed ?? 0, run.Dispatch?.NotConfigured ?? 0);
                    }
                }
                else
                {
                    await job.SendPendingAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Reminder run failed");
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(interval, clock, wake.Token);
            var poked = kick.WaitAsync(wake.Token);
            var first = await Task.WhenAny(delay, poked);
            sweep = first == delay;
            await wake.CancelAsync();
            try
            {
                await Task.WhenAll(delay, poked);
            }
            catch (OperationCanceledException)
            {
                // The other wait, cancelled; or the host is stopping (the loop ends).
            }
        }
    }
}
