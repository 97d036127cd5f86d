using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Luoshi.Documents.Tests.Support;

/// <summary>
/// Writes real .docx files the way a government office would: A4, Noto CJK fonts, justified paragraphs with a two-character
/// first-line indent. A '\t' in a line becomes a w:tab.
/// </summary>
internal static class DocxBuilder
{
    public const string Font = "Noto Serif CJK SC";

    /// <summary>One paragraph per line; an empty line is an empty paragraph.</summary>
    public static byte[] Paragraphs(IEnumerable<string> lines) =>
        Build(body =>
        {
            foreach (string line in lines)
            {
                body.Append(Paragraph(line));
            }
        });

    /// <summary>Paragraphs before, a table (each cell a list of paragraphs), paragraphs after.</summary>
    public static byte[] WithTable(IEnumerable<string> before, IEnumerable<IReadOnlyList<IReadOnlyList<string>>> rows, IEnumerable<string> after) =>
        Build(body =>
        {
            foreach (string line in before)
            {
                body.Append(Paragraph(line));
            }

            body.Append(Table(rows));
            foreach (string line in after)
            {
                body.Append(Paragraph(line));
            }
        });

    public static byte[] Build(Action<Body> fill, Action<MainDocumentPart>? parts = null)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            MainDocumentPart main = doc.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new DocDefaults(
                    new RunPropertiesDefault(new RunPropertiesBaseStyle(
                        new RunFonts { Ascii = Font, HighAnsi = Font, EastAsia = Font, ComplexScript = Font },
                        new FontSize { Val = "24" },
                        new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                    new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                        new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))));
            parts?.Invoke(main);
            var body = new Body();
            fill(body);
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1800U, Right = 1800U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new Document(body);
        }

        return ms.ToArray();
    }

    public static Paragraph Paragraph(string line)
    {
        var p = new Paragraph(new ParagraphProperties(
            new Justification { Val = JustificationValues.Both },
            new Indentation { FirstLineChars = 200, FirstLine = "480" }));
        string[] pieces = line.Split('\t');
        for (int i = 0; i < pieces.Length; i++)
        {
            if (i > 0)
            {
                p.Append(new Run(new TabChar()));
            }

            if (pieces[i].Length > 0)
            {
                p.Append(new Run(new Text(pieces[i]) { Space = SpaceProcessingModeValues.Preserve }));
            }
        }

        return p;
    }

    public static Table Table(IEnumerable<IReadOnlyList<IReadOnlyList<string>>> rows)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4U },
            new BottomBorder { Val = BorderValues.Single, Size = 4U },
            new LeftBorder { Val = BorderValues.Single, Size = 4U },
            new RightBorder { Val = BorderValues.Single, Size = 4U },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        table.Append(new TableGrid(new GridColumn { Width = "900" }, new GridColumn { Width = "5400" }, new GridColumn { Width = "2000" }));
        foreach (IReadOnlyList<IReadOnlyList<string>> row in rows)
        {
            var tr = new TableRow();
            foreach (IReadOnlyList<string> cell in row)
            {
                var tc = new TableCell();
                foreach (string para in cell)
                {
                    tc.Append(new Paragraph(new Run(new Text(para) { Space = SpaceProcessingModeValues.Preserve })));
                }

                if (cell.Count == 0)
                {
                    tc.Append(new Paragraph());
                }

                tr.Append(tc);
            }

            table.Append(tr);
        }

        return table;
    }

    /// <summary>Adds a numbering definition (id 1: decimal "%1.") for paragraphs that use w:numPr.</summary>
    public static void AddDecimalNumbering(MainDocumentPart main)
    {
        var part = main.AddNewPart<NumberingDefinitionsPart>();
        part.Numbering = new Numbering(
            new AbstractNum(
                new Level(
                    new StartNumberingValue { Val = 1 },
                    new NumberingFormat { Val = NumberFormatValues.Decimal },
                    new LevelText { Val = "%1." })
                { LevelIndex = 0 })
            { AbstractNumberId = 1 },
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
    }
}
