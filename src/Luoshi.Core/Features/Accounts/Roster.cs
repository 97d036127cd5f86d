using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Luoshi.Core.Features.Accounts;

/// <summary>The Chinese names of the roles, as rosters and pages write them.</summary>
public static class RoleNames
{
    /// <summary>The roles a roster may name, in the order the pages list them.</summary>
    public static readonly AppRole[] Assignable = [AppRole.Clerk, AppRole.UnitHead, AppRole.Leader, AppRole.Office, AppRole.CityViewer];

    public static string Of(AppRole role) => role switch
    {
        AppRole.Admin => "系统管理员",
        AppRole.Office => "督查室",
        AppRole.Clerk => "填报人",
        AppRole.UnitHead => "单位负责人",
        AppRole.Leader => "分管领导",
        AppRole.CityViewer => "市级查看",
        AppRole.SecurityAdmin => "安全管理员",
        AppRole.AuditAdmin => "审计管理员",
        _ => role.ToString(),
    };

    /// <summary>The role a roster's cell names (its Chinese name or a usual variant), or null.</summary>
    public static AppRole? Parse(string? text) => text?.Trim() switch
    {
        "填报人" or "单位填报人" => AppRole.Clerk,
        "单位负责人" or "负责人" => AppRole.UnitHead,
        "分管领导" or "区领导" or "分管区领导" => AppRole.Leader,
        "督查室" or "督查室工作人员" or "区政府督查室" => AppRole.Office,
        "市级查看" or "市级" => AppRole.CityViewer,
        _ => null,
    };

    /// <summary>The roles that belong to a unit (a roster row of these must name one).</summary>
    public static bool NeedsUnit(AppRole role) => role is AppRole.Clerk or AppRole.UnitHead;
}

/// <summary>One account to create, as a roster row or an API item gives it; <see cref="Row"/> is the row number the errors name.</summary>
public sealed record RosterEntry(int Row, string? Unit, string? DisplayName, string? UserName, string? Role, string? Phone, string? Email);

/// <summary>Reads a roster file (.xlsx or .csv; columns 单位, 姓名, 用户名, 角色, 手机, 邮箱, in any order, header in the first row).</summary>
public static class RosterFile
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 5000;

    /// <summary>The columns, each with the header texts accepted for it.</summary>
    private static readonly (string Column, string[] Headers)[] Columns =
    [
        ("单位", ["单位", "单位名称", "所在单位"]),
        ("姓名", ["姓名", "名称"]),
        ("用户名", ["用户名", "账号", "登录名"]),
        ("角色", ["角色"]),
        ("手机", ["手机", "手机号", "手机号码", "电话"]),
        ("邮箱", ["邮箱", "电子邮箱", "电子邮件", "邮件"]),
    ];

    /// <summary>The rows of a roster file; a file that cannot be read, or lacks a required column, is refused with a message.</summary>
    public static Outcome<List<RosterEntry>> Read(string fileName, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            return new Failure(FailureKind.Invalid, "文件是空的。");
        }

        if (bytes.Length > MaxBytes)
        {
            return new Failure(FailureKind.Invalid, "文件超过 5 MB。");
        }

        string ext = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        bool zip = bytes.Length > 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K';
        List<string[]> table;
        try
        {
            table = ext == ".xlsx" || (ext != ".csv" && zip) ? ReadXlsx(bytes) : ext == ".csv" ? ReadCsv(bytes) : null!;
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or FormatException or IOException or InvalidOperationException)
        {
            return new Failure(FailureKind.Invalid, "无法读取该文件，请上传 .xlsx 或 .csv 格式的名单。");
        }

        if (table is null)
        {
            return new Failure(FailureKind.Invalid, "请上传 .xlsx 或 .csv 格式的名单。");
        }

        return FromTable(table);
    }

    /// <summary>The rows of a table whose first row is the header.</summary>
    public static Outcome<List<RosterEntry>> FromTable(IReadOnlyList<string[]> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Count == 0)
        {
            return new Failure(FailureKind.Invalid, "名单是空的：第 1 行应为表头（单位、姓名、用户名、角色、手机、邮箱）。");
        }

        var header = table[0].Select(h => (h ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal)).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (column, headers) in Columns)
        {
            int at = Array.FindIndex(header, h => headers.Contains(h, StringComparer.Ordinal));
            if (at >= 0)
            {
                index[column] = at;
            }
        }

        var missing = new[] { "单位", "姓名", "用户名", "角色" }.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return new Failure(FailureKind.Invalid, "第 1 行（表头）缺少列：" + string.Join("、", missing) + "。表头应为：单位、姓名、用户名、角色、手机、邮箱。");
        }

        if (table.Count - 1 > MaxRows)
        {
            return new Failure(FailureKind.Invalid, $"名单超过 {MaxRows} 行，请分批上传。");
        }

        string? Cell(string[] row, string column) =>
            index.TryGetValue(column, out int i) && i < row.Length && !string.IsNullOrWhiteSpace(row[i]) ? row[i].Trim() : null;

        var entries = new List<RosterEntry>();
        for (int r = 1; r < table.Count; r++)
        {
            var row = table[r];
            if (row.All(string.IsNullOrWhiteSpace))
            {
                continue; // blank lines between blocks are not rows
            }

            entries.Add(new RosterEntry(r + 1, Cell(row, "单位"), Cell(row, "姓名"), Cell(row, "用户名"), Cell(row, "角色"), Cell(row, "手机"), Cell(row, "邮箱")));
        }

        if (entries.Count == 0)
        {
            return new Failure(FailureKind.Invalid, "名单中没有账号：表头下面没有内容。");
        }

        return entries;
    }

    /// <summary>The first worksheet's cells as text, row by row (row numbers kept: a missing row is an empty one).</summary>
    private static List<string[]> ReadXlsx(byte[] bytes) => ReadXlsxSheets(bytes)[0].Rows;

    /// <summary>
    /// Every worksheet of an .xlsx, in order, with its name and its cells as text row by row (row numbers kept). The one
    /// spreadsheet reader of uploads (the roster, the unit catalogue); throws what <see cref="Read"/> catches on a bad file.
    /// </summary>
    internal static List<(string Name, List<string[]> Rows)> ReadXlsxSheets(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var doc = SpreadsheetDocument.Open(stream, false);
        var wb = doc.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var sheets = wb.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
        if (sheets.Count == 0)
        {
            throw new InvalidDataException("no sheet");
        }

        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return [.. sheets.Select(sheet => (sheet.Name?.Value ?? string.Empty, ReadSheet((WorksheetPart)wb.GetPartById(sheet.Id!.Value!), shared)))];
    }

    private static List<string[]> ReadSheet(WorksheetPart part, List<string> shared)
    {
        var rows = new List<string[]>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            int number = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1));
            while (rows.Count < number - 1)
            {
                rows.Add([]);
            }

            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                int col = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                while (cells.Count < col)
                {
                    cells.Add(string.Empty);
                }

                cells.Add(CellText(cell, shared));
            }

            rows.Add([.. cells]);
        }

        return rows;
    }

    private static string CellText(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(cell.CellValue?.Text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int i) && i >= 0 && i < shared.Count
                ? shared[i]
                : string.Empty;
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        return cell.CellValue?.Text ?? cell.InnerText;
    }

    /// <summary>"C12" → 2.</summary>
    private static int ColumnIndex(string reference)
    {
        int n = 0;
        foreach (char c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            n = (n * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return n - 1;
    }

    /// <summary>RFC 4180 CSV in UTF-8 (with or without BOM) or, as Excel saves it on Chinese Windows, GB18030.</summary>
    private static List<string[]> ReadCsv(byte[] bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            text = Encoding.GetEncoding("GB18030").GetString(bytes);
        }

        text = text.TrimStart('\uFEFF');
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }
}
