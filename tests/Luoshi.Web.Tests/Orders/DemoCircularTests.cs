using System.Diagnostics;
using System.Text.Json;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Circulars;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Tests.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Orders;

/// <summary>
/// The demo districts' third-quarter circulars, drafted after the Q3 deadline on the demo data, as an office would send them:
/// each late unit named once (in the late section), no clause repeated more than ten times, at most eight pages of PDF.
/// </summary>
public sealed class DemoCircularTests
{
    [Theory]
    [InlineData("jiangan")]
    [InlineData("hongshan")]
    public async Task Q3Circular_EachLateUnitOnce_NoPadding_AtMostEightPages(string code)
    {
        await using var host = await ReminderHost.StartAsync(new DateOnly(2026, 10, 20), mail: false);
        int district = await host.WithDbAsync((db, _) => db.Districts.Where(d => d.Code == code).Select(d => d.Id).SingleAsync());
        var office = new Actor(code + ".office", "督查室", AppRole.Office, district, null);

        var (circular, docx) = await host.WithDbAsync(async (_, sp) =>
        {
            var service = sp.GetRequiredService<CircularService>();
            var draft = await service.CreateDraftAsync(district, ReportPeriod.Q3, office);
            draft.Failure.ShouldBeNull();
            return (draft.Value!, OfficialDocumentWriter.WriteDocx(await service.DocumentAsync(draft.Value!)));
        });

        var late = JsonSerializer.Deserialize<List<string>>(circular.LateUnits)!;
        late.ShouldNotBeEmpty("nothing is filed for Q3 in the demo data");
        string body = circular.Body;
        int from = body.IndexOf("二、", StringComparison.Ordinal), to = body.IndexOf("三、", from, StringComparison.Ordinal);
        string lateSection = body[from..to];
        foreach (string unit in late)
        {
            // Named once: in the numbered list ("12.区发改局：", "※" when it also owes the items every unit shares), or among
            // the units late on the shared items only ("…、区审计局、…仅这些事项").
            System.Text.RegularExpressions.Regex.Matches(lateSection, "(?<=[.、：]|其中)" + System.Text.RegularExpressions.Regex.Escape(unit) + "(?=[：※、]|仅这些)").Count
                .ShouldBe(1, unit);
        }

        // A clause: text between punctuation. Item numbers ("第138", "142项") and the part names that qualify them are the
        // content of the late list, not padding.
        var partNames = await host.WithDbAsync((db, _) => (from p in db.PlanParts join pl in db.Plans on p.PlanId equals pl.Id where pl.DistrictId == district select p.Title).ToListAsync());
        var shortParts = partNames.Select(CircularServicePartName).ToHashSet(StringComparer.Ordinal);
        var clauses = body.Split(['，', '。', '；', '：', '、', '\n', '|', '（', '）'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.TrimStart('第').TrimEnd('项'))
            .Where(c => c.Length >= 4 && !c.All(ch => char.IsAsciiDigit(ch) || ch is '%' or '.') && !shortParts.Contains(c)
                && !shortParts.Any(p => c.StartsWith(p, StringComparison.Ordinal) && c[p.Length..].TrimStart('第').All(char.IsAsciiDigit)))
            .GroupBy(c => c, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).Where(g => g.Item2 > 10).ToList();
        clauses.ShouldBeEmpty("no phrase repeated more than ten times");

        var pdf = await new PdfConverter().ConvertDocxToPdfAsync(docx, default);
        pdf.Failure.ShouldBeNull();
        string dir = Path.Combine(AppContext.BaseDirectory, "q3-" + code);
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, "circular.pdf");
        await File.WriteAllBytesAsync(file, pdf.Value!);
        await File.WriteAllBytesAsync(Path.Combine(dir, "circular.docx"), docx);
        int pages = int.Parse(Tool("pdfinfo", file).Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        pages.ShouldBeLessThanOrEqualTo(8, $"{late.Count} late units");
    }

    // The part's name as the circular prints it: "二、2026 年重点工作（共 131 项）" → "重点工作".
    private static string CircularServicePartName(string title)
    {
        string t = string.Concat(title.Where(c => !char.IsWhiteSpace(c)));
        int comma = t.IndexOf('、', StringComparison.Ordinal);
        t = comma is > 0 and <= 3 ? t[(comma + 1)..] : t;
        int paren = t.IndexOf('（', StringComparison.Ordinal);
        t = paren > 0 ? t[..paren] : t;
        return t.Length > 5 && t[4] == '年' && t[..4].All(char.IsAsciiDigit) ? t[5..] : t;
    }

    private static int Count(string text, string part)
    {
        int n = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    internal static string Tool(string name, params string[] args)
    {
        var psi = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.ShouldBe(0, name + ": " + p.StandardError.ReadToEnd());
        return output;
    }
}
