using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Luoshi.Web.Tests.Exports;

/// <summary>A downloaded .xlsx opened with DocumentFormat.OpenXml and read back as text, cell by cell.</summary>
internal sealed class Workbook : IDisposable
{
    private readonly MemoryStream _stream;
    private readonly SpreadsheetDocument _document;
    private readonly List<string> _shared;

    public Workbook(byte[] bytes)
    {
        _stream = new MemoryStream(bytes, writable: false);
        _document = SpreadsheetDocument.Open(_stream, isEditable: false);
        _shared = Part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
    }

    private WorkbookPart Part => _document.WorkbookPart!;

    public IReadOnlyList<string> SheetNames => [.. Part.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];

    /// <summary>Every cell with a value: (row, column) → text (shared strings resolved, numbers as stored).</summary>
    public Dictionary<(int Row, int Column), string> Cells(string sheet)
    {
        var s = Part.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == sheet);
        var ws = ((WorksheetPart)Part.GetPartById(s.Id!)).Worksheet;
        var cells = new Dictionary<(int, int), string>();
        foreach (var c in ws.Descendants<Cell>().Where(c => c.CellValue is not null))
        {
            string raw = c.CellValue!.Text;
            string text = c.DataType?.Value == CellValues.SharedString ? _shared[int.Parse(raw, CultureInfo.InvariantCulture)] : raw;
            cells[Address(c.CellReference!.Value!)] = text;
        }

        return cells;
    }

    public IReadOnlySet<string> Merges(string sheet)
    {
        var s = Part.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == sheet);
        var ws = ((WorksheetPart)Part.GetPartById(s.Id!)).Worksheet;
        return ws.Descendants<MergeCell>().Select(m => m.Reference!.Value!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The first row whose cell in <paramref name="column"/> is exactly <paramref name="text"/>.</summary>
    public static int RowOf(Dictionary<(int Row, int Column), string> cells, int column, string text) =>
        cells.Where(c => c.Key.Column == column && c.Value == text).Select(c => c.Key.Row).DefaultIfEmpty(-1).Min();

    public static string? At(Dictionary<(int Row, int Column), string> cells, int row, int column) => cells.GetValueOrDefault((row, column));

    private static (int Row, int Column) Address(string reference)
    {
        int i = 0, column = 0;
        while (i < reference.Length && char.IsAsciiLetterUpper(reference[i]))
        {
            column = (column * 26) + (reference[i] - 'A' + 1);
            i++;
        }

        return (int.Parse(reference.AsSpan(i), CultureInfo.InvariantCulture), column);
    }

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }
}
