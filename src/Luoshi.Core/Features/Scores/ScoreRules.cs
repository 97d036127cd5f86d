namespace Luoshi.Core.Features.Scores;

/// <summary>One criterion of a unit's score, with its working.</summary>
/// <param name="Criterion">按时报送, 材料完整, 目标进度, 督查室评定.</param>
/// <param name="Weight">Its weight in the scheme.</param>
/// <param name="Rate">0–1, or null when there was nothing to measure (the weight is then spread over the others).</param>
/// <param name="Points">Points earned, after spreading.</param>
/// <param name="Working">How it was reached, in Chinese.</param>
public sealed record ScorePart(string Criterion, decimal Weight, decimal? Rate, decimal Points, string Working);

/// <summary>A unit's score and rank.</summary>
public sealed record UnitScore(int UnitId, string UnitName, int Rank, decimal Total, IReadOnlyList<ScorePart> Parts);

/// <summary>
/// Scores (绩效考核) from what units produced, never from activity: timeliness (on time 1, late ½,
/// missing 0), completeness (a filed report with a number for every numeric target 1, without ½),
/// progress (each item the unit leads: done or on track 1, amber ⅔, red ⅓, overdue 0) and the office's
/// grade (A 1, B 0.8, C 0.6, D 0.4). A criterion with nothing to measure is left out and the others are
/// scaled to the full weight, and the working says so. Ties share a rank (1, 2, 2, 4).
/// </summary>
public static class ScoreRules
{
    public const string MissingNumbersFlag = "未填写指标实际值";

    /// <summary>Scores every unit that owed something in <paramref name="periods"/>, from a snapshot taken at the end of the scoring window.</summary>
    public static IReadOnlyList<UnitScore> Compute(YearSnapshot snapshot, ScoreScheme scheme, IReadOnlyCollection<ReportPeriod> periods, IReadOnlyList<QualityGrade> grades)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(grades);
        var due = snapshot.Obligations.Where(o => periods.Contains(o.Period) && !o.PartToLead && o.Status != ObligationStatus.Pending).ToLookup(o => o.UnitId);
        var led = snapshot.Items.SelectMany(i => i.LeadUnitIds.Select(u => (Unit: u, Item: i))).ToLookup(x => x.Unit, x => x.Item);
        var gradesByUnit = grades.Where(g => periods.Contains(g.Period)).ToLookup(g => g.UnitId);
        var scored = new List<(int UnitId, decimal Total, List<ScorePart> Parts)>();
        foreach (var unit in snapshot.Units)
        {
            var owed = due[unit.Id].ToList();
            if (owed.Count == 0)
            {
                continue;
            }

            var raw = new List<(string Name, decimal Weight, decimal? Rate, string Working)>
            {
                Timeliness(owed, scheme.TimelinessWeight),
                Completeness(owed, scheme.CompletenessWeight),
                Progress([.. led[unit.Id]], scheme.ProgressWeight),
                Quality([.. gradesByUnit[unit.Id]], scheme.QualityWeight),
            };
            decimal measured = raw.Where(r => r.Rate is not null).Sum(r => r.Weight);
            decimal scale = measured == 0 ? 0 : scheme.Total / measured;
            var parts = raw.Select(r => new ScorePart(r.Name, r.Weight, r.Rate,
                r.Rate is decimal rate ? Math.Round(rate * r.Weight * scale, 2, MidpointRounding.AwayFromZero) : 0,
                r.Rate is null ? r.Working + "（无可评内容，权重按其余指标折算）" : scale == 1 ? r.Working : r.Working + string.Create(CultureInfo.InvariantCulture, $"（折算系数 {scale:0.###}）"))).ToList();
            scored.Add((unit.Id, parts.Sum(p => p.Points), parts));
        }

        var ordered = scored.OrderByDescending(s => s.Total).ThenBy(s => snapshot.UnitName(s.UnitId), StringComparer.Ordinal).ToList();
        var result = new List<UnitScore>(ordered.Count);
        for (int i = 0; i < ordered.Count; i++)
        {
            int rank = i > 0 && ordered[i].Total == ordered[i - 1].Total ? result[i - 1].Rank : i + 1;
            result.Add(new UnitScore(ordered[i].UnitId, snapshot.UnitName(ordered[i].UnitId), rank, ordered[i].Total, ordered[i].Parts));
        }

        return result;
    }

    /// <summary>The ranks several units share, in Chinese (并列第2名：60个单位，各0分), or null when no two units tie.</summary>
    public static string? Ties(IReadOnlyList<UnitScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ties = scores.GroupBy(s => s.Rank).Where(g => g.Count() > 1).OrderBy(g => g.Key)
            .Select(g => F($"并列第{g.Key}名：{g.Count()}个单位，各{g.First().Total:0.##}分")).ToList();
        return ties.Count == 0 ? null : string.Join("；", ties);
    }

    private static (string, decimal, decimal?, string) Timeliness(List<ObligationRow> owed, decimal weight)
    {
        int onTime = owed.Count(o => o.Status == ObligationStatus.OnTime);
        int late = owed.Count(o => o.Status == ObligationStatus.Late);
        int missing = owed.Count(o => o.Status == ObligationStatus.Missing);
        decimal rate = (onTime + (late * 0.5m)) / owed.Count;
        return ("按时报送", weight, rate, F($"应报 {owed.Count} 项：按时 {onTime}、逾期报送 {late}（计一半）、未报 {missing}；得分率 {rate:P1} × {weight:0.##}"));
    }

    private static (string, decimal, decimal?, string) Completeness(List<ObligationRow> owed, decimal weight)
    {
        var reports = owed.Where(o => o.Period != ReportPeriod.WorkPlan).ToList();
        if (reports.Count == 0)
        {
            return ("材料完整", weight, null, "本期无进展报告");
        }

        int complete = reports.Count(o => o.SubmittedOn is not null && (o.Flags is null || !o.Flags.Contains(MissingNumbersFlag, StringComparison.Ordinal)));
        int lacking = reports.Count(o => o.SubmittedOn is not null && o.Flags is not null && o.Flags.Contains(MissingNumbersFlag, StringComparison.Ordinal));
        decimal rate = (complete + (lacking * 0.5m)) / reports.Count;
        return ("材料完整", weight, rate, F($"报告 {reports.Count} 份：完整 {complete}、缺指标数值 {lacking}（计一半）、未报 {reports.Count - complete - lacking}；得分率 {rate:P1} × {weight:0.##}"));
    }

    private static (string, decimal, decimal?, string) Progress(List<ItemRow> items, decimal weight)
    {
        var judged = items.Where(i => i.Status.State != ItemState.NotStarted).ToList();
        if (judged.Count == 0)
        {
            return ("目标进度", weight, null, "牵头事项均未到考核时点");
        }

        int good = judged.Count(i => i.Status.State is ItemState.Done or ItemState.OnTrack);
        int amber = judged.Count(i => i.Status is { State: ItemState.Behind, Rag: Rag.Amber });
        int red = judged.Count(i => i.Status is { State: ItemState.Behind, Rag: Rag.Red });
        int overdue = judged.Count(i => i.Status.State == ItemState.Overdue);
        decimal rate = (good + (amber * 2m / 3m) + (red * 1m / 3m)) / judged.Count;
        return ("目标进度", weight, rate, F($"牵头事项 {judged.Count} 项：完成或正常 {good}、滞后（黄）{amber}、滞后（红）{red}、逾期 {overdue}；得分率 {rate:P1} × {weight:0.##}"));
    }

    private static (string, decimal, decimal?, string) Quality(List<QualityGrade> grades, decimal weight)
    {
        if (grades.Count == 0)
        {
            return ("督查室评定", weight, null, "督查室未评定");
        }

        decimal rate = grades.Average(g => GradeRate(g.Grade));
        return ("督查室评定", weight, rate, F($"评定 {string.Join("、", grades.OrderBy(g => g.Period).Select(g => $"{ReportPeriodLabels.Of(g.Period)} {g.Grade}"))}；得分率 {rate:P1} × {weight:0.##}"));
    }

    public static decimal GradeRate(string grade) => grade switch
    {
        "A" => 1m,
        "B" => 0.8m,
        "C" => 0.6m,
        "D" => 0.4m,
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, "grade must be A, B, C or D"),
    };

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
