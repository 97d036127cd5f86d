namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Seals new audit entries into the SM3 chain (<see cref="AuditChain"/>) every "Luoshi:Audit:SealSeconds" (default 5) of
/// real time. Several instances may run it at once: only one moves the chain's head each time.
/// </summary>
public sealed class AuditSealer(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<AuditSealer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Luoshi:Audit:SealSeconds", 5)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await AuditChain.SealAsync(scope.ServiceProvider.GetRequiredService<LuoshiDb>(), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Another instance sealing at the same moment, or the database away: the next round seals what is left.
                log.LogInformation(ex, "Audit sealing round did not complete");
            }
        }
    }
}
