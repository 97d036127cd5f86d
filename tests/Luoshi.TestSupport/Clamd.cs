using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Luoshi.TestSupport;

/// <summary>
/// A real ClamAV daemon (Debian's clamav-daemon, installed by scripts/setup-test-deps.sh) for tests: started with a
/// configuration of its own in a temporary directory (a unix socket there and a TCP port on 127.0.0.1, Foreground yes, no freshclam, not the
/// packaged service), over a signature database of its own: one MD5 hash signature (.hdb) of the EICAR test file, since
/// the public signature download cannot be reached here. Ready once it answers PING with PONG.
/// </summary>
public sealed class Clamd : IAsyncDisposable
{
    /// <summary>The name of the EICAR signature in the test database (clamd reports it with ".UNOFFICIAL" appended).</summary>
    public const string EicarSignature = "Luoshi.Test.EICAR";

    private static readonly string[] Binaries = ["/usr/sbin/clamd", "/usr/local/sbin/clamd", "/usr/bin/clamd"];

    private readonly Process _process;
    private readonly StringBuilder _output;

    private Clamd(string directory, string socketPath, int tcpPort, Process process, StringBuilder output)
    {
        Directory = directory;
        SocketPath = socketPath;
        TcpPort = tcpPort;
        _process = process;
        _output = output;
    }

    /// <summary>
    /// The EICAR anti-virus test file (68 bytes), which every scanner is meant to report. Kept in two halves in the
    /// source, so that a scanner on a developer's machine does not report this file or the built assembly.
    /// </summary>
    public static byte[] Eicar => Encoding.ASCII.GetBytes(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");

    /// <summary>The temporary directory holding the configuration, the database, the socket and the log.</summary>
    public string Directory { get; }

    /// <summary>The unix socket clamd listens on (for Uploads:ClamAv:Socket).</summary>
    public string SocketPath { get; }

    /// <summary>The port clamd also listens on at 127.0.0.1 (for Uploads:ClamAv:Host and Port).</summary>
    public int TcpPort { get; }

    /// <summary>clamd's log so far (its output and log file), for failure messages.</summary>
    public string Log
    {
        get
        {
            string file = Path.Combine(Directory, "clamd.log");
            lock (_output)
            {
                return _output + (File.Exists(file) ? ReadShared(file) : string.Empty);
            }
        }
    }

    /// <summary>Starts clamd and waits (up to <paramref name="startTimeout"/>, default 120 s) until it answers PING; fails clearly if clamd is not installed or does not come up.</summary>
    public static async Task<Clamd> StartAsync(TimeSpan? startTimeout = null, CancellationToken ct = default)
    {
        string binary = Binaries.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("clamd is not installed (looked for " + string.Join(", ", Binaries)
                + "). Install Debian's clamav-daemon: run scripts/setup-test-deps.sh as root.");

        // Unix socket paths are limited to 108 bytes: a short directory name under the temp directory.
        string directory = Path.Combine(Path.GetTempPath(), "luoshi-clamd-" + Guid.NewGuid().ToString("N")[..12]);
        string database = Path.Combine(directory, "db");
        System.IO.Directory.CreateDirectory(database);
        byte[] eicar = Eicar;
#pragma warning disable CA5351 // MD5 is what a ClamAV hash signature (.hdb) is made of; it names a test file, it protects nothing.
        string md5 = Convert.ToHexStringLower(MD5.HashData(eicar));
#pragma warning restore CA5351
        await File.WriteAllTextAsync(Path.Combine(database, "luoshi-test.hdb"),
            string.Create(CultureInfo.InvariantCulture, $"{md5}:{eicar.Length}:{EicarSignature}\n"), ct);

        string socketPath = Path.Combine(directory, "clamd.sock");
        string config = Path.Combine(directory, "clamd.conf");
        int tcpPort = FreePort();
        await File.WriteAllTextAsync(config, string.Join('\n',
            "LocalSocket " + socketPath,
            "TCPSocket " + tcpPort.ToString(CultureInfo.InvariantCulture),
            "TCPAddr 127.0.0.1",
            "DatabaseDirectory " + database,
            "TemporaryDirectory " + directory,
            "LogFile " + Path.Combine(directory, "clamd.log"),
            "PidFile " + Path.Combine(directory, "clamd.pid"),
            "Foreground yes",
            "LogTime yes",
            "StreamMaxLength 25M",
            "SelfCheck 0",
            string.Empty), ct);

        var output = new StringBuilder();
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(binary, ["--config-file=" + config])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clamd = new Clamd(directory, socketPath, tcpPort, process, output);

        var deadline = Stopwatch.StartNew();
        var limit = startTimeout ?? TimeSpan.FromSeconds(120);
        while (true)
        {
            if (process.HasExited)
            {
                string log = clamd.Log;
                await clamd.DisposeAsync();
                throw new InvalidOperationException($"clamd exited with code {process.ExitCode} before answering PING:\n{log}");
            }

            if (File.Exists(socketPath) && await clamd.PingAsync(ct))
            {
                return clamd;
            }

            if (deadline.Elapsed > limit)
            {
                string log = clamd.Log;
                await clamd.DisposeAsync();
                throw new InvalidOperationException($"clamd did not answer PING within {limit.TotalSeconds} s:\n{log}");
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>True when clamd answers zPING with PONG.</summary>
    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        try
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timer.CancelAfter(TimeSpan.FromSeconds(5));
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), timer.Token);
            await socket.SendAsync("zPING\0"u8.ToArray(), SocketFlags.None, timer.Token);
            byte[] buffer = new byte[16];
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, timer.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd('\0', '\n') == "PONG";
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
