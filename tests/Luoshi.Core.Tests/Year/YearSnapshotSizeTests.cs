using System.Globalization;
using Luoshi.Core.Common;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.Core.Features.Supervision;
using Luoshi.Parsing.Calendar;
using Luoshi.Parsing.Indicators;

namespace Luoshi.Core.Tests.Year;

/// <summary>Tests that measure the managed heap; run alone, so that other tests' allocations do not count.</summary>
[CollectionDefinition(nameof(HeapMeasuring), DisableParallelization = true)]
public sealed class HeapMeasuring;

/// <summary>
/// What the <see cref="RevisionCache"/> counts a district's year snapshot as (<see cref="ISizedValue.ApproximateBytes"/>) against
/// what it holds on the heap: a district of the province's size (60 units, 200 items, a co-unit or two per item, three periods filed).
/// </summary>
[Collection(nameof(HeapMeasuring))]
public sealed class YearSnapshotSizeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void ApproximateBytes_IsWithinAThirdOfWhatTheSnapshotHoldsOnTheHeap()
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var snapshot = ProvinceDistrict();
        long held = GC.GetTotalMemory(forceFullCollection: true) - before;
        long counted = ((ISizedValue)snapshot).ApproximateBytes;
        GC.KeepAlive(snapshot);
        output.WriteLine($"counted {counted:N0} bytes, held {held:N0} ({(double)counted / held:0.00})");

        snapshot.Obligations.Count.ShouldBeGreaterThan(2000, "the district is of the province's size");
        held.ShouldBeGreaterThan(100_000);
        ((double)counted / held).ShouldBeInRange(0.67, 1.5, $"counted {counted:N0} bytes, held {held:N0}");
    }

    [Fact]
    public void ApproximateBytes_GrowsWithTheItems()
    {
        var small = ProvinceDistrict(items: 20);
        var large = ProvinceDistrict(items: 200);
        ((ISizedValue)large).ApproximateBytes.ShouldBeGreaterThan(5 * ((ISizedValue)small).ApproximateBytes);
    }

    private static YearSnapshot ProvinceDistrict(int items = 200)
    {
        Deadline[] calendar =
        [
            new(ReportPeriod.WorkPlan, new DateOnly(2026, 1, 20), "1月20日", 10, false),
            new(ReportPeriod.Q1, new DateOnly(2026, 4, 10), "4月10日", 21, false),
            new(ReportPeriod.Q2, new DateOnly(2026, 7, 10), "7月10日", 21, false),
            new(ReportPeriod.Q3, new DateOnly(2026, 10, 10), "10月10日", 21, false),
            new(ReportPeriod.Annual, new DateOnly(2027, 1, 10), "2027年1月10日", 21, false),
        ];
        var rules = new YearRules(new PlanCalendar(calendar, "区人民政府办公室", ReporterRole.LeadUnits, true, [], []), new DistrictSettings { DistrictId = 1 });
        var units = Enumerable.Range(1, 60).Select(u => new SnapshotUnit(u, "区第" + u.ToString(CultureInfo.InvariantCulture) + "委员会办公室", "user-" + u.ToString(CultureInfo.InvariantCulture), "张" + u.ToString(CultureInfo.InvariantCulture))).ToList();
        var rows = Enumerable.Range(1, items).Select(i => (i, i, i.ToString(CultureInfo.InvariantCulture), 1 + (i / 50), "二、重点工作任务" + (i / 50).ToString(CultureInfo.InvariantCulture),
            (string?)null, "推进第" + i.ToString(CultureInfo.InvariantCulture) + "项重点工作，完成年度建设任务，新增停车泊位1万个，确保按期完成并形成长效机制")).ToList();
        var itemUnits = rows.SelectMany(r => new[] { (r.Item1, 1 + (r.Item1 % 60), UnitRole.Lead), (r.Item1, 1 + ((r.Item1 + 7) % 60), UnitRole.Co), (r.Item1, 1 + ((r.Item1 + 13) % 60), UnitRole.Co) }).ToList();
        var targets = rows.Select(r => (r.Item1, new TargetRow(1000 + r.Item1, 1, "新增停车泊位", 10000, "个", IndicatorSense.AtLeast, "新增停车泊位1万个"))).ToList();
        int id = 0;
        var filings = itemUnits.SelectMany(u => new[] { ReportPeriod.WorkPlan, ReportPeriod.Q1, ReportPeriod.Q2, ReportPeriod.Q3 }
            .Select(p => new FilingRow(++id, u.Item1, u.Item2, p, FilingState.Accepted, new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.FromHours(8)), false, null))).ToList();
        var actuals = filings.Where(f => f.Period != ReportPeriod.WorkPlan).Select(f => (f.Id, 1000 + f.ItemId, (decimal?)2500m)).ToList();
        var snapshot = YearSnapshot.Build(new DistrictInfo(1, "d001", "某某区", "某市"), new PlanHeader(1, 2026, "某政办〔2026〕1号", null, null, null, DateTimeOffset.UnixEpoch),
            new DateOnly(2026, 10, 20), 1, rules, units, rows, itemUnits, targets, filings, actuals);
        _ = snapshot.Unit(1);
        _ = snapshot.Item(1);
        return snapshot;
    }
}
