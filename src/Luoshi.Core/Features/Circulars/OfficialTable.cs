using DocumentFormat.OpenXml.Wordprocessing;
using static Luoshi.Core.Features.Circulars.GbFormat;

namespace Luoshi.Core.Features.Circulars;

/// <summary>A table of the body: the text width, single black lines, 四号 仿宋, the header row in 黑体 and repeated on each page.</summary>
internal static class OfficialTable
{
    private const int CellLine = 440; // fixed 22 pt for 14 pt text

    public static Table Build(TableBlock block)
    {
        int[] widths = ColumnWidths(block);
        var table = new Table(
            new TableProperties(
                new TableWidth { Type = TableWidthUnitValues.Dxa, Width = Twips(TextWidth) },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(
                    Line<TopBorder>("000000", 4, 0),
                    Line<LeftBorder>("000000", 4, 0),
                    Line<BottomBorder>("000000", 4, 0),
                    Line<RightBorder>("000000", 4, 0),
                    Line<InsideHorizontalBorder>("000000", 4, 0),
                    Line<InsideVerticalBorder>("000000", 4, 0)),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TopMargin { Width = "57", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 85, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "57", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 85, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = Twips(w) })));

        table.Append(Row(block.Header, widths, header: true));
        foreach (var row in block.Rows)
        {
            table.Append(Row(row, widths, header: false));
        }

        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, int[] widths, bool header)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }

        for (int i = 0; i < widths.Length; i++)
        {
            string text = i < cells.Count ? cells[i] : string.Empty;
            // Short cells (numbers, names) are centred; longer text reads better justified.
            var align = header || Ems(text) * Em * 0.875 <= widths[i] - 170 ? JustificationValues.Center : JustificationValues.Both;
            row.Append(new TableCell(
                new TableCellProperties(
                    new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = Twips(widths[i]) },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                Paragraph(Props(align, CellLine), Run(text, header ? HeiTi : FangSong, SmallHalfPoints))));
        }

        return row;
    }

    // Columns share the text width in proportion to their widest cell, between 2 and 16 characters, so a long text
    // column does not squeeze the number columns to nothing.
    private static int[] ColumnWidths(TableBlock block)
    {
        int count = Math.Max(1, block.Header.Count);
        var weights = new double[count];
        foreach (var row in block.Rows.Prepend(block.Header))
        {
            for (int i = 0; i < count && i < row.Count; i++)
            {
                weights[i] = Math.Max(weights[i], Math.Clamp(Ems(row[i]), 2, 16));
            }
        }

        double total = weights.Sum(w => Math.Max(w, 2));
        var widths = weights.Select(w => (int)Math.Floor(TextWidth * Math.Max(w, 2) / total)).ToArray();
        widths[^1] += TextWidth - widths.Sum();
        return widths;
    }
}
