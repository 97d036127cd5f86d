using System.Text.Json;

namespace Luoshi.Cli.Tests;

/// <summary>The lead convention and where it was read are in the plan JSON (issue 15).</summary>
public class LeadRuleJsonTests
{
    [Fact]
    public void Parse_ConventionInTheFirstUnitList_JsonNamesTheRuleItsLineAndCleanNames()
    {
        string text = "关于印发2026年重点工作分工方案的通知\n\n附件\n\n一、重点工作\n\n"
            + "1. 推进城市更新。（责任单位：区住建局（排名第一的为牵头单位，下同）、区房管局）\n\n"
            + "2. 新增学位2000个。（责任单位：区教育局、区财政局）\n";
        string path = Path.Combine(Path.GetTempPath(), $"luoshi-leadrule-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, text);
        try
        {
            var (code, output, error) = CliRunner.Run("parse", path, "--format", "json");
            code.ShouldBe(0, error);
            using var json = JsonDocument.Parse(output);
            var doc = json.RootElement.GetProperty("document");
            doc.GetProperty("leadRule").GetString().ShouldBe("first_listed_leads");
            doc.GetProperty("leadRuleAt").GetInt32().ShouldBe(7);
            doc.GetProperty("leadRuleText").GetString()!.ShouldContain("排名第一的为牵头");
            var first = json.RootElement.GetProperty("items")[0].GetProperty("responsible");
            first[0].GetProperty("name").GetString().ShouldBe("区住建局", "the convention is removed from the unit's name");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
