using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Luoshi.Core.Features.Circulars;

namespace Luoshi.Core.Tests.Circulars;

/// <summary>Writes a circular and reads the .docx back with OpenXml to check the GB/T 9704 layout.</summary>
public class OfficialDocumentWriterTests
{
    private static readonly OfficialDocument Sample = CircularSamples.Circular(CircularSamples.JiangAnQ2());

    [Fact]
    public void WriteDocx_Page_IsA4WithTheStandardMargins()
    {
        using var docx = Open(Sample);
        var section = docx.MainDocumentPart!.Document!.Body!.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        ((int)size.Width!.Value).ShouldBe(11906, "210 mm");
        ((int)size.Height!.Value).ShouldBe(16838, "297 mm");
        var margin = section.GetFirstChild<PageMargin>()!;
        margin.Top!.Value.ShouldBe(2098, "37 mm");
        margin.Bottom!.Value.ShouldBe(1984, "35 mm");
        ((int)margin.Left!.Value).ShouldBe(1587, "28 mm");
        ((int)margin.Right!.Value).ShouldBe(1474, "26 mm");
    }

    [Fact]
    public void WriteDocx_Head_IsTheRedIssuerMarkThenTheNumberAboveARedLine()
    {
        using var docx = Open(Sample);
        var paragraphs = Paragraphs(docx);

        var mark = paragraphs[0];
        Text(mark).ShouldBe("江岸区人民政府办公室文件");
        mark.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Center);
        var markRun = mark.Elements<Run>().Single().RunProperties!;
        markRun.Color!.Val!.Value.ShouldBe("FF0000");
        markRun.RunFonts!.EastAsia!.Value.ShouldBe("方正小标宋简体");
        int.Parse(markRun.FontSize!.Val!.Value!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(44, "二号 or larger");

        var number = paragraphs.Single(p => Text(p) == "岸政办督〔2026〕3号");
        number.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Center);
        var line = number.ParagraphProperties.ParagraphBorders!.GetFirstChild<BottomBorder>()!;
        line.Color!.Value.ShouldBe("FF0000");
        line.Val!.Value.ShouldBe(BorderValues.Single);
        paragraphs.IndexOf(number).ShouldBeLessThan(paragraphs.FindIndex(p => Text(p) == Sample.Title));
    }

    [Fact]
    public void WriteDocx_WithoutNumber_PutsTheRedLineUnderTheMark()
    {
        using var docx = Open(Sample with { DocNumber = null, IssuerMark = "江岸区人民政府督查室" });
        var mark = Paragraphs(docx)[0];
        Text(mark).ShouldBe("江岸区人民政府督查室");
        mark.ParagraphProperties!.ParagraphBorders!.GetFirstChild<BottomBorder>()!.Color!.Value.ShouldBe("FF0000");
        Paragraphs(docx).Count(p => p.ParagraphProperties?.ParagraphBorders?.GetFirstChild<BottomBorder>()?.Color?.Value == "FF0000").ShouldBe(1);
    }

    [Fact]
    public void WriteDocx_TitleAndAddressee_AreCentredXiaoBiaoSongAndFlushLeft()
    {
        using var docx = Open(Sample);
        var paragraphs = Paragraphs(docx);
        var title = paragraphs.Single(p => Text(p) == "关于2026年第二季度政府工作报告目标任务推进情况的通报");
        title.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Center);
        var run = title.Elements<Run>().Single().RunProperties!;
        run.RunFonts!.EastAsia!.Value.ShouldBe("方正小标宋简体");
        run.FontSize!.Val!.Value.ShouldBe("44", "二号 22 pt");
        run.Color.ShouldBeNull("the title is black");

        var addressee = paragraphs.Single(p => Text(p) == "各街道办事处，区政府各部门：");
        addressee.ParagraphProperties!.Indentation.ShouldBeNull("flush left, no indent");
        paragraphs.IndexOf(addressee).ShouldBeGreaterThan(paragraphs.IndexOf(title));
    }

    [Fact]
    public void WriteDocx_Body_IsFangSongSanHaoWithTwoCharacterIndentAndFixedSpacing()
    {
        using var docx = Open(Sample);
        var opening = Paragraphs(docx).Single(p => Text(p).StartsWith("根据《江岸区2026年政府工作报告目标任务责任分解方案》要求", StringComparison.Ordinal));
        var props = opening.ParagraphProperties!;
        props.Indentation!.FirstLineChars!.Value.ShouldBe(200, "two characters");
        props.SpacingBetweenLines!.LineRule!.Value.ShouldBe(LineSpacingRuleValues.Exact);
        int line = int.Parse(props.SpacingBetweenLines.Line!.Value!, System.Globalization.CultureInfo.InvariantCulture);
        line.ShouldBeInRange(28 * 20, 29 * 20, "fixed 28–29 pt");
        var run = opening.Elements<Run>().Single().RunProperties!;
        run.RunFonts!.EastAsia!.Value.ShouldBe("仿宋_GB2312");
        run.FontSize!.Val!.Value.ShouldBe("32", "三号 16 pt");
    }

    [Fact]
    public void WriteDocx_Headings_AreHeiTiAndKaiTiWithRunInTextInFangSong()
    {
        using var docx = Open(Sample);
        var paragraphs = Paragraphs(docx);
        foreach (string heading in new[] { "一、总体情况", "二、未按时报送的单位", "三、进度滞后的事项", "四、下步工作要求" })
        {
            var p = paragraphs.Single(x => Text(x) == heading);
            p.Elements<Run>().Single().RunProperties!.RunFonts!.EastAsia!.Value.ShouldBe("黑体", heading);
        }

        var second = paragraphs.Single(x => Text(x).StartsWith("（一）压实工作责任。", StringComparison.Ordinal));
        var runs = second.Elements<Run>().ToList();
        runs.Count.ShouldBe(2);
        runs[0].InnerText.ShouldBe("（一）压实工作责任。");
        runs[0].RunProperties!.RunFonts!.EastAsia!.Value.ShouldBe("楷体_GB2312");
        runs[1].RunProperties!.RunFonts!.EastAsia!.Value.ShouldBe("仿宋_GB2312");
    }

    [Fact]
    public void WriteDocx_PipeLines_BecomeAWordTableWithHeaderRow()
    {
        using var docx = Open(Sample);
        var table = docx.MainDocumentPart!.Document!.Body!.Elements<Table>().First();
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        rows[0].ShouldBe(["部分", "事项", "完成", "正常", "滞后", "逾期", "完成率", "正常率"]);
        rows[2].ShouldBe(["重点工作", "131", "12", "101", "10", "8", "9.2%", "86.3%"]);
        rows[^1].ShouldBe(["合计", "184", "18", "141", "15", "10", "9.8%", "86.4%"]);
        table.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>().ShouldNotBeNull("repeated on each page");
        table.Elements<TableRow>().ShouldAllBe(r => r.TableRowProperties!.GetFirstChild<CantSplit>() != null, "rows never split across pages");
        table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Sum(c => int.Parse(c.Width!.Value!, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(11906 - 1587 - 1474, "the table is as wide as the text");
    }

    [Theory]
    [InlineData("江岸区人民政府办公室", 720, "the issuer (10 characters) centred over the date (6.5): its right edge 4 − 1.75 characters from the right")]
    [InlineData("督查室", 1840, "the issuer (3 characters) centred over the date (6.5): its right edge 4 + 1.75 characters from the right")]
    public void WriteDocx_SignatureAndDate_DateFourCharactersFromTheRightIssuerCentredOverIt(string signatory, int issuerRightTwips, string reason)
    {
        using var docx = Open(Sample with { Signatory = signatory });
        var paragraphs = Paragraphs(docx);
        var issuer = paragraphs.Single(p => Text(p) == signatory);
        var date = paragraphs[paragraphs.IndexOf(issuer) + 1];
        Text(date).ShouldBe("2026年7月15日");
        issuer.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Right);
        date.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Right);
        date.ParagraphProperties.Indentation!.Right!.Value.ShouldBe("1280", "右空四字: 4 × 16 pt");
        issuer.ParagraphProperties.Indentation!.Right!.Value.ShouldBe(issuerRightTwips.ToString(System.Globalization.CultureInfo.InvariantCulture), reason);
    }

    [Fact]
    public void WriteDocx_Grid_Is22LinesOf28Characters()
    {
        using var docx = Open(Sample);
        var grid = docx.MainDocumentPart!.Document!.Body!.Elements<SectionProperties>().Single().GetFirstChild<DocGrid>()!;
        grid.Type!.Value.ShouldBe(DocGridValues.Lines);
        int pitch = grid.LinePitch!.Value;
        (225.0 / 25.4 * 72 * 20 / pitch).ShouldBeInRange(21.9, 22.1, "22 lines in the 225 mm text height");
        var defaults = docx.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        double pointsPerCharacter = 16 + (defaults.GetFirstChild<Spacing>()!.Val!.Value / 20.0);
        int perLine = (int)Math.Floor((11906 - 1587 - 1474) / 20.0 / pointsPerCharacter);
        perLine.ShouldBe(28, "28 characters of 三号 on the 156 mm line");
    }

    [Fact]
    public void WriteDocx_Record_IsATableAsWideAsTheTextAtTheFootOfThePageWithCopyToAndPrintedLine()
    {
        using var docx = Open(Sample);
        var body = docx.MainDocumentPart!.Document!.Body!;
        var record = body.Elements<Table>().Last();
        var rows = record.Elements<TableRow>().Select(r => Text(r.Descendants<Paragraph>().Single())).ToList();
        rows.ShouldBe(["抄送：区委办公室，区人大常委会办公室，区政协办公室。", "江岸区人民政府办公室\t2026年7月15日印发"]);
        var props = record.GetFirstChild<TableProperties>()!;
        props.TableWidth!.Width!.Value.ShouldBe("8845", "156 mm, the text block's width");
        record.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Single().Width!.Value.ShouldBe("8845");
        var position = props.TablePositionProperties!;
        position.VerticalAnchor!.Value.ShouldBe(VerticalAnchorValues.Margin);
        position.HorizontalAnchor!.Value.ShouldBe(HorizontalAnchorValues.Page);
        position.TablePositionX!.Value.ShouldBe(1587, "at the left margin, 28 mm");
        position.TablePositionYAlignment!.Value.ShouldBe(VerticalAlignmentValues.Bottom, "at the foot of the text area");
        var borders = props.TableBorders!;
        borders.TopBorder!.Size!.Value.ShouldBe(8u, "thick first line");
        borders.InsideHorizontalBorder!.Size!.Value.ShouldBe(6u, "thin line between");
        borders.BottomBorder!.Size!.Value.ShouldBe(8u, "thick last line");
        borders.LeftBorder!.Val!.Value.ShouldBe(BorderValues.Nil);
        var margins = props.TableCellMarginDefault!;
        margins.TableCellLeftMargin!.Width!.Value.ShouldBe((short)0, "the lines run the full width");
        var printed = record.Elements<TableRow>().Last().Descendants<Paragraph>().Single();
        printed.ParagraphProperties!.Indentation!.Left!.Value.ShouldBe("280", "one 四号 character in");
        printed.ParagraphProperties.Tabs!.GetFirstChild<TabStop>()!.Val!.Value.ShouldBe(TabStopValues.Right);
        body.Elements().Reverse().Skip(1).First().ShouldBeOfType<Paragraph>("the empty anchor paragraph ends the text");
        body.Elements<Paragraph>().Last().InnerText.ShouldBeEmpty();
    }

    [Fact]
    public void WriteDocx_WithoutCopyTo_RecordHasOnlyThePrintedLine()
    {
        using var docx = Open(Sample with { CopyTo = "  " });
        var record = docx.MainDocumentPart!.Document!.Body!.Elements<Table>().Last();
        record.Elements<TableRow>().Single().InnerText.ShouldBe("江岸区人民政府办公室2026年7月15日印发");
        docx.MainDocumentPart.Document.Body.InnerText.ShouldNotContain("抄送");
    }

    [Fact]
    public void WriteDocx_Footers_NumberPagesWithDashesInSongTiOnTheOuterSide()
    {
        using var docx = Open(Sample);
        var main = docx.MainDocumentPart!;
        main.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>().ShouldNotBeNull();
        var section = main.Document!.Body!.Elements<SectionProperties>().Single();
        foreach (var (type, side) in new[] { (HeaderFooterValues.Default, JustificationValues.Right), (HeaderFooterValues.Even, JustificationValues.Left) })
        {
            var reference = section.Elements<FooterReference>().Single(r => r.Type!.Value == type);
            var footer = ((FooterPart)main.GetPartById(reference.Id!.Value!)).Footer!;
            var p = footer.Elements<Paragraph>().Single();
            p.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(side);
            p.GetFirstChild<SimpleField>()!.Instruction!.Value!.Trim().ShouldBe("PAGE");
            p.InnerText.ShouldBe("— 1 —");
            var run = p.Elements<Run>().First().RunProperties!;
            run.RunFonts!.EastAsia!.Value.ShouldBe("宋体");
            run.FontSize!.Val!.Value.ShouldBe("28", "四号 14 pt");
        }
    }

    [Fact]
    public void WriteDocx_FontTable_NamesFallbacksAndRunsCarryEastAsiaFonts()
    {
        using var docx = Open(Sample);
        var fonts = docx.MainDocumentPart!.FontTablePart!.Fonts!.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.AltName?.Val?.Value);
        fonts["仿宋_GB2312"].ShouldBe("仿宋");
        fonts["楷体_GB2312"].ShouldBe("楷体");
        fonts.ShouldContainKey("方正小标宋简体");
        docx.MainDocumentPart.Document!.Body!.Descendants<Run>().Where(r => r.InnerText.Length > 0)
            .ShouldAllBe(r => r.RunProperties!.RunFonts!.EastAsia != null);
    }

    [Fact]
    public void WriteDocx_MarkupLookingUserText_AppearsLiterally()
    {
        var doc = Sample with
        {
            Title = "关于<b>x</b>的通报",
            Body = "一、A &amp; B\n\n正文 <b>x</b> &amp; 5 < 6 <w:p/>\u0001结束\n\n名称 | 说明\n<i>斜</i> | &lt;\n",
        };
        using var docx = Open(doc);
        var texts = Paragraphs(docx).Select(Text).ToList();
        texts.ShouldContain("关于<b>x</b>的通报");
        texts.ShouldContain("一、A &amp; B");
        texts.ShouldContain("正文 <b>x</b> &amp; 5 < 6 <w:p/>结束", "a control character is dropped, the rest kept as written");
        var cells = docx.MainDocumentPart!.Document!.Body!.Elements<Table>().First().Descendants<TableCell>().Select(c => c.InnerText).ToList();
        cells.ShouldBe(["名称", "说明", "<i>斜</i>", "&lt;"]);
        docx.MainDocumentPart.Document.Body.Descendants().ShouldNotContain(e => e.LocalName == "b" || e.LocalName == "i");
        docx.PackageProperties.Title.ShouldBe("关于<b>x</b>的通报");
    }

    private static WordprocessingDocument Open(OfficialDocument doc) =>
        WordprocessingDocument.Open(new MemoryStream(OfficialDocumentWriter.WriteDocx(doc)), false);

    private static List<Paragraph> Paragraphs(WordprocessingDocument docx) =>
        docx.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Where(p => Text(p).Length > 0).ToList();

    // Text with tabs as '\t', which InnerText leaves out.
    private static string Text(Paragraph p) =>
        string.Concat(p.Descendants().Select(e => e switch
        {
            Text t => t.Text,
            TabChar => "\t",
            _ => string.Empty,
        }));
}
