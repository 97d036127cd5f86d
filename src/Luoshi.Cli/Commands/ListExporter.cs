using System.Text;
using Luoshi.Parsing;
using Luoshi.Parsing.Lists;
using MiniExcelLibs;

namespace Luoshi.Cli.Commands;

/// <summary>Writes the three lists as .xlsx (MiniExcel, Apache-2.0) and as .csv (UTF-8 with BOM, so that Excel opens it in Chinese).</summary>
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
            File.WriteAllText(csv, ToCsv(t), new UTF8Encoding(true));
            yield return csv;
        }
    }

    public static string ToCsv(ListTable t)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', t.Headers.Select(Quote)).Append("\r\n");
        foreach (var r in t.Rows)
        {
            sb.AppendJoin(',', r.Select(Quote)).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 || (s.Length > 0 && s[0] is '=' or '+' or '-' or '@')
            ? "\"" + (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' ? "'" : string.Empty) + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : s;
}
