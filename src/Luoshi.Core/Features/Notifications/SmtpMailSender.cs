using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Luoshi.Core.Features.Notifications;

/// <summary>Where and how to send mail.</summary>
/// <param name="Host">The SMTP server, e.g. the agency's mail relay.</param>
/// <param name="Port">25 or 587 (STARTTLS), or 465 (TLS from the first byte, chosen by the port number).</param>
/// <param name="From">The sender address.</param>
/// <param name="FromName">The sender's display name, e.g. "区政府督查室".</param>
/// <param name="StartTls">Require STARTTLS after connecting; without it, port 465 uses implicit TLS and other ports send in clear.</param>
/// <param name="User">Login name, if the server wants one.</param>
/// <param name="Password">Password for <paramref name="User"/>.</param>
public sealed record SmtpOptions(string Host, int Port, string From, string? FromName, bool StartTls, string? User, string? Password)
{
    /// <summary>Keeps the password out of logs that print the options.</summary>
    public override string ToString() =>
        $"SmtpOptions {{ Host = {Host}, Port = {Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}, From = {From}, StartTls = {StartTls}, User = {User} }}";
}

/// <summary>
/// Sends one plain-text UTF-8 message per call over SMTP (MailKit). Every failure of the network or the server becomes a
/// <see cref="Failure"/> with a Chinese message; only cancellation by the caller is thrown.
/// </summary>
public sealed class SmtpMailSender(SmtpOptions options, TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(30);

    public async Task<Outcome<bool>> SendAsync(string toAddress, string toName, string subject, string body, CancellationToken cancellationToken)
    {
        if (!MailboxAddress.TryParse(toAddress, out var parsed) || string.IsNullOrWhiteSpace(parsed.Address) || !parsed.Address.Contains('@', StringComparison.Ordinal))
        {
            return new Failure(FailureKind.Invalid, $"收件人邮箱地址无效：“{toAddress}”。");
        }

        if (!MailboxAddress.TryParse(options.From, out var from))
        {
            return new Failure(FailureKind.Invalid, $"发件人邮箱地址无效：“{options.From}”，请检查邮件设置。");
        }

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName ?? from.Name ?? "", from.Address));
        message.To.Add(new MailboxAddress(toName, parsed.Address));
        message.Subject = subject;
        var text = new TextPart(MimeKit.Text.TextFormat.Plain);
        text.SetText(Encoding.UTF8, body);
        message.Body = text;

        using var client = new SmtpClient { Timeout = (int)_timeout.TotalMilliseconds };
        var server = $"{options.Host}:{options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        try
        {
            var security = options.StartTls ? SecureSocketOptions.StartTls
                : options.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.None;
            await client.ConnectAsync(options.Host, options.Port, security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(options.User))
            {
                await client.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return new Failure(FailureKind.Unavailable, Describe(ex, server, parsed.Address));
        }
    }

    /// <summary>A Chinese message for the office that says what went wrong, with the server's own words where it gave some.</summary>
    private static string Describe(Exception ex, string server, string to) => ex switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } c =>
            $"邮件服务器拒收收件人 {to}（{(int)c.StatusCode}：{c.Message}）。",
        SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted } c =>
            $"邮件服务器拒绝了发件人地址（{(int)c.StatusCode}：{c.Message}），请检查邮件设置。",
        SmtpCommandException { ErrorCode: SmtpErrorCode.MessageNotAccepted } c =>
            $"邮件服务器拒收了这封邮件（{(int)c.StatusCode}：{c.Message}）。",
        SmtpCommandException c =>
            $"邮件服务器返回错误（{(int)c.StatusCode}：{c.Message}）。",
        AuthenticationException =>
            $"邮件服务器 {server} 登录失败，请检查用户名和密码。",
        SslHandshakeException =>
            $"与邮件服务器 {server} 建立加密连接失败，请检查端口和加密设置。",
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
            $"无法连接邮件服务器 {server}：连接被拒绝。",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } =>
            $"找不到邮件服务器 {server}，请检查服务器地址。",
        SocketException s =>
            $"无法连接邮件服务器 {server}（{s.SocketErrorCode}）。",
        OperationCanceledException or TimeoutException =>
            $"连接邮件服务器 {server} 超时。",
        NotSupportedException =>
            $"邮件服务器 {server} 不支持所需的功能（{ex.Message}），请检查邮件设置。",
        SmtpProtocolException or ServiceNotConnectedException or IOException =>
            $"与邮件服务器 {server} 的通信中断（{ex.Message}）。",
        _ => $"发送邮件失败（{ex.GetType().Name}：{ex.Message}）。",
    };
}
