using System.CommandLine;
using System.Text;
using Luoshi.Cli.Commands;
using Luoshi.Documents;
using Luoshi.Parsing;

Console.OutputEncoding = new UTF8Encoding(false);

var root = new RootCommand("落实（Luoshi）：读取目标任务责任分解方案通知，并输出结构化计划。");

var file = new Argument<FileInfo>("file") { Description = "通知文件（.txt / .md / .docx / .pdf / .html）" };
var format = new Option<string>("--format") { Description = "输出格式：json 或 text", DefaultValueFactory = _ => "json" };
format.AcceptOnlyFromAmong("json", "text");
var parse = new Command("parse", "读取一份通知，输出计划（JSON 或可读提纲）");
parse.Arguments.Add(file);
parse.Options.Add(format);
parse.SetAction(result =>
{
    var info = result.GetValue(file)!;
    var text = ReadNotice(info);
    if (text is null)
    {
        return 2;
    }

    var notice = NoticeParser.Parse(text);
    Console.Out.Write(result.GetValue(format) == "text" ? PlanText.Render(notice) : PlanJson.Serialize(notice) + "\n");
    return 0;
});
root.Subcommands.Add(parse);

return root.Parse(args).Invoke();

static string? ReadNotice(FileInfo info)
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
