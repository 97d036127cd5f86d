using System.Text;
using Luoshi.Documents.Tests.Support;

namespace Luoshi.Documents.Tests;

public class SniffingTests
{
    [Theory]
    [InlineData("notice")]
    [InlineData("notice.txt")]
    [InlineData("notice.pdf")]
    [InlineData("notice.html")]
    [InlineData("notice.doc")]
    public void Sniff_DocxWithMissingOrWrongExtension_ReadAsWord(string name)
    {
        DocumentText doc = DocumentReader.Read(DocxBuilder.Paragraphs(["岸政办〔2026〕1号", "1. 地区生产总值增长 6%左右。"]), name);

        doc.Format.ShouldBe(SourceFormat.Word);
        doc.Text.ShouldBe("岸政办〔2026〕1号\n1. 地区生产总值增长 6%左右。");
    }

    [Theory]
    [InlineData("notice")]
    [InlineData("notice.docx")]
    [InlineData("notice.txt")]
    public void Sniff_PdfWithMissingOrWrongExtension_ReadAsPdf(string name)
    {
        DocumentText doc = DocumentReader.Read(PdfBuilder.Build(new PdfBuilder.PageSpec("Notice 2026", false)), name);

        doc.Format.ShouldBe(SourceFormat.Pdf);
        doc.Text.ShouldBe("Notice 2026");
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body><p>责任单位：区商务局</p></body></html>")]
    [InlineData("\n  <html lang=\"zh\"><head><meta charset=\"utf-8\"></head><body><p>责任单位：区商务局</p></body></html>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!doctype HTML>\n<html><body><p>责任单位：区商务局</p></body></html>")]
    public void Sniff_HtmlNamedTxtOrDoc_ReadAsHtml(string html)
    {
        foreach (string name in new[] { "page.txt", "page.doc", "page" })
        {
            DocumentText doc = DocumentReader.Read(Encoding.UTF8.GetBytes(html), name);

            doc.Format.ShouldBe(SourceFormat.Html, name);
            doc.Text.ShouldBe("责任单位：区商务局");
        }
    }

    [Fact]
    public void Sniff_ProseMentioningHtmlTag_StaysText()
    {
        DocumentText doc = DocumentReader.Read(Encoding.UTF8.GetBytes("说明：网页以 <html> 开头。\n第二行"), "a.txt");

        doc.Format.ShouldBe(SourceFormat.Text);
    }

    [Fact]
    public void Sniff_Rtf_UnsupportedWithAdvice()
    {
        DocumentText doc = DocumentReader.Read(Encoding.ASCII.GetBytes("{\\rtf1\\ansi hello}"), "notice.doc");

        doc.Problem.ShouldBe(DocumentProblem.UnsupportedType);
        doc.Message!.ShouldContain(".docx");
    }

    [Fact]
    public void Sniff_TextNamedPdf_ReadAsText()
    {
        DocumentText doc = DocumentReader.Read(Encoding.UTF8.GetBytes("岸政办〔2026〕1号"), "notice.pdf");

        doc.Format.ShouldBe(SourceFormat.Text);
        doc.Text.ShouldBe("岸政办〔2026〕1号");
    }

    [Fact]
    public void Sniff_GarbageNamedPdf_Damaged()
    {
        var bytes = new byte[2048];
        new Random(3).NextBytes(bytes);

        DocumentText doc = DocumentReader.Read(bytes, "notice.pdf");

        doc.Format.ShouldBe(SourceFormat.Pdf);
        doc.Problem.ShouldBe(DocumentProblem.Damaged);
    }
}
