using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Luoshi.Core.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Load;

/// <summary>
/// The reminder sweep as the product runs it: every web instance runs <c>ReminderJob</c> as it starts (and then every 30
/// minutes), under the database lease "reminder-sweep", so one instance sweeps every district and the others skip. The watch
/// reads the lease from before the instances start: a run takes it with ExpiresAt = now + 30 min (so its start is ExpiresAt −
/// 30 min, read before the first district is done) and gives it back with ExpiresAt = now − 1 s (its end); both are the web
/// app's own clock. The counts come from the run's log line and from the database.
/// </summary>
public sealed partial class SweepWatch
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(30);
    private readonly LoadOptions _options;
    private readonly List<(string Holder, DateTimeOffset Start, DateTimeOffset? End)> _runs = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _poll = Task.CompletedTask;
    private long _notificationsBefore;

    private SweepWatch(LoadOptions options) => _options = options;

    public static SweepWatch Start(LoadOptions options)
    {
        var watch = new SweepWatch(options);
        using (var db = Dataset.Open(options.DatabaseConnection))
        {
            // The reminders of earlier runs are forgotten, so that every run times the day's first sweep (not one that finds
            // everything already stored).
            db.Notifications.Where(n => n.Kind == NotificationKinds.BeforeDue || n.Kind == NotificationKinds.Overdue || n.Kind == NotificationKinds.Unreachable).ExecuteDelete();
            watch._notificationsBefore = db.Notifications.LongCount();
        }

        watch._poll = Task.Run(watch.PollAsync);
        return watch;
    }

    private async Task PollAsync()
    {
        await using var db = Dataset.Open(_options.DatabaseConnection);
        string? before = await db.Leases.AsNoTracking().Where(l => l.Name == "reminder-sweep").Select(l => l.Holder).FirstOrDefaultAsync();
        while (!_stop.IsCancellationRequested)
        {
            var lease = await db.Leases.AsNoTracking().Where(l => l.Name == "reminder-sweep").Select(l => new { l.Holder, l.ExpiresAt }).FirstOrDefaultAsync();
            if (lease is not null && lease.Holder != before)
            {
                lock (_runs)
                {
                    int i = _runs.FindIndex(r => r.Holder == lease.Holder);
                    bool held = lease.ExpiresAt > DateTimeOffset.UtcNow;
                    if (i < 0)
                    {
                        _runs.Add((lease.Holder, held ? lease.ExpiresAt - LeaseTime : lease.ExpiresAt, held ? null : lease.ExpiresAt.AddSeconds(1)));
                    }
                    else if (!held && _runs[i].End is null)
                    {
                        _runs[i] = _runs[i] with { End = lease.ExpiresAt.AddSeconds(1) };
                    }
                }
            }

            try
            {
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits until every instance is up and no sweep holds the lease (for 3 s), then prints what the sweeps did.</summary>
    public async Task WaitAsync(WebFarm farm)
    {
        ArgumentNullException.ThrowIfNull(farm);
        var quietSince = Stopwatch.StartNew();
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromMinutes(10))
        {
            bool running;
            lock (_runs)
            {
                running = _runs.Count == 0 || _runs.Any(r => r.End is null);
            }

            if (running)
            {
                quietSince.Restart();
            }
            else if (quietSince.Elapsed > TimeSpan.FromSeconds(3))
            {
                break;
            }

            await Task.Delay(100);
        }

        await _stop.CancelAsync();
        await _poll;
        await using var db = Dataset.Open(_options.DatabaseConnection);
        long stored = await db.Notifications.LongCountAsync() - _notificationsBefore;
        int districts = await db.Plans.Select(p => p.DistrictId).Distinct().CountAsync();
        foreach (var (holder, start, end) in _runs)
        {
            string took = end is { } e ? $"{(e - start).TotalSeconds:0.0} s" : "not finished";
            Console.WriteLine($"  reminder sweep by {holder}: {took} over {districts} districts with a plan");
        }

        foreach (var s in farm.Servers)
        {
            foreach (string line in s.LogLines("Reminders for"))
            {
                Console.WriteLine($"    instance {s.BaseUrl}: {line.Trim()}");
            }
        }

        Console.WriteLine($"  notifications stored by the sweep(s): {stored:N0}");
    }
}

/// <summary>Each instance's resident memory (VmRSS), sampled every second while it runs: the peak and the last sample.</summary>
public sealed class MemoryProbe : IDisposable
{
    private readonly WebFarm _farm;
    private readonly double[] _peak;
    private readonly double[] _last;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private MemoryProbe(WebFarm farm)
    {
        _farm = farm;
        _peak = new double[farm.Servers.Count];
        _last = new double[farm.Servers.Count];
        _loop = Task.Run(LoopAsync);
    }

    public static MemoryProbe Start(WebFarm farm) => new(farm ?? throw new ArgumentNullException(nameof(farm)));

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(1000, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Sample()
    {
        var now = _farm.ResidentMegabytes();
        lock (_peak)
        {
            for (int i = 0; i < now.Count; i++)
            {
                _last[i] = now[i];
                _peak[i] = Math.Max(_peak[i], now[i]);
            }
        }
    }

    public void Print(string when)
    {
        Sample();
        lock (_peak)
        {
            for (int i = 0; i < _peak.Length; i++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  memory {when}: instance {i + 1} (pid {_farm.Servers[i].ProcessId}) resident peak {_peak[i]:0} MiB, now {_last[i]:0} MiB ({_farm.Servers[i].ResidentParts()}) (goal < 400 MB: {(_peak[i] * 1.048576 < 400 ? "met" : "missed")})"));
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait();
        _stop.Dispose();
    }
}

/// <summary>
/// The timed operations of the office, through the product's HTTP endpoints as a browser sends them: import and publish of a
/// 200-item notice (upload, the draft page, the summary, the confirmed publish), and a quarterly circular drafted and
/// downloaded as .docx and as PDF (LibreOffice; the first PDF of a version is converted, later ones come from the cache).
/// </summary>
public static partial class Operations
{
    public const int NoticeYear = Dataset.Year + 1;

    public static async Task RunAsync(WebFarm farm, LoadOptions options, IReadOnlyList<string> districts)
    {
        ArgumentNullException.ThrowIfNull(farm);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(districts);
        Console.WriteLine();
        Console.WriteLine($"Operations (load {Machine.LoadAverage()}):");
        // The import goes to the first district (a new year's plan: the read pages above are not affected, they ran before);
        // the circular to the second (its 2025 year, untouched by the import).
        await ImportAndPublishAsync(farm.Urls[0], districts[0], options);
        await CircularAsync(farm.Urls[farm.Urls.Count - 1], districts[Math.Min(1, districts.Count - 1)]);
    }

    private static async Task ImportAndPublishAsync(string baseUrl, string code, LoadOptions options)
    {
        await using var db = Dataset.Open(options.DatabaseConnection);
        var district = await db.Districts.AsNoTracking().SingleAsync(d => d.Code == code);
        // 团区委 is left out: the reader joins it with a following 街道办事处 ("团区委、大智街道办事处" read as one unknown unit).
        var units = await db.Units.AsNoTracking().Where(u => u.DistrictId == district.Id && u.Name != "团区委").OrderBy(u => u.Id).Select(u => u.Name).ToListAsync();
        byte[] notice = Encoding.UTF8.GetBytes(Notice(district.Name, units, NoticeYear, Dataset.ItemsPerDistrict));
        using var client = await SignedInAsync(baseUrl, code + ".office");

        var total = Stopwatch.StartNew();
        var step = Stopwatch.StartNew();
        string token = Token(await client.GetStringAsync("/Imports"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(notice);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", $"{district.Name[..1]}政办〔{NoticeYear}〕1号.txt");
        using var upload = await client.PostAsync("/Imports", form);
        string draft = upload.Headers.Location?.OriginalString ?? throw new InvalidOperationException("upload refused: " + Error(await upload.Content.ReadAsStringAsync()));
        double uploaded = Lap(step);
        string page = await client.GetStringAsync(draft);
        double reviewed = Lap(step);
        if (page.Contains("<button type=\"submit\" disabled>发布到现行计划</button>", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the draft cannot be published (unknown units?); see " + draft);
        }

        using var summary = await PostAsync(client, draft + "?handler=Publish", Token(page), ("version", Version(page)));
        string summaryPage = await summary.Content.ReadAsStringAsync();
        double summarised = Lap(step);
        if (SummaryPattern().Match(summaryPage) is not { Success: true } sum)
        {
            throw new InvalidOperationException("no publish summary: " + Error(summaryPage));
        }

        using var publish = await PostAsync(client, draft + "?handler=Publish", Token(summaryPage), ("version", Version(summaryPage)), ("confirm", "true"));
        double published = Lap(step);
        total.Stop();
        if (publish.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("publish refused: " + Error(await publish.Content.ReadAsStringAsync()));
        }

        int items = await db.Plans.Where(p => p.DistrictId == district.Id && p.Year == NoticeYear).Select(p => p.Items.Count).SingleAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  import + publish of a {Dataset.ItemsPerDistrict}-item notice ({notice.Length:N0} bytes) for {district.Name}: {total.Elapsed.TotalSeconds:0.00} s (goal < 2 s: {(total.Elapsed.TotalSeconds < 2 ? "met" : "missed")})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    upload and read {uploaded:0.00} s, draft page {reviewed:0.00} s ({page.Length:N0} chars), summary {summarised:0.00} s (\"{sum.Value}\"), publish {published:0.00} s; published plan {NoticeYear}: {items} items"));
    }

    private static async Task CircularAsync(string baseUrl, string code)
    {
        using var client = await SignedInAsync(baseUrl, code + ".office");
        var step = Stopwatch.StartNew();
        string list = await client.GetStringAsync("/Circulars?district=" + code);
        using var create = await PostAsync(client, $"/Circulars?district={code}&handler=Create", Token(list), ("period", "Q4"));
        string edit = create.Headers.Location?.OriginalString ?? throw new InvalidOperationException("circular not created: " + Error(await create.Content.ReadAsStringAsync()));
        double created = Lap(step);
        string sep = edit.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var (docx, docxSeconds) = await DownloadAsync(client, edit + sep + "handler=Docx", "PK");
        var (pdf, pdfSeconds) = await DownloadAsync(client, edit + sep + "handler=Pdf", "%PDF");
        var (_, cachedSeconds) = await DownloadAsync(client, edit + sep + "handler=Pdf", "%PDF");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  circular (Q4, {code}) drafted in {created:0.00} s; .docx {docxSeconds:0.00} s ({docx:N0} bytes; goal < 1 s: {(docxSeconds < 1 ? "met" : "missed")}); PDF {pdfSeconds:0.00} s ({pdf:N0} bytes; goal < 10 s: {(pdfSeconds < 10 ? "met" : "missed")}); the PDF again (cached) {cachedSeconds:0.00} s"));
    }

    private static async Task<(long Bytes, double Seconds)> DownloadAsync(HttpClient client, string url, string magic)
    {
        var sw = Stopwatch.StartNew();
        using var r = await client.GetAsync(url);
        byte[] body = await r.Content.ReadAsByteArrayAsync();
        sw.Stop();
        if (r.StatusCode != HttpStatusCode.OK || body.Length < magic.Length || Encoding.ASCII.GetString(body, 0, magic.Length) != magic)
        {
            throw new InvalidOperationException($"{url}: {(int)r.StatusCode}, not a {magic} file: {Error(Encoding.UTF8.GetString(body))}");
        }

        return (body.Length, sw.Elapsed.TotalSeconds);
    }

    private static double Lap(Stopwatch sw)
    {
        double s = sw.Elapsed.TotalSeconds;
        sw.Restart();
        return s;
    }

    private static async Task<HttpClient> SignedInAsync(string baseUrl, string userName)
    {
        var cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(120) };
        string token = Token(await client.GetStringAsync("/Account/Login"));
        using var signIn = await PostAsync(client, "/Account/Login", token, ("userName", userName), ("password", Dataset.Password));
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)signIn.StatusCode}");
        }

        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string token, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token)).ToList();
        return client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token on the page");

    private static string Version(string html) => VersionPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no version on the page");

    private static string Error(string html) => ErrorPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : html[..Math.Min(300, html.Length)];

    /// <summary>
    /// A district's notice of <paramref name="items"/> items for <paramref name="year"/>, laid out as the seeds are (header, 文号,
    /// the calendar paragraph, 附件 with four parts, numbered items, 责任单位 lines), naming only the district's own units (the
    /// first of an item's units leads), so that it reads and resolves without corrections.
    /// </summary>
    public static string Notice(string districtName, IReadOnlyList<string> units, int year, int items)
    {
        ArgumentNullException.ThrowIfNull(districtName);
        ArgumentNullException.ThrowIfNull(units);
        var rng = new Random(year);
        var sb = new StringBuilder();
        void P(string line) => sb.Append(line).Append("\n\n");
        P($"武汉市{districtName}人民政府办公室文件");
        P($"{districtName[..1]}政办〔{year}〕1号");
        P($"区人民政府办公室关于印发 {year} 年区政府工作报告确定的主要目标任务责任分解方案的通知");
        P("各街道办事处，区人民政府各部门，各有关单位：");
        P($"《{year} 年区〈政府工作报告〉确定的主要目标任务责任分解方案》已经区人民政府同意，现印发给你们，请认真贯彻执行。");
        P($"各责任单位要根据所承担责任事项，逐项进行研究，制订本单位工作方案，经单位主要负责人审定后，于1月20日前报区人民政府办公室。各责任单位于{year}年4月10日、7月10日、10月10日及{year + 1}年1月10日前，将第一、第二、第三季度及全年责任事项完成情况，经本单位主要负责人审定后报区人民政府办公室。");
        P($"附件：{year} 年{districtName}政府工作报告目标任务责任分解方案");
        P("区人民政府办公室");
        P($"{year} 年 1 月 13 日");
        P("附件");
        P($"{year} 年区《政府工作报告》目标任务责任分解方案");
        int targets = 8, self = 12, livelihood = Math.Max(1, (items - 20) * 2 / 9);
        int key = Math.Max(1, items - targets - self - livelihood);
        (string Title, int Count, bool Groups)[] parts =
        [
            ($"一、{year} 年经济社会发展主要预期目标", targets, false), ($"二、{year} 年重点工作", key, true),
            ("三、加强政府自身建设", self, false), ($"四、{year} 年民生实事", livelihood, false),
        ];
        string[] numerals = ["一", "二", "三", "四", "五", "六", "七", "八"];
        string[] goals = ["地区生产总值增长 6%左右。", "固定资产投资增长 5%以上。", "社会消费品零售总额增长 6%左右。", "地方一般公共预算收入增长 3%。",
            "城镇居民人均可支配收入增长 6%。", "城镇新增就业 2 万人以上。", "单位地区生产总值能耗下降 2.5%。", "空气质量优良率达到 80%以上。"];
        int number = 0;
        foreach (var (title, count, groups) in parts)
        {
            P($"{title}（共 {count} 项）");
            for (int k = 0; k < count; k++)
            {
                if (groups && (k == 0 || (k - 1) * 8 / count != k * 8 / count))
                {
                    P($"（{numerals[k * 8 / count]}）{Pick(rng, Verbs)}{Pick(rng, Objects)}");
                }

                number++;
                string text = title.StartsWith("一、", StringComparison.Ordinal)
                    ? goals[k % goals.Length]
                    : $"{Pick(rng, Verbs)}{Pick(rng, Objects)}，{Pick(rng, Verbs)}{Pick(rng, Objects)}，确保取得明显成效。";
                P($"{number}. {text}");
                var named = Enumerable.Range(0, units.Count).OrderBy(_ => rng.Next()).Take(1 + rng.Next(3)).Select(i => units[i]);
                P("责任单位：" + string.Join("、", named));
            }
        }

        return sb.ToString();
    }

    private static readonly string[] Verbs = ["推进", "加快", "实施", "完善", "深化", "落实", "提升", "健全", "开展", "打造"];

    private static readonly string[] Objects =
    [
        "老旧小区改造", "城市更新重点片区建设", "营商环境优化", "科技创新平台建设", "重点项目招商引资", "养老服务体系建设", "基础教育扩容提质",
        "医疗卫生服务能力提升", "生态环境综合治理", "智慧城市建设", "安全生产专项整治", "就业创业服务", "文旅商融合发展", "数字经济发展",
    ];

    private static string Pick(Random rng, string[] from) => from[rng.Next(from.Length)];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("将发布 \\d+ 年计划：\\d+ 项任务，涉及 \\d+ 个单位。")]
    private static partial Regex SummaryPattern();

    [GeneratedRegex("class=\"error\"[^>]*>([^<]+)<")]
    private static partial Regex ErrorPattern();
}
