using Luoshi.TestSupport;

namespace Luoshi.Cli.Tests;

/// <summary>Hostile input files: refused with one line and exit code 2, never a crash of the process.</summary>
public class HostileInputTests
{
    [Fact]
    public void Parse_DocxNestedTenThousandTablesDeep_ExitsTwoWithOneLineNotAStackOverflow()
    {
        string path = Path.Combine(Path.GetTempPath(), $"luoshi-nested-{Guid.NewGuid():N}.docx");
        File.WriteAllBytes(path, HostileFiles.NestedTablesDocx(10_000));
        try
        {
            var (code, output, error) = CliRunner.Run("parse", path);

            // 134 was the stack overflow inside the Word library's recursive loading.
            code.ShouldBe(2, error);
            output.ShouldBeEmpty();
            error.Trim().Split('\n').Length.ShouldBe(1);
            error.ShouldContain("文件结构嵌套过深（超过 256 层），无法读取。");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
