namespace Luoshi.Core.Features.Supervision;

/// <summary>Where an item stands; derived from the calendar, the reports and the targets, never typed in.</summary>
public enum ItemState
{
    /// <summary>No report yet and none is due yet.</summary>
    NotStarted,

    /// <summary>Reported on time and not behind the time elapsed.</summary>
    OnTrack,

    /// <summary>Behind the time elapsed by at least the district's amber threshold.</summary>
    Behind,

    /// <summary>A report that was due has not been filed.</summary>
    Overdue,

    /// <summary>
    /// Finished. An item with amounts only: reported complete, or every amount reached. An item with a rate or a level
    /// (增长 x%, 保持, 达到, 优良率 x%): only by the year's report (the calendar's last, Annual or Q4) once the office has accepted
    /// it, with every such target met by its value (or, reported complete, with no value short of it); before that it is
    /// judged by its latest value, whatever the unit's "completed" says.
    /// </summary>
    Done,
}

/// <summary>Red-amber-green, as shown to the office and the leaders.</summary>
public enum Rag
{
    None,
    Green,
    Amber,
    Red,
}

/// <summary>The Chinese names of <see cref="ItemState"/> and <see cref="Rag"/> (the one map; pages, exports and circulars show them).</summary>
public static class ItemStateLabels
{
    public static string Of(ItemState state) => state switch
    {
        ItemState.NotStarted => "未到报送时间",
        ItemState.OnTrack => "正常推进",
        ItemState.Behind => "进度滞后",
        ItemState.Overdue => "逾期未报",
        ItemState.Done => "已完成",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>红, 黄, 绿; null for no colour (each view writes its own blank: — on the dashboard, an empty cell in a workbook).</summary>
    public static string? Of(Rag rag) => rag switch
    {
        Rag.Red => "红",
        Rag.Amber => "黄",
        Rag.Green => "绿",
        Rag.None => null,
        _ => throw new ArgumentOutOfRangeException(nameof(rag), rag, null),
    };
}

/// <summary>A district's thresholds: amber when at least <paramref name="AmberPoints"/> behind, red from <paramref name="RedPoints"/>.</summary>
public sealed record StatusThresholds(int AmberPoints = 10, int RedPoints = 30)
{
    public static StatusThresholds Default { get; } = new();
}

/// <summary>What an item's reports say so far.</summary>
/// <param name="Period">The reporting period.</param>
/// <param name="SubmittedOn">When the report reached the office.</param>
/// <param name="Completed">The unit reports the item complete.</param>
/// <param name="Actuals">The actual value reported for each target, by the target's position in the item (null where none was given).</param>
/// <param name="Accepted">The office has accepted the report (审核通过).</param>
public sealed record ReportFact(ReportPeriod Period, DateOnly SubmittedOn, bool Completed, IReadOnlyList<decimal?> Actuals, bool Accepted = false);

/// <summary>The derived status with its working, so a person can see why.</summary>
/// <param name="State">The state.</param>
/// <param name="Rag">Its colour.</param>
/// <param name="ExpectedPercent">序时进度 the item is judged against, 0–100 (<see cref="ExpectedProgress"/>): for a report compared with its
/// targets, that of the lagging target (100 for a rate or level); otherwise <paramref name="TimeShare"/>, or the date's share when a report is missing.</param>
/// <param name="ActualPercent">Progress reported against the numeric targets, if the item has any and they were reported.</param>
/// <param name="Reason">Why, in Chinese.</param>
/// <param name="TimeShare">The share of the year the item's latest report covers (its period's share), or the date's share when there is no report;
/// each amount target is measured against it (<see cref="ItemStatusRules.Target"/>).</param>
/// <param name="LatestPeriod">The period of the latest report, if any.</param>
/// <param name="TargetShares">Per target (by position), the share of the year it is measured against when it differs from <paramref name="TimeShare"/>:
/// an amount whose unit planned quarterly values (<see cref="QuarterPlan"/>); null when every target follows <paramref name="TimeShare"/>.</param>
public sealed record ItemStatusResult(ItemState State, Rag Rag, int ExpectedPercent, int? ActualPercent, string Reason, int TimeShare = 0, ReportPeriod? LatestPeriod = null,
    IReadOnlyList<int>? TargetShares = null)
{
    /// <summary>The share of the year target <paramref name="index"/> is measured against (pass it to <see cref="ItemStatusRules.Target"/>).</summary>
    public int ShareOf(int index) => TargetShares is { } shares && index >= 0 && index < shares.Count ? shares[index] : TimeShare;
}

/// <summary>One numeric target against its yardstick: the percent reached (null when no value was reported), the 序时进度 it is measured against, its colour.</summary>
public sealed record TargetStatus(TargetKind Kind, int? Percent, int Expected, int Gap, Rag Rag);

/// <summary>Derives an item's status. Pure: the date is passed in (from an injected <see cref="TimeProvider"/> by the caller).</summary>
public static class ItemStatusRules
{
    /// <summary>
    /// The item's status on <paramref name="today"/> in plan year <paramref name="year"/>. <paramref name="plans"/>, by the targets' positions,
    /// are the quarterly values the reporting unit set in its work plan: an amount with them is held to them (<see cref="ExpectedProgress.OfPeriod(ReportPeriod, decimal, QuarterPlan?)"/>).
    /// </summary>
    public static ItemStatusResult Derive(
        int year,
        DateOnly today,
        IReadOnlyList<Deadline> reportDeadlines,
        IReadOnlyList<Indicator> targets,
        IReadOnlyList<ReportFact> reports,
        StatusThresholds thresholds,
        IReadOnlyList<QuarterPlan?>? plans = null)
    {
        ArgumentNullException.ThrowIfNull(reportDeadlines);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(thresholds);

        var due = reportDeadlines.Where(d => d.Period != ReportPeriod.WorkPlan && d.Date < today).OrderBy(d => d.Date).ToList();
        int onDate = ExpectedProgress.OnDate(today, year);
        var latest = reports.OrderBy(r => r.Period).LastOrDefault();
        // The latest report is held to the end of the period it covers, whenever it was filed.
        int share = latest is null ? onDate : ExpectedProgress.OfPeriod(latest.Period);
        var shares = latest is null || plans is null ? null : TargetShares(targets, latest.Period, plans);
        var measured = latest is null ? null : Measure(targets, latest.Actuals, shares ?? [.. targets.Select(_ => share)]);
        int? actual = measured?.Percent;
        int expected = measured?.Expected ?? share;
        var period = latest?.Period;

        bool claimsDone = latest is { Completed: true } || (measured is { } done && done.Percent >= 100 && targets.Count > 0 && AllReported(targets, latest!.Actuals));
        string? heldBack = null;
        if (claimsDone && targets.Any(t => !TargetKinds.Of(t).FollowsTime()))
        {
            // A rate or a level is only known at the year's end: done by the accepted year report, and by what its values say.
            var yearPeriod = reportDeadlines.Where(d => d.Period != ReportPeriod.WorkPlan).OrderBy(d => d.Date).Select(d => (ReportPeriod?)d.Period).LastOrDefault();
            bool yearAccepted = latest is { Accepted: true } && latest.Period == yearPeriod;
            bool valuesAgree = latest!.Completed ? NoneShort(targets, latest.Actuals) : AllReported(targets, latest.Actuals);
            if (!yearAccepted || !valuesAgree)
            {
                claimsDone = false;
                heldBack = yearAccepted ? null : "增速、水平类目标须待年度报告经督查室审核通过后认定完成。";
            }
        }

        if (claimsDone)
        {
            return new(ItemState.Done, Rag.Green, share, actual, "已报告完成。", share, period, shares);
        }

        var missing = due.Where(d => !reports.Any(r => r.Period == d.Period)).ToList();
        if (missing.Count > 0)
        {
            var first = missing[0];
            return new(ItemState.Overdue, Rag.Red, onDate, actual, $"{ReportPeriodLabels.Of(first.Period)}情况应于{ChineseDates.Day(first.Date)}前报送，尚未报送。", share, period, shares);
        }

        if (latest is null)
        {
            return new(ItemState.NotStarted, Rag.None, onDate, null, "尚无报告，也未到报送时间。", share, period, shares);
        }

        if (measured is { } m)
        {
            string planned = shares is null ? string.Empty : "（按季度工作安排）";
            int a = m.Percent;
            int gap = m.Gap;
            var rag = Colour(gap, thresholds);
            return rag == Rag.Green
                ? new(ItemState.OnTrack, Rag.Green, expected, a, $"完成 {a}%，序时进度 {expected}%{planned}。{heldBack}", share, period, shares)
                : new(ItemState.Behind, rag, expected, a, $"完成 {a}%，序时进度 {expected}%{planned}，落后 {gap} 个百分点。{heldBack}", share, period, shares);
        }

        return new(ItemState.OnTrack, Rag.Green, expected, null, $"按时报送，无量化指标可比。{heldBack}", share, period, shares);
    }

    /// <summary>The colour of a gap behind the yardstick (points): red from the red threshold, amber from the amber one.</summary>
    public static Rag Colour(int gap, StatusThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return gap >= thresholds.RedPoints ? Rag.Red : gap >= thresholds.AmberPoints ? Rag.Amber : Rag.Green;
    }

    /// <summary>
    /// Per target, the share of the year the report for <paramref name="period"/> holds it to: an amount with quarterly values planned
    /// (<paramref name="plans"/>, by position) its planned share of its value, any other target the period's share. Null when no plan changes anything.
    /// </summary>
    public static IReadOnlyList<int>? TargetShares(IReadOnlyList<Indicator> targets, ReportPeriod period, IReadOnlyList<QuarterPlan?> plans)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(plans);
        int pro = ExpectedProgress.OfPeriod(period);
        var shares = targets.Select((t, i) => TargetKinds.Of(t).FollowsTime() && i < plans.Count ? ExpectedProgress.OfPeriod(period, t.Value, plans[i]) : pro).ToList();
        return shares.All(x => x == pro) ? null : shares;
    }

    /// <summary>One target of an item against the share of the year it is held to (<see cref="ItemStatusResult.ShareOf"/>; the dashboard's and the exports' target rows).</summary>
    public static TargetStatus Target(Indicator target, decimal? actual, int share, StatusThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(target);
        var kind = TargetKinds.Of(target);
        var measured = actual is null ? null : Measure([target], [actual], share);
        return measured is { } m
            ? new TargetStatus(kind, m.Percent, m.Expected, m.Gap, Colour(m.Gap, thresholds))
            : new TargetStatus(kind, null, ExpectedProgress.ForTarget(kind, share), 0, Rag.None);
    }

    /// <summary>
    /// Progress against the numeric targets, judged by the target that lags most. An amount to reach
    /// over the year (新增 1 万个) is compared with the share of the year (Q2 → half of it expected); a rate or
    /// a level (增长 6%, 保持 100%, 优良率超 85%) is compared with the target itself at any time (<see cref="TargetKinds"/>).
    /// Targets with no reported value are left out; null when none can be compared.
    /// </summary>
    public static (int Percent, int Expected, int Gap)? Measure(IReadOnlyList<Indicator> targets, IReadOnlyList<decimal?> actuals, int share)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return Measure(targets, actuals, [.. targets.Select(_ => share)]);
    }

    /// <summary>As <see cref="Measure(IReadOnlyList{Indicator}, IReadOnlyList{decimal?}, int)"/>, each target held to its own share of the year (by position).</summary>
    public static (int Percent, int Expected, int Gap)? Measure(IReadOnlyList<Indicator> targets, IReadOnlyList<decimal?> actuals, IReadOnlyList<int> shares)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(actuals);
        ArgumentNullException.ThrowIfNull(shares);
        (int Percent, int Expected, int Gap)? worst = null;
        for (int i = 0; i < targets.Count && i < actuals.Count; i++)
        {
            if (actuals[i] is not decimal actual || targets[i].Value <= 0)
            {
                continue;
            }

            var t = targets[i];
            decimal ratio = t.Sense == IndicatorSense.AtMost
                ? (actual <= t.Value ? 1m : t.Value / actual)
                : actual / t.Value;
            int percent = (int)Math.Floor(Math.Min(ratio, 1m) * 100m);
            int expected = ExpectedProgress.ForTarget(TargetKinds.Of(t), i < shares.Count ? shares[i] : 100);
            int gap = Math.Max(0, expected - percent);
            if (worst is null || gap > worst.Value.Gap)
            {
                worst = (percent, expected, gap);
            }
        }

        return worst;
    }

    // No reported value falls short of its target (targets left without a value do not count against).
    private static bool NoneShort(IReadOnlyList<Indicator> targets, IReadOnlyList<decimal?> actuals) =>
        targets.Select((t, i) => i >= actuals.Count || actuals[i] is not decimal a || (t.Sense == IndicatorSense.AtMost ? a <= t.Value : a >= t.Value)).All(x => x);

    private static bool AllReported(IReadOnlyList<Indicator> targets, IReadOnlyList<decimal?> actuals) =>
        targets.Count <= actuals.Count && targets.Select((t, i) => actuals[i] is decimal a && (t.Sense == IndicatorSense.AtMost ? a <= t.Value : a >= t.Value)).All(x => x);
}
