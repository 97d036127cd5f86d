using Luoshi.Core.Features.Forms;
using Luoshi.Parsing.Calendar;

namespace Luoshi.Core.Tests.Forms;

public sealed class QuarterNamesTests
{
    [Theory]
    [InlineData(1, "一季度")]
    [InlineData(4, "四季度")]
    public void Of_QuarterNumber_ChineseName(int quarter, string name) => ReportPeriodLabels.Quarter(quarter).ShouldBe(name);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Of_OutOfRange_Throws(int quarter) => Should.Throw<ArgumentOutOfRangeException>(() => ReportPeriodLabels.Quarter(quarter));

    [Theory]
    [InlineData("3月底前", 1, "a month in ASCII digits")]
    [InlineData("4月", 2, "first month of the second quarter")]
    [InlineData("2026年6月30日前", 2, "the year's digits are not a month")]
    [InlineData("９月底", 3, "full-width digits as typed in Chinese documents")]
    [InlineData("十月中旬", 4, "a month in Chinese numerals")]
    [InlineData("十二月", 4, "十二 is twelve, not ten")]
    [InlineData("二季度末", 2, "a quarter named")]
    [InlineData("第三季度", 3, "a quarter named with 第")]
    [InlineData("上半年", 2, "the first half ends with the second quarter")]
    [InlineData("年底前", 4, "the year's end")]
    [InlineData("全年", 4, "all year ends in the fourth quarter")]
    [InlineData(null, 4, "no deadline: the plan year's end")]
    [InlineData("", 4, "blank deadline")]
    public void QuarterOf_StepWithoutQuarter_ReadFromItsDeadline(string? due, int quarter, string reason)
    {
        QuarterNames.QuarterOf(new WorkStepRow(null, "工作", due)).ShouldBe(quarter, reason);
    }

    [Fact]
    public void QuarterOf_OwnQuarter_WinsOverTheDeadline() =>
        QuarterNames.QuarterOf(new WorkStepRow(1, "工作", "12月底前")).ShouldBe(1);

    [Fact]
    public void QuarterOf_InvalidOwnQuarter_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => QuarterNames.QuarterOf(new WorkStepRow(5, "工作", null)));
}
