using Luoshi.Core.Features.Supervision;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Luoshi.Parsing.Indicators;

namespace Luoshi.Core.Tests;

/// <summary>Quarterly values of a work plan as 序时 targets (issue 11.3c), and a co-unit measured against its own share (issue 11.2).</summary>
public class QuarterPlanTests
{
    private static readonly Deadline[] Reports =
    [
        new(ReportPeriod.Q1, new DateOnly(2026, 4, 10), "4月10日", 21, false),
        new(ReportPeriod.Q2, new DateOnly(2026, 7, 10), "7月10日", 21, false),
        new(ReportPeriod.Q3, new DateOnly(2026, 10, 10), "10月10日", 21, false),
        new(ReportPeriod.Annual, new DateOnly(2027, 1, 10), "2027年1月10日", 21, false),
    ];

    private static readonly Indicator Parking = new("新增停车泊位", 10000m, "个", IndicatorSense.Target, "新增停车泊位1万个", 0, 0);

    [Fact]
    public void PlannedQuarters_AreTheYardstick_SummedUpToTheQuarter()
    {
        var plan = new QuarterPlan(1000m, 2000m, 3000m, 4000m);
        ExpectedProgress.OfPeriod(ReportPeriod.Q1, 10000m, plan).ShouldBe(10);
        ExpectedProgress.OfPeriod(ReportPeriod.Q2, 10000m, plan).ShouldBe(30);
        ExpectedProgress.OfPeriod(ReportPeriod.Q3, 10000m, plan).ShouldBe(60);
        ExpectedProgress.OfPeriod(ReportPeriod.Q4, 10000m, plan).ShouldBe(100);
        ExpectedProgress.OfPeriod(ReportPeriod.Annual, 10000m, plan).ShouldBe(100);
        ExpectedProgress.OfPeriod(ReportPeriod.Q2, 10000m, null).ShouldBe(50, "no plan: pro rata");
        ExpectedProgress.OfPeriod(ReportPeriod.Q2, 10000m, new QuarterPlan(null, null, null, null)).ShouldBe(50);
        ExpectedProgress.OfPeriod(ReportPeriod.Q1, 500m, new QuarterPlan(600m, null, null, null)).ShouldBe(100, "never above 100");
    }

    [Fact]
    public void AQ1ReportOf10Percent_IsOnTrackAgainstAPlanOf10_AndBehindProRata()
    {
        var report = new ReportFact(ReportPeriod.Q1, new DateOnly(2026, 4, 8), false, [1000m]);
        var today = new DateOnly(2026, 4, 20);
        var proRata = ItemStatusRules.Derive(2026, today, Reports, [Parking], [report], StatusThresholds.Default);
        proRata.State.ShouldBe(ItemState.Behind);
        proRata.ExpectedPercent.ShouldBe(25);

        var planned = ItemStatusRules.Derive(2026, today, Reports, [Parking], [report], StatusThresholds.Default, [new QuarterPlan(1000m, 3000m, 3000m, 3000m)]);
        planned.State.ShouldBe(ItemState.OnTrack);
        planned.ExpectedPercent.ShouldBe(10);
        planned.ShareOf(0).ShouldBe(10);
        planned.Reason.ShouldContain("按季度工作安排");
    }

    [Fact]
    public void ARate_IgnoresQuarterlyValues_AndIsNeverDoneBeforeTheAcceptedYearReport()
    {
        var gdp = new Indicator("地区生产总值", 5.5m, "%", IndicatorSense.Growth, "地区生产总值增长5.5%左右", 0, 0);
        var q1 = new ReportFact(ReportPeriod.Q1, new DateOnly(2026, 4, 8), true, [5.8m]);
        var s = ItemStatusRules.Derive(2026, new DateOnly(2026, 4, 20), Reports, [gdp], [q1], StatusThresholds.Default, [new QuarterPlan(1m, 1m, 1m, 1m)]);
        s.State.ShouldBe(ItemState.OnTrack);
        s.ExpectedPercent.ShouldBe(100);
        s.TargetShares.ShouldBeNull();
    }

    [Fact]
    public void ACoUnit_IsMeasuredAgainstItsShare_OrNotAtAll()
    {
        var target = new TargetRow(7, 1, "新增停车泊位", 10000m, "个", IndicatorSense.Target, "新增停车泊位1万个");
        var withShare = CoUnitFigures.Of(target, 320m, 400m, ReportPeriod.Q2, null, StatusThresholds.Default);
        withShare.Status!.Percent.ShouldBe(80, "320 of its 400, not of the district's 10000");
        withShare.Status.Expected.ShouldBe(50);
        withShare.Status.Rag.ShouldBe(Rag.Green);

        var behind = CoUnitFigures.Of(target, 100m, 400m, ReportPeriod.Q2, new QuarterPlan(100m, 300m, null, null), StatusThresholds.Default);
        behind.Status!.Expected.ShouldBe(100, "its own plan: 400 by the end of Q2");
        behind.Status.Rag.ShouldBe(Rag.Red);

        var none = CoUnitFigures.Of(target, 320m, null, ReportPeriod.Q2, null, StatusThresholds.Default);
        none.Status.ShouldBeNull();
        none.ShareText(amount: true).ShouldBe("未分解");
        CoUnitFigures.Sum([4000m, 320m, null]).ShouldBe(4320m);
        CoUnitFigures.Sum([null, null]).ShouldBeNull();
    }

    [Fact]
    public void TheLeadsShareWinsOverTheCoUnitsOwn()
    {
        var q = new QuarterPlan(null, null, null, null);
        PlannedRow[] rows = [new(1, 2, 2, 7, 300m, new QuarterPlan(100m, null, null, null)), new(1, 1, 2, 7, 400m, q)];
        TargetShares.ShareOf(rows, 2, 7, [1]).ShouldBe(400m);
        TargetShares.ShareOf(rows.Take(1), 2, 7, [1]).ShouldBe(300m);
        TargetShares.ShareOf([], 2, 7, [1]).ShouldBeNull();
        TargetShares.QuartersOf(rows, 2, 7)!.Q1.ShouldBe(100m);
    }

    [Fact]
    public void Combined_AmountsAddUp_RatesAndLevelsStayTheLeadsOwn()
    {
        var parking = TargetKinds.Of("个", IndicatorSense.Target);
        var growth = TargetKinds.Of("%", IndicatorSense.Growth);
        var level = TargetKinds.Of("%", IndicatorSense.Keep);

        CoUnitFigures.Combined(parking, 3000m, [1000m, null, 500m]).ShouldBe(4500m);
        CoUnitFigures.Combined(parking, null, [1000m]).ShouldBe(1000m);
        CoUnitFigures.Combined(growth, 6.2m, [5.8m, 7m]).ShouldBe(6.2m);
        CoUnitFigures.Combined(level, 86m, [90m]).ShouldBe(86m);
        CoUnitFigures.Combined(growth, null, [5.8m]).ShouldBeNull();
    }
}
