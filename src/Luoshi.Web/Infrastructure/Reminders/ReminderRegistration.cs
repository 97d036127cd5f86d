namespace Luoshi.Web.Infrastructure.Reminders;

/// <summary>The reminder sweep, the sender, the mail settings and the hosted service that runs them.</summary>
public static class ReminderRegistration
{
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddScoped<ReminderSweep>();
        services.AddScoped<NotificationDispatcher>();
        // Read when first needed, so that a host's later configuration (a test's) is the one used.
        services.AddSingleton(sp => MailSetup.From(sp.GetRequiredService<IConfiguration>()));
        // Webhooks only to public addresses, or to those on Notifications:Webhook:AllowedHosts (checked after name resolution).
        services.AddGuardedHttpClient(NotificationDispatcher.HttpClientName);
        services.AddSingleton<ReminderJob>();
        services.AddSingleton<NotificationKick>();
        services.AddHostedService<ReminderService>();
        return services;
    }
}
