namespace Luoshi.Core.Features.Exports;

/// <summary>
/// The whole plan's progress as the office's table (<see cref="FormWorkbooks.PlanProgress"/>), from today's year snapshot:
/// each item's targets, the latest actuals, expected and actual %, status, RAG, the reason, and the start of the lead
/// unit's latest report.
/// </summary>
public sealed class ProgressExport(LuoshiDb db, YearQueries year)
{
    /// <summary>How much of the latest report is printed.</summary>
    public const int ExcerptLength = 200;

    public async Task<ExportFile?> PlanProgressAsync(DistrictInfo district, CancellationToken ct = default, int? planYear = null)
    {
        ArgumentNullException.ThrowIfNull(district);
        var snapshot = await year.SnapshotAsync(district.Id, ct, year: planYear);
        if (snapshot is null)
        {
            return null;
        }

        var reports = await db.Filings.AsNoTracking()
            .Where(f => f.PlanId == snapshot.Plan.Id && f.Period != ReportPeriod.WorkPlan && f.SubmittedAt != null && !f.IsCoUnitPart)
            .Select(f => new LeadReport(f.ItemId, f.UnitId, f.Period, f.Progress)).ToListAsync(ct);
        string title = string.Create(CultureInfo.InvariantCulture,
            $"{district.Name}{snapshot.Plan.Year}年目标任务推进情况（截至{snapshot.Today.Year}年{snapshot.Today.Month}月{snapshot.Today.Day}日）");
        var bytes = FormWorkbooks.PlanProgress(title, Rows(snapshot, reports));
        return new ExportFile(string.Create(CultureInfo.InvariantCulture, $"{district.Name}{snapshot.Plan.Year}年-目标任务推进情况.xlsx"), ExportFile.Xlsx, bytes);
    }

    /// <summary>A lead unit's submitted report text.</summary>
    public sealed record LeadReport(int ItemId, int UnitId, ReportPeriod Period, string? Progress);

    /// <summary>One row per item, in the plan's order (pure).</summary>
    public static IReadOnlyList<ProgressRow> Rows(YearSnapshot snapshot, IReadOnlyList<LeadReport> reports)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(reports);
        var byItem = reports.ToLookup(r => r.ItemId);
        return [.. snapshot.Items.Select(i => new ProgressRow(
            i.Number,
            i.PartTitle,
            i.Text,
            string.Join("、", i.LeadUnitIds.Select(snapshot.UnitName)),
            string.Join("、", i.CoUnitIds.Select(snapshot.UnitName)),
            string.Join("；", i.Targets.Select(t => t.Printed)),
            Actuals(snapshot, i),
            i.Status.ExpectedPercent,
            i.Status.ActualPercent,
            ItemStateLabels.Of(i.Status.State),
            i.Status.Rag,
            i.Status.Reason,
            Latest(snapshot, i, byItem[i.Id])))];
    }

    // The latest actuals; with co-units' parts taken in (汇总), the sum and then each unit's value: 牵头单位 own, each co-unit against its share.
    private static string Actuals(YearSnapshot snapshot, ItemRow item)
    {
        var parts = new List<string>();
        for (int k = 0; k < item.Targets.Count && k < item.LatestActuals.Count; k++)
        {
            if (item.LatestActuals[k] is decimal v)
            {
                var t = item.Targets[k];
                string line = string.Create(CultureInfo.InvariantCulture, $"{t.Measure} {v:0.######}{t.Unit}");
                if (item.Parts.Count > 0)
                {
                    bool amount = TargetKinds.Of(t.ToIndicator()).FollowsTime();
                    var each = new List<string> { string.Create(CultureInfo.InvariantCulture, $"牵头单位 {item.LeadOwnActuals?.ElementAtOrDefault(k):0.######}") };
                    each.AddRange(item.Parts.Select(p => p.Figures[k] is var f && f.Value is decimal pv
                        ? string.Create(CultureInfo.InvariantCulture, $"{snapshot.UnitName(p.UnitId)} {pv:0.######}（分解任务 {f.ShareText(amount)}）")
                        : $"{snapshot.UnitName(p.UnitId)} 未报"));
                    line = $"{t.Measure} 合计 {v.ToString("0.######", CultureInfo.InvariantCulture)}{t.Unit}（{string.Join("；", each)}）";
                }

                parts.Add(line);
            }
        }

        return string.Join("；", parts);
    }

    /// <summary>The latest report of the item's lead units (the first lead's when two reported the same period), with its period and unit.</summary>
    private static string Latest(YearSnapshot snapshot, ItemRow item, IEnumerable<LeadReport> reports)
    {
        var latest = reports.Where(r => item.LeadUnitIds.Contains(r.UnitId) && !string.IsNullOrWhiteSpace(r.Progress))
            .OrderByDescending(r => r.Period).ThenBy(r => item.LeadUnitIds.ToList().IndexOf(r.UnitId)).FirstOrDefault();
        if (latest is null)
        {
            return string.Empty;
        }

        string text = latest.Progress!.Trim();
        if (text.Length > ExcerptLength)
        {
            int cut = char.IsHighSurrogate(text[ExcerptLength - 1]) ? ExcerptLength - 1 : ExcerptLength;
            text = string.Concat(text.AsSpan(0, cut), "…");
        }

        return $"【{ReportPeriodLabels.Of(latest.Period)}·{snapshot.UnitName(latest.UnitId)}】{text}";
    }
}
