using System.IO.Compression;
using DocumentFormat.OpenXml.Wordprocessing;
using Luoshi.Documents.Tests.Support;

namespace Luoshi.Documents.Tests;

public class WordReaderTests
{
    [Theory]
    [MemberData(nameof(Seeds.Names), MemberType = typeof(Seeds))]
    public void Docx_SeedOneParagraphPerLine_TextEqualsSeed(string seed)
    {
        DocumentText doc = DocumentReader.Read(Seeds.ParagraphDocx(seed), "notice.docx");

        doc.Problem.ShouldBeNull(doc.Message);
        doc.Format.ShouldBe(SourceFormat.Word);
        doc.Text.ShouldBe(Seeds.Text(seed));
        doc.Notes.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Seeds.Names), MemberType = typeof(Seeds))]
    public void Docx_SeedPlanAsTable_RowsAreTabJoinedLines(string seed)
    {
        (byte[] docx, IReadOnlyList<string> rows) = Seeds.TableDocx(seed);

        DocumentText doc = DocumentReader.Read(docx, "plan.docx");

        doc.Problem.ShouldBeNull(doc.Message);
        string[] lines = doc.Text!.Split('\n');
        rows.Count.ShouldBeGreaterThan(100);
        var missing = rows.Where(r => !lines.Contains(r, StringComparer.Ordinal)).Take(3).ToList();
        missing.ShouldBeEmpty();
        doc.Text.ShouldContain(Seeds.DocNumber(seed));
    }

    [Fact]
    public void Docx_BreaksTabsHyperlinksAndRevisions_ReadAsWordShowsThem()
    {
        byte[] docx = DocxBuilder.Build(body => body.Append(
            new Paragraph(
                new Run(new Text("第一行")),
                new Run(new Break()),
                new Run(new Text("序号"), new TabChar(), new Text("任务")),
                new Hyperlink(new Run(new Text("（链接）"))) { Anchor = "x" },
                new InsertedRun(new Run(new Text("新增"))) { Author = "a", Id = "1" },
                new DeletedRun(new Run(new DeletedText("删除"))) { Author = "a", Id = "2" },
                new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
                new Run(new FieldCode(" PAGE ")),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
                new Run(new Text("3")),
                new Run(new FieldChar { FieldCharType = FieldCharValues.End })),
            new SdtBlock(new SdtContentBlock(new Paragraph(new Run(new Text("内容控件中的段落")))))));

        DocumentText doc = DocumentReader.Read(docx, "a.docx");

        doc.Text.ShouldBe("第一行\n序号\t任务（链接）新增3\n内容控件中的段落");
    }

    [Fact]
    public void Docx_AutomaticNumbering_NumbersOmittedAndNoted()
    {
        static Paragraph Numbered(string text) => new(
            new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })),
            new Run(new Text(text)));
        byte[] docx = DocxBuilder.Build(
            body => body.Append(
                new Paragraph(new Run(new Text("一、主要预期目标"))),
                Numbered("地区生产总值增长6%左右。"),
                Numbered("固定资产投资保持合理增长。"),
                new Paragraph(new Run(new Text("责任单位：区发展和改革局")))),
            DocxBuilder.AddDecimalNumbering);

        DocumentText doc = DocumentReader.Read(docx, "a.docx");

        doc.Text.ShouldBe("一、主要预期目标\n地区生产总值增长6%左右。\n固定资产投资保持合理增长。\n责任单位：区发展和改革局");
        doc.Notes.ShouldHaveSingleItem().ShouldContain("2 段使用了 Word 自动编号");
    }

    [Fact]
    public void Docx_NumberingThroughParagraphStyle_Noted()
    {
        byte[] docx = DocxBuilder.Build(
            body => body.Append(new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "ItemList" }),
                new Run(new Text("加快平和打包厂提质升级。")))),
            main =>
            {
                DocxBuilder.AddDecimalNumbering(main);
                main.StyleDefinitionsPart!.Styles!.Append(
                    new Style(new StyleName { Val = "Item base" },
                        new StyleParagraphProperties(new NumberingProperties(new NumberingId { Val = 1 })))
                    { Type = StyleValues.Paragraph, StyleId = "ItemBase" },
                    new Style(new StyleName { Val = "Item list" }, new BasedOn { Val = "ItemBase" })
                    { Type = StyleValues.Paragraph, StyleId = "ItemList" });
            });

        DocumentText doc = DocumentReader.Read(docx, "a.docx");

        doc.Text.ShouldBe("加快平和打包厂提质升级。");
        doc.Notes.ShouldHaveSingleItem().ShouldContain("自动编号");
    }

    [Fact]
    public void Docx_Truncated_DamagedNeverThrows()
    {
        byte[] docx = Seeds.ParagraphDocx(Seeds.JiangAn);
        foreach (int length in new[] { 4, 30, 200, docx.Length / 3, docx.Length / 2, docx.Length - 22, docx.Length - 1 })
        {
            DocumentText doc = DocumentReader.Read(docx[..length], "notice.docx");

            doc.Problem.ShouldBe(DocumentProblem.Damaged, $"length {length}");
            doc.Format.ShouldBe(SourceFormat.Word);
            doc.Message!.ShouldContain("损坏");
        }
    }

    [Fact]
    public void Docx_ZipWithoutWordBody_Damaged()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            w.Write("not a word document");
        }

        DocumentText doc = DocumentReader.Read(ms.ToArray(), "notice.docx");

        doc.Problem.ShouldBe(DocumentProblem.Damaged);
    }

    [Fact]
    public void Docx_RandomBytesNamedDocx_Damaged()
    {
        var bytes = new byte[5000];
        new Random(7).NextBytes(bytes);

        DocumentText doc = DocumentReader.Read(bytes, "notice.docx");

        doc.Problem.ShouldBe(DocumentProblem.Damaged);
        doc.Message!.ShouldContain("Word");
    }

    [Fact]
    public void Doc_OldBinaryWord_Refused()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[1024]];

        DocumentReader.Read(ole, "notice.doc").Problem.ShouldBe(DocumentProblem.UnsupportedType);
        DocumentReader.Read(ole, "notice.docx").Problem.ShouldBe(DocumentProblem.UnsupportedType);
    }

    [Fact]
    public void Docx_EmptyDocument_Empty()
    {
        DocumentText doc = DocumentReader.Read(DocxBuilder.Build(body => body.Append(new Paragraph())), "a.docx");

        doc.Problem.ShouldBe(DocumentProblem.Empty);
    }
}
