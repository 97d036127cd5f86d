namespace Luoshi.Core.Features.Supervision;

/// <summary>The mail server, from the configuration section "Mail" (Host, Port, From, FromName, StartTls, User, Password); no Host: no mail.</summary>
public sealed record MailSetup(SmtpOptions? Smtp)
{
    public const string NotConfigured = "未配置邮件服务器";

    public static MailSetup From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var mail = configuration.GetSection("Mail");
        string? host = mail["Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            return new MailSetup((SmtpOptions?)null);
        }

        return new MailSetup(new SmtpOptions(
            host.Trim(),
            mail.GetValue("Port", 25),
            mail["From"] ?? "noreply@localhost",
            mail["FromName"],
            mail.GetValue("StartTls", false),
            string.IsNullOrWhiteSpace(mail["User"]) ? null : mail["User"],
            mail["Password"]));
    }
}

/// <summary>
/// What one sending run did. <see cref="NotConfigured"/> counts the tries on a channel the deployment has not set up (no
/// mail server, no webhook address): not failures of the channel, and not counted in <see cref="Failed"/>.
/// </summary>
public sealed record DispatchResult(bool LeaseHeld, int Sent, int Failed, int NotConfigured = 0);

/// <summary>
/// Delivers the stored e-mail and webhook notifications that are not sent yet: at most <see cref="MaxAttempts"/> tries each,
/// recording <see cref="Notification.SentAt"/>, or the <see cref="Notification.Error"/> and <see cref="Notification.Attempts"/>.
/// One sender at a time across web instances (a lease); each try is also claimed on the row (Attempts compared and raised in
/// one UPDATE) so that no message goes out twice even if two senders meet.
/// </summary>
public sealed class NotificationDispatcher(LuoshiDb db, TimeProvider clock, MailSetup mail, IHttpClientFactory http)
{
    public const int MaxAttempts = 3;
    public const string LeaseName = "notification-sender";
    public const string HttpClientName = "webhooks";
    public const string WebhookNotConfigured = "未设置消息推送地址。";

    public async Task<DispatchResult> SendPendingAsync(CancellationToken ct = default)
    {
        string holder = Invariant($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");
        if (!await Leases.TryTakeAsync(db, LeaseName, holder, clock.GetUtcNow(), TimeSpan.FromMinutes(30), ct))
        {
            return new DispatchResult(false, 0, 0);
        }

        try
        {
            var pending = await db.Notifications.AsNoTracking()
                .Where(n => n.SentAt == null && n.Attempts < MaxAttempts && (n.Channel == Channel.Email || n.Channel == Channel.Webhook))
                .OrderBy(n => n.Id)
                .Select(n => new { n.Id, n.Attempts })
                .ToListAsync(ct);
            int sent = 0, failed = 0, notConfigured = 0;
            foreach (var p in pending)
            {
                int claimed = await db.Notifications
                    .Where(n => n.Id == p.Id && n.Attempts == p.Attempts && n.SentAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.Attempts, p.Attempts + 1), ct);
                if (claimed == 0)
                {
                    continue;
                }

                var row = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == p.Id, ct);
                var outcome = await DeliverAsync(row, ct);
                var now = clock.GetUtcNow();
                if (outcome.Ok)
                {
                    sent++;
                    await db.Notifications.Where(n => n.Id == p.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(n => n.SentAt, now).SetProperty(n => n.Error, (string?)null), ct);
                }
                else
                {
                    if (outcome.Failure!.Message is MailSetup.NotConfigured or WebhookNotConfigured)
                    {
                        notConfigured++;
                    }
                    else
                    {
                        failed++;
                    }

                    string error = ReminderSweep.Clip(outcome.Failure!.Message, 1000);
                    await db.Notifications.Where(n => n.Id == p.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(n => n.Error, error), ct);
                }

                await Leases.TryTakeAsync(db, LeaseName, holder, clock.GetUtcNow(), TimeSpan.FromMinutes(30), ct);
            }

            return new DispatchResult(true, sent, failed, notConfigured);
        }
        finally
        {
            await Leases.ReleaseAsync(db, LeaseName, holder, clock.GetUtcNow(), CancellationToken.None);
        }
    }

    private async Task<Outcome<bool>> DeliverAsync(Notification n, CancellationToken ct)
    {
        switch (n.Channel)
        {
            case Channel.Email:
            {
                if (mail.Smtp is null)
                {
                    return new Failure(FailureKind.Unavailable, MailSetup.NotConfigured);
                }

                var to = await db.Users.AsNoTracking().Where(u => u.Id == n.UserId).Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(ct);
                if (to is null || string.IsNullOrWhiteSpace(to.Email))
                {
                    return new Failure(FailureKind.Invalid, "收件人没有邮箱地址。");
                }

                return await new SmtpMailSender(mail.Smtp).SendAsync(to.Email.Trim(), to.DisplayName, n.Subject, n.Body, ct);
            }

            case Channel.Webhook:
            {
                var settings = await db.DistrictSettings.AsNoTracking().Where(s => s.DistrictId == n.DistrictId)
                    .Select(s => new { s.WebhookUrl, s.WebhookFormat }).FirstOrDefaultAsync(ct);
                if (settings?.WebhookUrl is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
                {
                    return new Failure(FailureKind.Invalid, WebhookNotConfigured);
                }

                var format = Enum.TryParse<WebhookFormat>(settings.WebhookFormat, out var f) ? f : WebhookFormat.WeCom;
                return await new WebhookSender(http.CreateClient(HttpClientName)).SendAsync(uri, format, n.Subject, n.Body, ct);
            }

            case Channel.InApp:
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(n));
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
