using System.Net;
using System.Net.Sockets;
using Luoshi.Core.Common;
using Luoshi.Core.Features.Notifications;
using Luoshi.TestSupport;

namespace Luoshi.Core.Tests.Notifications;

/// <summary>SmtpMailSender against a real SMTP server on 127.0.0.1 (the SmtpSink), over TCP.</summary>
public class SmtpMailSenderTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static SmtpMailSender Sender(SmtpSink sink, string? user = null) =>
        new(new SmtpOptions(sink.Host, sink.Port, "duchashi@district.example.gov.cn", "区政府督查室", StartTls: false, user, user is null ? null : "secret"));

    [Fact]
    public async Task SendAsync_ChineseSubjectAndBody_ArriveDecodedWithEnvelope()
    {
        await using var sink = SmtpSink.Start();
        const string subject = "【逾期催办】区发改局“第12项 第二季度进展情况”已逾期3天";
        const string body = "张三：\n\n以下事项已逾期，目前尚未报送，请尽快办理：\n\n【区发改局】\n1. 第12项 第二季度进展情况（截止日期：2026年7月10日，已逾期3天）\n.以句点开头的一行\n..两个句点\n";

        var outcome = await Sender(sink).SendAsync("zhangsan@fgj.example.gov.cn", "张三", subject, body, CancellationToken.None);

        outcome.Ok.ShouldBeTrue(outcome.Failure?.Message);
        outcome.Value.ShouldBeTrue();
        var mail = (await sink.WaitForAsync(1, Wait)).ShouldHaveSingleItem();
        mail.MailFrom.ShouldBe("duchashi@district.example.gov.cn");
        mail.Recipients.ShouldBe(["zhangsan@fgj.example.gov.cn"]);
        mail.Subject.ShouldBe(subject);
        mail.TextBody!.ReplaceLineEndings("\n").ShouldBe(body);
        mail.Message.From.Mailboxes.Single().Name.ShouldBe("区政府督查室");
        mail.Message.To.Mailboxes.Single().Name.ShouldBe("张三");
        mail.Message.Body!.ContentType.MimeType.ShouldBe("text/plain");
        mail.Message.Body!.ContentType.Charset.ShouldBe("utf-8");
        mail.RawText.ShouldNotContain("【逾期催办】"); // the subject travels as RFC 2047 encoded words
    }

    [Fact]
    public async Task SendAsync_ReminderFromTheRules_ArrivesAsPlanned()
    {
        await using var sink = SmtpSink.Start();
        var person = new Person("c1", "张三", "zhangsan@fgj.example.gov.cn");
        var plan = ReminderRules.Plan(
            new DateOnly(2026, 7, 13),
            [new Obligation(1, "区发改局", "第二季度进展情况", "第12项", new DateOnly(2026, 7, 10), false)],
            [new UnitContacts(1, [person], [], [])],
            ReminderSettings.Default,
            []);
        var reminder = plan.Reminders.ShouldHaveSingleItem();

        var outcome = await Sender(sink).SendAsync(person.Email!, person.Name, reminder.Subject, reminder.Body, CancellationToken.None);

        outcome.Ok.ShouldBeTrue(outcome.Failure?.Message);
        var mail = (await sink.WaitForAsync(1, Wait)).Single();
        mail.Subject.ShouldBe(reminder.Subject);
        mail.TextBody!.ReplaceLineEndings("\n").ShouldBe(reminder.Body);
        mail.TextBody.ShouldContain("截止日期：2026年7月10日，已逾期3天");
    }

    [Fact]
    public async Task SendAsync_SeveralAtOnce_AllArrive()
    {
        await using var sink = SmtpSink.Start();
        var sender = Sender(sink);
        var sends = Enumerable.Range(1, 5).Select(i => sender.SendAsync(
            $"user{i}@example.gov.cn", $"用户{i}", $"提醒 {i}", $"正文 {i}", CancellationToken.None));

        var outcomes = await Task.WhenAll(sends);

        outcomes.ShouldAllBe(o => o.Ok);
        var mails = await sink.WaitForAsync(5, Wait);
        mails.Select(m => m.Subject).Order(StringComparer.Ordinal).ShouldBe(["提醒 1", "提醒 2", "提醒 3", "提醒 4", "提醒 5"]);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_IsAFailureNotAnException()
    {
        var port = ClosedPort();
        var sender = new SmtpMailSender(new SmtpOptions("127.0.0.1", port, "duchashi@example.gov.cn", null, false, null, null));

        var outcome = await sender.SendAsync("zhangsan@example.gov.cn", "张三", "主题", "正文", CancellationToken.None);

        outcome.Ok.ShouldBeFalse();
        outcome.Failure!.Kind.ShouldBe(FailureKind.Unavailable);
        outcome.Failure.Message.ShouldBe($"无法连接邮件服务器 127.0.0.1:{port}：连接被拒绝。");
    }

    [Fact]
    public async Task SendAsync_RecipientRejected_IsAFailureNamingTheRecipient()
    {
        await using var sink = SmtpSink.Start();
        sink.RejectRecipient("nobody@example.gov.cn");

        var outcome = await Sender(sink).SendAsync("nobody@example.gov.cn", "无此人", "主题", "正文", CancellationToken.None);

        outcome.Ok.ShouldBeFalse();
        outcome.Failure!.Kind.ShouldBe(FailureKind.Unavailable);
        outcome.Failure.Message.ShouldStartWith("邮件服务器拒收收件人 nobody@example.gov.cn（550");
        sink.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendAsync_LoginWantedButServerHasNoAuth_IsAFailure()
    {
        await using var sink = SmtpSink.Start();

        var outcome = await Sender(sink, user: "duchashi").SendAsync("zhangsan@example.gov.cn", "张三", "主题", "正文", CancellationToken.None);

        outcome.Ok.ShouldBeFalse();
        outcome.Failure!.Kind.ShouldBe(FailureKind.Unavailable);
        outcome.Failure.Message.ShouldContain("127.0.0.1:" + sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        sink.Messages.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("不是邮箱")]
    [InlineData("zhangsan")]
    public async Task SendAsync_InvalidAddress_IsInvalidWithoutConnecting(string address)
    {
        await using var sink = SmtpSink.Start();

        var outcome = await Sender(sink).SendAsync(address, "张三", "主题", "正文", CancellationToken.None);

        outcome.Failure!.Kind.ShouldBe(FailureKind.Invalid);
        outcome.Failure.Message.ShouldContain("收件人邮箱地址无效");
        sink.Messages.ShouldBeEmpty();
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on: bound by the system, then released.</summary>
    internal static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
