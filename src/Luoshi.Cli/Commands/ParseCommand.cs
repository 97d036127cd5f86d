namespace Luoshi.Cli.Commands;

/// <summary>`luoshi parse FILE --format json|text`.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "输出格式：json 或 text", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "text");
        var command = new Command("parse", "读取一份通知，输出计划（JSON 或可读提纲）");
        command.Options.Add(format);
        var notice = command.AddNotice("通知文件（.txt / .md / .docx / .pdf / .html）");
        command.SetAction(result =>
        {
            if (result.GetValue(format) == "text")
            {
                var understood = notice.Understand(result);
                if (understood is null)
                {
                    return 2;
                }

                Console.Out.Write(PlanText.Render(understood));
                return 0;
            }

            Console.Out.Flush();
            using var output = Console.OpenStandardOutput();
            return Json(result.GetValue(notice.File)!, result.GetValue(notice.District), result.GetValue(notice.Catalogues), output);
        });
        return command;
    }

    /// <summary>
    /// `luoshi parse FILE --format json` once its options are read: reads and understands the notice and writes the plan's
    /// JSON and a newline to <paramref name="output"/> as UTF-8 while it is written, not built as one string first.
    /// Returns the exit code (2 after one line on standard error when the notice or the catalogues cannot be read).
    /// </summary>
    internal static int Json(FileInfo file, string? district, string? catalogues, Stream output)
    {
        var understood = CommonOptions.Understand(file, district, catalogues);
        if (understood is null)
        {
            return 2;
        }

        PlanJson.Write(understood, output);
        output.Write("\n"u8);
        return 0;
    }
}
