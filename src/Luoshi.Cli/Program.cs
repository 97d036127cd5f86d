using Luoshi.Cli.Commands;

Console.OutputEncoding = new UTF8Encoding(false);

var root = new RootCommand("落实（Luoshi）：读取目标任务责任分解方案通知，输出结构化计划、单位名录和三张清单；备份与恢复数据库。");
root.Subcommands.Add(ParseCommand.Create());
root.Subcommands.Add(UnitsCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(BackupCommands.Backup());
root.Subcommands.Add(BackupCommands.Restore());
return root.Parse(args).Invoke();
