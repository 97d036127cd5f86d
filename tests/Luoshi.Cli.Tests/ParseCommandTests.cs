using System.Text;
using System.Text.Json;

namespace Luoshi.Cli.Tests;

public class ParseCommandTests
{
    [Theory]
    [InlineData("000_4e4f19e7498f2113", 184, "江岸区", "岸政办〔2026〕1号")]
    [InlineData("001_b07d873149f44e2f", 135, "洪山区", "洪政办〔2026〕1号")]
    [InlineData("002_4ba397864c4b7ffe", 203, "蔡甸区", "蔡政办〔2026〕1号")]
    public void Parse_SeedAsJson_WritesWholePlanWithResolvedUnits(string seed, int items, string district, string docNumber)
    {
        var (code, output, error) = CliRunner.Run("parse", CliRunner.Seed(seed), "--format", "json");
        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("document").GetProperty("docNumber").GetString().ShouldBe(docNumber);
        root.GetProperty("document").GetProperty("district").GetString().ShouldBe(district);
        root.GetProperty("document").GetProperty("unitsInvolved").GetInt32().ShouldBeGreaterThan(30);
        root.GetProperty("items").GetArrayLength().ShouldBe(items);
        var unresolved = root.GetProperty("items").EnumerateArray()
            .SelectMany(i => i.GetProperty("lead").EnumerateArray().Concat(i.GetProperty("responsible").EnumerateArray()))
            .Where(u => u.GetProperty("resolution").GetString() == "unknown")
            .Select(u => u.GetProperty("printed").GetString())
            .ToList();
        unresolved.ShouldBeEmpty();
        root.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("leadUnits").GetArrayLength() > 0
            || i.GetProperty("responsible").EnumerateArray().All(u => u.GetProperty("resolution").GetString() == "collective"));
    }

    [Fact]
    public void Parse_JiangAn_Item88CarriesItsTargetsAndIsRepeatedAsLivelihood22()
    {
        var (code, output, _) = CliRunner.Run("parse", CliRunner.Seed("000_4e4f19e7498f2113"));
        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var item88 = json.RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("partKind").GetString() == "key_work" && i.GetProperty("number").GetString() == "88");
        var targets = item88.GetProperty("indicators").EnumerateArray().Select(x => (x.GetProperty("value").GetDecimal(), x.GetProperty("unit").GetString())).ToList();
        targets.ShouldBe([(10000m, "个"), (5000m, "个")]);
        var repeated = json.RootElement.GetProperty("repeatedTargets").EnumerateArray()
            .Where(r => r.GetProperty("value").GetDecimal() == 10000m && r.GetProperty("unit").GetString() == "个").ToList();
        repeated.ShouldNotBeEmpty();
        repeated[0].GetProperty("items").EnumerateArray().Select(x => x.GetProperty("number").GetString()).ShouldBe(["88", "22"]);
    }

    [Theory]
    [InlineData("000_4e4f19e7498f2113", "2026-01-20", "2026-04-10,2026-07-10,2026-10-10,2027-01-10", false)]
    [InlineData("001_b07d873149f44e2f", "2026-01-30", "2026-04-08,2026-07-08,2026-10-08,2026-12-08", true)]
    [InlineData("002_4ba397864c4b7ffe", "2026-01-15", "2026-03-31,2026-06-30,2026-09-30,2026-12-31", false)]
    public void Parse_Seed_ScheduleMatchesTheNoticesCalendar(string seed, string workPlan, string reports, bool coUnitsToLead)
    {
        var (code, output, _) = CliRunner.Run("parse", CliRunner.Seed(seed));
        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        var schedule = json.RootElement.GetProperty("schedule");
        schedule.GetProperty("workPlan").GetProperty("date").GetString().ShouldBe(workPlan);
        string.Join(",", schedule.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("date").GetString())).ShouldBe(reports);
        schedule.GetProperty("coUnitsReportToLead").GetBoolean().ShouldBe(coUnitsToLead);
    }

    [Fact]
    public void Parse_AsText_PrintsReadableOutline()
    {
        var (code, output, _) = CliRunner.Run("parse", CliRunner.Seed("001_b07d873149f44e2f"), "--format", "text");
        code.ShouldBe(0);
        output.ShouldContain("135 项任务");
        output.ShouldContain("——加快产业升级步伐");
        output.ShouldContain("牵头：区发展和改革局");
    }

    [Theory]
    [InlineData("gb18030")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be-bom")]
    public void Parse_SeedInOtherEncoding_ReadsTheSamePlan(string encoding)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        string text = File.ReadAllText(CliRunner.Seed("001_b07d873149f44e2f"));
        byte[] bytes = encoding switch
        {
            "gb18030" => Encoding.GetEncoding("GB18030").GetBytes(text),
            "utf-16le" => Encoding.Unicode.GetBytes(text),
            "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
        string path = Path.Combine(Path.GetTempPath(), $"luoshi-{encoding}-{Guid.NewGuid():N}.txt");
        File.WriteAllBytes(path, bytes);
        try
        {
            var (code, output, error) = CliRunner.Run("parse", path);
            code.ShouldBe(0, error);
            using var json = JsonDocument.Parse(output);
            json.RootElement.GetProperty("items").GetArrayLength().ShouldBe(135);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("empty", "文件是空的")]
    [InlineData("binary", "无法读取")]
    [InlineData("missing", "无法读取")]
    public void Parse_UnreadableInput_ExitsNonZeroWithOneLine(string kind, string message)
    {
        string path = Path.Combine(Path.GetTempPath(), $"luoshi-{kind}-{Guid.NewGuid():N}.txt");
        if (kind == "empty")
        {
            File.WriteAllBytes(path, []);
        }
        else if (kind == "binary")
        {
            File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]);
        }

        try
        {
            var (code, output, error) = CliRunner.Run("parse", path);
            code.ShouldNotBe(0);
            output.ShouldBeEmpty();
            error.Trim().Split('\n').Length.ShouldBe(1);
            error.ShouldContain(message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_TextWithoutPlan_ExitsZeroWithNoPlanDiagnostic()
    {
        string path = Path.Combine(Path.GetTempPath(), $"luoshi-noplan-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "区人民政府办公室关于做好春节期间安全工作的通知\n\n各街道、各部门：\n请做好安全工作。\n\n2026年1月5日\n");
        try
        {
            var (code, output, _) = CliRunner.Run("parse", path);
            code.ShouldBe(0);
            using var json = JsonDocument.Parse(output);
            json.RootElement.GetProperty("items").GetArrayLength().ShouldBe(0);
            json.RootElement.GetProperty("diagnostics").EnumerateArray().ShouldContain(d => d.GetProperty("code").GetString() == "no-plan");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
