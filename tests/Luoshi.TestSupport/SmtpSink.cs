using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Luoshi.TestSupport;

/// <summary>One message as the sink received it: the envelope and the raw DATA (dot-unstuffed, CRLF line ends).</summary>
public sealed class ReceivedMail(string helo, string mailFrom, IReadOnlyList<string> recipients, byte[] data)
{
    private readonly Lazy<MimeMessage> _message = new(() =>
    {
        using var stream = new MemoryStream(data, writable: false);
        return MimeMessage.Load(stream);
    });

    /// <summary>The name the client gave in EHLO/HELO.</summary>
    public string Helo { get; } = helo;

    /// <summary>The envelope sender (MAIL FROM), without the angle brackets.</summary>
    public string MailFrom { get; } = mailFrom;

    /// <summary>The envelope recipients (RCPT TO) that were accepted, without the angle brackets.</summary>
    public IReadOnlyList<string> Recipients { get; } = recipients;

    /// <summary>The message as transmitted, after dot-unstuffing.</summary>
    public IReadOnlyList<byte> Data { get; } = data;

    /// <summary>The message parsed by MimeKit (headers decoded, parts available).</summary>
    public MimeMessage Message => _message.Value;

    /// <summary>The decoded subject (RFC 2047 encoded words turned back into Chinese).</summary>
    public string Subject => Message.Subject ?? "";

    /// <summary>The decoded plain-text body.</summary>
    public string? TextBody => Message.TextBody;

    /// <summary>The raw message as text (for looking at headers and transfer encodings).</summary>
    public string RawText => Encoding.UTF8.GetString(data);
}

/// <summary>
/// A real, minimal SMTP server on 127.0.0.1 and a free port, for tests. Speaks EHLO/HELO, MAIL FROM, RCPT TO, DATA
/// (with dot-unstuffing), RSET, NOOP and QUIT; serves several sessions at once; keeps every message it accepted.
/// No TLS, no AUTH: a client that requires either gets an error, as from a real server without them.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const int MaxLine = 64 * 1024;
    private const int MaxMessage = 25 * 1024 * 1024;

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Recorder<ReceivedMail> _messages = new();
    private readonly ConcurrentDictionary<string, byte> _rejected = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Task, byte> _sessions = new();
    private readonly Task _acceptLoop;

    private SmtpSink()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Starts a sink on 127.0.0.1 and a port the system chose.</summary>
    public static SmtpSink Start() => new();

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The messages received so far, in the order they were completed.</summary>
    public IReadOnlyList<ReceivedMail> Messages => _messages.Snapshot();

    /// <summary>Answer RCPT TO for this address with 550 (mailbox unavailable).</summary>
    public void RejectRecipient(string address) => _rejected[address] = 0;

    /// <summary>Waits until at least <paramref name="count"/> messages arrived; <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _messages.WaitForAsync(count, timeout, "messages", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
            await Task.WhenAll(_sessions.Keys).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var session = Task.Run(() => SessionAsync(client, _stop.Token));
            _sessions[session] = 0;
            _ = session.ContinueWith(t => _sessions.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task SessionAsync(TcpClient client, CancellationToken stop)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var reader = new LineReader(stream);
            var helo = "";
            string? from = null;
            var recipients = new List<string>();

            async Task Reply(string line) =>
                await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), stop).ConfigureAwait(false);

            await Reply("220 127.0.0.1 Luoshi test SMTP sink ready").ConfigureAwait(false);
            while (true)
            {
                var raw = await reader.ReadLineAsync(stop).ConfigureAwait(false);
                if (raw is null)
                {
                    return;
                }

                var line = Encoding.UTF8.GetString(raw);
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
                var arg = space < 0 ? "" : line[(space + 1)..].Trim();
                switch (verb)
                {
                    case "EHLO":
                        helo = arg;
                        from = null;
                        recipients.Clear();
                        await Reply("250-127.0.0.1 greets " + arg).ConfigureAwait(false);
                        await Reply("250-8BITMIME").ConfigureAwait(false);
                        await Reply(string.Create(CultureInfo.InvariantCulture, $"250-SIZE {MaxMessage}")).ConfigureAwait(false);
                        await Reply("250 SMTPUTF8").ConfigureAwait(false);
                        break;
                    case "HELO":
                        helo = arg;
                        from = null;
                        recipients.Clear();
                        await Reply("250 127.0.0.1").ConfigureAwait(false);
                        break;
                    case "MAIL":
                        if (from is not null)
                        {
                            await Reply("503 5.5.1 Sender already given").ConfigureAwait(false);
                        }
                        else if (Address(arg, "FROM:") is { } sender)
                        {
                            from = sender;
                            await Reply("250 2.1.0 OK").ConfigureAwait(false);
                        }
                        else
                        {
                            await Reply("501 5.5.4 Syntax: MAIL FROM:<address>").ConfigureAwait(false);
                        }

                        break;
                    case "RCPT":
                        if (from is null)
                        {
                            await Reply("503 5.5.1 Need MAIL first").ConfigureAwait(false);
                        }
                        else if (Address(arg, "TO:") is not { } rcpt)
                        {
                            await Reply("501 5.5.4 Syntax: RCPT TO:<address>").ConfigureAwait(false);
                        }
                        else if (_rejected.ContainsKey(rcpt))
                        {
                            await Reply("550 5.1.1 Mailbox unavailable: " + rcpt).ConfigureAwait(false);
                        }
                        else
                        {
                            recipients.Add(rcpt);
                            await Reply("250 2.1.5 OK").ConfigureAwait(false);
                        }

                        break;
                    case "DATA":
                        if (from is null || recipients.Count == 0)
                        {
                            await Reply("503 5.5.1 Need MAIL and RCPT first").ConfigureAwait(false);
                            break;
                        }

                        await Reply("354 End data with <CR><LF>.<CR><LF>").ConfigureAwait(false);
                        var data = await ReadDataAsync(reader, stop).ConfigureAwait(false);
                        if (data is null)
                        {
                            return;
                        }

                        if (data.Length > MaxMessage)
                        {
                            await Reply("552 5.3.4 Message too big").ConfigureAwait(false);
                        }
                        else
                        {
                            _messages.Add(new ReceivedMail(helo, from, [.. recipients], data));
                            await Reply("250 2.0.0 Queued").ConfigureAwait(false);
                        }

                        from = null;
                        recipients.Clear();
                        break;
                    case "RSET":
                        from = null;
                        recipients.Clear();
                        await Reply("250 2.0.0 OK").ConfigureAwait(false);
                        break;
                    case "NOOP":
                        await Reply("250 2.0.0 OK").ConfigureAwait(false);
                        break;
                    case "QUIT":
                        await Reply("221 2.0.0 Bye").ConfigureAwait(false);
                        return;
                    default:
                        await Reply("502 5.5.2 Command not implemented").ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client went away or the sink is stopping.
        }
    }

    /// <summary>Reads DATA lines up to the lone "."; removes the leading dot of dot-stuffed lines. Null if the client hung up.</summary>
    private static async Task<byte[]?> ReadDataAsync(LineReader reader, CancellationToken stop)
    {
        using var data = new MemoryStream();
        while (true)
        {
            var line = await reader.ReadLineAsync(stop).ConfigureAwait(false);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 1 && line[0] == (byte)'.')
            {
                return data.ToArray();
            }

            var start = line.Length > 0 && line[0] == (byte)'.' ? 1 : 0;
            if (data.Length <= MaxMessage)
            {
                data.Write(line, start, line.Length - start);
                data.Write("\r\n"u8);
            }
        }
    }

    /// <summary>"FROM:&lt;a@b&gt; BODY=8BITMIME" → "a@b"; "FROM:&lt;&gt;" → "" (the null sender).</summary>
    private static string? Address(string arg, string prefix)
    {
        if (!arg.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = arg[prefix.Length..].TrimStart();
        if (rest.StartsWith('<'))
        {
            var close = rest.IndexOf('>', StringComparison.Ordinal);
            return close < 0 ? null : rest[1..close];
        }

        var end = rest.IndexOf(' ', StringComparison.Ordinal);
        var bare = end < 0 ? rest : rest[..end];
        return bare.Length == 0 ? null : bare;
    }

    /// <summary>Reads CRLF- (or LF-) terminated lines as bytes, so that 8-bit message data passes unchanged.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        public async Task<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
        {
            using var line = new MemoryStream();
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                    if (_end == 0)
                    {
                        return null;
                    }
                }

                var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (newline < 0)
                {
                    line.Write(_buffer, _start, _end - _start);
                    _start = _end;
                    if (line.Length > MaxLine)
                    {
                        throw new IOException("Line too long.");
                    }

                    continue;
                }

                line.Write(_buffer, _start, newline - _start);
                _start = newline + 1;
                var bytes = line.ToArray();
                return bytes.Length > 0 && bytes[^1] == (byte)'\r' ? bytes[..^1] : bytes;
            }
        }
    }
}
