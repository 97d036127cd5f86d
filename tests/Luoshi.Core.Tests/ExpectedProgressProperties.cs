using FsCheck.Xunit;
using Luoshi.Core.Features.Supervision;
using Luoshi.Parsing.Calendar;
using Luoshi.Parsing.Indicators;

namespace Luoshi.Core.Tests;

/// <summary>序时进度 (docs/calendar.md) over the days of 2026 and generated reports, on Jiang'an's calendar.</summary>
public class ExpectedProgressProperties
{
    private static readonly Deadline[] JiangAnReports =
    [
        new(ReportPeriod.Q1, new DateOnly(2026, 4, 10), "4月10日", 21, false),
        new(ReportPeriod.Q2, new DateOnly(2026, 7, 10), "7月10日", 21, false),
        new(ReportPeriod.Q3, new DateOnly(2026, 10, 10), "10月10日", 21, false),
        new(ReportPeriod.Annual, new DateOnly(2027, 1, 10), "2027年1月10日", 21, false),
    ];

    private static readonly Indicator[] Pool =
    [
        .. IndicatorReader.Read("新增停车泊位 1 万个"),
        .. IndicatorReader.Read("地区生产总值增长 6%左右"),
        .. IndicatorReader.Read("空气质量优良率保持 100%"),
        .. IndicatorReader.Read("单位生产总值能耗不超过 0.5 吨"),
        .. IndicatorReader.Read("城镇调查失业率控制在 5.5%以内"),
    ];

    [Fact]
    public void OnDate_EveryDayOf2026_IsTheShareOfQuartersEnded()
    {
        int previous = 0;
        for (var d = new DateOnly(2026, 1, 1); d.Year == 2026; d = d.AddDays(1))
        {
            int p = ExpectedProgress.OnDate(d, 2026);
            int ended = new[] { 3, 6, 9, 12 }.Count(m => d > new DateOnly(2026, m, DateTime.DaysInMonth(2026, m)));
            p.ShouldBe(25 * ended, d.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            p.ShouldBeGreaterThanOrEqualTo(previous);
            previous = p;
        }

        ExpectedProgress.OnDate(new DateOnly(2026, 7, 3), 2026).ShouldBe(50, "issue 9: on 07-03 Q1 and Q2 have ended");
        ExpectedProgress.OnDate(new DateOnly(2026, 7, 3), 2026).ShouldBe(ExpectedProgress.OfPeriod(ReportPeriod.Q2), "the Q2 report form says the same");
        ExpectedProgress.OnDate(new DateOnly(2025, 12, 31), 2026).ShouldBe(0);
        ExpectedProgress.OnDate(new DateOnly(2027, 1, 5), 2026).ShouldBe(100);
    }

    [Theory]
    [InlineData("新增停车泊位 1 万个", TargetKind.Amount)]
    [InlineData("地区生产总值增长 6%左右", TargetKind.Rate)]
    [InlineData("研发投入强度提高 0.2 个百分点", TargetKind.Rate)]
    [InlineData("空气质量优良率保持 100%", TargetKind.Level)]
    public void TargetKinds_Classify(string text, TargetKind kind) => TargetKinds.Of(IndicatorReader.Read(text)[0]).ShouldBe(kind);

    /// <summary>
    /// Any day of 2026, any reports (each quarter filed or not, early or late, any fraction), any targets: the item is never
    /// behind before a report is in; its 序时进度 is its latest report's period's share; and its colour is the worst of
    /// its targets' colours as the dashboard and the exports show them (<see cref="ItemStatusRules.Target"/>).
    /// </summary>
    [Property(MaxTest = 2000)]
    public void Derive_AnyDayAnyReports_AgreesWithTheTargetRowsAndThePeriodShare(
        ushort dayOfYear, byte filedMask, sbyte o1, sbyte o2, sbyte o3, byte f1, byte f2, byte f3, byte targetMask)
    {
        var today = new DateOnly(2026, 1, 1).AddDays(dayOfYear % 365);
        var targets = Pool.Where((_, i) => (targetMask & (1 << i)) != 0).ToList();
        var reports = new List<ReportFact>();
        var offsets = new[] { o1, o2, o3 };
        var fractions = new[] { f1, f2, f3 };
        for (int q = 0; q < 3; q++)
        {
            var filed = JiangAnReports[q].Date.AddDays(offsets[q] % 25);
            if ((filedMask & (1 << q)) != 0 && filed <= today)
            {
                decimal k = fractions[q] / 100m;
                reports.Add(new ReportFact(JiangAnReports[q].Period, filed, false,
                    [.. targets.Select(t => (decimal?)(t.Sense == IndicatorSense.AtMost ? t.Value * (2 - Math.Min(k, 1m)) : t.Value * k))]));
            }
        }

        var s = ItemStatusRules.Derive(2026, today, JiangAnReports, targets, reports, StatusThresholds.Default);
        var latest = reports.OrderBy(r => r.Period).LastOrDefault();

        if (latest is null)
        {
            s.State.ShouldBeOneOf(ItemState.NotStarted, ItemState.Overdue);
            s.TimeShare.ShouldBe(ExpectedProgress.OnDate(today, 2026));
            return;
        }

        s.TimeShare.ShouldBe(ExpectedProgress.OfPeriod(latest.Period));
        s.LatestPeriod.ShouldBe(latest.Period);
        var rows = targets.Select((t, i) => ItemStatusRules.Target(t, latest.Actuals[i], s.TimeShare, StatusThresholds.Default)).ToList();
        foreach (var (row, t) in rows.Zip(targets))
        {
            row.Expected.ShouldBe(t.Unit is "%" or "个百分点" || t.Sense is IndicatorSense.Growth or IndicatorSense.Keep or IndicatorSense.Decrease ? 100 : s.TimeShare);
        }

        if (s.State is ItemState.Behind or ItemState.OnTrack && s.ActualPercent is not null)
        {
            s.Rag.ShouldBe(rows.Max(r => r.Rag));
            s.ExpectedPercent.ShouldBe(rows.MaxBy(r => r.Gap)!.Expected);
        }
    }
}
