using System.Net.Sockets;
using System.Text;
using Luoshi.TestSupport;

namespace Luoshi.Core.Tests.Notifications;

/// <summary>The test SMTP server itself, spoken to line by line over TCP.</summary>
public class SmtpSinkTests
{
    [Fact]
    public async Task Session_FullDialogue_RepliesAndStoresUnstuffedData()
    {
        await using var sink = SmtpSink.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(sink.Host, sink.Port);
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);

        async Task<string> Say(string line)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"));
            return await LastReplyLine(reader);
        }

        (await reader.ReadLineAsync())!.ShouldStartWith("220 ");
        (await Say("EHLO tester")).ShouldStartWith("250 ");
        (await Say("RCPT TO:<a@example.gov.cn>")).ShouldStartWith("503 "); // no MAIL yet
        (await Say("DATA")).ShouldStartWith("503 ");
        (await Say("MAIL FROM:<from@example.gov.cn> BODY=8BITMIME")).ShouldStartWith("250 ");
        (await Say("RCPT TO:<dropped@example.gov.cn>")).ShouldStartWith("250 ");
        (await Say("RSET")).ShouldStartWith("250 "); // forgets the envelope
        (await Say("NOOP")).ShouldStartWith("250 ");
        (await Say("VRFY someone")).ShouldStartWith("502 ");
        (await Say("MAIL FROM:<from@example.gov.cn>")).ShouldStartWith("250 ");
        (await Say("RCPT TO:<a@example.gov.cn>")).ShouldStartWith("250 ");
        (await Say("RCPT TO:<b@example.gov.cn>")).ShouldStartWith("250 ");
        (await Say("DATA")).ShouldStartWith("354 ");
        (await Say("Subject: test\r\n\r\n第一行\r\n..以句点开头\r\n...\r\n.")).ShouldStartWith("250 ");
        (await Say("QUIT")).ShouldStartWith("221 ");

        var mail = (await sink.WaitForAsync(1, TimeSpan.FromSeconds(30))).Single();
        mail.Helo.ShouldBe("tester");
        mail.MailFrom.ShouldBe("from@example.gov.cn");
        mail.Recipients.ShouldBe(["a@example.gov.cn", "b@example.gov.cn"]);
        mail.RawText.ShouldBe("Subject: test\r\n\r\n第一行\r\n.以句点开头\r\n..\r\n");
        mail.Subject.ShouldBe("test");
    }

    [Fact]
    public async Task WaitForAsync_TooFewMessages_ThrowsTimeout()
    {
        await using var sink = SmtpSink.Start();
        await Should.ThrowAsync<TimeoutException>(() => sink.WaitForAsync(1, TimeSpan.FromMilliseconds(50)));
    }

    private static async Task<string> LastReplyLine(StreamReader reader)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync() ?? throw new IOException("Connection closed.");
            if (line.Length < 4 || line[3] != '-')
            {
                return line;
            }
        }
    }
}
