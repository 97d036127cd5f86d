using Luoshi.Documents;

namespace Luoshi.Cli.Commands;

/// <summary>Options and steps shared by the commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> District() => new("--district") { Description = "区县单位名录（代码如 jiangan 或名称如 江岸区）；默认按发文机关自动选择" };

    public static Option<string?> Catalogues() => new("--catalogues") { Description = "单位名录所在文件夹（默认：随程序附带的 data/catalogues）" };

    /// <summary>Adds the notice a command reads to it: the file argument, then --district and --catalogues.</summary>
    public static NoticeInput AddNotice(this Command command, string fileDescription)
    {
        var input = new NoticeInput(new Argument<FileInfo>("file") { Description = fileDescription }, District(), Catalogues());
        command.Arguments.Add(input.File);
        command.Options.Add(input.District);
        command.Options.Add(input.Catalogues);
        return input;
    }

    /// <summary>Reads a notice file; on failure prints one line to standard error and returns null.</summary>
    public static string? ReadNotice(FileInfo info)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(info.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"无法读取文件 {info.FullName}：{e.Message}");
            return null;
        }

        var doc = DocumentReader.Read(bytes, info.Name);
        if (!doc.Succeeded)
        {
            Console.Error.WriteLine($"无法读取 {info.Name}：{doc.Message}");
            return null;
        }

        return doc.Text;
    }

    /// <summary>Reads and understands a notice; returns null (after one line on standard error) when it cannot.</summary>
    public static UnderstoodNotice? Understand(FileInfo file, string? district, string? cataloguesFolder)
    {
        string? text = ReadNotice(file);
        if (text is null)
        {
            return null;
        }

        CatalogueSet set;
        try
        {
            set = CatalogueFiles.Load(cataloguesFolder);
        }
        catch (CatalogueFormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }

        UnitCatalogue? catalogue = null;
        if (district is not null && (catalogue = set.Find(district)) is null)
        {
            Console.Error.WriteLine($"找不到区县“{district}”的单位名录。可用：{string.Join("、", set.Catalogues.Select(c => $"{c.Code}（{c.District}）"))}");
            return null;
        }

        return NoticeUnderstanding.Understand(text, set, catalogue);
    }
}

/// <summary>The notice a command reads: its file and the catalogue to read it with (<see cref="CommonOptions.AddNotice"/>).</summary>
internal sealed record NoticeInput(Argument<FileInfo> File, Option<string?> District, Option<string?> Catalogues)
{
    /// <summary>Reads and understands the notice the command was given (<see cref="CommonOptions.Understand"/>).</summary>
    public UnderstoodNotice? Understand(ParseResult result) =>
        CommonOptions.Understand(result.GetValue(File)!, result.GetValue(District), result.GetValue(Catalogues));
}
