using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Luoshi.Core.Features.Forms;

/// <summary>
/// The one stylesheet every form uses. Each <see cref="CellLook"/> has two cell formats: plain, and
/// quote-prefixed for text that looks like a formula, so Excel keeps it as text even after the cell is edited.
/// </summary>
internal static class FormStyles
{
    private const string FontName = "宋体";
    private const int OneDecimalFormat = 164;

    public static uint Index(CellLook style, bool quotePrefix) => (uint)((int)style * 2 + (quotePrefix ? 1 : 0));

    public static Stylesheet Build()
    {
        var formats = new CellFormats();
        foreach (var style in Enum.GetValues<CellLook>())
        {
            formats.Append(Format(style, quotePrefix: false), Format(style, quotePrefix: true));
        }

        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = OneDecimalFormat, FormatCode = "0.0" }),
            new Fonts(Font(11, bold: false), Font(11, bold: true), Font(18, bold: true)),
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFF2F2F2"),
                Solid("FFFFC7CE"),
                Solid("FFFFEB9C"),
                Solid("FFC6EFCE")),
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(
                    new LeftBorder(new Color { Indexed = 64U }) { Style = BorderStyleValues.Thin },
                    new RightBorder(new Color { Indexed = 64U }) { Style = BorderStyleValues.Thin },
                    new TopBorder(new Color { Indexed = 64U }) { Style = BorderStyleValues.Thin },
                    new BottomBorder(new Color { Indexed = 64U }) { Style = BorderStyleValues.Thin },
                    new DiagonalBorder())),
            new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }),
            formats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }));
    }

    private static CellFormat Format(CellLook style, bool quotePrefix)
    {
        // (font, fill, border, number format, horizontal alignment)
        var (font, fill, border, number, horizontal) = style switch
        {
            CellLook.Default => (0U, 0U, 0U, 0U, (HorizontalAlignmentValues?)null),
            CellLook.Title => (2U, 0U, 0U, 0U, HorizontalAlignmentValues.Center),
            CellLook.HeaderLine => (0U, 0U, 0U, 0U, HorizontalAlignmentValues.Left),
            CellLook.ColumnHeader => (1U, 2U, 1U, 0U, HorizontalAlignmentValues.Center),
            CellLook.Text => (0U, 0U, 1U, 0U, HorizontalAlignmentValues.Left),
            CellLook.Centered => (0U, 0U, 1U, 0U, HorizontalAlignmentValues.Center),
            CellLook.OneDecimal => (0U, 0U, 1U, (uint)OneDecimalFormat, HorizontalAlignmentValues.Center),
            CellLook.TwoDecimals => (0U, 0U, 1U, 2U, HorizontalAlignmentValues.Center),
            CellLook.Integer => (0U, 0U, 1U, 1U, HorizontalAlignmentValues.Center),
            CellLook.Red => (0U, 3U, 1U, 0U, HorizontalAlignmentValues.Center),
            CellLook.Amber => (0U, 4U, 1U, 0U, HorizontalAlignmentValues.Center),
            CellLook.Green => (0U, 5U, 1U, 0U, HorizontalAlignmentValues.Center),
        };

        var format = new CellFormat
        {
            FontId = font,
            FillId = fill,
            BorderId = border,
            NumberFormatId = number,
            FormatId = 0U,
            ApplyFont = font != 0U,
            ApplyFill = fill != 0U,
            ApplyBorder = border != 0U,
            ApplyNumberFormat = number != 0U,
        };

        if (quotePrefix)
        {
            format.QuotePrefix = true;
        }

        if (horizontal is { } h)
        {
            format.ApplyAlignment = true;
            format.Append(new Alignment { Horizontal = h, Vertical = VerticalAlignmentValues.Center, WrapText = true });
        }

        return format;
    }

    private static Font Font(double size, bool bold)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        font.Append(
            new FontSize { Val = size },
            new FontName { Val = FontName },
            new FontFamilyNumbering { Val = 3 },
            new FontCharSet { Val = 134 });
        return font;
    }

    private static Fill Solid(string argb) =>
        new(new PatternFill(new ForegroundColor { Rgb = HexBinaryValue.FromString(argb) }, new BackgroundColor { Indexed = 64U })
        {
            PatternType = PatternValues.Solid,
        });
}
