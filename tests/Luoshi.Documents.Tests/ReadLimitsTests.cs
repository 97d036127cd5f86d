using System.Diagnostics;
using System.Text;
using Luoshi.Documents.Tests.Support;
using Luoshi.TestSupport;
using Xunit.Abstractions;

namespace Luoshi.Documents.Tests;

/// <summary>
/// Every upload is read within <see cref="ReadLimits"/>. The hostile files are refused by their structure, whatever the
/// machine's speed; the elapsed time is written to the test output, not asserted (the machine is shared).
/// </summary>
public class ReadLimitsTests(ITestOutputHelper output)
{
    private const string TooDeep = "文件结构嵌套过深（超过 256 层），无法读取。";

    [Fact]
    public void Docx_TablesNested10000Deep_RefusedAsTooDeepWithoutOverflowingTheStack()
    {
        byte[] docx = HostileFiles.NestedTablesDocx(10_000);
        docx.Length.ShouldBeLessThan(4 * 1024);

        DocumentText doc = Timed("docx nested 10,000", () => DocumentReader.Read(docx, "plan.docx"));

        doc.Succeeded.ShouldBeFalse();
        doc.Format.ShouldBe(SourceFormat.Word);
        doc.Problem.ShouldBe(DocumentProblem.TooComplex);
        doc.Message.ShouldBe(TooDeep);
    }

    [Fact]
    public void Docx_TablesNested20Deep_StillRead()
    {
        byte[] docx = HostileFiles.NestedTablesDocx(20);

        DocumentText doc = DocumentReader.Read(docx, "plan.docx");

        doc.Problem.ShouldBeNull(doc.Message);
        doc.Text.ShouldBe("正文\n深处");
    }

    [Fact]
    public void Html_100000NestedDivs_RefusedAsTooDeep()
    {
        byte[] page = HostileFiles.NestedDivsHtml(100_000);

        DocumentText doc = Timed("html 100,000 nested div", () => DocumentReader.Read(page, "page.html"));

        doc.Format.ShouldBe(SourceFormat.Html);
        doc.Problem.ShouldBe(DocumentProblem.TooComplex);
        doc.Message.ShouldBe(TooDeep);
    }

    [Fact]
    public void Html_100000UnclosedBold_RefusedAsTooDeep()
    {
        byte[] page = HostileFiles.UnclosedBoldHtml(100_000);

        DocumentText doc = Timed("html 300 KB unclosed b", () => DocumentReader.Read(page, "page.html"));

        doc.Problem.ShouldBe(DocumentProblem.TooComplex);
        doc.Message.ShouldBe(TooDeep);
    }

    [Fact]
    public void Html_200NestedDivs_StillRead()
    {
        byte[] page = HostileFiles.NestedDivsHtml(200);

        DocumentText doc = DocumentReader.Read(page, "page.html");

        doc.Problem.ShouldBeNull(doc.Message);
        doc.Text.ShouldBe("正文\n深处");
    }

    [Fact]
    public void Html_ManyFlatElements_RefusedOverTheElementLimitAndReadUnderIt()
    {
        byte[] page = Encoding.UTF8.GetBytes("<html><body>" + string.Concat(Enumerable.Repeat("<p>一段</p>", 1000)) + "</body></html>");

        DocumentText refused = DocumentReader.Read(page, "page.html", new ReadLimits { MaxElements = 500 });
        DocumentText read = DocumentReader.Read(page, "page.html", new ReadLimits { MaxElements = 2000 });

        refused.Problem.ShouldBe(DocumentProblem.TooComplex);
        refused.Message.ShouldBe("文件包含的元素过多（超过 500 个），无法读取。");
        read.Problem.ShouldBeNull(read.Message);
        read.Text!.Split('\n').Length.ShouldBe(1000);
    }

    [Fact]
    public void Docx_OverTheElementLimit_Refused()
    {
        byte[] docx = Seeds.ParagraphDocx(Seeds.JiangAn);

        DocumentText doc = DocumentReader.Read(docx, "plan.docx", new ReadLimits { MaxElements = 100 });

        doc.Problem.ShouldBe(DocumentProblem.TooComplex);
        doc.Message.ShouldBe("文件包含的元素过多（超过 100 个），无法读取。");
    }

    public static TheoryData<string, string> Files => new()
    {
        { "docx", "plan.docx" },
        { "html", "page.html" },
        { "pdf", "plan.pdf" },
        { "text", "plan.txt" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void AnyFormat_NoTimeLeft_RefusedAsTimedOut(string kind, string name)
    {
        byte[] content = Sample(kind);
        DocumentReader.Read(content, name).Problem.ShouldBeNull();

        DocumentText doc = DocumentReader.Read(content, name, new ReadLimits { MaxTime = TimeSpan.Zero });

        doc.Problem.ShouldBe(DocumentProblem.TimedOut);
        doc.Message.ShouldStartWith("读取文件超过 0 秒仍未完成，已停止");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void AnyFormat_CallerCancelled_Throws(string kind, string name)
    {
        byte[] content = Sample(kind);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Should.Throw<OperationCanceledException>(() => DocumentReader.Read(content, name, ReadLimits.Default, cancelled.Token));
    }

    [Fact]
    public void AnyFile_OverTheSizeLimit_Refused()
    {
        DocumentText doc = DocumentReader.Read(Encoding.UTF8.GetBytes(new string('字', 1000)), "plan.txt", new ReadLimits { MaxBytes = 1024 });

        doc.Problem.ShouldBe(DocumentProblem.TooLarge);
        doc.Message.ShouldBe("文件超过 1 KB，无法读取。");
    }

    private static byte[] Sample(string kind) => kind switch
    {
        "docx" => Seeds.ParagraphDocx(Seeds.JiangAn),
        "html" => Encoding.UTF8.GetBytes("<html><body><p>第一段</p><p>第二段</p></body></html>"),
        "pdf" => PdfBuilder.Build(new PdfBuilder.PageSpec("Page one", false)),
        _ => Encoding.UTF8.GetBytes("第一行\n第二行"),
    };

    private DocumentText Timed(string what, Func<DocumentText> read)
    {
        var watch = Stopwatch.StartNew();
        DocumentText doc = read();
        output.WriteLine($"{what}: {watch.ElapsedMilliseconds} ms");
        return doc;
    }
}
