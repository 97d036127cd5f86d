namespace Luoshi.Core.Features.Forms;

/// <summary>The three lists every unit keeps (任务清单, 时间清单, 责任清单) as printable sheets, with the district forms' print set-up.</summary>
public static partial class FormWorkbooks
{
    /// <summary>Columns whose text is the item's or the notice's own words: wide, wrapped.</summary>
    private static readonly HashSet<string> LongColumns = new(StringComparer.Ordinal) { "任务内容", "原文", "量化指标", "报送单位" };

    internal const double MinListWidth = 6;
    internal const double MaxListWidth = 24;
    internal const double LongListWidth = 44;

    /// <summary>
    /// One list on one sheet named after it: the title in row 1 (merged across), the column headers in row 2 (repeated on
    /// every printed page, frozen on screen), then the rows. A4 landscape, one page wide. Column widths follow the
    /// content: the item's text and the notice's words 44 characters wide and wrapped; other columns as wide as their
    /// longest value (CJK counts two), between 6 and 24; a 责任清单's unit columns as wide as 牵头 / 配合 with the unit's
    /// name wrapped in the header.
    /// </summary>
    public static byte[] List(string title, ListTable table)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(table);

        var widths = table.Headers.Select((h, c) => ListColumnWidth(h, table.Rows.Select(r => c < r.Count ? r[c] : string.Empty))).ToList();
        var sheet = new SheetModel(table.Name, widths);
        int r = FormLayout.Head(sheet, title, null, table.Headers);
        foreach (var row in table.Rows)
        {
            for (int c = 0; c < table.Headers.Count; c++)
            {
                string? value = c < row.Count && row[c].Length > 0 ? row[c] : null;
                sheet.Text(r, c + 1, value, LongColumns.Contains(table.Headers[c]) ? CellLook.Text : CellLook.Centered);
            }

            r++;
        }

        FormLayout.FitRowHeights(sheet, 2);
        return XlsxWriter.Write([sheet], title);
    }

    internal static double ListColumnWidth(string header, IEnumerable<string> values)
    {
        if (LongColumns.Contains(header))
        {
            return LongListWidth;
        }

        int longest = values.Select(Units).DefaultIfEmpty(0).Max();
        // The header may wrap onto two lines; a value may not.
        int need = Math.Max(longest, (Units(header) + 1) / 2);
        return Math.Clamp(need + 2, MinListWidth, MaxListWidth);
    }

    private static int Units(string text) => text.Sum(ch => ch >= '\u2E80' ? 2 : 1);
}
