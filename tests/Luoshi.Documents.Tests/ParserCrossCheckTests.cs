using Luoshi.Documents.Tests.Support;
using Luoshi.Parsing;

namespace Luoshi.Documents.Tests;

/// <summary>What the parser reads from a document must be what it reads from the seed text.</summary>
[Collection(PdfCollection.Name)]
public class ParserCrossCheckTests(PdfFixture pdfs)
{
    [Theory]
    [MemberData(nameof(Seeds.Names), MemberType = typeof(Seeds))]
    public void Parser_DocxOfSeed_SameItemsAsSeedText(string seed)
    {
        IReadOnlyList<NoticeItem> fromSeed = NoticeParser.Parse(Seeds.Text(seed)).Items;
        DocumentText doc = DocumentReader.Read(Seeds.ParagraphDocx(seed), "notice.docx");

        IReadOnlyList<NoticeItem> fromDocx = NoticeParser.Parse(doc.Text!).Items;

        fromSeed.Count.ShouldBeGreaterThan(100);
        fromDocx.Select(Shape).ShouldBe(fromSeed.Select(Shape));
    }

    [LibreOfficeFact]
    public void Parser_PdfOfJiangAn_SameItemsAndUnitsAsSeedText()
    {
        IReadOnlyList<NoticeItem> fromSeed = NoticeParser.Parse(Seeds.Text(Seeds.JiangAn)).Items;
        DocumentText doc = DocumentReader.Read(pdfs.Pdf(Seeds.JiangAn), "notice.pdf");

        IReadOnlyList<NoticeItem> fromPdf = NoticeParser.Parse(doc.Text!).Items;

        fromPdf.Count.ShouldBe(fromSeed.Count);
        fromPdf.Count.ShouldBe(184);
        var pairs = fromSeed.Zip(fromPdf).Select((p, i) => (Index: i, Seed: PdfShape(p.First), Pdf: PdfShape(p.Second))).ToList();
        var differing = pairs.Where(p => p.Seed != p.Pdf).Take(3).Select(p => $"#{p.Index}: seed {p.Seed} / pdf {p.Pdf}").ToList();
        differing.ShouldBeEmpty();
    }

    [LibreOfficeFact]
    public void Parser_PdfOfJiangAn_TextsDifferOnlyBySpacesLostAtLineWraps()
    {
        // A PDF does not draw the space at which a line wraps ("突破 1000⏎家" is drawn as "突破 1000" and "家"), so a seed
        // space that fell on a wrap between a digit and a CJK character cannot come back. Everything else must be equal.
        IReadOnlyList<NoticeItem> fromSeed = NoticeParser.Parse(Seeds.Text(Seeds.JiangAn)).Items;
        IReadOnlyList<NoticeItem> fromPdf = NoticeParser.Parse(DocumentReader.Read(pdfs.Pdf(Seeds.JiangAn), "notice.pdf").Text!).Items;

        var differing = fromSeed.Zip(fromPdf)
            .Where(p => !string.Equals(PdfReaderTests.Nfkc(p.First.Text), p.Second.Text, StringComparison.Ordinal))
            .Select(p => (Seed: PdfReaderTests.Nfkc(p.First.Text), Pdf: p.Second.Text))
            .ToList();

        differing.Count.ShouldBeLessThanOrEqualTo(5);
        foreach ((string seedText, string pdfText) in differing)
        {
            int at = Enumerable.Range(0, pdfText.Length).FirstOrDefault(i => i >= seedText.Length || seedText[i] != pdfText[i]);
            seedText.Remove(at, 1).ShouldBe(pdfText, "one space lost");
            seedText[at].ShouldBe(' ');
            (char.IsAsciiLetterOrDigit(seedText[at - 1]) ^ char.IsAsciiLetterOrDigit(seedText[at + 1])).ShouldBeTrue("between a digit or letter and CJK");
        }
    }

    private static string Shape(NoticeItem i) =>
        $"{i.Number} | {i.Text} | {string.Join('、', i.Lead.Select(u => u.Name))} | {string.Join('、', i.Responsible.Select(u => u.Name))}";

    /// <summary>
    /// The item for the PDF comparison: NFKC-normalised (the PDF text is), and the task text without whitespace, because a
    /// space on which LibreOffice wrapped the line is not drawn in the PDF (see the test below); numbers and unit names exact.
    /// </summary>
    private static string PdfShape(NoticeItem i) =>
        PdfReaderTests.Nfkc($"{i.Number} | {PdfReaderTests.Squash(i.Text)} | {string.Join('、', i.Lead.Select(u => u.Name))} | {string.Join('、', i.Responsible.Select(u => u.Name))}");
}
