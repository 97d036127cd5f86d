using Luoshi.Core.Features.Forms;
using Luoshi.Documents;
using Luoshi.Parsing.Lists;

namespace Luoshi.Cli.Commands;

/// <summary>
/// Writes the three lists as printable .xlsx (<see cref="FormWorkbooks.List"/>, the district forms' writer: title row,
/// widths, A4 landscape, header row repeated, one page wide) and as .csv (<see cref="CsvWriter"/>).
/// </summary>
internal static class ListExporter
{
    public static IEnumerable<string> Write(UnderstoodNotice u, string folder)
    {
        var tables = new[]
        {
            ResponsibilityLists.Tasks(u),
            ResponsibilityLists.Deadlines(u),
            ResponsibilityLists.Matrix(u),
        };
        foreach (var t in tables)
        {
            string xlsx = Path.Combine(folder, t.Name + ".xlsx");
            File.WriteAllBytes(xlsx, FormWorkbooks.List(Title(u, t), t));
            yield return xlsx;

            string csv = Path.Combine(folder, t.Name + ".csv");
            File.WriteAllBytes(csv, ToCsv(t));
            yield return csv;
        }
    }

    /// <summary>"江岸区2026年任务清单": the district (of the catalogue the units were resolved with) and the plan's year.</summary>
    public static string Title(UnderstoodNotice u, ListTable t)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(t);
        string district = u.Resolved?.Catalogue.District ?? string.Empty;
        string year = u.Notice.Document.Year is int y ? y.ToString(CultureInfo.InvariantCulture) + "年" : string.Empty;
        return district + year + t.Name;
    }

    public static byte[] ToCsv(ListTable t) => CsvWriter.Bytes([t.Headers, .. t.Rows]);
}
