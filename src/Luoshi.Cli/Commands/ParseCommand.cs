using System.CommandLine;

namespace Luoshi.Cli.Commands;

/// <summary>`luoshi parse FILE --format json|text`.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "通知文件（.txt / .md / .docx / .pdf / .html）" };
        var format = new Option<string>("--format") { Description = "输出格式：json 或 text", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "text");
        var district = CommonOptions.District();
        var catalogues = CommonOptions.Catalogues();
        var command = new Command("parse", "读取一份通知，输出计划（JSON 或可读提纲）");
        command.Arguments.Add(file);
        command.Options.Add(format);
        command.Options.Add(district);
        command.Options.Add(catalogues);
        command.SetAction(result =>
        {
            var understood = CommonOptions.Understand(result.GetValue(file)!, result.GetValue(district), result.GetValue(catalogues));
            if (understood is null)
            {
                return 2;
            }

            Console.Out.Write(result.GetValue(format) == "text" ? PlanText.Render(understood) : PlanJson.Serialize(understood) + "\n");
            return 0;
        });
        return command;
    }
}
