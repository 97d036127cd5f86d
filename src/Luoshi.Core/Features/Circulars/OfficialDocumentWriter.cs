using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using static Luoshi.Core.Features.Circulars.GbFormat;

namespace Luoshi.Core.Features.Circulars;

/// <summary>
/// Writes an <see cref="OfficialDocument"/> as a .docx laid out per GB/T 9704-2012: 版头 (red issuer mark, document
/// number, red line), 主体 (title, addressee, body, signature and date), 版记 (copy-to, printer and printing date between
/// lines), page numbers "— 1 —" on the outer side (odd pages right, even pages left).
/// </summary>
public static class OfficialDocumentWriter
{
    public static byte[] WriteDocx(OfficialDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            package.PackageProperties.Title = XmlSafe(doc.Title);
            package.PackageProperties.Creator = XmlSafe(doc.Signatory);
            package.PackageProperties.Language = "zh-CN";

            var main = package.AddMainDocumentPart();
            AddStyles(main);
            AddFontTable(main);
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new EvenAndOddHeaders());
            string oddFooter = AddFooter(main, JustificationValues.Right);
            string evenFooter = AddFooter(main, JustificationValues.Left);

            var body = new Body();
            body.Append(Head(doc));
            body.Append(Main(doc));
            body.Append(Signature(doc.Signatory, doc.Date));
            body.Append(Record(doc));
            body.Append(Section(oddFooter, evenFooter));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    // 版头: issuer mark, two lines down the document number, 4 mm below it the red line.
    private static IEnumerable<OpenXmlElement> Head(OfficialDocument doc)
    {
        // The mark's top at the text block's top: off the line grid (which would centre it in two grid lines), in an exact
        // line 1.136 times its size, whose baseline LibreOffice and Word set the font's descent above the line's foot, so
        // the character box starts at the line's top (measured with the stand-in faces, pdftotext -bbox: 37 mm ± 0.3).
        int markSize = MarkSize(doc.IssuerMark);
        var markProps = Props(JustificationValues.Center, line: (int)Math.Round(markSize * 10 * MarkLineFactor));
        markProps.SnapToGrid = new SnapToGrid { Val = false };
        bool hasNumber = !string.IsNullOrWhiteSpace(doc.DocNumber);
        if (!hasNumber)
        {
            markProps.ParagraphBorders = RedLine();
        }

        yield return Paragraph(markProps, Run(doc.IssuerMark, XiaoBiaoSong, markSize, Red));
        if (hasNumber)
        {
            yield return Blank();
            yield return Blank();
            var numberProps = Props(JustificationValues.Center);
            numberProps.ParagraphBorders = RedLine();
            yield return Paragraph(numberProps, Run(doc.DocNumber!, FangSong, BodyHalfPoints));
        }
    }

    private const double MarkLineFactor = 1.136;

    private static ParagraphBorders RedLine() => new(Line<BottomBorder>(Red, 12, 11)); // 1.5 pt, about 4 mm below the text

    // The mark fills at most one line of the text width: 36 pt for up to 12 characters, smaller for longer names, never under 二号.
    private static int MarkSize(string mark)
    {
        double ems = Math.Max(1, Ems(mark.Trim()));
        int halfPoints = (int)Math.Floor(TextWidth / 10.0 / ems) - 1;
        return Math.Clamp(halfPoints, TitleHalfPoints, MaxMarkHalfPoints);
    }

    // 主体: two lines below the red line the title, one line below it the addressee, then the body.
    private static IEnumerable<OpenXmlElement> Main(OfficialDocument doc)
    {
        yield return Blank();
        yield return Blank();
        yield return Paragraph(Props(JustificationValues.Center, line: 720), Run(doc.Title, XiaoBiaoSong, TitleHalfPoints));
        yield return Blank();
        if (!string.IsNullOrWhiteSpace(doc.Addressee))
        {
            yield return Paragraph(Props(JustificationValues.Both), Run(doc.Addressee.Trim(), FangSong, BodyHalfPoints));
        }

        foreach (var block in OfficialDocumentText.Parse(doc.Body))
        {
            yield return block switch
            {
                Heading1Block h => Indented(h.Text, HeiTi),
                Heading2Block h => Indented(h.Text, KaiTi),
                ParagraphBlock p => Indented(p.Text, FangSong),
                TableBlock t => OfficialTable.Build(t),
                _ => throw new ArgumentOutOfRangeException(nameof(doc), block.GetType().Name, "Unknown block."),
            };
        }

        if (doc.Form is { Count: > 0 } form)
        {
            yield return Blank();
            yield return OfficialTable.BuildForm(form);
        }
    }

    // A heading followed by text on the same line ("（一）压实工作责任。各单位要…") keeps only the heading in its font.
    private static Paragraph Indented(string text, string headingFont)
    {
        var props = Props(JustificationValues.Both);
        props.Indentation = new Indentation { FirstLineChars = 200, FirstLine = Twips(2 * Em) };
        if (headingFont == FangSong)
        {
            return Paragraph(props, Run(text, FangSong, BodyHalfPoints));
        }

        int stop = text.IndexOf('。', StringComparison.Ordinal);
        if (stop < 0 || stop == text.Length - 1)
        {
            return Paragraph(props, Run(text, headingFont, BodyHalfPoints));
        }

        return Paragraph(props, Run(text[..(stop + 1)], headingFont, BodyHalfPoints), Run(text[(stop + 1)..], FangSong, BodyHalfPoints));
    }

    // GB/T 9704 7.3.5.1: one line below the body, the date right-aligned four characters from the right; the issuer
    // centred over the date (over its width, so a longer issuer reaches further left, never past the right margin).
    private static IEnumerable<OpenXmlElement> Signature(string signatory, DateOnly date)
    {
        string dateText = ChineseDate(date);
        double issuerWidth = Ems(signatory.Trim());
        double dateWidth = Ems(dateText);
        double issuerRight = Math.Max(0, DateRightEms + ((dateWidth - issuerWidth) / 2));

        yield return Blank();
        yield return RightAligned(signatory.Trim(), issuerRight);
        yield return RightAligned(dateText, DateRightEms);
    }

    /// <summary>成文日期 右空四字 (GB/T 9704 7.3.5.1).</summary>
    internal const double DateRightEms = 4;

    private static Paragraph RightAligned(string text, double rightEms)
    {
        var props = Props(JustificationValues.Right);
        props.Indentation = new Indentation { Right = Twips((int)Math.Round(rightEms * Em)) };
        return Paragraph(props, Run(text, FangSong, BodyHalfPoints));
    }

    // 版记 (GB/T 9704 7.4): at the foot of the last page, 四号 仿宋 one character in from each side, between lines as wide as
    // the text block: thick first and last lines (0.35 mm), thin ones between (0.25 mm). A one-column table as wide as the
    // text, floating at the bottom of the text area of the page its anchor (the document's last, empty paragraph) is on;
    // table borders survive LibreOffice's conversion of a floating table into a frame, paragraph borders in a frame do not.
    private static IEnumerable<OpenXmlElement> Record(OfficialDocument doc)
    {
        var lines = new List<Paragraph>();
        if (!string.IsNullOrWhiteSpace(doc.CopyTo))
        {
            string copy = doc.CopyTo!.Trim();
            var props = RecordProps(JustificationValues.Both);
            lines.Add(Paragraph(props, Run("抄送：" + copy + (copy.EndsWith('。') ? string.Empty : "。"), FangSong, SmallHalfPoints)));
        }

        var printed = RecordProps(JustificationValues.Left);
        printed.Tabs = new Tabs(new TabStop { Val = TabStopValues.Right, Position = TextWidth - RecordSide });
        lines.Add(Paragraph(
            printed,
            Run(doc.PrintedBy.Trim(), FangSong, SmallHalfPoints),
            new Run(new TabChar()),
            Run(ChineseDate(doc.PrintedOn) + "印发", FangSong, SmallHalfPoints)));

        var table = new Table(
            new TableProperties(
                new TablePositionProperties
                {
                    // Relative to the page (at the left margin): LibreOffice floats a table as wide as the text only then.
                    HorizontalAnchor = HorizontalAnchorValues.Page,
                    TablePositionX = MarginLeft,
                    VerticalAnchor = VerticalAnchorValues.Margin,
                    TablePositionYAlignment = VerticalAlignmentValues.Bottom,
                    LeftFromText = 0,
                    RightFromText = 0,
                    TopFromText = 0,
                    BottomFromText = 0,
                },
                new TableOverlap { Val = TableOverlapValues.Never },
                new TableWidth { Type = TableWidthUnitValues.Dxa, Width = Twips(TextWidth) },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(
                    Line<TopBorder>("000000", 8, 0),
                    new LeftBorder { Val = BorderValues.Nil },
                    Line<BottomBorder>("000000", 8, 0),
                    new RightBorder { Val = BorderValues.Nil },
                    Line<InsideHorizontalBorder>("000000", 6, 0),
                    new InsideVerticalBorder { Val = BorderValues.Nil }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 0, Type = TableWidthValues.Dxa })),
            new TableGrid(new GridColumn { Width = Twips(TextWidth) }));
        foreach (var line in lines)
        {
            table.Append(new TableRow(
                new TableRowProperties(new CantSplit()),
                new TableCell(new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = Twips(TextWidth) }), line)));
        }

        yield return table;

        // The anchor: an empty paragraph one point high, so it does not push the 版记 onto a page of its own.
        var anchor = Props(JustificationValues.Left, line: 20);
        anchor.SnapToGrid = new SnapToGrid { Val = false };
        yield return Paragraph(anchor, Run(string.Empty, FangSong, 2));
    }

    private const int RecordSide = SmallHalfPoints * 10; // one 四号 character

    private static ParagraphProperties RecordProps(JustificationValues align)
    {
        var props = Props(align);
        props.Indentation = new Indentation { Left = Twips(RecordSide), Right = Twips(RecordSide) };
        return props;
    }

    // Page numbers: 四号 宋体 "— 1 —", one character in from the outer edge, 7 mm below the text area.
    private static string AddFooter(MainDocumentPart main, JustificationValues side)
    {
        var part = main.AddNewPart<FooterPart>();
        var props = Props(side, line: 240, exact: false);
        props.Indentation = side == JustificationValues.Right
            ? new Indentation { Right = Twips(SmallHalfPoints * 10) }
            : new Indentation { Left = Twips(SmallHalfPoints * 10) };
        var pageField = new SimpleField(Run("1", SongTi, SmallHalfPoints)) { Instruction = " PAGE " };
        part.Footer = new Footer(Paragraph(props, Run("— ", SongTi, SmallHalfPoints), pageField, Run(" —", SongTi, SmallHalfPoints)));
        return main.GetIdOfPart(part);
    }

    private static SectionProperties Section(string oddFooter, string evenFooter) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooter },
        new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooter },
        new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Portrait },
        new PageMargin
        {
            Top = MarginTop,
            Bottom = MarginBottom,
            Left = MarginLeft,
            Right = MarginRight,
            Header = 851,
            Footer = 1247, // 22 mm: the number's top about 7 mm below the 35 mm bottom margin
            Gutter = 0,
        },
        // 22 lines: a line grid of 28.95 pt. 28 characters: each 三号 character 0.25 pt narrower (the defaults' w:spacing), as a
        // character grid (linesAndChars) would do in Word; LibreOffice spreads the characters of such a grid far apart.
        new DocGrid { Type = DocGridValues.Lines, LinePitch = BodyLine });

    private static void AddStyles(MainDocumentPart main)
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = FangSong, HighAnsi = FangSong, EastAsia = FangSong, ComplexScript = FangSong },
                new Spacing { Val = CharSpacing },
                new FontSize { Val = Half(BodyHalfPoints) },
                new FontSizeComplexScript { Val = Half(BodyHalfPoints) },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = Twips(BodyLine), LineRule = LineSpacingRuleValues.Exact })));
        var normal = new Style(new StyleName { Val = "Normal" }, new PrimaryStyle())
        {
            Type = StyleValues.Paragraph,
            StyleId = "Normal",
            Default = true,
            StyleRunProperties = new StyleRunProperties(new FontSize { Val = Half(BodyHalfPoints) }, new FontSizeComplexScript { Val = Half(BodyHalfPoints) }),
        };
        main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(defaults, normal);
    }

    // altName is the name a word processor tries when the first font is missing (e.g. 仿宋 for 仿宋_GB2312).
    private static void AddFontTable(MainDocumentPart main)
    {
        var fonts = new DocumentFormat.OpenXml.Wordprocessing.Fonts();
        foreach (var (name, alt, family) in GbFormat.Fonts)
        {
            fonts.Append(new Font(
                new AltName { Val = alt },
                new FontCharSet { Val = "86" },
                new FontFamily { Val = family })
            { Name = name });
        }

        main.AddNewPart<FontTablePart>().Fonts = fonts;
    }
}
