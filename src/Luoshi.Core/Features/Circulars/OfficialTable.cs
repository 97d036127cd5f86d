using DocumentFormat.OpenXml.Wordprocessing;
using static Luoshi.Core.Features.Circulars.GbFormat;

namespace Luoshi.Core.Features.Circulars;

/// <summary>A table of the body: the text width, single black lines, 四号 仿宋, the header row in 黑体 and repeated on each page.</summary>
internal static class OfficialTable
{
    private const int CellLine = 440; // fixed 22 pt for 14 pt text
    private const int ShortColumn = 10 * SmallHalfPoints * 10;
    private const int MinTextColumn = 4 * SmallHalfPoints * 10;

    public static Table Build(TableBlock block)
    {
        int[] widths = ColumnWidths(block);
        var table = Frame(widths, bold: false);
        table.Append(Row(block.Header, widths, header: true));
        foreach (var row in block.Rows)
        {
            table.Append(Row(row, widths, header: false));
        }

        return table;
    }

    /// <summary>
    /// A form (督办单): two columns, the labels in 黑体 on one line in a column just wide enough for the longest of them,
    /// the values in 仿宋 in the rest of the text width; a thicker outer frame; no row split across pages.
    /// </summary>
    public static Table BuildForm(IReadOnlyList<FormRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int labelWidth = LabelColumn(rows);
        int[] widths = [labelWidth, TextWidth - labelWidth];
        var table = Frame(widths, bold: true);
        foreach (var r in rows)
        {
            var row = new TableRow(new TableRowProperties(new CantSplit(), new TableRowHeight { Val = (uint)(2 * CellLine + 114), HeightType = HeightRuleValues.AtLeast }));
            row.Append(new TableCell(
                new TableCellProperties(
                    new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = Twips(widths[0]) },
                    new NoWrap(),
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                Paragraph(Props(JustificationValues.Distribute, CellLine), Run(r.Label, HeiTi, SmallHalfPoints))));
            var value = new TableCell(new TableCellProperties(
                new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = Twips(widths[1]) },
                new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }));
            foreach (string line in r.Value.ReplaceLineEndings("\n").Split('\n'))
            {
                value.Append(Paragraph(Props(JustificationValues.Left, CellLine), [.. FillRuns(line)]));
            }

            row.Append(value);
            table.Append(row);
        }

        return table;
    }

    /// <summary>The label column: the longest label on one line, plus the cell margins and one character of air.</summary>
    internal static int LabelColumn(IReadOnlyList<FormRow> rows) =>
        (int)Math.Ceiling(rows.Max(r => Ems(r.Label)) * SmallHalfPoints * 10) + 2 * 85 + SmallHalfPoints * 10;

    // "联系人：＿＿＿＿" → "联系人：" and an underlined blank as wide as the ＿ run.
    private static IEnumerable<Run> FillRuns(string line)
    {
        int i = 0;
        while (i < line.Length)
        {
            bool blank = line[i] == '＿';
            int j = i;
            while (j < line.Length && (line[j] == '＿') == blank)
            {
                j++;
            }

            var run = Run(blank ? new string('\u3000', j - i) : line[i..j], FangSong, SmallHalfPoints);
            if (blank)
            {
                run.RunProperties!.Underline = new Underline { Val = UnderlineValues.Single };
            }

            yield return run;
            i = j;
        }

        if (line.Length == 0)
        {
            yield return Run(string.Empty, FangSong, SmallHalfPoints);
        }
    }

    private static Table Frame(int[] widths, bool bold)
    {
        uint outer = bold ? 12u : 4u;
        return new Table(
            new TableProperties(
                new TableWidth { Type = TableWidthUnitValues.Dxa, Width = Twips(widths.Sum()) },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(
                    Line<TopBorder>("000000", outer, 0),
                    Line<LeftBorder>("000000", outer, 0),
                    Line<BottomBorder>("000000", outer, 0),
                    Line<RightBorder>("000000", outer, 0),
                    Line<InsideHorizontalBorder>("000000", 4, 0),
                    Line<InsideVerticalBorder>("000000", 4, 0)),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TopMargin { Width = "57", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 85, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "57", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 85, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = Twips(w) })));
    }

    private static TableRow Row(IReadOnlyList<string> cells, int[] widths, bool header)
    {
        // A row is never split across pages (a 督办单's matter and its requirement stay together); the header repeats.
        var row = new TableRow(header ? new TableRowProperties(new CantSplit(), new TableHeader()) : new TableRowProperties(new CantSplit()));

        for (int i = 0; i < widths.Length; i++)
        {
            string text = i < cells.Count ? cells[i] : string.Empty;
            // Cells that fit on one line (numbers, names, dates) are centred; longer text is set flush left, since
            // justifying narrow columns of mixed digits and Chinese spreads the characters apart.
            var align = header || Ems(text) * SmallHalfPoints * 10 <= widths[i] - 170 ? JustificationValues.Center : JustificationValues.Left;
            row.Append(new TableCell(
                new TableCellProperties(
                    new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = Twips(widths[i]) },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                Paragraph(Props(align, CellLine), Run(text, header ? HeiTi : FangSong, SmallHalfPoints))));
        }

        return row;
    }

    // Cell margins and slack: one and a half characters where digits meet Chinese (LibreOffice puts a narrow space between
    // them), half a character otherwise.
    private static int Padding(string text) =>
        2 * 85 + (text.Any(char.IsAsciiDigit) && text.Any(c => c > 0x2E7F) ? 3 : 1) * SmallHalfPoints * 10 / 2;

    // A column as wide as its longest cell on one line where that fits. Columns narrower than an even share of what is
    // left, or than ten characters (numbers, short names, dates), keep that natural width while the others still get
    // four characters each; the text columns share the rest in proportion to their length; width left over is spread
    // in proportion.
    private static int[] ColumnWidths(TableBlock block)
    {
        int count = Math.Max(1, block.Header.Count);
        var natural = new int[count];
        foreach (var row in block.Rows.Prepend(block.Header))
        {
            for (int i = 0; i < count && i < row.Count; i++)
            {
                natural[i] = Math.Max(natural[i], (int)Math.Ceiling(Math.Max(Ems(row[i]), 1) * SmallHalfPoints * 10) + Padding(row[i]));
            }
        }

        var widths = new int[count];
        var open = Enumerable.Range(0, count).ToList();
        int remaining = TextWidth;
        bool fixedSome = true;
        while (open.Count > 0 && fixedSome)
        {
            int share = remaining / open.Count;
            fixedSome = false;
            foreach (int i in open.Where(i => natural[i] <= Math.Max(share, ShortColumn)).OrderBy(i => natural[i]).ToList())
            {
                if (remaining - natural[i] >= MinTextColumn * (open.Count - 1))
                {
                    widths[i] = natural[i];
                    remaining -= natural[i];
                    open.Remove(i);
                    fixedSome = true;
                }
            }
        }

        var spread = open.Count > 0 ? open : Enumerable.Range(0, count).ToList();
        double weight = spread.Sum(i => (double)natural[i]);
        foreach (int i in spread)
        {
            widths[i] += (int)Math.Floor(remaining * natural[i] / weight);
        }

        widths[spread[^1]] += TextWidth - widths.Sum();
        return widths;
    }
}
