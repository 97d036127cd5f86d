using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Load;

/// <summary>One writer's filing: the district's clerk saves the Q4 report of an item its unit leads.</summary>
public sealed record WriterFiling(int FilingId, int ItemId, int UnitId, string Code, int VersionBefore, int EventsBefore);

/// <summary>How one POST of the save form was answered.</summary>
public enum SaveAnswer
{
    /// <summary>302 back to the filing (已保存).</summary>
    Saved,

    /// <summary>The page again with the conflict message (someone saved since the form was read).</summary>
    Conflict,

    /// <summary>The page again with another message (counted by the message).</summary>
    Refused,

    /// <summary>Any other status (400 antiforgery, 403, 404, 500, …) or a failed request.</summary>
    HttpError,
}

/// <summary>The figures of the write scenario.</summary>
public sealed record SaveResult(int Writers, double Seconds, long Saved, long Conflicts, long Refused, long HttpErrors, IReadOnlyDictionary<string, long> Reasons,
    double PostP50, double PostP90, double PostP99, double PostMax, double GetP50, double GetP99, long PageBytes, double ServerCpuSeconds, int LostUpdates, IReadOnlyList<string> Problems)
{
    public double SavesPerSecond => Saved / Seconds;

    public double ServerCpuMsPerSave => Saved == 0 ? 0 : ServerCpuSeconds * 1000 / Saved;
}

/// <summary>
/// Report saves under load (issue 16.2): N writers, each on a filing of its own (the Q4 report of an item a district clerk's unit
/// leads, set back to a draft before the run, as after the office reopened it). Each writer loops: GET the form (the
/// antiforgery token and the version it carries), POST a save with a new text and value, and classify the answer: saved (302),
/// refused as a conflict, refused for another reason (the page's error message, counted by message), or an HTTP error. After
/// the run every filing's stored text and value are compared with its writer's last saved one, and its version and number of
/// "save" events with the number of saves answered 302 (a lost update shows as a difference).
/// </summary>
public static partial class SaveScenario
{
    public const ReportPeriod Period = ReportPeriod.Q4;

    /// <summary>The "save" command: build and start the web app, run the writers, print the figures.</summary>
    public static async Task CommandAsync(LoadOptions options, string root)
    {
        ArgumentNullException.ThrowIfNull(options);
        Machine.Print();
        await Shell.RunAsync("dotnet", "build src/Luoshi.Web/Luoshi.Web.csproj -c Release -nologo -v q", root);
        string baseUrl = $"http://127.0.0.1:{options.Port}";
        using var server = await WebServer.StartAsync(root, baseUrl, options.DatabaseConnection);
        for (int round = 0; round < options.Rounds; round++)
        {
            Print(await RunAsync(options, baseUrl, server, options.Writers), options);
        }
    }

    public static async Task<SaveResult> RunAsync(LoadOptions options, string baseUrl, WebServer server, int writers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        var filings = await PrepareAsync(options, writers);
        var clerks = new Dictionary<string, Session>(StringComparer.Ordinal);
        foreach (string code in filings.Select(f => f.Code).Distinct())
        {
            clerks[code] = await Bench.SignInAsync(baseUrl, code + ".clerk", code);
        }

        Console.WriteLine($"  save scenario: {writers} writers on distinct filings ({string.Join(", ", filings.Select(f => f.FilingId))}), {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s");
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false, MaxConnectionsPerServer = writers, AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None, PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        long start = Stopwatch.GetTimestamp();
        long measureFrom = start + (options.WarmupSeconds * Stopwatch.Frequency);
        long measureTo = measureFrom + (options.DurationSeconds * Stopwatch.Frequency);
        double cpuFrom = 0, cpuTo = 0;
        var cpuProbe = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
            cpuFrom = server.CpuSeconds();
            await Task.Delay(TimeSpan.FromSeconds(options.DurationSeconds));
            cpuTo = server.CpuSeconds();
        });

        var counts = new long[4];
        var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        var posts = new List<long>[writers];
        var gets = new List<long>[writers];
        var lastSaved = new int[writers];
        var savedTotal = new int[writers];
        long pageBytes = 0, pages = 0;

        async Task Writer(int w)
        {
            var f = filings[w];
            var session = clerks[f.Code];
            var myPosts = posts[w] = new List<long>(10_000);
            var myGets = gets[w] = new List<long>(10_000);
            string url = $"/Work/Filing?item={f.ItemId}&unit={f.UnitId}&period={Period}";
            for (int n = 1; ; n++)
            {
                long t0 = Stopwatch.GetTimestamp();
                if (t0 >= measureTo)
                {
                    return;
                }

                bool measured = t0 >= measureFrom;
                string form;
                using (var get = new HttpRequestMessage(HttpMethod.Get, url))
                {
                    get.Headers.Add("Cookie", session.Cookie);
                    using var page = await client.SendAsync(get);
                    form = await page.Content.ReadAsStringAsync();
                    if (page.StatusCode != HttpStatusCode.OK)
                    {
                        Count(SaveAnswer.HttpError, measured, $"GET {(int)page.StatusCode}");
                        continue;
                    }
                }

                long t1 = Stopwatch.GetTimestamp();
                if (measured)
                {
                    myGets.Add(t1 - t0);
                    Interlocked.Add(ref pageBytes, form.Length);
                    Interlocked.Increment(ref pages);
                }

                var fields = new List<KeyValuePair<string, string>>
                {
                    new("__RequestVerificationToken", Bench.Token(form)),
                    new("version", VersionPattern().Match(form).Groups[1].Value),
                    new("Input.Progress", Text(w, n)),
                    new("Input.Problems", "负载测试：下一步加快推进。"),
                };
                foreach (Match m in ActualPattern().Matches(form))
                {
                    fields.Add(new($"Input.Actuals[{m.Groups[1].Value}]", n.ToString(CultureInfo.InvariantCulture)));
                }

                using var post = new HttpRequestMessage(HttpMethod.Post, url + "&handler=Save") { Content = new FormUrlEncodedContent(fields) };
                post.Headers.Add("Cookie", session.Cookie);
                SaveAnswer answer;
                string? reason = null;
                try
                {
                    using var r = await client.SendAsync(post);
                    string body = await r.Content.ReadAsStringAsync();
                    (answer, reason) = Classify(r.StatusCode, body);
                }
                catch (HttpRequestException e)
                {
                    (answer, reason) = (SaveAnswer.HttpError, e.GetType().Name);
                }

                long t2 = Stopwatch.GetTimestamp();
                if (answer == SaveAnswer.Saved)
                {
                    // Every 302 counts for the check after the run, warm-up included.
                    lastSaved[w] = n;
                    savedTotal[w]++;
                }

                if (t2 <= measureTo)
                {
                    if (measured)
                    {
                        myPosts.Add(t2 - t1);
                    }

                    Count(answer, measured, reason);
                }
            }
        }

        void Count(SaveAnswer answer, bool measured, string? reason)
        {
            if (!measured)
            {
                return;
            }

            Interlocked.Increment(ref counts[(int)answer]);
            if (reason is not null)
            {
                lock (reasons)
                {
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => Writer(w))));
        await cpuProbe;

        var (lost, problems) = await VerifyAsync(options, filings, lastSaved, savedTotal);
        var p = posts.SelectMany(l => l).Order().ToArray();
        var g = gets.SelectMany(l => l).Order().ToArray();
        return new SaveResult(writers, options.DurationSeconds, counts[0], counts[1], counts[2], counts[3], reasons,
            Ms(p, 0.5), Ms(p, 0.9), Ms(p, 0.99), Ms(p, 1), Ms(g, 0.5), Ms(g, 0.99), pages == 0 ? 0 : pageBytes / pages, cpuTo - cpuFrom, lost, problems);
    }

    /// <summary>The text writer <paramref name="w"/> saves the <paramref name="n"/>th time (found again in the database after the run).</summary>
    public static string Text(int w, int n) => $"负载测试：写入者 {w} 第 {n} 次保存。已按计划推进，完成阶段性任务。";

    /// <summary>What an answer to the save POST was.</summary>
    public static (SaveAnswer Answer, string? Reason) Classify(HttpStatusCode status, string body)
    {
        if (status == HttpStatusCode.Redirect)
        {
            return (SaveAnswer.Saved, null);
        }

        if (status != HttpStatusCode.OK)
        {
            return (SaveAnswer.HttpError, $"HTTP {(int)status}");
        }

        var error = ErrorPattern().Match(body);
        string message = error.Success ? WebUtility.HtmlDecode(error.Groups[1].Value) : "（页面再次显示，没有错误信息）";
        bool conflict = body.Contains("class=\"saved-version\"", StringComparison.Ordinal) || message.Contains("您的修改没有保存", StringComparison.Ordinal);
        // Counted by the message with its variable parts (names, times, numbers) taken out.
        return (conflict ? SaveAnswer.Conflict : SaveAnswer.Refused, DigitsPattern().Replace(message, "#"));
    }

    /// <summary>Picks the writers' filings and sets them back to drafts; returns them with their version and save events now.</summary>
    private static async Task<List<WriterFiling>> PrepareAsync(LoadOptions options, int writers)
    {
        await using var db = Open(options.DatabaseConnection);
        var clerks = await db.Users.AsNoTracking().Where(u => u.UserName!.EndsWith(".clerk") && u.UnitId != null)
            .OrderBy(u => u.DistrictId).Select(u => new { u.UserName, UnitId = u.UnitId!.Value }).ToListAsync();
        var perClerk = new List<List<Filing>>();
        foreach (var c in clerks)
        {
            perClerk.Add(await (from f in db.Filings.AsNoTracking()
                                join iu in db.ItemUnits on new { f.ItemId, f.UnitId } equals new { iu.ItemId, iu.UnitId }
                                where f.UnitId == c.UnitId && f.Period == Period && iu.Role == UnitRole.Lead && !f.IsCoUnitPart
                                orderby f.Id
                                select f).Distinct().OrderBy(f => f.Id).ToListAsync());
        }

        var chosen = new List<(Filing Filing, string Code)>();
        for (int k = 0; chosen.Count < writers; k++)
        {
            if (perClerk.All(l => l.Count <= k))
            {
                throw new InvalidOperationException($"only {chosen.Count} filings for {writers} writers");
            }

            for (int c = 0; c < clerks.Count && chosen.Count < writers; c++)
            {
                if (perClerk[c].Count > k)
                {
                    chosen.Add((perClerk[c][k], clerks[c].UserName![..^".clerk".Length]));
                }
            }
        }

        var ids = chosen.Select(c => c.Filing.Id).ToList();
        await db.Filings.Where(f => ids.Contains(f.Id)).ExecuteUpdateAsync(s => s.SetProperty(f => f.State, FilingState.Draft).SetProperty(f => f.Reopened, false));
        // The saves of earlier runs (the generated history's actors are "clerk", "head", "office"): each run starts from the
        // history a filing has in the dataset, not from thousands of benchmark saves listed on its page.
        await db.FilingEvents.Where(e => ids.Contains(e.FilingId) && e.Actor.EndsWith(".clerk")).ExecuteDeleteAsync();
        var events = await db.FilingEvents.AsNoTracking().Where(e => ids.Contains(e.FilingId) && e.Action == FilingEventActions.Save)
            .GroupBy(e => e.FilingId).Select(x => new { x.Key, N = x.Count() }).ToDictionaryAsync(x => x.Key, x => x.N);
        var districts = await db.Districts.Select(d => d.Id).ToListAsync();
        foreach (int d in districts)
        {
            await Core.Features.Districts.DistrictRevision.BumpAsync(db, d); // the web app's cached views see the drafts
        }

        return [.. chosen.Select(c => new WriterFiling(c.Filing.Id, c.Filing.ItemId, c.Filing.UnitId, c.Code, c.Filing.Version, events.GetValueOrDefault(c.Filing.Id)))];
    }

    /// <summary>Each filing holds its writer's last saved text and value; its version and its save events grew by the saves answered 302.</summary>
    private static async Task<(int Lost, List<string> Problems)> VerifyAsync(LoadOptions options, List<WriterFiling> filings, int[] lastSaved, int[] savedTotal)
    {
        await using var db = Open(options.DatabaseConnection);
        var problems = new List<string>();
        int lost = 0;
        for (int w = 0; w < filings.Count; w++)
        {
            var f = filings[w];
            var stored = await db.Filings.AsNoTracking().Include(x => x.Actuals).FirstAsync(x => x.Id == f.FilingId);
            int events = await db.FilingEvents.CountAsync(e => e.FilingId == f.FilingId && e.Action == FilingEventActions.Save);
            var wrong = new List<string>();
            if (lastSaved[w] > 0 && stored.Progress != Text(w, lastSaved[w]))
            {
                wrong.Add($"text “{stored.Progress}” instead of save {lastSaved[w]}");
            }

            if (lastSaved[w] > 0 && stored.Actuals.Any(a => a.Value != lastSaved[w]))
            {
                wrong.Add($"values {string.Join("/", stored.Actuals.Select(a => a.Value))} instead of {lastSaved[w]}");
            }

            if (stored.Version != f.VersionBefore + savedTotal[w])
            {
                wrong.Add($"version {stored.Version}, expected {f.VersionBefore} + {savedTotal[w]}");
            }

            if (events != f.EventsBefore + savedTotal[w])
            {
                wrong.Add($"{events} save events, expected {f.EventsBefore} + {savedTotal[w]}");
            }

            if (wrong.Count > 0)
            {
                lost++;
                problems.Add($"writer {w}, filing {f.FilingId}: {string.Join("; ", wrong)}");
            }
        }

        return (lost, problems);
    }

    private static LuoshiDb Open(string connection)
    {
        var builder = new DbContextOptionsBuilder<LuoshiDb>();
        DatabaseSetup.Configure(builder, DatabaseProvider.Postgres, connection);
        return new LuoshiDb(builder.Options);
    }

    private static double Ms(long[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1))] * 1000.0 / Stopwatch.Frequency;

    public static void Print(SaveResult r, LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(options);
        Console.WriteLine();
        Console.WriteLine($"report saves: {r.Writers} writers on distinct filings, {options.WarmupSeconds} s warm-up, {r.Seconds:0} s measured; load after: {Machine.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| saves/s | POST p50 ms | p90 ms | p99 ms | max ms | form GET p50 ms | p99 ms | saved | conflicts | refused (other) | HTTP errors | lost updates | web app CPU (cores) | web-app CPU ms per save | page bytes |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.SavesPerSecond:0.0} | {r.PostP50:0.0} | {r.PostP90:0.0} | {r.PostP99:0.0} | {r.PostMax:0} | {r.GetP50:0.0} | {r.GetP99:0.0} | {r.Saved} | {r.Conflicts} | {r.Refused} | {r.HttpErrors} | {r.LostUpdates} | {r.ServerCpuSeconds / r.Seconds:0.00} | {r.ServerCpuMsPerSave:0.0} | {r.PageBytes:N0} |"));
        foreach (var (reason, n) in r.Reasons.OrderByDescending(x => x.Value))
        {
            Console.WriteLine($"  reason ×{n}: {reason}");
        }

        foreach (string p in r.Problems)
        {
            Console.WriteLine("  LOST UPDATE " + p);
        }

        bool met = r.SavesPerSecond >= 200 && r.PostP99 < 100 && r.HttpErrors == 0 && r.LostUpdates == 0;
        Console.WriteLine($"  goal (≥ 200 saves/s, p99 < 100 ms, 0 errors, 0 lost updates): {(met ? "met" : "missed")}");
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("name=\"Input\\.Actuals\\[(\\d+)\\]\"")]
    private static partial Regex ActualPattern();

    [GeneratedRegex("<p class=\"error\" role=\"alert\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex ErrorPattern();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex DigitsPattern();
}
