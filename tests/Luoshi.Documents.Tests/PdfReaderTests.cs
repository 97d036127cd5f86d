using System.Text;
using Luoshi.Documents.Tests.Support;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace Luoshi.Documents.Tests;

[Collection(PdfCollection.Name)]
public class PdfReaderTests(PdfFixture pdfs, ITestOutputHelper output)
{
    [LibreOfficeTheory]
    [MemberData(nameof(Seeds.Names), MemberType = typeof(Seeds))]
    public void Pdf_SeedDocxThroughLibreOffice_DocNumberAndEveryUnitClausePresent(string seed)
    {
        output.WriteLine($"LibreOffice made the test PDFs (4 documents in one run, 1 encrypted in a second) in {pdfs.ConversionTime.TotalSeconds:F1} s");

        DocumentText doc = DocumentReader.Read(pdfs.Pdf(seed), "notice.pdf");

        doc.Problem.ShouldBeNull(doc.Message);
        doc.Format.ShouldBe(SourceFormat.Pdf);
        string text = doc.Text!;
        text.ShouldContain(Nfkc(Seeds.DocNumber(seed)));
        string squashed = Squash(text);
        var clauses = Seeds.Lines(seed).Where(l => l.Contains("责任单位", StringComparison.Ordinal)).ToList();
        clauses.Count.ShouldBeGreaterThan(100);
        var missing = clauses.Where(c => !squashed.Contains(Squash(Nfkc(c)), StringComparison.Ordinal)).Take(3).ToList();
        missing.ShouldBeEmpty();
    }

    [LibreOfficeFact]
    public void Pdf_KangxiRadicalsAndFullWidthForms_NfkcNormalisedAndNoted()
    {
        DocumentText doc = DocumentReader.Read(pdfs.Pdf(PdfFixture.CompatibilityCharacters), "notice.pdf");

        doc.Text.ShouldBe("关于印发文件的通知\n(1)地区生产总值增长6%左右。\n责任单位:区发展和改革局");
        doc.Notes.ShouldContain(n => n.Contains("NFKC", StringComparison.Ordinal));
    }

    [LibreOfficeFact]
    public void Pdf_SeedPdfs_NoCompatibilityCharactersLeft()
    {
        foreach (string seed in Seeds.All)
        {
            string text = DocumentReader.Read(pdfs.Pdf(seed), "notice.pdf").Text!;

            text.ShouldNotContain(c => c >= '\u2E80' && c <= '\u2FDF', $"{seed}: Kangxi radical left after NFKC");
            text.ShouldNotContain(c => c >= '\uF900' && c <= '\uFAFF', $"{seed}: CJK compatibility ideograph left after NFKC");
            text.ShouldBe(text.Normalize(NormalizationForm.FormKC));
        }
    }

    [LibreOfficeFact]
    public void Pdf_WrappedParagraphs_JoinedBackIntoSeedLines()
    {
        // Long seed lines wrap in the PDF; the reader must give them back as one line each.
        string text = DocumentReader.Read(pdfs.Pdf(Seeds.JiangAn), "notice.pdf").Text!;
        string[] lines = text.Split('\n');
        var longLines = Seeds.Lines(Seeds.JiangAn).Where(l => l.Length > 60).Select(Nfkc).ToList();
        longLines.Count.ShouldBeGreaterThan(10);
        var notWhole = longLines.Where(l => !lines.Any(x => Squash(x) == Squash(l))).Take(3).ToList();
        notWhole.ShouldBeEmpty();
    }

    [LibreOfficeFact]
    public void Pdf_Truncated_DamagedOrPartialNeverThrows()
    {
        byte[] pdf = pdfs.Pdf(Seeds.Caidian);
        foreach (int length in new[] { 10, 100, pdf.Length / 4, pdf.Length / 2, pdf.Length - 40 })
        {
            DocumentText doc = DocumentReader.Read(pdf[..length], "notice.pdf");

            doc.Format.ShouldBe(SourceFormat.Pdf);
            (doc.Succeeded || doc.Problem is DocumentProblem.Damaged or DocumentProblem.NoTextLayer).ShouldBeTrue($"length {length}: {doc.Problem}");
        }
    }

    [LibreOfficeFact]
    public void Pdf_PasswordProtected_DamagedWithPasswordMessage()
    {
        byte[] pdf = pdfs.Pdf(PdfFixture.Encrypted);
        Encoding.ASCII.GetString(pdf).ShouldContain("/Encrypt");

        DocumentText doc = DocumentReader.Read(pdf, "secret.pdf");

        doc.Problem.ShouldBe(DocumentProblem.Damaged);
        doc.Message!.ShouldContain("密码");
    }

    [Fact]
    public void Pdf_ImageOnlyPages_NoTextLayer()
    {
        byte[] pdf = PdfBuilder.Build(new PdfBuilder.PageSpec(null, true), new PdfBuilder.PageSpec(null, true));
        using (PdfDocument check = PdfDocument.Open(pdf))
        {
            check.NumberOfPages.ShouldBe(2);
            check.GetPage(1).NumberOfImages.ShouldBe(1);
        }

        DocumentText doc = DocumentReader.Read(pdf, "scan.pdf");

        doc.Problem.ShouldBe(DocumentProblem.NoTextLayer);
        doc.Format.ShouldBe(SourceFormat.Pdf);
        doc.Message.ShouldBe("PDF 没有文字层（可能是扫描件），请提供 Word 或文本版本，或先做文字识别。");
    }

    [Fact]
    public void Pdf_OneScannedPageAmongText_TextReadAndPageNoted()
    {
        byte[] pdf = PdfBuilder.Build(new PdfBuilder.PageSpec("Page one", false), new PdfBuilder.PageSpec(null, true), new PdfBuilder.PageSpec("Page three", false));

        DocumentText doc = DocumentReader.Read(pdf, "mixed.pdf");

        doc.Text.ShouldBe("Page one\n\nPage three");
        doc.Notes.ShouldContain(n => n.Contains("第 2 页没有文字层", StringComparison.Ordinal));
    }

    [Fact]
    public void Pdf_NotAPdfAfterHeader_Damaged()
    {
        DocumentText doc = DocumentReader.Read(Encoding.ASCII.GetBytes("%PDF-1.7\n% nothing else here at all\n"), "a.pdf");

        doc.Problem.ShouldBe(DocumentProblem.Damaged);
        doc.Message!.ShouldContain("损坏");
    }

    internal static string Nfkc(string s) => s.Normalize(NormalizationForm.FormKC);

    internal static string Squash(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
}
