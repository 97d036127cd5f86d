using Luoshi.Core.Features.Supervision;
using Luoshi.Parsing.Calendar;
using Luoshi.Parsing.Indicators;

namespace Luoshi.Core.Tests;

/// <summary>Status derived from Jiang'an's calendar (Q1 by Apr 10, Q2 by Jul 10 …) and key work item 88's targets.</summary>
public class ItemStatusTests
{
    private static readonly Deadline[] JiangAnReports =
    [
        new(ReportPeriod.Q1, new DateOnly(2026, 4, 10), "4月10日", 21, false),
        new(ReportPeriod.Q2, new DateOnly(2026, 7, 10), "7月10日", 21, false),
        new(ReportPeriod.Q3, new DateOnly(2026, 10, 10), "10月10日", 21, false),
        new(ReportPeriod.Annual, new DateOnly(2027, 1, 10), "2027年1月10日", 21, false),
    ];

    // 新增停车泊位 1 万个、充电桩 5000 个
    private static readonly Indicator[] Item88 = [.. IndicatorReader.Read("新增停车泊位 1 万个、充电桩 5000 个")];

    private static ItemStatusResult Status(DateOnly today, params ReportFact[] reports) =>
        ItemStatusRules.Derive(2026, today, JiangAnReports, Item88, reports, StatusThresholds.Default);

    private static ReportFact Q(ReportPeriod p, int month, int day, decimal? parking, decimal? chargers, bool done = false) =>
        new(p, new DateOnly(2026, month, day), done, [parking, chargers]);

    [Fact]
    public void Item88_BeforeTheFirstDeadlineWithoutReport_IsNotStarted()
    {
        var s = Status(new DateOnly(2026, 3, 1));
        s.State.ShouldBe(ItemState.NotStarted);
        s.Rag.ShouldBe(Rag.None);
    }

    [Fact]
    public void Item88_Q1DeadlinePassedWithoutReport_IsOverdueAndRed()
    {
        var s = Status(new DateOnly(2026, 4, 11));
        s.State.ShouldBe(ItemState.Overdue);
        s.Rag.ShouldBe(Rag.Red);
        s.Reason.ShouldContain("第一季度");
        s.Reason.ShouldContain("应于2026年4月10日前报送");
    }

    [Theory]
    [InlineData(4200, 2600, ItemState.OnTrack, Rag.Green, 42, "42% of the parking target (the slower one) at half-year: 8 points behind, under the amber 10")]
    [InlineData(3500, 4000, ItemState.Behind, Rag.Amber, 35, "35%: 15 points behind")]
    [InlineData(1500, 5000, ItemState.Behind, Rag.Red, 15, "15%: 35 points behind, beyond the red 30")]
    [InlineData(6000, null, ItemState.OnTrack, Rag.Green, 60, "a target without a reported value is left out")]
    public void Item88_AfterQ2_ComparesTheSlowerTargetWithHalfTheYear(int parking, int? chargers, ItemState state, Rag rag, int actual, string reason)
    {
        var s = Status(new DateOnly(2026, 7, 15),
            Q(ReportPeriod.Q1, 4, 8, parking / 2, chargers / 2),
            Q(ReportPeriod.Q2, 7, 9, parking, chargers));
        s.State.ShouldBe(state, reason);
        s.Rag.ShouldBe(rag, reason);
        s.ActualPercent.ShouldBe(actual, reason);
        s.ExpectedPercent.ShouldBe(50, reason);
    }

    [Fact]
    public void Item88_AllTargetsReached_IsDoneBeforeTheYearEnds()
    {
        var s = Status(new DateOnly(2026, 10, 20),
            Q(ReportPeriod.Q1, 4, 8, 3000, 1000), Q(ReportPeriod.Q2, 7, 9, 6000, 3000), Q(ReportPeriod.Q3, 10, 9, 10200, 5000));
        s.State.ShouldBe(ItemState.Done);
        s.Rag.ShouldBe(Rag.Green);
    }

    [Fact]
    public void Item88_ReportedCompleteWithoutNumbers_IsDone()
    {
        Status(new DateOnly(2026, 7, 15), Q(ReportPeriod.Q1, 4, 8, null, null), Q(ReportPeriod.Q2, 7, 9, null, null, done: true))
            .State.ShouldBe(ItemState.Done);
    }

    [Theory]
    [InlineData(5.5, Rag.Green, "a growth rate is compared with the target rate at any time: 91%")]
    [InlineData(5.0, Rag.Amber, "83%: 17 points short")]
    [InlineData(4.0, Rag.Red, "66%: 34 points short")]
    public void GrowthTarget_AfterQ1_ComparesTheRateItself(double reported, Rag rag, string reason)
    {
        var gdp = IndicatorReader.Read("地区生产总值增长 6%左右");
        var s = ItemStatusRules.Derive(2026, new DateOnly(2026, 4, 20), JiangAnReports, gdp,
            [new ReportFact(ReportPeriod.Q1, new DateOnly(2026, 4, 9), false, [(decimal)reported])], StatusThresholds.Default);
        s.Rag.ShouldBe(rag, reason);
        s.ExpectedPercent.ShouldBe(100, reason);
    }

    [Fact]
    public void Thresholds_SetByTheDistrict_ChangeTheColour()
    {
        var reports = new[] { Q(ReportPeriod.Q1, 4, 8, 2000, 1000), Q(ReportPeriod.Q2, 7, 9, 4200, 2600) };
        ItemStatusRules.Derive(2026, new DateOnly(2026, 7, 15), JiangAnReports, Item88, reports, new StatusThresholds(5, 20)).Rag.ShouldBe(Rag.Amber);
    }
    private static readonly Indicator[] Gdp = [.. IndicatorReader.Read("地区生产总值增长5.5%左右")];

    private static ReportFact R(ReportPeriod p, int month, int day, decimal? value, bool completed = false, bool accepted = false) =>
        new(p, new DateOnly(month == 1 ? 2027 : 2026, month, day), completed, [value], accepted);

    [Fact]
    public void GrowthTarget_MetAtQ1_IsOnTrackNotDone()
    {
        // Bug: 5.8 against 增长5.5%左右 after Q1 showed 已完成; a rate is judged by its latest value and is never done before the accepted year report.
        var s = ItemStatusRules.Derive(2026, new DateOnly(2026, 4, 20), JiangAnReports, Gdp, [R(ReportPeriod.Q1, 4, 9, 5.8m)], StatusThresholds.Default);
        s.State.ShouldBe(ItemState.OnTrack);
        s.Rag.ShouldBe(Rag.Green);
        s.ActualPercent.ShouldBe(100);
    }

    [Fact]
    public void GrowthTarget_ReportedCompleteBeforeTheYearReportIsAccepted_IsNotDone()
    {
        // The unit's "completed" flag does not make a rate done: the year's report, accepted by the office, does.
        var q3 = ItemStatusRules.Derive(2026, new DateOnly(2026, 10, 20), JiangAnReports, Gdp,
            [R(ReportPeriod.Q1, 4, 9, 5.8m), R(ReportPeriod.Q2, 7, 9, 5.9m), R(ReportPeriod.Q3, 10, 9, 6.0m, completed: true)], StatusThresholds.Default);
        q3.State.ShouldBe(ItemState.OnTrack);
        q3.Reason.ShouldContain("年度报告经督查室审核通过后");

        var filedNotAccepted = ItemStatusRules.Derive(2026, new DateOnly(2027, 1, 12), JiangAnReports, Gdp,
            [R(ReportPeriod.Q1, 4, 9, 5.8m), R(ReportPeriod.Q2, 7, 9, 5.9m), R(ReportPeriod.Q3, 10, 9, 6.0m), R(ReportPeriod.Annual, 1, 8, 5.7m, completed: true)], StatusThresholds.Default);
        filedNotAccepted.State.ShouldBe(ItemState.OnTrack);
    }

    [Theory]
    [InlineData(5.7, false, ItemState.Done, "met, accepted")]
    [InlineData(5.0, true, ItemState.Behind, "the value says what the rate is: short of it, the completed flag does not override it")]
    [InlineData(5.0, false, ItemState.Behind, "short of the rate, accepted: 90%, amber")]
    public void GrowthTarget_AfterTheAcceptedYearReport(double value, bool completed, ItemState state, string reason)
    {
        var s = ItemStatusRules.Derive(2026, new DateOnly(2027, 1, 20), JiangAnReports, Gdp,
            [R(ReportPeriod.Q1, 4, 9, 5.8m), R(ReportPeriod.Q2, 7, 9, 5.9m), R(ReportPeriod.Q3, 10, 9, 6.0m), R(ReportPeriod.Annual, 1, 8, (decimal)value, completed, accepted: true)], StatusThresholds.Default);
        s.State.ShouldBe(state, reason);
    }

    [Fact]
    public void GrowthTarget_TheYearReportIsTheLastOfTheCalendar_Q4WhereThereIsNoAnnual()
    {
        Deadline[] q4Calendar = [.. JiangAnReports.Take(3), new(ReportPeriod.Q4, new DateOnly(2026, 12, 25), "12月25日", 21, false)];
        ItemStatusRules.Derive(2026, new DateOnly(2026, 12, 20), q4Calendar, Gdp, [R(ReportPeriod.Q1, 4, 9, 5.8m), R(ReportPeriod.Q2, 7, 9, 5.9m), R(ReportPeriod.Q3, 10, 9, 5.6m), R(ReportPeriod.Q4, 12, 20, 5.6m, accepted: true)], StatusThresholds.Default)
            .State.ShouldBe(ItemState.Done);
        ItemStatusRules.Derive(2026, new DateOnly(2026, 12, 20), q4Calendar, Gdp, [R(ReportPeriod.Q1, 4, 9, 5.8m), R(ReportPeriod.Q2, 7, 9, 5.9m), R(ReportPeriod.Q3, 10, 9, 5.6m, accepted: true)], StatusThresholds.Default)
            .State.ShouldBe(ItemState.OnTrack, "an accepted Q3 report is not the year's");
    }

    [Fact]
    public void AmountTarget_ReachedBeforeTheYearEnds_IsStillDoneWithoutAcceptance()
    {
        Status(new DateOnly(2026, 10, 20), Q(ReportPeriod.Q3, 10, 9, 10000, 5000)).State.ShouldBe(ItemState.Done);
    }
}
