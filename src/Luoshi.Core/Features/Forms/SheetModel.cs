namespace Luoshi.Core.Features.Forms;

/// <summary>The look of a cell; each has a plain and a quote-prefixed variant in the stylesheet.</summary>
internal enum CellLook
{
    Default,
    Title,
    HeaderLine,
    ColumnHeader,
    Text,
    Centered,
    OneDecimal,
    TwoDecimals,
    Integer,
    Red,
    Amber,
    Green,
}

internal readonly record struct CellModel(string? Text, decimal? Number, CellLook Style);

internal readonly record struct MergeRange(int FirstRow, int FirstColumn, int LastRow, int LastColumn);

/// <summary>A worksheet held in memory (1-based rows and columns) before <see cref="XlsxWriter"/> turns it into OpenXml.</summary>
internal sealed class SheetModel(string name, IReadOnlyList<double> widths)
{
    private readonly SortedDictionary<int, SortedDictionary<int, CellModel>> rows = [];

    public string Name { get; } = name;

    /// <summary>Column widths in Excel's character units; their count is the sheet's column count.</summary>
    public IReadOnlyList<double> Widths { get; } = widths;

    public int ColumnCount => Widths.Count;

    public List<MergeRange> Merges { get; } = [];

    public Dictionary<int, double> Heights { get; } = [];

    /// <summary>The column-header rows: repeated on every printed page and frozen on screen.</summary>
    public (int First, int Last) HeaderRows { get; set; }

    public int LastRow => rows.Count == 0 ? 0 : rows.Keys.Max();

    public IEnumerable<(int Row, IEnumerable<(int Column, CellModel Cell)> Cells)> Rows =>
        rows.Select(r => (r.Key, r.Value.Select(c => (c.Key, c.Value))));

    public CellModel? At(int row, int column) =>
        rows.TryGetValue(row, out var cells) && cells.TryGetValue(column, out var cell) ? cell : null;

    public void Text(int row, int column, string? text, CellLook style) => Put(row, column, new CellModel(text, null, style));

    public void Number(int row, int column, decimal? value, CellLook style) => Put(row, column, new CellModel(null, value, style));

    /// <summary>Merges a range; every cell in it gets the first cell's style so that borders print all round.</summary>
    public void Merge(int firstRow, int firstColumn, int lastRow, int lastColumn)
    {
        if (firstRow == lastRow && firstColumn == lastColumn)
        {
            return;
        }

        var style = At(firstRow, firstColumn)?.Style ?? CellLook.Default;
        for (int r = firstRow; r <= lastRow; r++)
        {
            for (int c = firstColumn; c <= lastColumn; c++)
            {
                if (r != firstRow || c != firstColumn)
                {
                    Put(r, c, new CellModel(null, null, style));
                }
            }
        }

        Merges.Add(new MergeRange(firstRow, firstColumn, lastRow, lastColumn));
    }

    private void Put(int row, int column, CellModel cell)
    {
        if (row < 1 || column < 1 || column > ColumnCount)
        {
            throw new ArgumentOutOfRangeException(nameof(column), $"Cell ({row},{column}) is outside the sheet's {ColumnCount} columns.");
        }

        if (!rows.TryGetValue(row, out var cells))
        {
            cells = [];
            rows.Add(row, cells);
        }

        cells[column] = cell;
    }
}
