using System.Buffers.Binary;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luoshi.Core.Features.Work;

/// <summary>What clamd said of a file.</summary>
public enum ScanVerdict
{
    /// <summary>No signature matched ("stream: OK").</summary>
    Clean,

    /// <summary>A signature matched ("stream: &lt;name&gt; FOUND").</summary>
    Infected,

    /// <summary>clamd could not be reached, did not answer in time, or answered with an error: the file is not accepted (fail closed).</summary>
    Unavailable,
}

/// <summary>The verdict, with the signature's name when infected or what went wrong when unavailable.</summary>
public sealed record ScanResult(ScanVerdict Verdict, string? Detail = null);

/// <summary>
/// Optional virus scanning of uploads (evidence files, notices) by ClamAV's daemon, clamd, over its INSTREAM command:
/// <c>zINSTREAM\0</c>, the file in chunks each preceded by its length (4 bytes, big-endian), a zero-length chunk, and the
/// answer up to a NUL: <c>stream: OK</c> or <c>stream: &lt;signature&gt; FOUND</c> (anything else is an error).
/// On by configuration: <c>Uploads:ClamAv:Socket</c> (clamd's LocalSocket, e.g. /run/clamav/clamd.ctl) or
/// <c>Uploads:ClamAv:Host</c> and <c>Uploads:ClamAv:Port</c> (TCPSocket, default 3310); off when neither is set.
/// When on, a clamd that cannot be reached or does not answer within <c>Uploads:ClamAv:TimeoutSeconds</c> (default 30)
/// fails closed: the upload is refused and nothing is stored. Signatures are clamd's own (freshclam from the
/// deployment's mirror); this class keeps none.
/// </summary>
public sealed class VirusScanner
{
    public const string SocketKey = "Uploads:ClamAv:Socket";
    public const string HostKey = "Uploads:ClamAv:Host";
    public const string PortKey = "Uploads:ClamAv:Port";
    public const string TimeoutKey = "Uploads:ClamAv:TimeoutSeconds";
    public const int DefaultPort = 3310;

    /// <summary>The refusal when scanning is on and clamd cannot give a verdict.</summary>
    public const string UnavailableMessage = "文件安全检查暂不可用，请稍后再试。";

    private const int ChunkBytes = 64 * 1024;
    private const int MaxAnswerBytes = 4096;

    private readonly ILogger _log;

    public VirusScanner(string? socketPath, string? host, int port, TimeSpan timeout, ILogger? log = null)
    {
        SocketPath = string.IsNullOrWhiteSpace(socketPath) ? null : socketPath.Trim();
        Host = SocketPath is null && !string.IsNullOrWhiteSpace(host) ? host.Trim() : null;
        Port = port;
        Timeout = timeout;
        _log = log ?? NullLogger.Instance;
    }

    /// <summary>Scanning off: every file passes without being sent anywhere.</summary>
    public static VirusScanner Off { get; } = new(null, null, DefaultPort, TimeSpan.FromSeconds(30));

    /// <summary>The unix socket clamd listens on (preferred when both are set), or null.</summary>
    public string? SocketPath { get; }

    /// <summary>The host clamd listens on over TCP, or null.</summary>
    public string? Host { get; }

    public int Port { get; }

    public TimeSpan Timeout { get; }

    public bool Enabled => SocketPath is not null || Host is not null;

    public static VirusScanner From(IConfiguration configuration, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        int port = int.TryParse(configuration[PortKey], NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p is > 0 and < 65536 ? p : DefaultPort;
        double seconds = double.TryParse(configuration[TimeoutKey], NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0 ? s : 30;
        return new VirusScanner(configuration[SocketKey], configuration[HostKey], port, TimeSpan.FromSeconds(seconds), log);
    }

    /// <summary>
    /// The upload's refusal, or null when it may be stored (clean, or scanning off). <paramref name="onInfected"/> is called
    /// with the signature's name before the refusal is returned (the caller records the audit entry).
    /// </summary>
    public async Task<Failure?> RefuseAsync(byte[] content, Func<string, Task> onInfected, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(onInfected);
        if (!Enabled)
        {
            return null;
        }

        var result = await ScanAsync(content, ct).ConfigureAwait(false);
        switch (result.Verdict)
        {
            case ScanVerdict.Clean:
                return null;
            case ScanVerdict.Infected:
                await onInfected(result.Detail!).ConfigureAwait(false);
                return new Failure(FailureKind.Invalid, $"文件未通过病毒检查（{result.Detail}），未保存。");
            default:
                return new Failure(FailureKind.Unavailable, UnavailableMessage);
        }
    }

    /// <summary>Sends the file to clamd and reads its verdict. Only the caller's cancellation is thrown; everything else is a verdict.</summary>
    public async Task<ScanResult> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        if (!Enabled)
        {
            return new ScanResult(ScanVerdict.Clean);
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(Timeout);
        try
        {
            using var socket = SocketPath is not null
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            if (SocketPath is not null)
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), timer.Token).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(Host!, Port, timer.Token).ConfigureAwait(false);
            }

            await using var stream = new NetworkStream(socket, ownsSocket: false);
            string answer = await ExchangeAsync(stream, content, timer.Token).ConfigureAwait(false);
            var result = Interpret(answer);
            if (result.Verdict == ScanVerdict.Unavailable)
            {
                _log.LogWarning("Virus scan: clamd at {Where} answered \"{Answer}\"; the upload is refused.", Where, result.Detail);
            }

            return result;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            _log.LogWarning("Virus scan: clamd at {Where} did not answer within {Seconds} s; the upload is refused.", Where, Timeout.TotalSeconds);
            return new ScanResult(ScanVerdict.Unavailable, "timeout");
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            _log.LogWarning("Virus scan: clamd at {Where} cannot be reached ({Error}); the upload is refused.", Where, ex.Message);
            return new ScanResult(ScanVerdict.Unavailable, ex.Message);
        }
    }

    private string Where => SocketPath ?? string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    private static async Task<string> ExchangeAsync(Stream stream, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), ct).ConfigureAwait(false);
        byte[] length = new byte[4];
        for (int at = 0; at < content.Length; at += ChunkBytes)
        {
            var chunk = content.Slice(at, Math.Min(ChunkBytes, content.Length - at));
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)chunk.Length);
            await stream.WriteAsync(length, ct).ConfigureAwait(false);
            await stream.WriteAsync(chunk, ct).ConfigureAwait(false);
        }

        BinaryPrimitives.WriteUInt32BigEndian(length, 0);
        await stream.WriteAsync(length, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);

        var answer = new MemoryStream();
        byte[] buffer = new byte[512];
        while (answer.Length < MaxAnswerBytes)
        {
            int read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            int nul = Array.IndexOf(buffer, (byte)0, 0, read);
            answer.Write(buffer, 0, nul >= 0 ? nul : read);
            if (nul >= 0)
            {
                break;
            }
        }

        return Encoding.UTF8.GetString(answer.GetBuffer(), 0, (int)answer.Length).Trim();
    }

    /// <summary>clamd's answer to INSTREAM as a verdict: "stream: OK", "stream: NAME FOUND", anything else (e.g. "INSTREAM size limit exceeded. ERROR") unavailable.</summary>
    public static ScanResult Interpret(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        const string Prefix = "stream: ";
        const string Found = " FOUND";
        if (answer == Prefix + "OK")
        {
            return new ScanResult(ScanVerdict.Clean);
        }

        if (answer.StartsWith(Prefix, StringComparison.Ordinal) && answer.EndsWith(Found, StringComparison.Ordinal) && answer.Length > Prefix.Length + Found.Length)
        {
            return new ScanResult(ScanVerdict.Infected, answer[Prefix.Length..^Found.Length].Trim());
        }

        return new ScanResult(ScanVerdict.Unavailable, answer.Length == 0 ? "no answer" : answer);
    }
}
