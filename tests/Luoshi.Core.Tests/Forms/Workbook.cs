using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Luoshi.Core.Tests.Forms;

/// <summary>Opens generated .xlsx bytes with DocumentFormat.OpenXml and reads them back the way Excel would see them.</summary>
internal sealed class Workbook : IDisposable
{
    private readonly MemoryStream stream;
    private readonly SpreadsheetDocument document;

    public Workbook(byte[] bytes)
    {
        stream = new MemoryStream(bytes, writable: false);
        document = SpreadsheetDocument.Open(stream, isEditable: false);
    }

    private WorkbookPart Part => document.WorkbookPart!;

    public IReadOnlyList<string> SheetNames => Part.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    public string? Title => document.PackageProperties.Title;

    /// <summary>Schema errors as the OpenXml validator reports them (Office 2019 rules).</summary>
    public IReadOnlyList<string> ValidationErrors() =>
        new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Path?.XPath}: {e.Description}")
            .ToList();

    public Worksheet Sheet(string name)
    {
        var sheet = Part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)Part.GetPartById(sheet.Id!)).Worksheet;
    }

    public Cell? Cell(string sheet, string reference) =>
        Sheet(sheet).Descendants<Cell>().SingleOrDefault(c => c.CellReference == reference);

    /// <summary>The cell's text as Excel shows it: shared strings resolved, numbers as stored, null for no cell or no value.</summary>
    public string? Text(string sheet, string reference)
    {
        var cell = Cell(sheet, reference);
        if (cell?.CellValue is null)
        {
            return cell?.InlineString?.InnerText;
        }

        string raw = cell.CellValue.Text;
        return cell.DataType?.Value == CellValues.SharedString
            ? Part.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(raw, System.Globalization.CultureInfo.InvariantCulture)).InnerText
            : raw;
    }

    public IReadOnlyList<string?> RowTexts(string sheet, int row, int columns) =>
        Enumerable.Range(1, columns).Select(c => Text(sheet, ColumnName(c) + row.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

    public IReadOnlySet<string> Merges(string sheet) =>
        Sheet(sheet).Descendants<MergeCell>().Select(m => m.Reference!.Value!).ToHashSet(StringComparer.Ordinal);

    public CellFormat StyleOf(Cell cell) =>
        Part.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));

    public Font FontOf(Cell cell) =>
        Part.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ElementAt((int)StyleOf(cell).FontId!.Value);

    /// <summary>The ARGB of the cell's solid fill, null when it has none.</summary>
    public string? FillColour(Cell cell) =>
        Part.WorkbookStylesPart!.Stylesheet.Fills!.Elements<Fill>().ElementAt((int)StyleOf(cell).FillId!.Value)
            .PatternFill?.ForegroundColor?.Rgb?.Value;

    public IReadOnlyList<(string Name, uint? SheetIndex, string Text)> DefinedNames =>
        Part.Workbook.DefinedNames?.Elements<DefinedName>().Select(d => (d.Name!.Value!, d.LocalSheetId?.Value, d.Text)).ToList() ?? [];

    public static string ColumnName(int column) => column <= 26 ? ((char)('A' + column - 1)).ToString() : throw new ArgumentOutOfRangeException(nameof(column));

    public void Dispose()
    {
        document.Dispose();
        stream.Dispose();
    }
}
