using System.Text;
using MiniExcelLibs;

namespace Luoshi.Cli.Tests;

public class UnitsAndExportTests
{
    [Fact]
    public void Units_District_ListsCatalogueWithCollectives()
    {
        var (code, output, error) = CliRunner.Run("units", "hongshan");
        code.ShouldBe(0, error);
        output.ShouldContain("洪山区单位名录");
        output.ShouldContain("珞南街道");
        output.ShouldContain("各街道");
    }

    [Fact]
    public void Units_UnknownDistrict_ExitsNonZero()
    {
        var (code, _, error) = CliRunner.Run("units", "nowhere");
        code.ShouldNotBe(0);
        error.ShouldContain("nowhere");
    }

    [Fact]
    public void Export_JiangAn_WritesThreeListsAsXlsxAndCsvWithChineseHeaders()
    {
        string dir = Path.Combine(Path.GetTempPath(), "luoshi-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, _, error) = CliRunner.Run("export", CliRunner.Seed("000_4e4f19e7498f2113"), "--out", dir);
            code.ShouldBe(0, error);

            // Row 1 is the title, row 2 the headers (the district forms' writer: printable, landscape, one page wide).
            var title = MiniExcel.Query(Path.Combine(dir, "任务清单.xlsx")).Cast<IDictionary<string, object>>().First();
            title["A"].ShouldBe("江岸区2026年任务清单");
            var tasks = MiniExcel.Query(Path.Combine(dir, "任务清单.xlsx"), useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>().ToList();
            tasks.ShouldNotBeEmpty();
            tasks[0].Keys.ShouldBe(["单位", "角色", "部分", "序号", "任务内容", "量化指标", "完成时限"]);
            // Item 88 is the 住房和城市更新局's: its row carries the parking target.
            tasks.ShouldContain(r => (string)r["序号"] == "88" && ((string)r["量化指标"]).Contains("1 万个", StringComparison.Ordinal));

            var matrix = MiniExcel.Query(Path.Combine(dir, "责任清单.xlsx"), useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>().ToList();
            matrix.Count.ShouldBe(184);
            matrix[0].Keys.Take(3).ShouldBe(["部分", "序号", "任务内容"]);
            matrix.ShouldAllBe(r => r.Values.Skip(3).Any(v => v != null && ((string)v == "牵头" || (string)v == "配合")));

            byte[] csv = File.ReadAllBytes(Path.Combine(dir, "任务清单.csv"));
            csv.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
            Encoding.UTF8.GetString(csv, 3, csv.Length - 3).ShouldStartWith("单位,角色,部分,序号,任务内容,量化指标,完成时限");
            var deadlines = MiniExcel.Query(Path.Combine(dir, "时间清单.xlsx"), useHeaderRow: true, startCell: "A2").Cast<IDictionary<string, object>>().ToList();
            deadlines.Select(r => (string)r["截止日期"]).ShouldBe(["2026-01-20", "2026-04-10", "2026-07-10", "2026-10-10", "2027-01-10"]);
            deadlines[0]["事项"].ShouldBe("报送办理工作方案");
            deadlines[0]["报送对象"].ShouldBe("区人民政府办公室");
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
