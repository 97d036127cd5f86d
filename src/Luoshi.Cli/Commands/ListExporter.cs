using Luoshi.Documents;
using Luoshi.Parsing;
using Luoshi.Parsing.Lists;
using MiniExcelLibs;

namespace Luoshi.Cli.Commands;

/// <summary>Writes the three lists as .xlsx (MiniExcel, Apache-2.0) and as .csv (<see cref="CsvWriter"/>).</summary>
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
            var sheet = t.Rows.Select(r =>
            {
                var d = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (int c = 0; c < t.Headers.Count; c++)
                {
                    d[t.Headers[c]] = r[c];
                }

                return d;
            }).ToList();
            if (File.Exists(xlsx))
            {
                File.Delete(xlsx);
            }

            MiniExcel.SaveAs(xlsx, sheet, sheetName: t.Name);
            yield return xlsx;

            string csv = Path.Combine(folder, t.Name + ".csv");
            File.WriteAllBytes(csv, ToCsv(t));
            yield return csv;
        }
    }

    public static byte[] ToCsv(ListTable t) => CsvWriter.Bytes([t.Headers, .. t.Rows]);
}
