using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Luoshi.TestSupport;

/// <summary>One request as the receiver saw it.</summary>
public sealed class ReceivedRequest(string method, string path, string query, IReadOnlyDictionary<string, string> headers, string body)
{
    public string Method { get; } = method;

    public string Path { get; } = path;

    /// <summary>The query string with its leading "?", or "".</summary>
    public string Query { get; } = query;

    /// <summary>Request headers, names compared case-insensitively; repeated headers joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    /// <summary>The body as UTF-8 text.</summary>
    public string Body { get; } = body;

    /// <summary>The body parsed as JSON, or null if it is not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port that records every request and answers with a status and
/// body the test chooses (200 with <c>{"errcode":0,"errmsg":"ok"}</c> unless told otherwise).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly Recorder<ReceivedRequest> _requests = new();
    private WebApplication? _app;
    private volatile Answer _answer = new(200, """{"errcode":0,"errmsg":"ok"}""", "application/json; charset=utf-8");
    private volatile Task _hold = Task.CompletedTask;

    private WebhookReceiver()
    {
    }

    /// <summary>The server's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The requests received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => _requests.Snapshot();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        RunExtensions.Run(app, receiver.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        receiver._app = app;
        return receiver;
    }

    /// <summary>An absolute URL on this server, e.g. <c>Url("cgi-bin/webhook/send?key=k")</c>.</summary>
    public Uri Url(string relative) => new(BaseUrl, relative);

    /// <summary>Answer every following request with this status and body.</summary>
    public void RespondWith(int status, string body = "", string contentType = "application/json; charset=utf-8") =>
        _answer = new Answer(status, body, contentType);

    /// <summary>Record each following request at once but answer only when <paramref name="release"/> completes (to test clients' time limits).</summary>
    public void HoldAnswersUntil(Task release) => _hold = release;

    /// <summary>Waits until at least <paramref name="count"/> requests arrived; <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _requests.WaitForAsync(count, timeout, "requests", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Add(new ReceivedRequest(
            context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body));

        await _hold.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        var answer = _answer;
        context.Response.StatusCode = answer.Status;
        if (answer.Body.Length > 0)
        {
            context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private sealed record Answer(int Status, string Body, string ContentType);
}
