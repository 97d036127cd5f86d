using System.Net.Sockets;
using System.Text;
using Luoshi.Core.Common;
using Luoshi.Core.Features.Work;
using Luoshi.TestSupport;
using Microsoft.Extensions.Configuration;

namespace Luoshi.Core.Tests.Work;

/// <summary>One real clamd (Debian's clamav-daemon, over a database with only the EICAR hash signature) for the scanner tests.</summary>
public sealed class ClamdFixture : IAsyncLifetime
{
    public Clamd Clamd { get; private set; } = null!;

    public async Task InitializeAsync() => Clamd = await Clamd.StartAsync();

    public async Task DisposeAsync() => await Clamd.DisposeAsync();
}

/// <summary>VirusScanner speaking INSTREAM to a real clamd over its unix socket and over TCP, and failing closed without it.</summary>
public sealed class VirusScannerTests(ClamdFixture fixture) : IClassFixture<ClamdFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private VirusScanner OverSocket => new(fixture.Clamd.SocketPath, null, VirusScanner.DefaultPort, Timeout);

    private VirusScanner OverTcp => new(null, "127.0.0.1", fixture.Clamd.TcpPort, Timeout);

    /// <summary>A small real PDF (one page, one line of text), written out with its cross-reference table.</summary>
    private static byte[] CleanPdf()
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Length 44 >>\nstream\nBT /F1 24 Tf 72 720 Td (Luoshi clean) Tj ET\nendstream",
        ];
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (int i = 0; i < objects.Length; i++)
        {
            offsets.Add(sb.Length);
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        int xref = sb.Length;
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (int o in offsets)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        }

        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    [Fact]
    public async Task Eicar_IsFound_OverTheSocketAndOverTcp_AndRefusedWithItsName()
    {
        foreach (var scanner in new[] { OverSocket, OverTcp })
        {
            var result = await scanner.ScanAsync(Clamd.Eicar);
            result.Verdict.ShouldBe(ScanVerdict.Infected, result.Detail);
            result.Detail.ShouldBe(Clamd.EicarSignature + ".UNOFFICIAL"); // clamd marks signatures outside its official databases
        }

        string? named = null;
        var refused = await OverSocket.RefuseAsync(Clamd.Eicar, s => { named = s; return Task.CompletedTask; });
        refused.ShouldNotBeNull();
        refused.Kind.ShouldBe(FailureKind.Invalid);
        refused.Message.ShouldBe($"文件未通过病毒检查（{Clamd.EicarSignature}.UNOFFICIAL），未保存。");
        named.ShouldBe(Clamd.EicarSignature + ".UNOFFICIAL");
    }

    [Fact]
    public async Task CleanPdf_AndAFileOfManyChunks_AreOk()
    {
        byte[] pdf = CleanPdf();
        (await OverSocket.ScanAsync(pdf)).ShouldBe(new ScanResult(ScanVerdict.Clean));
        (await OverTcp.ScanAsync(pdf)).ShouldBe(new ScanResult(ScanVerdict.Clean));

        // 3 MB: 48 chunks of 64 KB and a short one; a framing mistake would make clamd answer an error (unavailable), not OK.
        byte[] big = [.. pdf, .. Enumerable.Range(0, (3 * 1024 * 1024) + 123).Select(i => (byte)(i % 251))];
        (await OverSocket.ScanAsync(big)).ShouldBe(new ScanResult(ScanVerdict.Clean));

        // The EICAR file's bytes inside a larger file are not that file: the hash signature matches the whole file only.
        bool called = false;
        (await OverSocket.RefuseAsync(pdf, _ => { called = true; return Task.CompletedTask; })).ShouldBeNull();
        called.ShouldBeFalse();
    }

    [Fact]
    public async Task UnreachableSocketOrPort_FailsClosed_WithTheChineseMessage()
    {
        string missing = Path.Combine(fixture.Clamd.Directory, "no-such.sock");
        var closedPort = new TcpListener(System.Net.IPAddress.Loopback, 0);
        closedPort.Start();
        int port = ((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();

        foreach (var scanner in new[] { new VirusScanner(missing, null, VirusScanner.DefaultPort, Timeout), new VirusScanner(null, "127.0.0.1", port, Timeout) })
        {
            scanner.Enabled.ShouldBeTrue();
            (await scanner.ScanAsync(Clamd.Eicar)).Verdict.ShouldBe(ScanVerdict.Unavailable);
            bool called = false;
            var refused = await scanner.RefuseAsync(CleanPdf(), _ => { called = true; return Task.CompletedTask; });
            refused.ShouldBe(new Failure(FailureKind.Unavailable, "文件安全检查暂不可用，请稍后再试。"));
            called.ShouldBeFalse();
        }
    }

    [Fact]
    public async Task ASocketThatNeverAnswers_FailsClosed_AfterTheTimeout()
    {
        // A listener that accepts and reads but never answers, as a hung clamd would.
        string path = Path.Combine(fixture.Clamd.Directory, "silent.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        using var stop = new CancellationTokenSource();
        var accept = Task.Run(async () =>
        {
            using var client = await listener.AcceptAsync(stop.Token);
            byte[] buffer = new byte[4096];
            while (await client.ReceiveAsync(buffer, SocketFlags.None, stop.Token) > 0)
            {
            }
        });

        var scanner = new VirusScanner(path, null, VirusScanner.DefaultPort, TimeSpan.FromSeconds(1));
        var result = await scanner.ScanAsync(CleanPdf());
        result.ShouldBe(new ScanResult(ScanVerdict.Unavailable, "timeout"));
        (await scanner.RefuseAsync(CleanPdf(), _ => Task.CompletedTask))!.Message.ShouldBe(VirusScanner.UnavailableMessage);
        await stop.CancelAsync();
        try
        {
            await accept;
        }
        catch (OperationCanceledException)
        {
            // The listener stopped waiting.
        }
    }

    [Fact]
    public async Task Configuration_OffWhenNeitherIsSet_SocketPreferred_TcpWithDefaultPort()
    {
        static VirusScanner From(params (string Key, string Value)[] settings) =>
            VirusScanner.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

        var off = From();
        off.Enabled.ShouldBeFalse();
        (await off.ScanAsync(Clamd.Eicar)).Verdict.ShouldBe(ScanVerdict.Clean); // off: nothing is sent anywhere
        (await off.RefuseAsync(Clamd.Eicar, _ => throw new InvalidOperationException("not scanned"))).ShouldBeNull();
        From((VirusScanner.SocketKey, "  ")).Enabled.ShouldBeFalse();

        var both = From((VirusScanner.SocketKey, "/run/clamav/clamd.ctl"), (VirusScanner.HostKey, "clamav.internal"));
        (both.SocketPath, both.Host).ShouldBe(("/run/clamav/clamd.ctl", null));

        var tcp = From((VirusScanner.HostKey, "clamav.internal"), (VirusScanner.TimeoutKey, "5"));
        (tcp.Enabled, tcp.Host, tcp.Port, tcp.Timeout).ShouldBe((true, "clamav.internal", 3310, TimeSpan.FromSeconds(5)));
        From((VirusScanner.HostKey, "h"), (VirusScanner.PortKey, "13310")).Port.ShouldBe(13310);
    }

    [Theory]
    [InlineData("stream: OK", ScanVerdict.Clean, null)]
    [InlineData("stream: Win.Test.EICAR_HDB-1 FOUND", ScanVerdict.Infected, "Win.Test.EICAR_HDB-1")]
    [InlineData("INSTREAM size limit exceeded. ERROR", ScanVerdict.Unavailable, "INSTREAM size limit exceeded. ERROR")]
    [InlineData("stream:  FOUND", ScanVerdict.Unavailable, "stream:  FOUND")]
    [InlineData("", ScanVerdict.Unavailable, "no answer")]
    public void Interpret_ReadsClamdsAnswers(string answer, ScanVerdict verdict, string? detail) =>
        VirusScanner.Interpret(answer).ShouldBe(new ScanResult(verdict, detail));
}
