namespace Luoshi.Cli.Commands;

/// <summary>`luoshi export FILE --out DIR`: the three lists every unit keeps (任务清单, 时间清单, 责任清单) as .xlsx and .csv.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "输出文件夹", DefaultValueFactory = _ => new DirectoryInfo(".") };
        var command = new Command("export", "导出任务清单、时间清单、责任清单（.xlsx 和 .csv）");
        command.Options.Add(output);
        var notice = command.AddNotice("通知文件");
        command.SetAction(result =>
        {
            var understood = notice.Understand(result);
            if (understood is null)
            {
                return 2;
            }

            if (understood.Resolved is null)
            {
                Console.Error.WriteLine("没有与该通知对应的单位名录，无法生成清单。请用 --district 指定区县。");
                return 2;
            }

            var dir = result.GetValue(output)!;
            dir.Create();
            foreach (string path in ListExporter.Write(understood, dir.FullName))
            {
                Console.WriteLine(path);
            }

            return 0;
        });
        return command;
    }
}
