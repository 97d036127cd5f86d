using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Luoshi.Load;

/// <summary>One page or endpoint under load: its name, the account kind that asks, and its URL for a district.</summary>
public sealed record Target(string Name, string Account, Func<Session, string> Url);

/// <summary>A signed-in account of a district: the cookies a browser would send (sign-in and antiforgery).</summary>
public sealed record Session(string Code, int UnitId, string Cookie);

/// <summary>What one target reached.</summary>
public sealed record Result(string Name, long Requests, long Errors, double Seconds, double P50, double P90, double P99, double Max, long BytesPerResponse)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// Builds and starts the real web app (Release, Kestrel, PostgreSQL), signs in, and drives each target with N concurrent
/// connections for a warm-up and a measured period; prints requests/s, latency percentiles and each target's throughput as
/// a fraction of the ceiling (one indexed read behind the same sign-in, /api/health/db).
/// </summary>
public static partial class Bench
{
    public static readonly Target[] Targets =
    [
        new("ceiling: GET /api/health/db (one read by key)", "office", _ => "/api/health/db"),
        new("unit task list: GET /Plans/{code}/Units/{id}", "clerk", s => $"/Plans/{s.Code}/Units/{s.UnitId}"),
        new("supervision: GET /Supervision?district={code}", "office", s => "/Supervision?district=" + s.Code),
        new("dashboard: GET /Dashboard?district={code}", "office", s => "/Dashboard?district=" + s.Code),
        new("dashboard API: GET /api/districts/{code}/dashboard", "office", s => $"/api/districts/{s.Code}/dashboard"),
    ];

    public static async Task RunAsync(LoadOptions options, string root)
    {
        ArgumentNullException.ThrowIfNull(options);
        Machine.Print();
        await Shell.RunAsync("dotnet", "build src/Luoshi.Web/Luoshi.Web.csproj -c Release -nologo -v q", root);
        string baseUrl = $"http://127.0.0.1:{options.Port}";
        using var server = await WebServer.StartAsync(root, baseUrl, options.DatabaseConnection);

        var sessions = new Dictionary<string, List<Session>>(StringComparer.Ordinal) { ["office"] = [], ["clerk"] = [] };
        foreach (var (code, _) in Dataset.Districts)
        {
            sessions["office"].Add(await SignInAsync(baseUrl, code + ".office", code));
            sessions["clerk"].Add(await SignInAsync(baseUrl, code + ".clerk", code));
        }

        Console.WriteLine($"  signed in {sessions.Values.Sum(s => s.Count)} accounts; {options.Connections} connections, {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s per target");
        var results = new List<Result>();
        foreach (var target in Targets)
        {
            var r = await LoadAsync(baseUrl, target, sessions[target.Account], options);
            results.Add(r);
            Console.WriteLine($"  {r.Name}: {r.PerSecond:0} req/s, p50 {r.P50:0.0} ms, p90 {r.P90:0.0} ms, p99 {r.P99:0.0} ms, errors {r.Errors}; load {Machine.LoadAverage()}");
        }

        Report.Print(results, options);
    }

    private static async Task<Session> SignInAsync(string baseUrl, string userName, string code)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        string login = await client.GetStringAsync("/Account/Login");
        string token = TokenPattern().Match(login).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = Dataset.Password, ["__RequestVerificationToken"] = token,
        });
        using var signIn = await client.PostAsync("/Account/Login", form);
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)signIn.StatusCode}");
        }

        var me = await client.GetStringAsync("/api/me");
        int unitId = UnitPattern().Match(me) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        _ = await client.GetStringAsync("/"); // the antiforgery cookie, as a browser holds it after its first page
        string cookie = cookies.GetCookieHeader(new Uri(baseUrl));
        return new Session(code, unitId, cookie);
    }

    private static async Task<Result> LoadAsync(string baseUrl, Target target, List<Session> sessions, LoadOptions options)
    {
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false, MaxConnectionsPerServer = options.Connections, AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None, PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        long start = Stopwatch.GetTimestamp();
        long measureFrom = start + (options.WarmupSeconds * Stopwatch.Frequency);
        long measureTo = measureFrom + (options.DurationSeconds * Stopwatch.Frequency);
        var latencies = new List<long>[options.Connections];
        long errors = 0, bytes = 0;

        async Task Worker(int w)
        {
            var mine = latencies[w] = new List<long>(100_000);
            for (int k = 0; ; k++)
            {
                var session = sessions[(w + k) % sessions.Count];
                using var request = new HttpRequestMessage(HttpMethod.Get, target.Url(session));
                request.Headers.Add("Cookie", session.Cookie);
                long t0 = Stopwatch.GetTimestamp();
                if (t0 >= measureTo)
                {
                    return;
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                byte[] body = await response.Content.ReadAsByteArrayAsync();
                long t1 = Stopwatch.GetTimestamp();
                if (t0 >= measureFrom && t1 <= measureTo)
                {
                    mine.Add(t1 - t0);
                    Interlocked.Add(ref bytes, body.Length);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(w => Task.Run(() => Worker(w))));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Ms(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
        return new Result(target.Name, all.Length, errors, options.DurationSeconds, Ms(0.50), Ms(0.90), Ms(0.99), Ms(1.0), all.Length == 0 ? 0 : bytes / all.Length);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("\"unitId\":(\\d+)")]
    private static partial Regex UnitPattern();
}
