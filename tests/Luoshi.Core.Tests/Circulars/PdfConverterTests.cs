using System.Diagnostics;
using System.Text;
using Luoshi.Core.Features.Circulars;

namespace Luoshi.Core.Tests.Circulars;

/// <summary>Real LibreOffice and poppler: CI installs both (scripts/setup-test-deps.sh); without them these tests fail and say so.</summary>
public class PdfConverterTests
{
    private const string Missing = "LibreOffice (soffice) 未安装：运行 scripts/setup-test-deps.sh 安装 libreoffice-writer-nogui 后再测。";

    [Fact]
    public async Task ConvertDocxToPdfAsync_CircularAndOrderAtOnce_GivesA4PdfsWithTheirTextAndAPageImage()
    {
        var converter = new PdfConverter();
        converter.FindExecutable().ShouldNotBeNull(Missing);
        var circular = CircularSamples.Circular(CircularSamples.JiangAnQ2());
        var order = SupervisionOrderComposer.ToDocument(SupervisionOrderComposerTests.Facts, SupervisionOrderComposer.Compose(SupervisionOrderComposerTests.Facts));

        byte[] circularDocx = OfficialDocumentWriter.WriteDocx(circular), orderDocx = OfficialDocumentWriter.WriteDocx(order);

        // Two at once: each call has its own LibreOffice profile, so neither waits for nor breaks the other.
        var results = await Task.WhenAll(
            converter.ConvertDocxToPdfAsync(circularDocx, CancellationToken.None),
            converter.ConvertDocxToPdfAsync(orderDocx, CancellationToken.None));

        results.ShouldAllBe(r => r.Ok, string.Join(" / ", results.Select(r => r.Failure?.Message)));
        string screenshots = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        string documents = Path.Combine(RepositoryRoot(), "artifacts", "documents");
        Directory.CreateDirectory(screenshots);
        Directory.CreateDirectory(documents);
        await File.WriteAllBytesAsync(Path.Combine(documents, "circular.docx"), circularDocx);
        await File.WriteAllBytesAsync(Path.Combine(documents, "supervision-order.docx"), orderDocx);

        string circularPdf = Path.Combine(documents, "circular.pdf");
        await File.WriteAllBytesAsync(circularPdf, results[0].Value!);
        Encoding.ASCII.GetString(results[0].Value!, 0, 5).ShouldBe("%PDF-");
        Tool("pdfinfo", circularPdf).ShouldContain("(A4)");
        string fonts = Tool("pdffonts", circularPdf);
        fonts.ShouldContain("NotoSerifCJK", customMessage: "仿宋_GB2312 and 方正小标宋简体 fall back to a serif face (fonts-noto-cjk), not to the sans default");
        fonts.ShouldContain("NotoSansCJK", customMessage: "黑体 falls back to a sans face");
        fonts.ShouldContain("NotoSerifCJK", customMessage: "小标宋 falls back to the serif face's bold");
        fonts.ShouldContain("Bold", customMessage: "小标宋 falls back to the serif face's bold");
        fonts.ShouldContain("LXGWWenKai", customMessage: "楷体 falls back to LXGW WenKai (fonts-lxgw-wenkai)");
        foreach (string line in fonts.Split('\n').Skip(2).Where(l => l.Trim().Length > 0))
        {
            line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5].ShouldBe("yes", "every font embedded: " + line);
        }

        string text = Flat(Tool("pdftotext", "-enc", "UTF-8", circularPdf, "-"));
        text.ShouldContain("江岸区人民政府办公室文件");
        text.ShouldContain("岸政办督〔2026〕3号");
        text.ShouldContain("关于2026年第二季度政府工作报告目标任务推进情况的通报");
        text.ShouldContain("二七街道办事处");
        text.ShouldContain("2026年7月15日印发");
        text.ShouldContain("—1—", customMessage: "the page number in the footer");

        string orderPdf = Path.Combine(documents, "supervision-order.pdf");
        await File.WriteAllBytesAsync(orderPdf, results[1].Value!);
        string orderText = Flat(Tool("pdftotext", "-enc", "UTF-8", orderPdf, "-"));
        orderText.ShouldContain("督办单");
        orderText.ShouldContain("反馈时限");

        Tool("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", circularPdf, Path.Combine(screenshots, "circular-page1"));
        Tool("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", orderPdf, Path.Combine(screenshots, "supervision-order-page1"));
        var png = new FileInfo(Path.Combine(screenshots, "circular-page1.png"));
        png.Exists.ShouldBeTrue();
        png.Length.ShouldBeGreaterThan(10_000, "a page of text at 60 dpi, not a blank image");
        (await File.ReadAllBytesAsync(png.FullName))[1..4].ShouldBe("PNG"u8.ToArray());
    }

    [Fact]
    public async Task ConvertDocxToPdfAsync_OrderForm_LabelsAndDateOnOneLine_PageImage()
    {
        var converter = new PdfConverter();
        converter.FindExecutable().ShouldNotBeNull(Missing);
        var facts = SupervisionOrderComposerTests.Facts with { Contact = null };
        byte[] docx = OfficialDocumentWriter.WriteDocx(SupervisionOrderComposer.ToDocument(facts, SupervisionOrderComposer.Compose(facts)));
        var made = await converter.ConvertDocxToPdfAsync(docx, CancellationToken.None);
        made.Ok.ShouldBeTrue(made.Failure?.Message);

        string documents = Path.Combine(RepositoryRoot(), "artifacts", "documents");
        string screenshots = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(documents);
        Directory.CreateDirectory(screenshots);
        string pdf = Path.Combine(documents, "supervision-order-form.pdf");
        await File.WriteAllBytesAsync(pdf, made.Value!);
        // Rows never split: each label is on the same page as its value.
        for (int page = 1; page <= 2; page++)
        {
            string onPage = Flat(Tool("pdftotext", "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-enc", "UTF-8", pdf, "-"));
            onPage.Contains("分析滞后原因", StringComparison.Ordinal).ShouldBe(onPage.Contains("办理要求", StringComparison.Ordinal));
            onPage.Contains("第二季度进度滞后", StringComparison.Ordinal).ShouldBe(onPage.Contains("新增停车泊位", StringComparison.Ordinal));
        }


        // -layout keeps each printed line: a label broken inside its cell would show as two pieces on two lines.
        string[] lines = Tool("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").Split('\n').Select(l => string.Concat(l.Where(c => !char.IsWhiteSpace(c)))).ToArray();
        foreach (string label in SupervisionOrderComposer.Labels)
        {
            lines.ShouldContain(l => l.StartsWith(label, StringComparison.Ordinal), $"{label} on one line");
        }

        lines.ShouldContain(l => l.Contains("2026年7月25日前", StringComparison.Ordinal), "the reply date on one line");
        lines.ShouldContain(l => l.Contains("区住房和城市更新局、各街道办事处", StringComparison.Ordinal), "the units on one line");

        Tool("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, Path.Combine(screenshots, "supervision-order-form"));
        new FileInfo(Path.Combine(screenshots, "supervision-order-form.png")).Length.ShouldBeGreaterThan(10_000);
    }

    private const double Mm = 72 / 25.4;

    // Positions per GB/T 9704-2012 read back from the PDF with pdftotext -bbox (points from the page's top left).
    [Fact]
    public async Task ConvertDocxToPdfAsync_Circular_LayoutByTheStandard_MarkAtTheTopLinesOf28RecordAtTheFoot()
    {
        var converter = new PdfConverter();
        converter.FindExecutable().ShouldNotBeNull(Missing);
        var made = await converter.ConvertDocxToPdfAsync(OfficialDocumentWriter.WriteDocx(CircularSamples.Circular(CircularSamples.JiangAnQ2())), CancellationToken.None);
        made.Ok.ShouldBeTrue(made.Failure?.Message);
        string documents = Path.Combine(RepositoryRoot(), "artifacts", "documents");
        Directory.CreateDirectory(documents);
        string pdf = Path.Combine(documents, "circular-layout.pdf");
        await File.WriteAllBytesAsync(pdf, made.Value!);

        var pages = Bbox(pdf);
        var first = pages[0];
        var mark = first.Where(w => "江岸区人民政府办公室文件".Contains(w.Text, StringComparison.Ordinal)).ToList();
        mark.ShouldNotBeEmpty();
        (mark.Min(w => w.YMin) / Mm).ShouldBe(37, 1.0, "the issuer mark's top at the text block's top, 37 mm from the page's top");

        // Full lines: justified lines of body text reaching the right margin (210 − 26 mm); 28 characters each.
        double textRight = (210 - 26) * Mm, textLeft = 28 * Mm;
        var lines = pages.SelectMany(p => p.GroupBy(w => Math.Round(w.YMin, 0)).Select(g => g.OrderBy(w => w.XMin).ToList()))
            .Where(l => l.Count > 0 && Math.Abs(l[^1].XMax - textRight) < 2 && Math.Abs(l[0].XMin - textLeft) < 2
                && l.All(w => w.Text.All(c => c >= '\u2E80')) && Math.Abs(l[0].YMax - l[0].YMin - 16 * 1.25) < 6)
            .Select(l => string.Concat(l.Select(w => w.Text))).ToList();
        lines.Count.ShouldBeGreaterThan(5, "full lines of Chinese text");
        lines.ShouldAllBe(l => l.Length == 28, string.Join(" / ", lines.Take(5)));

        // The 版记 at the foot of the last page, within its bottom 60 mm, between rules as wide as the text block.
        var last = pages[^1];
        var printed = last.Where(w => w.Text.Contains("印发", StringComparison.Ordinal)).ShouldHaveSingleItem();
        (printed.YMin / Mm).ShouldBeGreaterThan(297 - 60, "印发 line in the last page's bottom 60 mm");
        last.ShouldContain(w => w.Text.StartsWith("抄送", StringComparison.Ordinal) && w.YMin / Mm > 297 - 60);
        (printed.XMax / Mm).ShouldBe(210 - 26 - 4.94, 1.0, "印发日期 one 四号 character in from the right");

        string svg = Path.Combine(documents, "circular-layout-last");
        Tool("pdftocairo", "-svg", "-f", pages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", pages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), pdf, svg + ".svg");
        var rules = Rules(await File.ReadAllTextAsync(svg + ".svg")).Where(r => r.Y / Mm > 297 - 60).ToList();
        rules.Count.ShouldBeGreaterThanOrEqualTo(2, "the first and the last rule of the 版记");
        rules.ShouldAllBe(r => Math.Abs(r.Width / Mm - 156) <= 1, string.Join(", ", rules.Select(r => (r.Width / Mm).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))));

        // 成文日期 four characters from the right, the issuer centred over it.
        var body = pages.SelectMany(p => p).ToList();
        var dateWords = pages.SelectMany(p => p.GroupBy(w => Math.Round(w.YMin, 0)).Select(g => g.OrderBy(w => w.XMin).ToList()))
            .Where(l => string.Concat(l.Select(w => w.Text)) == "2026年7月15日").ToList();
        var date = dateWords.ShouldHaveSingleItem();
        ((textRight - date[^1].XMax) / 16).ShouldBe(4, 0.2, "成文日期 右空四字");
        var issuer = body.Where(w => w.Text == "江岸区人民政府办公室" && w.YMin < date[0].YMin && date[0].YMin - w.YMin < 40).ShouldHaveSingleItem();
        // Within one character: LibreOffice 7.4 adds a narrow space between digits and Chinese (it ignores autoSpaceDN),
        // which widens the date by about 1.2 characters in the PDF; Word sets it 6.5 characters wide as written.
        ((issuer.XMin + issuer.XMax) / 2).ShouldBe((date[0].XMin + date[^1].XMax) / 2, 16, "the issuer centred over the date");
    }

    private sealed record Word(string Text, double XMin, double YMin, double XMax, double YMax);

    private static List<List<Word>> Bbox(string pdf)
    {
        var doc = System.Xml.Linq.XDocument.Parse(Tool("pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-").Replace("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">", string.Empty, StringComparison.Ordinal));
        static double A(System.Xml.Linq.XElement e, string n) => double.Parse(e.Attribute(n)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        return doc.Descendants().Where(e => e.Name.LocalName == "page")
            .Select(p => p.Descendants().Where(e => e.Name.LocalName == "word")
                .Select(w => new Word(w.Value, A(w, "xMin"), A(w, "yMin"), A(w, "xMax"), A(w, "yMax"))).ToList())
            .ToList();
    }

    // Horizontal stroked lines of an SVG page from pdftocairo ("M x y L x2 y" with its transform matrix), longer than
    // 100 mm, in points from the page's top left.
    private static List<(double Y, double Width)> Rules(string svg)
    {
        var found = new List<(double, double)>();
        static double D(string v) => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(svg,
            @"<path style=""[^""]*stroke-width[^""]*"" d=""M (?<x1>-?[\d.]+) (?<y1>-?[\d.]+) L (?<x2>-?[\d.]+) (?<y2>-?[\d.]+) "" transform=""matrix\((?<a>-?[\d.]+),0,0,(?<d>-?[\d.]+),(?<e>-?[\d.]+),(?<f>-?[\d.]+)\)""",
            System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(10)))
        {
            double a = D(m.Groups["a"].Value), d = D(m.Groups["d"].Value), f = D(m.Groups["f"].Value);
            double y1 = (d * D(m.Groups["y1"].Value)) + f, y2 = (d * D(m.Groups["y2"].Value)) + f;
            double width = Math.Abs(a * (D(m.Groups["x2"].Value) - D(m.Groups["x1"].Value)));
            if (Math.Abs(y1 - y2) < 0.5 && width > 100 * Mm)
            {
                found.Add((y1, width));
            }
        }

        return found;
    }

    [Fact]
    public async Task ConvertDocxToPdfAsync_NoLibreOffice_FailsWithTheChineseMessage()
    {
        string empty = Directory.CreateTempSubdirectory("luoshi-nolo-").FullName;
        try
        {
            var result = await new PdfConverter(searchPath: empty).ConvertDocxToPdfAsync([1, 2, 3], CancellationToken.None);
            result.Ok.ShouldBeFalse();
            result.Failure!.Message.ShouldBe("服务器未安装 LibreOffice，无法生成 PDF；可下载 Word 版本。");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    // A stand-in soffice that never finishes (a real process with a child): the time limit kills the whole tree.
    [Fact]
    public async Task ConvertDocxToPdfAsync_PastTheTimeLimit_KillsTheProcessTreeAndRemovesItsFiles()
    {
        using var fake = new FakeSoffice("pwd > \"$LOG/workdir\"\nsleep 600 &\necho $! > \"$LOG/child\"\nwait\n");
        var result = await new PdfConverter(TimeSpan.FromSeconds(2), fake.Directory).ConvertDocxToPdfAsync([1], CancellationToken.None);

        result.Failure!.Message.ShouldBe("生成 PDF 超时（超过 2 秒），已中止；可下载 Word 版本。");
        int child = int.Parse(fake.Read("child"), System.Globalization.CultureInfo.InvariantCulture);
        (await Ended(child)).ShouldBeTrue("the child of the killed process is killed too");
        Directory.Exists(fake.Read("workdir")).ShouldBeFalse("the temporary directory is removed");
    }

    [Fact]
    public async Task ConvertDocxToPdfAsync_CallerCancels_StopsAndThrows()
    {
        using var fake = new FakeSoffice("sleep 600 &\necho $! > \"$LOG/child\"\nwait\n");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Should.ThrowAsync<OperationCanceledException>(() => new PdfConverter(searchPath: fake.Directory).ConvertDocxToPdfAsync([1], cts.Token));
        (await Ended(int.Parse(fake.Read("child"), System.Globalization.CultureInfo.InvariantCulture))).ShouldBeTrue();
    }

    [Fact]
    public async Task ConvertDocxToPdfAsync_LibreOfficeFails_ReportsExitCodeAndItsMessage()
    {
        using var fake = new FakeSoffice("echo 'Error: source file could not be loaded' >&2\nexit 3\n");
        var result = await new PdfConverter(searchPath: fake.Directory).ConvertDocxToPdfAsync([1], CancellationToken.None);
        result.Failure!.Message.ShouldBe("LibreOffice 转换失败（退出码 3）：Error: source file could not be loaded；可下载 Word 版本。");
    }

    [Fact]
    public async Task ConvertDocxToPdfAsync_NoPdfWritten_SaysSo()
    {
        using var fake = new FakeSoffice("exit 0\n");
        var result = await new PdfConverter(searchPath: fake.Directory).ConvertDocxToPdfAsync([1], CancellationToken.None);
        result.Failure!.Message.ShouldBe("LibreOffice 未能生成 PDF；可下载 Word 版本。");
    }

    // Waits for the process to be gone (or a zombie nobody reaps in a container); false if it still runs after 30 s.
    private static async Task<bool> Ended(int pid)
    {
        for (int i = 0; i < 300; i++)
        {
            string stat = Path.Combine("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "stat");
            if (!File.Exists(stat))
            {
                return true;
            }

            try
            {
                string s = await File.ReadAllTextAsync(stat);
                if (s[(s.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static string Flat(string text) =>
        new(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static string Tool(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException(exe + " did not start (poppler-utils installed?)");
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.ShouldBe(0, $"{exe}: {stderr}");
        return stdout.Result;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Luoshi.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Luoshi.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A shell script named soffice in a directory of its own; $LOG is a second directory it can write notes to.</summary>
    private sealed class FakeSoffice : IDisposable
    {
        private readonly string _log;

        public FakeSoffice(string script)
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("luoshi-fake-lo-").FullName;
            _log = System.IO.Directory.CreateTempSubdirectory("luoshi-fake-lo-log-").FullName;
            string path = Path.Combine(Directory, "soffice");
            File.WriteAllText(path, $"#!/bin/sh\nLOG='{_log}'\n{script}");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        public string Directory { get; }

        public string Read(string name) => File.ReadAllText(Path.Combine(_log, name)).Trim();

        public void Dispose()
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            System.IO.Directory.Delete(_log, recursive: true);
        }
    }
}
