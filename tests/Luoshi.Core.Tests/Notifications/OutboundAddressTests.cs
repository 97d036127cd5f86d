using System.Net;
using Luoshi.Core.Common;
using Luoshi.Core.Features.Notifications;
using Luoshi.TestSupport;
using Microsoft.Extensions.Configuration;

namespace Luoshi.Core.Tests.Notifications;

/// <summary>SSRF: the webhook may not be pointed at the machine itself or the internal network unless configuration allows it.</summary>
public sealed class OutboundAddressTests
{
    private const string Title = "【催报提醒】";
    private const string Text = "测试";

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    public void IsInternal_InternalAddresses_True(string address) =>
        OutboundAddress.IsInternal(IPAddress.Parse(address)).ShouldBeTrue();

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("121.40.1.1")]
    [InlineData("2400:3200::1")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsInternal_PublicAddresses_False(string address) =>
        OutboundAddress.IsInternal(IPAddress.Parse(address)).ShouldBeFalse();

    public static TheoryData<string> Refused => new()
    {
        "http://127.0.0.1:PORT/hook",
        "http://[::1]:PORT/hook",
        "http://[::ffff:127.0.0.1]:PORT/hook",
        "http://0x7f000001:PORT/hook",
        "http://2130706433:PORT/hook",
        "http://127.1:PORT/hook",
        "http://0177.0.0.1:PORT/hook",
        "http://localhost:PORT/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/hook",
        "http://192.168.0.1/hook",
        "http://[fe80::1]/hook",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Send_InternalAddressNotAllowed_RefusedAndNothingReachesTheListener(string template)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = new Uri(template.Replace("PORT", receiver.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        using var http = new HttpClient(OutboundAddress.CreateHandler(OutboundPolicy.Strict));

        var outcome = await new WebhookSender(http).SendAsync(url, WebhookFormat.WeCom, Title, Text, CancellationToken.None);

        outcome.Ok.ShouldBeFalse();
        outcome.Failure!.Kind.ShouldBe(FailureKind.Invalid);
        outcome.Failure.Message.ShouldContain("是本机或内部网络地址，不允许发送");
        receiver.Requests.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Check_InternalAddressNotAllowed_RefusedWhenSaved(string template)
    {
        var url = new Uri(template.Replace("PORT", "8080", StringComparison.Ordinal));

        OutboundAddress.Check(url).ShouldNotBeNull().ShouldContain("不允许发送");
    }

    [Theory]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x")]
    [InlineData("https://oapi.dingtalk.com/robot/send?access_token=x")]
    [InlineData("http://8.8.8.8/hook")]
    public void Check_PublicAddress_Accepted(string url) => OutboundAddress.Check(new Uri(url)).ShouldBeNull();

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    public void Check_NotHttp_Refused(string url) =>
        OutboundAddress.Check(new Uri(url)).ShouldBe("消息推送地址应为以 http:// 或 https:// 开头的完整网址。");

    [Fact]
    public async Task Send_LoopbackOnTheAllowList_Delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new HttpClient(OutboundAddress.CreateHandler(new OutboundPolicy(["127.0.0.1"])));

        var outcome = await new WebhookSender(http).SendAsync(receiver.Url("hook"), WebhookFormat.WeCom, Title, Text, CancellationToken.None);

        outcome.Ok.ShouldBeTrue(outcome.Failure?.Message);
        receiver.Requests.Count.ShouldBe(1);
        OutboundAddress.Check(receiver.Url("hook"), new OutboundPolicy(["127.0.0.1"])).ShouldBeNull();
    }

    [Fact]
    public void Policy_FromConfiguration_ReadsTheListAndCommaSeparatedValues()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [OutboundPolicy.Section + ":0"] = "127.0.0.1",
            [OutboundPolicy.Section + ":1"] = "gateway.internal, 10.0.0.5",
        }).Build();

        OutboundPolicy.From(configuration).AllowedHosts.Order(StringComparer.Ordinal).ShouldBe(["10.0.0.5", "127.0.0.1", "gateway.internal"]);
    }
}
