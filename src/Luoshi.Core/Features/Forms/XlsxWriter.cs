using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Luoshi.Core.Features.Forms;

/// <summary>Writes <see cref="SheetModel"/>s as one .xlsx: shared strings, one stylesheet, merges, A4 landscape print set-up.</summary>
internal static class XlsxWriter
{
    /// <summary>Excel's limit on the characters in one cell.</summary>
    internal const int MaxCellLength = 32_767;

    public static byte[] Write(IReadOnlyList<SheetModel> sheets, string documentTitle)
    {
        if (sheets.Count == 0)
        {
            throw new ArgumentException("A workbook needs at least one sheet.", nameof(sheets));
        }

        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            document.PackageProperties.Title = documentTitle;
            document.PackageProperties.Creator = "Luoshi";

            var workbookPart = document.AddWorkbookPart();
            var strings = new SharedStrings();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = FormStyles.Build();

            var sheetList = new Sheets();
            var definedNames = new DefinedNames();
            for (int i = 0; i < sheets.Count; i++)
            {
                var model = sheets[i];
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                worksheetPart.Worksheet = BuildWorksheet(model, strings, selected: i == 0);
                sheetList.Append(new Sheet { Name = model.Name, SheetId = (uint)(i + 1), Id = workbookPart.GetIdOfPart(worksheetPart) });
                if (model.HeaderRows.First > 0)
                {
                    definedNames.Append(new DefinedName($"'{model.Name.Replace("'", "''", StringComparison.Ordinal)}'!${model.HeaderRows.First}:${model.HeaderRows.Last}")
                    {
                        Name = "_xlnm.Print_Titles",
                        LocalSheetId = (uint)i,
                    });
                }
            }

            workbookPart.AddNewPart<SharedStringTablePart>().SharedStringTable = strings.Table;
            workbookPart.Workbook = new Workbook(sheetList);
            if (definedNames.HasChildren)
            {
                workbookPart.Workbook.Append(definedNames);
            }
        }

        return stream.ToArray();
    }

    /// <summary>True when Excel (or a CSV reader downstream) could take the text for a formula.</summary>
    internal static bool LooksLikeFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Drops characters XML cannot carry, unifies line breaks and keeps within Excel's cell limit.</summary>
    internal static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r')
            {
                sb.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (c is '\t' or '\n' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD))
            {
                sb.Append(c);
            }
        }

        if (sb.Length > MaxCellLength)
        {
            int cut = MaxCellLength - 1;
            if (char.IsLowSurrogate(sb[cut]))
            {
                cut--;
            }

            sb.Length = cut;
            sb.Append('…');
        }

        return sb.ToString();
    }

    internal static string ColumnName(int column)
    {
        var name = string.Empty;
        for (int n = column; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    internal static string Reference(int row, int column) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    private static Worksheet BuildWorksheet(SheetModel model, SharedStrings strings, bool selected)
    {
        var view = new SheetView { WorkbookViewId = 0U, TabSelected = selected };
        if (model.HeaderRows.Last > 0)
        {
            string topLeft = Reference(model.HeaderRows.Last + 1, 1);
            view.Append(new Pane
            {
                VerticalSplit = model.HeaderRows.Last,
                TopLeftCell = topLeft,
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            });
            view.Append(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue>([new StringValue(topLeft)]) });
        }

        var columns = new Columns();
        for (int c = 1; c <= model.ColumnCount; c++)
        {
            columns.Append(new Column { Min = (uint)c, Max = (uint)c, Width = model.Widths[c - 1], CustomWidth = true });
        }

        var data = new SheetData();
        foreach (var (rowIndex, cells) in model.Rows)
        {
            var row = new Row { RowIndex = (uint)rowIndex };
            if (model.Heights.TryGetValue(rowIndex, out double height))
            {
                row.Height = height;
                row.CustomHeight = true;
            }

            foreach (var (columnIndex, cell) in cells)
            {
                row.Append(BuildCell(rowIndex, columnIndex, cell, strings));
            }

            data.Append(row);
        }

        var worksheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetViews(view),
            new SheetFormatProperties { DefaultRowHeight = 15 },
            columns,
            data);

        if (model.Merges.Count > 0)
        {
            var merges = new MergeCells();
            foreach (var m in model.Merges)
            {
                merges.Append(new MergeCell { Reference = $"{Reference(m.FirstRow, m.FirstColumn)}:{Reference(m.LastRow, m.LastColumn)}" });
            }

            worksheet.Append(merges);
        }

        worksheet.Append(
            new PrintOptions { HorizontalCentered = true },
            new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9U, Orientation = OrientationValues.Landscape, FitToWidth = 1U, FitToHeight = 0U },
            new HeaderFooter(new OddFooter("&C第 &P 页，共 &N 页")));
        return worksheet;
    }

    private static Cell BuildCell(int row, int column, CellModel model, SharedStrings strings)
    {
        var cell = new Cell { CellReference = Reference(row, column) };
        bool quote = false;
        if (model.Text is { } raw)
        {
            string text = Clean(raw);
            quote = LooksLikeFormula(text);
            cell.DataType = CellValues.SharedString;
            cell.CellValue = new CellValue(strings.IndexOf(text).ToString(CultureInfo.InvariantCulture));
        }
        else if (model.Number is { } number)
        {
            cell.CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture));
        }

        cell.StyleIndex = FormStyles.Index(model.Style, quote);
        return cell;
    }

    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);

        public SharedStringTable Table { get; } = new();

        public int IndexOf(string text)
        {
            if (!indexes.TryGetValue(text, out int index))
            {
                index = indexes.Count;
                indexes.Add(text, index);
                var t = new Text(text);
                if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
                {
                    t.Space = SpaceProcessingModeValues.Preserve;
                }

                Table.Append(new SharedStringItem(t));
            }

            return index;
        }
    }
}
