using Luoshi.Parsing.Calendar;
using Luoshi.Parsing.Indicators;

namespace Luoshi.Parsing.Lists;

/// <summary>A table with Chinese headers, ready to be written as .xlsx or .csv.</summary>
/// <param name="Name">The list's name (任务清单 …), used as sheet and file name.</param>
/// <param name="Headers">Column headers.</param>
/// <param name="Rows">Rows, each as long as the headers.</param>
public sealed record ListTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// The three lists the notices ask every unit to keep: 任务清单 (tasks per unit), 时间清单 (deadlines),
/// 责任清单 (item × unit matrix with lead/co role). Pure: tables in memory.
/// </summary>
public static class ResponsibilityLists
{
    /// <summary>The role a unit plays for an item, as the lists print it.</summary>
    public const string LeadRole = "牵头";

    /// <summary>The co-unit role.</summary>
    public const string CoRole = "配合";

    /// <summary>任务清单: one row per unit and item the unit works on.</summary>
    public static ListTable Tasks(UnderstoodNotice u)
    {
        ArgumentNullException.ThrowIfNull(u);
        var rows = new List<IReadOnlyList<string>>();
        var resolved = u.Resolved ?? throw new ArgumentException("units must be resolved", nameof(u));
        foreach (string unit in resolved.Catalogue.Units.Select(x => x.Name))
        {
            foreach (var x in u.Items)
            {
                var r = x.Resolved!;
                string? role = r.LeadUnits.Contains(unit, StringComparer.Ordinal) ? LeadRole
                    : r.CoUnits.Contains(unit, StringComparer.Ordinal) ? CoRole : null;
                if (role is null)
                {
                    continue;
                }

                rows.Add([unit, role, PartTitle(u, r.Item.Part), r.Item.Number, r.Item.Text, Targets(x.Targets), r.Item.Deadline ?? string.Empty]);
            }
        }

        return new ListTable("任务清单", ["单位", "角色", "部分", "序号", "任务内容", "量化指标", "完成时限"], rows);
    }

    /// <summary>时间清单: every deadline the notice sets, and items' own deadlines.</summary>
    public static ListTable Deadlines(UnderstoodNotice u)
    {
        ArgumentNullException.ThrowIfNull(u);
        var rows = new List<IReadOnlyList<string>>();
        var s = u.Schedule;
        string reporters = s.Reporters switch
        {
            ReporterRole.LeadUnits => s.CoUnitsReportToLead ? "各牵头单位（配合单位先报牵头单位）" : "各牵头单位",
            ReporterRole.AllResponsibleUnits => "各责任单位",
            null => "（通知未说明）",
            _ => throw new ArgumentOutOfRangeException(nameof(u)),
        };
        foreach (var d in (s.WorkPlan is null ? s.Reports : s.Reports.Prepend(s.WorkPlan)).OrderBy(d => d.Date))
        {
            rows.Add([PeriodLabel(d.Period), d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reporters,
                d.Recipient ?? s.Recipient ?? string.Empty, d.Inferred ? $"{d.Printed}（按规则推算）" : d.Printed]);
        }

        foreach (var i in u.Notice.Items.Where(i => i.Deadline is not null))
        {
            rows.Add([$"{PartTitle(u, i.Part)} 第{i.Number}项", string.Empty, string.Join("、", i.Lead.Concat(i.Responsible).Select(m => m.Name)), string.Empty, i.Deadline!]);
        }

        return new ListTable("时间清单", ["事项", "截止日期", "报送单位", "报送对象", "原文"], rows);
    }

    /// <summary>责任清单: one row per item, one column per unit involved, cells 牵头 or 配合.</summary>
    public static ListTable Matrix(UnderstoodNotice u)
    {
        ArgumentNullException.ThrowIfNull(u);
        var resolved = u.Resolved ?? throw new ArgumentException("units must be resolved", nameof(u));
        var units = resolved.UnitsInvolved;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var r in u.Items.Select(x => x.Resolved!))
        {
            var row = new List<string> { PartTitle(u, r.Item.Part), r.Item.Number, r.Item.Text };
            row.AddRange(units.Select(x => r.LeadUnits.Contains(x, StringComparer.Ordinal) ? LeadRole
                : r.CoUnits.Contains(x, StringComparer.Ordinal) ? CoRole : string.Empty));
            rows.Add(row);
        }

        return new ListTable("责任清单", ["部分", "序号", "任务内容", .. units], rows);
    }

    /// <summary>The Chinese name of a reporting period.</summary>
    public static string PeriodLabel(ReportPeriod p) => p switch
    {
        ReportPeriod.WorkPlan => "报送办理工作方案",
        ReportPeriod.Q1 => "报送第一季度完成情况",
        ReportPeriod.Q2 => "报送第二季度完成情况",
        ReportPeriod.Q3 => "报送第三季度完成情况",
        ReportPeriod.Q4 => "报送第四季度完成情况",
        ReportPeriod.Annual => "报送全年完成情况",
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    private static string PartTitle(UnderstoodNotice u, int part) =>
        u.Notice.Parts.FirstOrDefault(p => p.Index == part)?.Title ?? string.Empty;

    private static string Targets(IReadOnlyList<Indicator> indicators) => string.Join("；", indicators.Select(i => i.Printed));
}
