using Luoshi.Core.Features.Forms;
using Luoshi.Parsing.Calendar;

namespace Luoshi.Core.Tests.Forms;

/// <summary>Leaves one filled sample of each workbook in artifacts/forms/ for a person to open in Excel or WPS.</summary>
public sealed class SampleArtifactTests
{
    [Fact]
    public void Samples_WrittenToArtifactsAndReadableBack()
    {
        var samples = new Dictionary<string, byte[]>
        {
            ["江岸-办理工作方案.xlsx"] = FormWorkbooks.JianganWorkPlan(2026, Samples.JianganRows(), new Dictionary<string, FormHeader> { [Samples.FireBrigade] = new("赵六") }),
            ["洪山-附件1-办理工作方案.xlsx"] = FormWorkbooks.HongshanWorkPlan(2026, Samples.HongshanRows(), new Dictionary<string, FormHeader> { ["区总工会"] = new(FilledOn: new DateOnly(2026, 1, 28)) }),
            ["洪山-附件2-一季度工作目标完成情况表.xlsx"] = FormWorkbooks.HongshanQuarterReport("区总工会", 2026, ReportPeriodLabels.Quarter(1),
                [
                    new("28", "开展职工心理关爱活动 60 场次以上。", "一季度开展 12 场，覆盖职工 1800 人次，完成全年目标的 20%。", "部分街道活动场地不足；下步协调社区党群服务中心提供场地，二季度开展 20 场。", "区总工会"),
                    new("27", "组织开展爱心托管班", "已开办 3 个托管班。", "无", "区总工会"),
                ],
                new FormHeader(FilledOn: new DateOnly(2026, 4, 7))),
            ["推进情况.xlsx"] = FormWorkbooks.PlanProgress("2026年洪山区目标任务推进情况", OfficeTableTests.ProgressRows()),
            ["考评得分.xlsx"] = FormWorkbooks.Scores("2026年度目标任务考评得分", OfficeTableTests.ScoreRows()),
        };

        foreach (var (file, bytes) in samples)
        {
            Samples.Save(file, bytes);
            using var book = new Workbook(File.ReadAllBytes(Path.Combine(Samples.ArtifactsDir, file)));
            book.SheetNames.ShouldNotBeEmpty(file);
            book.ValidationErrors().ShouldBeEmpty(file);
        }
    }
}
