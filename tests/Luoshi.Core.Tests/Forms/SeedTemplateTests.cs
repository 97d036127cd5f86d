namespace Luoshi.Core.Tests.Forms;

/// <summary>
/// Guards the expected literals in <see cref="DistrictFormTests"/> against the seed notices in tests/seeds/:
/// the column-header lines are tab-separated table rows there, the titles carry placeholders for the unit.
/// </summary>
public sealed class SeedTemplateTests
{
    private static string[] SeedLines(string file) =>
        File.ReadAllLines(Path.Combine(Samples.RepoRoot, "tests", "seeds", file));

    [Fact]
    public void Jiangan_SampleForm_HeaderRowAndTitleAsInTheSeed()
    {
        var lines = SeedLines("000_4e4f19e7498f2113.txt");

        lines.ShouldContain(string.Join('\t', DistrictFormTests.JianganHeaders));
        lines.ShouldContain("(单位) 区《政府工作报告》办理工作方案(样表)");
        lines.ShouldContain("主要责任人: × × ×");
        lines.ShouldNotContain(l => l.StartsWith("填报", StringComparison.Ordinal), "Jiang'an's form prints no filing date");
    }

    [Fact]
    public void Hongshan_Attachments_HeaderRowsAndTitlesAsInTheSeed()
    {
        var lines = SeedLines("001_b07d873149f44e2f.txt");

        lines.ShouldContain(string.Join('\t', DistrictFormTests.HongshanPlanHeaders.Select(h => h ?? string.Empty)));
        lines.ShouldContain(string.Join('\t', DistrictFormTests.HongshanReportHeaders));
        lines.ShouldContain("## × × ×（单位）办理工作方案");
        lines.ShouldContain("× × ×（单位）× 季度工作目标完成情况表");
        lines.Count(l => l == "填报时间:").ShouldBe(2);
        lines.ShouldNotContain(l => l.StartsWith("主要责任人", StringComparison.Ordinal), "Hongshan's forms print no principal line");

        // 附件1: each item has four rows, 一季度 … 四季度, in the second-and-third column pair.
        int header = Array.IndexOf(lines, string.Join('\t', DistrictFormTests.HongshanPlanHeaders.Select(h => h ?? string.Empty)));
        lines.Skip(header + 1).Take(4).Select(l => l.Split('\t')[2]).ShouldBe(["一季度", "二季度", "三季度", "四季度"]);
    }
}
