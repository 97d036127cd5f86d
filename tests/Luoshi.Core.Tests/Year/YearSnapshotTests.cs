using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.Core.Features.Scores;
using Luoshi.Core.Features.Supervision;
using Luoshi.Parsing.Calendar;
using Luoshi.Parsing.Indicators;

namespace Luoshi.Core.Tests.Year;

/// <summary>
/// A small district on Jiang'an's calendar (work plan Jan 20; Q1 Apr 10, Q2 Jul 10, Q3 Oct 10, year Jan 10):
/// three units, three items. The expected standings are worked out by hand from the dates below.
/// </summary>
public class YearSnapshotTests
{
    private static readonly Deadline[] Calendar =
    [
        new(ReportPeriod.WorkPlan, new DateOnly(2026, 1, 20), "1月20日", 10, false),
        new(ReportPeriod.Q1, new DateOnly(2026, 4, 10), "4月10日", 21, false),
        new(ReportPeriod.Q2, new DateOnly(2026, 7, 10), "7月10日", 21, false),
        new(ReportPeriod.Q3, new DateOnly(2026, 10, 10), "10月10日", 21, false),
        new(ReportPeriod.Annual, new DateOnly(2027, 1, 10), "2027年1月10日", 21, false),
    ];

    private const int Fgj = 1, Swj = 2, Jsj = 3;

    private static YearRules Rules(bool coToLead) =>
        new(new PlanCalendar(Calendar, "区人民政府办公室", ReporterRole.LeadUnits, coToLead, [], []), new DistrictSettings { DistrictId = 1 });

    private static DateTimeOffset At(int m, int d) => new(2026, m, d, 10, 0, 0, TimeSpan.FromHours(8));

    private static YearSnapshot Build(DateOnly today, bool coToLead, params FilingRow[] filings) =>
        Build(today, coToLead, filings, []);

    private static YearSnapshot Build(DateOnly today, bool coToLead, FilingRow[] filings, (int FilingId, int IndicatorId, decimal? Value)[] actuals) =>
        YearSnapshot.Build(
            new DistrictInfo(1, "jiangan", "江岸区", "武汉市"),
            new PlanHeader(1, 2026, "岸政办〔2026〕1号", null, null, null, DateTimeOffset.UnixEpoch),
            today, 1, Rules(coToLead),
            [new SnapshotUnit(Fgj, "区发展和改革局", null, null), new SnapshotUnit(Swj, "区商务局", null, null), new SnapshotUnit(Jsj, "区住房和城市更新局", null, null)],
            [(10, 1, "1", 1, "一、主要预期目标", null, "地区生产总值增长6%左右"), (11, 2, "2", 1, "一、主要预期目标", null, "新增停车泊位1万个"), (12, 3, "3", 2, "二、重点工作", null, "招商引资")],
            [(10, Fgj, UnitRole.Lead), (11, Jsj, UnitRole.Lead), (11, Fgj, UnitRole.Co), (12, Swj, UnitRole.Lead)],
            [(11, new TargetRow(100, 1, "新增停车泊位", 10000, "个", IndicatorSense.AtLeast, "新增停车泊位1万个"))],
            filings, actuals);

    private static FilingRow F(int id, int item, int unit, ReportPeriod p, DateTimeOffset? submitted, bool completed = false, string? flags = null) =>
        new(id, item, unit, p, submitted is null ? FilingState.Draft : FilingState.AwaitingOffice, submitted, completed, flags);

    [Fact]
    public void Obligations_OnlyLeadUnitsOwe_WhenCoUnitsDoNotReportToLead()
    {
        var s = Build(new DateOnly(2026, 1, 5), coToLead: false);
        s.Obligations.Select(o => o.UnitId).Distinct().Order().ShouldBe([Fgj, Swj, Jsj]);
        s.Obligations.Where(o => o.ItemId == 11).Select(o => o.UnitId).Distinct().ShouldBe([Jsj], "区发改局 is only a co-unit of item 11");
        s.Obligations.Count.ShouldBe(3 * 5, "3 lead obligations × (work plan + 4 reports)");
        s.Obligations.ShouldAllBe(o => o.Status == ObligationStatus.Pending);
    }

    [Fact]
    public void Obligations_CoUnitPartsOwedToTheLead_WhenTheNoticeSaysSo()
    {
        var s = Build(new DateOnly(2026, 1, 5), coToLead: true);
        var part = s.Obligations.Where(o => o.ItemId == 11 && o.UnitId == Fgj).ToList();
        part.Count.ShouldBe(5);
        part.ShouldAllBe(o => o.PartToLead);
    }

    [Fact]
    public void Standing_OnTimeLateAndMissing_AtTheDayAfterTheWorkPlanDeadline()
    {
        var s = Build(new DateOnly(2026, 1, 21), false,
            F(1, 10, Fgj, ReportPeriod.WorkPlan, At(1, 20)),
            F(2, 11, Jsj, ReportPeriod.WorkPlan, At(1, 21)),
            F(3, 12, Swj, ReportPeriod.WorkPlan, null));
        Status(s, 10, Fgj, ReportPeriod.WorkPlan).ShouldBe(ObligationStatus.OnTime, "submitted on the deadline day counts as on time");
        Status(s, 11, Jsj, ReportPeriod.WorkPlan).ShouldBe(ObligationStatus.Late);
        Status(s, 12, Swj, ReportPeriod.WorkPlan).ShouldBe(ObligationStatus.Missing, "a draft not approved is not filed");
        Status(s, 10, Fgj, ReportPeriod.Q1).ShouldBe(ObligationStatus.Pending);
    }

    [Fact]
    public void AsOfAPastDate_LaterSubmissionsAreNotThereYet()
    {
        var s = Build(new DateOnly(2026, 1, 20), false, F(2, 11, Jsj, ReportPeriod.WorkPlan, At(1, 21)));
        Status(s, 11, Jsj, ReportPeriod.WorkPlan).ShouldBe(ObligationStatus.Pending);
    }

    [Fact]
    public void ItemStatus_FromTheLeadUnitsReportAndTarget_AfterQ2()
    {
        // Q2 reported on time with 3,500 of 10,000 parking places: 35% against 50% expected → 15 behind → amber.
        var s = Build(new DateOnly(2026, 7, 15), false,
            [F(5, 11, Jsj, ReportPeriod.Q1, At(4, 9)), F(6, 11, Jsj, ReportPeriod.Q2, At(7, 9)), F(7, 10, Fgj, ReportPeriod.Q1, At(4, 9)), F(8, 10, Fgj, ReportPeriod.Q2, At(7, 9))],
            [(5, 100, 1500m), (6, 100, 3500m)]);
        var parking = s.Item(11);
        parking.Status.State.ShouldBe(ItemState.Behind);
        parking.Status.Rag.ShouldBe(Rag.Amber);
        parking.Status.ActualPercent.ShouldBe(35);
        parking.LatestActuals.ShouldBe([3500m]);
        s.Item(10).Status.State.ShouldBe(ItemState.OnTrack);
        s.Item(12).Status.State.ShouldBe(ItemState.Overdue, "区商务局 never reported");
    }

    [Fact]
    public void Scores_FollowTheScheme_WithTheWorkingShown()
    {
        // At Jul 15: 发改局 filed work plan, Q1, Q2 on time; 住建 work plan late, Q1 and Q2 on time but Q2 without the number;
        // 商务局 filed nothing. Quality: 发改局 A for Q2, others ungraded.
        var s = Build(new DateOnly(2026, 7, 15), false,
            [
                F(1, 10, Fgj, ReportPeriod.WorkPlan, At(1, 19)), F(2, 10, Fgj, ReportPeriod.Q1, At(4, 9)), F(3, 10, Fgj, ReportPeriod.Q2, At(7, 9)),
                F(4, 11, Jsj, ReportPeriod.WorkPlan, At(1, 25)), F(5, 11, Jsj, ReportPeriod.Q1, At(4, 9)), F(6, 11, Jsj, ReportPeriod.Q2, At(7, 9), flags: "未填写指标实际值：新增停车泊位"),
            ],
            [(5, 100, 2500m)]);
        var scheme = new ScoreScheme { DistrictId = 1 };
        var grades = new List<QualityGrade> { new() { PlanId = 1, UnitId = Fgj, Period = ReportPeriod.Q2, Grade = "A", GradedBy = "office" } };
        var scores = ScoreRules.Compute(s, scheme, [ReportPeriod.WorkPlan, ReportPeriod.Q1, ReportPeriod.Q2], grades);

        scores.Select(x => x.UnitName).ShouldBe(["区发展和改革局", "区住房和城市更新局", "区商务局"]);
        scores.Select(x => x.Rank).ShouldBe([1, 2, 3]);

        // 发改局: everything on time and complete, item on track (no targets), grade A → 100.
        scores[0].Total.ShouldBe(100m);

        // 住建局: timeliness (2 + ½)/3 = 0.8333 × 30; completeness (1 + ½)/2 = 0.75 × 20; progress: item 11 has only Q2 without
        // numbers, Q1 had 2,500 but the latest report is what counts → no number → on track → 1 × 30; quality ungraded → left out,
        // scale 100/80 = 1.25. Points: 25 × 1.25 = 31.25; 15 × 1.25 = 18.75; 30 × 1.25 = 37.5; total 87.5.
        var jsj = scores[1];
        jsj.Parts.Select(p => p.Points).ShouldBe([31.25m, 18.75m, 37.5m, 0m]);
        jsj.Total.ShouldBe(87.5m);
        jsj.Parts[3].Working.ShouldContain("督查室未评定");
        jsj.Parts[0].Working.ShouldContain("逾期报送 1");

        // 商务局: nothing filed: timeliness 0, completeness 0, progress overdue 0, quality ungraded → 0.
        scores[2].Total.ShouldBe(0m);
    }

    [Fact]
    public void Scores_TiesShareARank()
    {
        var s = Build(new DateOnly(2026, 1, 21), false,
            F(1, 10, Fgj, ReportPeriod.WorkPlan, At(1, 19)), F(2, 11, Jsj, ReportPeriod.WorkPlan, At(1, 19)));
        var scores = ScoreRules.Compute(s, new ScoreScheme(), [ReportPeriod.WorkPlan], []);
        scores.Select(x => x.Rank).ShouldBe([1, 1, 3]);
    }

    [Fact]
    public void ItemWithTwoLeads_ShowsTheWorst_AndNamesTheLeadThatIsLate()
    {
        // Item 12 led by 区商务局 and 区住房和城市更新局: at Apr 15 only 商务局 has reported Q1.
        YearSnapshot TwoLeads(params FilingRow[] filings) => YearSnapshot.Build(
            new DistrictInfo(1, "jiangan", "江岸区", "武汉市"),
            new PlanHeader(1, 2026, "岸政办〔2026〕1号", null, null, null, DateTimeOffset.UnixEpoch),
            new DateOnly(2026, 4, 15), 1, Rules(false),
            [new SnapshotUnit(Fgj, "区发展和改革局", null, null), new SnapshotUnit(Swj, "区商务局", null, null), new SnapshotUnit(Jsj, "区住房和城市更新局", null, null)],
            [(12, 3, "3", 2, "二、重点工作", null, "招商引资")],
            [(12, Swj, UnitRole.Lead), (12, Jsj, UnitRole.Lead), (12, Fgj, UnitRole.Co)],
            [], filings, []);

        var one = TwoLeads(F(1, 12, Swj, ReportPeriod.WorkPlan, At(1, 19)), F(2, 12, Jsj, ReportPeriod.WorkPlan, At(1, 19)), F(3, 12, Swj, ReportPeriod.Q1, At(4, 9))).Item(12).Status;
        one.State.ShouldBe(ItemState.Overdue);
        one.Reason.ShouldStartWith("区住房和城市更新局：");
        one.Reason.ShouldNotContain("区商务局");

        var none = TwoLeads(F(1, 12, Swj, ReportPeriod.WorkPlan, At(1, 19)), F(2, 12, Jsj, ReportPeriod.WorkPlan, At(1, 19))).Item(12).Status;
        none.Reason.ShouldStartWith("区商务局、区住房和城市更新局：", Case.Sensitive, "both late: both named");

        var both = TwoLeads(F(1, 12, Swj, ReportPeriod.WorkPlan, At(1, 19)), F(2, 12, Jsj, ReportPeriod.WorkPlan, At(1, 19)), F(3, 12, Swj, ReportPeriod.Q1, At(4, 9)), F(4, 12, Jsj, ReportPeriod.Q1, At(4, 10))).Item(12).Status;
        both.State.ShouldBe(ItemState.OnTrack);
        both.Reason.ShouldNotContain("：", Case.Sensitive, "nobody to name when both are on track");
    }

    [Fact]
    public void Scores_SixtyUnitsTiedAtZero_ShareRankTwo_AndTheTieIsSaid()
    {
        // One unit filed its work plan on time, sixty filed nothing: 1, then sixty at 2 (standard competition ranking, 1, 2, 2, 4).
        var units = Enumerable.Range(1, 61).Select(i => new SnapshotUnit(i, $"单位{i:00}", null, null)).ToList();
        var s = YearSnapshot.Build(
            new DistrictInfo(1, "hongshan", "洪山区", "武汉市"),
            new PlanHeader(1, 2026, "洪政办〔2026〕1号", null, null, null, DateTimeOffset.UnixEpoch),
            new DateOnly(2026, 1, 21), 1, Rules(false), units,
            [.. units.Select(u => (100 + u.Id, u.Id, u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, "一、", (string?)null, "事项"))],
            [.. units.Select(u => (100 + u.Id, u.Id, UnitRole.Lead))],
            [], [F(1, 101, 1, ReportPeriod.WorkPlan, At(1, 19))], []);
        var scores = ScoreRules.Compute(s, new ScoreScheme(), [ReportPeriod.WorkPlan], []);
        scores.Count.ShouldBe(61);
        scores[0].Rank.ShouldBe(1);
        scores.Skip(1).ShouldAllBe(x => x.Rank == 2 && x.Total == 0m);
        ScoreRules.Ties(scores).ShouldBe("并列第2名：60个单位，各0分");
        ScoreRules.Ties(scores.Take(2).ToList()).ShouldBeNull();
    }

    private static ObligationStatus Status(YearSnapshot s, int item, int unit, ReportPeriod p) =>
        s.Obligations.Single(o => o.ItemId == item && o.UnitId == unit && o.Period == p).Status;
}
