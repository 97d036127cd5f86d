using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Luoshi.Core.Features.Notifications;

/// <summary>The JSON a chat-bot webhook expects.</summary>
public enum WebhookFormat
{
    /// <summary>企业微信 group robot: <c>{"msgtype":"text","text":{"content":"…"}}</c>.</summary>
    WeCom,

    /// <summary>钉钉 custom robot: <c>{"msgtype":"text","text":{"content":"…"}}</c>.</summary>
    DingTalk,

    /// <summary>飞书 custom bot: <c>{"msg_type":"text","content":{"text":"…"}}</c>.</summary>
    Feishu,

    /// <summary>Anything else (an in-house gateway): <c>{"title":"…","text":"…"}</c>.</summary>
    Generic,
}

/// <summary>
/// Posts a text message to a work-messenger webhook. Uses the <see cref="HttpClient"/> it is given (from
/// IHttpClientFactory; the product's is guarded by <see cref="OutboundAddress.CreateHandler"/>) and its own time limit. Failures (no connection, time-out, a non-2xx status, or a 2xx answer
/// whose body carries a messenger error code) become a <see cref="Failure"/>; only cancellation by the caller is thrown.
/// </summary>
/// <remarks>
/// The chat messengers put the title and the text into one <c>content</c>: the title on the first line, a blank line,
/// then the text. Robots protected by a keyword need the keyword in the title or text. DingTalk's signature (加签) goes in
/// the URL, which the caller builds; Feishu's signature check (timestamp and sign in the body) is not supported.
/// </remarks>
public sealed class WebhookSender(HttpClient http, TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);

    public async Task<Outcome<bool>> SendAsync(Uri url, WebhookFormat format, string title, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return new Failure(FailureKind.Invalid, $"消息推送地址无效：“{url}”，应以 http:// 或 https:// 开头。");
        }

        var payload = Payload(format, title, text);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(_timeout);
        try
        {
            using var response = await http.PostAsJsonAsync(url, payload, timer.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                // The status only: the answer's body is the other server's text and is not kept with the notification.
                var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                return new Failure(FailureKind.Unavailable, $"消息推送失败：服务器返回 HTTP {status}。");
            }

            var answer = await ReadCappedAsync(response.Content, timer.Token).ConfigureAwait(false);
            return MessengerError(answer) is { } error
                ? new Failure(FailureKind.Unavailable, $"消息推送被拒绝：{error}。")
                : true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return new Failure(FailureKind.Unavailable, $"消息推送超时（{_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} 秒内没有应答）：{url.Host}。");
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundAddressRefusedException refused)
        {
            return new Failure(FailureKind.Invalid, refused.Chinese);
        }
        catch (HttpRequestException ex)
        {
            return new Failure(FailureKind.Unavailable, $"无法连接消息推送地址 {url.Host}（{ex.HttpRequestError}）。");
        }
    }

    /// <summary>The JSON body for <paramref name="format"/>; public so that callers can show what would be sent.</summary>
    public static JsonObject Payload(WebhookFormat format, string title, string text)
    {
        var content = string.IsNullOrWhiteSpace(title) ? text : $"{title}\n\n{text}";
        return format switch
        {
            WebhookFormat.WeCom or WebhookFormat.DingTalk => new JsonObject
            {
                ["msgtype"] = "text",
                ["text"] = new JsonObject { ["content"] = content },
            },
            WebhookFormat.Feishu => new JsonObject
            {
                ["msg_type"] = "text",
                ["content"] = new JsonObject { ["text"] = content },
            },
            WebhookFormat.Generic => new JsonObject
            {
                ["title"] = title,
                ["text"] = text,
            },
        };
    }

    /// <summary>WeCom and DingTalk answer 200 with {"errcode":n,"errmsg":…}, Feishu with {"code":n,"msg":…}; n ≠ 0 is a refusal.</summary>
    private static string? MessengerError(string answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(answer);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var codeName in new[] { "errcode", "code" })
            {
                if (doc.RootElement.TryGetProperty(codeName, out var code) && code.ValueKind == JsonValueKind.Number
                    && code.TryGetInt64(out var n) && n != 0)
                {
                    // The messenger's code only (its documentation explains it); its message is the other server's text.
                    return $"错误码 {n.ToString(CultureInfo.InvariantCulture)}";
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: a generic gateway that answers 2xx with text has accepted the message.
        }

        return null;
    }

    /// <summary>At most the first 64 KB of the answer: enough for a messenger's error code, and no more is read.</summary>
    private static async Task<string> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        const int Cap = 64 * 1024;
        using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[Cap];
        int total = 0;
        int read;
        while (total < Cap && (read = await stream.ReadAsync(buffer.AsMemory(total, Cap - total), ct).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }
}
