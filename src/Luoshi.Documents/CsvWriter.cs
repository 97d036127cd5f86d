using System.Buffers;

namespace Luoshi.Documents;

/// <summary>How a <see cref="CsvWriter"/> quotes its fields.</summary>
public enum CsvQuoting
{
    /// <summary>Only the fields that need it (RFC 4180: a comma, a double quote, CR or LF) and the guarded ones.</summary>
    WhenNeeded,

    /// <summary>Every field.</summary>
    All,
}

/// <summary>
/// The one CSV writer of Luoshi (the CLI's three lists and the web's score export): UTF-8 with a byte-order mark, so that
/// Excel reads the Chinese; CRLF after every record; RFC 4180 quoting (a double quote doubled inside a quoted field).
/// A field that starts with = + - @ a tab or a CR gets a leading apostrophe (and is quoted), so that a spreadsheet shows
/// it as text instead of running it as a formula (CSV injection).
/// </summary>
public static class CsvWriter
{
    private static readonly SearchValues<char> NeedQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>The records as the bytes of a file: the byte-order mark, then the text of <see cref="Text"/> in UTF-8.</summary>
    public static byte[] Bytes(IEnumerable<IEnumerable<string>> records, CsvQuoting quoting = CsvQuoting.WhenNeeded) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Text(records, quoting))];

    /// <summary>The records as text, each one ended by CRLF.</summary>
    public static string Text(IEnumerable<IEnumerable<string>> records, CsvQuoting quoting = CsvQuoting.WhenNeeded)
    {
        ArgumentNullException.ThrowIfNull(records);
        var sb = new StringBuilder();
        foreach (var record in records)
        {
            sb.AppendJoin(',', record.Select(f => Field(f, quoting))).Append("\r\n");
        }

        return sb.ToString();
    }

    /// <summary>One field as written: guarded against formulas, then quoted if <paramref name="quoting"/> or its content asks for it.</summary>
    public static string Field(string value, CsvQuoting quoting = CsvQuoting.WhenNeeded)
    {
        ArgumentNullException.ThrowIfNull(value);
        bool guarded = RunsAsFormula(value);
        string v = guarded ? "'" + value : value;
        return quoting == CsvQuoting.All || guarded || v.AsSpan().ContainsAny(NeedQuotes)
            ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : v;
    }

    /// <summary>Whether a spreadsheet would read the field as a formula (or strip its leading tab or CR and then might).</summary>
    public static bool RunsAsFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
}
