using System.Text.Json;
using System.Text.Json.Nodes;
using Luoshi.Core.Common;
using Luoshi.Core.Features.Notifications;
using Luoshi.TestSupport;

namespace Luoshi.Core.Tests.Notifications;

/// <summary>WebhookSender against a real HTTP server on 127.0.0.1 (the WebhookReceiver).</summary>
public sealed class WebhookSenderTests : IDisposable
{
    private const string Title = "【逾期催办】区发改局“第12项 第二季度进展情况”已逾期3天";
    private const string Text = "张三：\n以下事项已逾期，请尽快办理：\n1. 第12项 第二季度进展情况（截止日期：2026年7月10日）";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    public static TheoryData<WebhookFormat, string> Shapes => new()
    {
        { WebhookFormat.WeCom, """{"msgtype":"text","text":{"content":CONTENT}}""" },
        { WebhookFormat.DingTalk, """{"msgtype":"text","text":{"content":CONTENT}}""" },
        { WebhookFormat.Feishu, """{"msg_type":"text","content":{"text":CONTENT}}""" },
        { WebhookFormat.Generic, """{"title":TITLE,"text":TEXT}""" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task SendAsync_EachFormat_PostsExactlyTheExpectedJson(WebhookFormat format, string shape)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = receiver.Url("cgi-bin/webhook/send?key=abc-123");

        var outcome = await new WebhookSender(_http).SendAsync(url, format, Title, Text, CancellationToken.None);

        outcome.Ok.ShouldBeTrue(outcome.Failure?.Message);
        var request = (await receiver.WaitForAsync(1, Wait)).ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/cgi-bin/webhook/send");
        request.Query.ShouldBe("?key=abc-123");
        request.Headers["Content-Type"].ShouldStartWith("application/json");
        var expected = JsonNode.Parse(shape
            .Replace("CONTENT", JsonSerializer.Serialize(Title + "\n\n" + Text), StringComparison.Ordinal)
            .Replace("TITLE", JsonSerializer.Serialize(Title), StringComparison.Ordinal)
            .Replace("TEXT", JsonSerializer.Serialize(Text), StringComparison.Ordinal));
        JsonNode.DeepEquals(request.Json, expected).ShouldBeTrue($"got {request.Body}");
    }

    [Fact]
    public async Task SendAsync_ServerAnswers500_IsAFailureWithTheStatusButNotTheBody()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.RespondWith(500, "internal error");

        var outcome = await new WebhookSender(_http).SendAsync(receiver.Url("hook"), WebhookFormat.WeCom, Title, Text, CancellationToken.None);

        outcome.Ok.ShouldBeFalse();
        outcome.Failure!.Kind.ShouldBe(FailureKind.Unavailable);
        outcome.Failure.Message.ShouldBe("消息推送失败：服务器返回 HTTP 500。");
        outcome.Failure.Message.ShouldNotContain("internal error", Case.Insensitive, "the answer's body is not stored with the notification");
        receiver.Requests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"errcode":93000,"errmsg":"invalid webhook url"}""", "错误码 93000")] // WeCom, DingTalk
    [InlineData("""{"code":19001,"msg":"param invalid: incoming webhook access token invalid"}""", "错误码 19001")] // Feishu
    public async Task SendAsync_MessengerErrorCodeIn200_IsAFailureWithTheCodeOnly(string answer, string expected)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.RespondWith(200, answer);

        var outcome = await new WebhookSender(_http).SendAsync(receiver.Url("hook"), WebhookFormat.Feishu, Title, Text, CancellationToken.None);

        outcome.Ok.ShouldBeFalse();
        outcome.Failure!.Message.ShouldBe($"消息推送被拒绝：{expected}。");
    }

    [Theory]
    [InlineData("""{"errcode":0,"errmsg":"ok"}""")]
    [InlineData("""{"code":0,"msg":"success"}""")]
    [InlineData("accepted")]
    [InlineData("")]
    public async Task SendAsync_SuccessAnswers_AreOk(string answer)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.RespondWith(200, answer, "text/plain");

        var outcome = await new WebhookSender(_http).SendAsync(receiver.Url("hook"), WebhookFormat.Generic, Title, Text, CancellationToken.None);

        outcome.Ok.ShouldBeTrue(outcome.Failure?.Message);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_IsAFailure()
    {
        var url = new Uri($"http://127.0.0.1:{SmtpMailSenderTests.ClosedPort()}/hook");

        var outcome = await new WebhookSender(_http).SendAsync(url, WebhookFormat.DingTalk, Title, Text, CancellationToken.None);

        outcome.Failure!.Kind.ShouldBe(FailureKind.Unavailable);
        outcome.Failure.Message.ShouldStartWith("无法连接消息推送地址 127.0.0.1");
    }

    [Fact]
    public async Task SendAsync_NoAnswerWithinTheTimeLimit_IsAFailure()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource();
        receiver.HoldAnswersUntil(release.Task);

        var outcome = await new WebhookSender(_http, TimeSpan.FromMilliseconds(300))
            .SendAsync(receiver.Url("hook"), WebhookFormat.WeCom, Title, Text, CancellationToken.None);
        release.SetResult();

        outcome.Failure!.Kind.ShouldBe(FailureKind.Unavailable);
        outcome.Failure.Message.ShouldStartWith("消息推送超时");
    }

    [Fact]
    public async Task SendAsync_NotHttp_IsInvalid()
    {
        var outcome = await new WebhookSender(_http).SendAsync(new Uri("ftp://127.0.0.1/hook"), WebhookFormat.WeCom, Title, Text, CancellationToken.None);
        outcome.Failure!.Kind.ShouldBe(FailureKind.Invalid);
    }
}
