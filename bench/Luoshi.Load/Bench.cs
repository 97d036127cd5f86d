using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Luoshi.Load;

/// <summary>One page or endpoint under load: its name, the account kind that asks, and its URL for a district.</summary>
public sealed record Target(string Name, string Account, Func<Session, string> Url);

/// <summary>A signed-in account of a district: the cookies a browser would send (sign-in and antiforgery).</summary>
public sealed record Session(string Code, int UnitId, string Cookie);

/// <summary>A Cookie header kept up to date with a response's Set-Cookie lines, as a browser keeps its jar.</summary>
public static class Cookies
{
    public static string Merge(string header, IEnumerable<string> setCookies)
    {
        var jar = header.Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        foreach (string line in setCookies)
        {
            string pair = line.Split(';', 2)[0];
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            string name = pair[..eq], value = pair[(eq + 1)..];
            bool expired = line.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || value.Length == 0;
            if (expired)
            {
                jar.Remove(name);
            }
            else
            {
                jar[name] = value;
            }
        }

        return string.Join("; ", jar.Select(kv => kv.Key + "=" + kv.Value));
    }
}

/// <summary>What one target reached; ServerCpuSeconds is the CPU time the web app's process used while measured.</summary>
public sealed record Result(string Name, long Requests, long Errors, double Seconds, double P50, double P90, double P99, double Max, long BytesPerResponse, double ServerCpuSeconds)
{
    public double PerSecond => Requests / Seconds;

    /// <summary>Requests per second of the web app's own CPU: what a core would serve with the machine to itself (the database's CPU not counted).</summary>
    public double PerServerCpuSecond => ServerCpuSeconds <= 0 ? 0 : Requests / ServerCpuSeconds;
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
        new("my work: GET /Work (the clerk's unit)", "clerk", _ => "/Work"),
        new("supervision: GET /Supervision?district={code}", "office", s => "/Supervision?district=" + s.Code),
        new("dashboard: GET /Dashboard?district={code}", "office", s => "/Dashboard?district=" + s.Code),
        new("dashboard API: GET /api/districts/{code}/dashboard", "office", s => $"/api/districts/{s.Code}/dashboard"),
        new("leader's view: GET /Leader (a leader in charge)", "leader", _ => "/Leader"),
        new("city comparison: GET /City (every district)", "city", _ => "/City"),
    ];

    public static async Task RunAsync(LoadOptions options, string root)
    {
        ArgumentNullException.ThrowIfNull(options);
        Machine.Print();
        if (!options.NoBuild)
        {
            await Shell.RunAsync("dotnet", "build src/Luoshi.Web/Luoshi.Web.csproj -c Release -nologo -v q", root);
        }

        // Each instance runs the reminder sweep as it starts (the product's entry point): watched from before the start.
        var sweep = SweepWatch.Start(options);
        using var server = await WebFarm.StartAsync(root, options);
        string baseUrl = server.Urls[0];
        await sweep.WaitAsync(server);

        var districts = await Dataset.DistrictCodesAsync(options);
        var sessions = new Dictionary<string, List<Session>>(StringComparer.Ordinal) { ["office"] = [], ["clerk"] = [], ["leader"] = [], ["city"] = [] };
        foreach (string code in districts)
        {
            sessions["office"].Add(await SignInAsync(baseUrl, code + ".office", code));
            sessions["clerk"].Add(await SignInAsync(baseUrl, code + ".clerk", code));
            sessions["leader"].Add(await SignInAsync(baseUrl, code + ".leader1", code));
        }

        sessions["city"].Add(await SignInAsync(baseUrl, Dataset.CityViewer, string.Empty));
        Console.WriteLine($"  signed in {sessions.Values.Sum(s => s.Count)} accounts of {districts.Count} districts on {server.Servers.Count} instance(s); {options.Connections} connections, {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s per target");
        using var memory = MemoryProbe.Start(server);
        // The targets take turns, a slice of the measured time each per round, so that they see the same competition for the
        // machine's CPUs (other work on a shared machine comes and goes).
        var parts = Targets.ToDictionary(t => t, _ => new List<Slice>());
        int slice = Math.Max(1, options.DurationSeconds / options.Rounds);
        for (int round = 0; round < options.Rounds; round++)
        {
            foreach (var target in Targets)
            {
                var s = await LoadAsync(baseUrl, target, sessions[target.Account], options, round == 0 ? options.WarmupSeconds : 1, slice, server);
                parts[target].Add(s);
                Console.WriteLine($"  round {round + 1}/{options.Rounds} {target.Name}: {s.Latencies.Length / (double)slice:0} req/s; load {Machine.LoadAverage()}");
            }
        }

        var results = Targets.Select(t => Summarise(t.Name, parts[t], slice)).ToList();
        Report.Print(results, options);
        memory.Print("under the read load");
        if (options.Operations)
        {
            await Operations.RunAsync(server, options, districts);
            memory.Print("over the whole run");
        }
    }

    public static async Task<Session> SignInAsync(string baseUrl, string userName, string code)
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

    /// <summary>One measured slice of a target: its latencies (ticks), errors, bytes and the web app's CPU time.</summary>
    private sealed record Slice(long[] Latencies, long Errors, long Bytes, double ServerCpuSeconds);

    private static Result Summarise(string name, List<Slice> slices, int sliceSeconds)
    {
        var all = slices.SelectMany(s => s.Latencies).Order().ToArray();
        double Ms(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, Math.Max(0, (int)Math.Ceiling(q * all.Length) - 1))] * 1000.0 / Stopwatch.Frequency;
        long bytes = slices.Sum(s => s.Bytes);
        return new Result(name, all.Length, slices.Sum(s => s.Errors), sliceSeconds * slices.Count, Ms(0.50), Ms(0.90), Ms(0.99), Ms(1.0),
            all.Length == 0 ? 0 : bytes / all.Length, slices.Sum(s => s.ServerCpuSeconds));
    }

    private static async Task<Slice> LoadAsync(string baseUrl, Target target, List<Session> sessions, LoadOptions options, int warmupSeconds, int seconds, WebFarm server)
    {
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false, MaxConnectionsPerServer = options.Connections, AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None, PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        // One client over every instance (absolute URLs), requests spread round-robin (one counter over all connections, so a
        // district's requests reach every instance); the cookies are good at every instance (one key ring in the database).
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var urls = server.Urls.Count > 0 ? server.Urls : [baseUrl];
        long start = Stopwatch.GetTimestamp();
        long measureFrom = start + (warmupSeconds * Stopwatch.Frequency);
        long measureTo = measureFrom + (seconds * Stopwatch.Frequency);
        double cpuFrom = 0, cpuTo = 0;
        var cpuProbe = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(warmupSeconds));
            cpuFrom = server.CpuSeconds();
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            cpuTo = server.CpuSeconds();
        });
        var latencies = new List<long>[options.Connections];
        long errors = 0, bytes = 0, next = 0;

        async Task Worker(int w)
        {
            var mine = latencies[w] = new List<long>(100_000);
            for (int k = 0; ; k++)
            {
                var session = sessions[(w + k) % sessions.Count];
                using var request = new HttpRequestMessage(HttpMethod.Get, urls[(int)(Interlocked.Increment(ref next) % urls.Count)] + target.Url(session));
                request.Headers.Add("Cookie", session.Cookie);
                if (options.AcceptEncoding is { } encoding)
                {
                    request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
                }

                long t0 = Stopwatch.GetTimestamp();
                if (t0 >= measureTo)
                {
                    return;
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                byte[] body = await response.Content.ReadAsByteArrayAsync();
                long t1 = Stopwatch.GetTimestamp();
                if (response.Headers.TryGetValues("Set-Cookie", out var set))
                {
                    // As a browser does: a renewed sign-in cookie (the security stamp is checked again every few minutes)
                    // replaces the old one, or every later request of the session would be re-checked and re-issued.
                    sessions[(w + k) % sessions.Count] = session with { Cookie = Cookies.Merge(session.Cookie, set) };
                }
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
        await cpuProbe;
        return new Slice([.. latencies.SelectMany(l => l)], errors, bytes, cpuTo - cpuFrom);
    }

    /// <summary>The antiforgery token of a page's first form.</summary>
    internal static string Token(string page) => TokenPattern().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("\"unitId\":(\\d+)")]
    private static partial Regex UnitPattern();
}
