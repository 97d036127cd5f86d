using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Indicators;

namespace Luoshi.Core.Tests.Work;

/// <summary>The credibility hints of <see cref="ReportChecks.Hints(string?, IReadOnlyList{HintTarget})"/>, one rule at a time.</summary>
public class ReportHintsTests
{
    private static HintTarget Parking(decimal? previous, decimal? current) => new("新增停车泊位", 10000m, "个", IndicatorSense.AtLeast, previous, current);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n　")]
    public void EmptyProblems_IsHinted(string? problems)
    {
        var hints = ReportChecks.Hints(problems, []);
        hints.Select(h => h.Kind).ShouldBe([HintKind.NoProblems]);
        hints[0].Text.ShouldContain("存在主要问题及下步工作打算");
    }

    [Fact]
    public void WrittenProblems_AndPlausibleNumbers_HintNothing()
    {
        ReportChecks.Hints("资金到位较慢，下步加快拨付。", [Parking(3000m, 5200m)]).ShouldBeEmpty();
    }

    [Fact]
    public void AccumulatingAmount_LowerThanLastReport_IsHinted()
    {
        var hints = ReportChecks.Hints("无。", [Parking(4200m, 3900m)]);
        hints.Select(h => h.Kind).ShouldBe([HintKind.Falling]);
        hints[0].Text.ShouldBe("“新增停车泊位”为累计数，本期 3900 个低于上期的 4200 个。");
    }

    [Fact]
    public void AccumulatingAmount_SameAsLastReport_OrFirstReport_IsNotHinted()
    {
        ReportChecks.Hints("无。", [Parking(4200m, 4200m)]).ShouldBeEmpty();
        ReportChecks.Hints("无。", [Parking(null, 100m)]).ShouldBeEmpty();
        ReportChecks.Hints("无。", [Parking(4200m, null)]).ShouldBeEmpty("no value now: nothing to compare");
    }

    [Fact]
    public void Rate_LowerThanLastReport_IsNotAFall()
    {
        // 增长 5.5% is judged by its latest value: a rate that eases from 6.1 to 5.8 does not "fall" like a running total.
        var gdp = new HintTarget("地区生产总值", 5.5m, "%", IndicatorSense.Growth, 6.1m, 5.8m);
        ReportChecks.Hints("无。", [gdp]).ShouldBeEmpty();
    }

    [Fact]
    public void FarAboveTheAnnualTarget_IsHinted_JustAboveTheFactor()
    {
        decimal limit = 10000m * ReportChecks.FarAboveFactor;
        ReportChecks.Hints("无。", [Parking(null, limit)]).ShouldBeEmpty("exactly the factor is not above it");
        var hints = ReportChecks.Hints("无。", [Parking(null, limit + 1)]);
        hints.Select(h => h.Kind).ShouldBe([HintKind.FarAbove]);
        hints[0].Text.ShouldBe("“新增停车泊位”本期 15001 个，超过全年目标 10000 个的 150%，请核实。");
    }

    [Fact]
    public void FarAbove_AppliesToRates_ButNotToACeiling()
    {
        var gdp = new HintTarget("地区生产总值", 5.5m, "%", IndicatorSense.Growth, null, 9m);
        ReportChecks.Hints("无。", [gdp]).Select(h => h.Kind).ShouldBe([HintKind.FarAbove]);
        var energy = new HintTarget("单位能耗", 100m, "吨标准煤", IndicatorSense.AtMost, null, 400m);
        ReportChecks.Hints("无。", [energy]).ShouldBeEmpty("a ceiling exceeded is a status, not a doubtful number");
    }

    [Fact]
    public void SeveralHints_AreAllGiven_InOrder()
    {
        var hints = ReportChecks.Hints(null, [Parking(20000m, 16000m)]);
        hints.Select(h => h.Kind).ShouldBe([HintKind.NoProblems, HintKind.Falling, HintKind.FarAbove]);
    }
}
