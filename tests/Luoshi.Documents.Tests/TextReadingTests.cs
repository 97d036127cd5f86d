using System.Text;
using Luoshi.Documents.Tests.Support;

namespace Luoshi.Documents.Tests;

public class TextReadingTests
{
    static TextReadingTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static TheoryData<string, string> SeedsAndEncodings()
    {
        var data = new TheoryData<string, string>();
        foreach (string seed in Seeds.All)
        {
            foreach (string encoding in new[] { "utf-8", "utf-8-bom", "utf-16le", "utf-16le-bom", "utf-16be", "utf-16be-bom", "gb18030" })
            {
                data.Add(seed, encoding);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedsAndEncodings))]
    public void Text_SeedInEncoding_SameText(string seed, string encoding)
    {
        string text = Seeds.Text(seed);
        byte[] bytes = encoding switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(text),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "utf-16le" => Encoding.Unicode.GetBytes(text),
            "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "utf-16be" => Encoding.BigEndianUnicode.GetBytes(text),
            "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
            "gb18030" => Encoding.GetEncoding("GB18030").GetBytes(text),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };

        DocumentText doc = DocumentReader.Read(bytes, "notice.txt");

        doc.Problem.ShouldBeNull(doc.Message);
        doc.Format.ShouldBe(SourceFormat.Text);
        doc.Encoding.ShouldBe(encoding.Replace("-bom", string.Empty, StringComparison.Ordinal));
        doc.Text.ShouldBe(text);
    }

    [Fact]
    public void Text_CrLfLineEnds_BecomeLf()
    {
        DocumentText doc = DocumentReader.Read(Encoding.UTF8.GetBytes("一、目标\r\n1. 任务\r\n"), "a.txt");

        doc.Text.ShouldBe("一、目标\n1. 任务\n");
    }

    [Fact]
    public void Text_EmptyFile_Empty()
    {
        DocumentReader.Read([], "notice.txt").Problem.ShouldBe(DocumentProblem.Empty);
        DocumentReader.Read([], "notice.docx").Problem.ShouldBe(DocumentProblem.Empty);
    }

    [Fact]
    public void Text_RandomBytes_Binary()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);

        DocumentText doc = DocumentReader.Read(bytes, "notice.txt");

        doc.Problem.ShouldBe(DocumentProblem.Binary);
        doc.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Text_PngHeader_Binary()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

        DocumentReader.Read(png, "notice.txt").Problem.ShouldBe(DocumentProblem.Binary);
        DocumentReader.Read(png, "scan").Problem.ShouldBe(DocumentProblem.Binary);
    }

    [Fact]
    public void Text_TruncatedZipNamedDocx_DamagedNotException()
    {
        byte[] docx = Seeds.ParagraphDocx(Seeds.Caidian);

        DocumentText doc = DocumentReader.Read(docx[..(docx.Length / 2)], "notice.docx");

        doc.Problem.ShouldBe(DocumentProblem.Damaged);
        doc.Text.ShouldBeNull();
    }

    [Fact]
    public void Read_TooLarge_Refused()
    {
        DocumentReader.Read(new byte[DocumentReader.MaxBytes + 1], "big.txt").Problem.ShouldBe(DocumentProblem.TooLarge);
    }
}
