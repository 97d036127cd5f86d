using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Luoshi.Core.Data;
using Luoshi.Web.Tests.Work;

namespace Luoshi.Web.Tests.Pages;

/// <summary>
/// Issue 13: Chinese throughout. Signs in as each role, follows the links its pages offer (the menu, then what each page
/// links to, two pages of each shape), and reads the text a person sees: no account id (GUID), no stored code in ASCII
/// (sign-in, lock-period, unknown-unit …) or enum name (Submitted, WorkPlan …), and no ISO date inside a Chinese sentence
/// (截至 2026-12-02): dates in sentences read 2026年12月2日. Not read: input values, scripts, code, the notice's own text
/// (.source), and the audit log's stored before/after (.json), which the 审计管理员 reads as recorded; ids are checked there too.
/// A lone ISO date in a table cell, and a time stamp (2026-07-03 10:15), are allowed.
/// </summary>
public sealed partial class VisibleTextTests
{
    private const int PagesPerRole = 70;
    private const int PagesPerShape = 2;

    /// <summary>Every role there is: office, clerk, head, leader, admin, security admin, auditor, city viewer.</summary>
    public static TheoryData<string> Roles => new()
    {
        "jiangan.office", "jiangan.fgj.clerk", "jiangan.fgj.head", "jiangan.leader", "admin", "security", "auditor", "city",
    };

    private static readonly HashSet<string> EnumNames = [.. new[] { typeof(Core.Data.LuoshiDb).Assembly, typeof(Parsing.Diagnostic).Assembly, typeof(Program).Assembly }
        .SelectMany(a => a.GetTypes()).Where(t => t.IsEnum && t.IsPublic)
        .SelectMany(Enum.GetNames).Where(n => (n.Length >= 3 && n.Any(char.IsLower)) || QuarterCode().IsMatch(n))];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryPageARoleReaches_ShowsNoIdsNoCodesAndNoIsoDatesInSentences(string user)
    {
        await using var app = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        await SeedActivityAsync(app);
        using var client = await app.SignedInClientAsync(user);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/"]);
        var findings = new List<string>();
        int visited = 0;
        while (queue.Count > 0 && visited < PagesPerRole)
        {
            string url = queue.Dequeue();
            using var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            visited++;
            var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            foreach (var link in doc.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                string href = WebUtility.HtmlDecode(link);
                if (Followed(href) && seen.Add(href))
                {
                    string shape = Shape(href);
                    int n = shapes.GetValueOrDefault(shape);
                    if (n < PagesPerShape)
                    {
                        shapes[shape] = n + 1;
                        queue.Enqueue(href);
                    }
                }
            }

            findings.AddRange(Scan(doc).Select(f => $"{url}: {f}"));
        }

        visited.ShouldBeGreaterThan(user is "admin" or "security" or "auditor" ? 2 : 5, "the crawl must reach the role's pages");
        findings.ShouldBeEmpty(user + " sees codes, ids or ISO dates in sentences:\n" + string.Join("\n", findings.Distinct().Take(60)));
    }

    /// <summary>The checks alone, on fixed HTML: they must catch what issue 13 saw, and let through what is allowed.</summary>
    [Fact]
    public void Scan_FindsTheLeaksIssue13Saw_AndAllowsCellsInputsAndTimes()
    {
        static List<string> Of(string body) => Scan(new HtmlParser().ParseDocument("<html><body>" + body + "</body></html>"));

        Of("<table><tr><td>sign-in</td><td>lock-period</td></tr></table>").Count.ShouldBe(2);
        Of("<li><span class=\"code\">unknown-unit</span></li>").ShouldHaveSingleItem().ShouldContain("unknown-unit");
        Of("<p>对象：3f2504e0-4f89-11d3-9a0c-0305e82c3301</p>").ShouldHaveSingleItem().ShouldContain("id");
        Of("<table><tr><td>AwaitingHead</td></tr></table>").ShouldHaveSingleItem().ShouldContain("AwaitingHead");
        Of("<p>截至 <span class=\"today\">2026-12-02</span>，序时进度 92%。</p>").ShouldHaveSingleItem().ShouldContain("2026-12-02");
        Of("<select><option>第三季度（2026-10-08前报送）</option></select>").ShouldHaveSingleItem();
        Of("<p>第一季度情况应于 2026-04-10 前报送，尚未报送。</p>").ShouldHaveSingleItem();
        Of("<table><tr><td class=\"json\">{\"leader\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"}</td></tr></table>").ShouldHaveSingleItem("an id is an id even in the stored record");

        Of("<table><tr><td>2026-04-10</td><td>按时报送</td></tr></table>").ShouldBeEmpty("a date alone in a cell");
        Of("<p>第 3 版（jiangan.fgj.clerk 于 2026-07-03 10:15 保存）</p>").ShouldBeEmpty("a time stamp");
        Of("<p>截至2026年12月2日，序时进度 92%。</p><input type=\"date\" value=\"2026-12-02\" />").ShouldBeEmpty();
        Of("<table><tr><td class=\"json\">{\"State\":\"Submitted\",\"at\":\"2026-04-10\"}</td></tr></table><code>no-plan</code>").ShouldBeEmpty("stored records and code");
        Of("<p>下载 江岸区-2026-04-10.xlsx，联系 li@jiangan-gov.cn，GDP 增长 5%，5G 基站</p>").ShouldBeEmpty("file names, addresses, acronyms");
    }

    /// <summary>Some of a year's activity, so the audit log, the work list and the inbox have more than sign-ins to show.</summary>
    private static async Task SeedActivityAsync(LuoshiWebFactory app)
    {
        using (var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
        {
            await LuoshiWebFactory.SignInAsync(anonymous, "jiangan.office", "wrong-password-1");
        }

        using var office = await app.SignedInClientAsync("jiangan.office");
        (await WorkClient.StepAsync(office, "/Work?handler=Lock&district=jiangan", ("period", "Q1"), ("confirm", "true"))).ShouldStartWith("/Work");
        int district = app.WithDb(db => db.Districts.Where(d => d.Code == "jiangan").Select(d => d.Id).Single());
        int unit = app.WithDb(db => db.Units.Where(u => u.Name == "区发展和改革局" && u.DistrictId == district).Select(u => u.Id).Single());
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(office, "/Orders?district=jiangan");
        using var issued = await office.PostAsync("/Orders?district=jiangan&handler=Issue", new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["unitId"] = unit.ToString(CultureInfo.InvariantCulture),
            ["itemId"] = "",
            ["subject"] = "重点项目进度滞后",
            ["requirement"] = "请于反馈时限前书面报告进度及下步措施。",
            ["replyBy"] = Core.Features.Supervision.DistrictClock.Today(TimeProvider.System).AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = token,
        }));
        issued.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>Links to pages (not downloads, not sign-out, not another site).</summary>
    private static bool Followed(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/api", StringComparison.OrdinalIgnoreCase)
        && !href.Contains("handler=", StringComparison.OrdinalIgnoreCase) && !href.StartsWith("/Account/Logout", StringComparison.Ordinal)
        && !href.Contains('#', StringComparison.Ordinal) && !Download().IsMatch(href);

    /// <summary>A page's shape: its path with numbers as {n}, and the names of its query fields.</summary>
    private static string Shape(string href)
    {
        int q = href.IndexOf('?', StringComparison.Ordinal);
        string path = Number().Replace(q < 0 ? href : href[..q], "{n}");
        string query = q < 0 ? string.Empty : string.Join("&", href[(q + 1)..].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal));
        return path + "?" + query;
    }

    private static List<string> Scan(IDocument doc)
    {
        var body = doc.Body!;
        foreach (var e in body.QuerySelectorAll("script, style, template, textarea, [hidden]").ToList())
        {
            e.Remove();
        }

        var found = new List<string>();
        // Ids: everywhere a person reads, the stored before/after included.
        foreach (var text in body.QuerySelectorAll("*").SelectMany(e => e.ChildNodes.OfType<IText>()).Select(t => t.Data))
        {
            found.AddRange(Guid().Matches(text).Select(m => $"account id {m.Value} in “{Clip(text)}”"));
        }

        foreach (var e in body.QuerySelectorAll("code, pre, .json, .source").ToList())
        {
            e.Remove();
        }

        foreach (var text in body.QuerySelectorAll("*").SelectMany(e => e.ChildNodes.OfType<IText>()).Select(t => t.Data))
        {
            found.AddRange(Kebab().Matches(text).Select(m => $"code “{m.Value}” in “{Clip(text)}”"));
            found.AddRange(Word().Matches(text).Where(m => EnumNames.Contains(m.Value)).Select(m => $"enum name “{m.Value}” in “{Clip(text)}”"));
        }

        // ISO dates in sentences: in the text of each innermost block (a paragraph, a cell, an option …) that is Chinese.
        foreach (var block in body.QuerySelectorAll(Blocks).Where(b => b.QuerySelector(Blocks) is null))
        {
            string text = block.TextContent;
            if (Cjk().IsMatch(text))
            {
                found.AddRange(IsoDate().Matches(text).Select(m => $"ISO date {m.Value} in the sentence “{Clip(text)}”"));
            }
        }

        return found;
    }

    private const string Blocks = "p, li, td, th, dd, dt, option, h1, h2, h3, h4, h5, h6, label, caption, legend, button, summary, figcaption";

    private static string Clip(string text)
    {
        string t = Regex.Replace(text, @"\s+", " ").Trim();
        return t.Length <= 80 ? t : t[..80] + "…";
    }

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    /// <summary>sign-in, lock-period, unknown-unit: lower-case words joined by hyphens, not inside an address or file name.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_.@/:\-])[a-z]+(?:-[a-z]+)+(?![A-Za-z0-9_.@/:\-])")]
    private static partial Regex Kebab();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.@/:\-])[A-Za-z][A-Za-z0-9]*(?![A-Za-z0-9_.@/:\-])")]
    private static partial Regex Word();

    /// <summary>2026-04-10, unless part of a name (江岸区-2026-04-10.xlsx) or followed by a time (2026-07-03 10:15).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])\d{4}-\d{2}-\d{2}(?![A-Za-z0-9_\-.])(?!\s*\d{1,2}:\d{2})")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"^Q[1-4]$")]
    private static partial Regex QuarterCode();

    [GeneratedRegex(@"(?<=/)\d+(?=/|$)")]
    private static partial Regex Number();

    [GeneratedRegex(@"\.(xlsx|docx|pdf|csv|zip|png|jpg|ofd|wps)(\?|$)|/Evidence|/Download|Xlsx|Pdf|Docx", RegexOptions.IgnoreCase)]
    private static partial Regex Download();
}
