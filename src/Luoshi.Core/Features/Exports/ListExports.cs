namespace Luoshi.Core.Features.Exports;

/// <summary>
/// The three lists of the plan pages (任务清单 of a unit, 时间清单, 责任清单) as printable .xlsx, through the district forms'
/// writer (<see cref="FormWorkbooks.List"/>): the columns are the CLI's (<see cref="ResponsibilityLists"/>), the title
/// names the district, the year and the list (and the unit).
/// </summary>
public static class ListExports
{
    public static ExportFile Tasks(UnitTasks tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var rows = tasks.Tasks.Select(t => (IReadOnlyList<string>)
        [
            tasks.Unit.Name,
            t.Role == UnitRole.Lead ? ResponsibilityLists.LeadRole : ResponsibilityLists.CoRole,
            t.PartTitle,
            t.Number,
            t.Text,
            string.Join("；", t.Indicators.Select(x => x.Printed)),
            t.Deadline ?? string.Empty,
            string.Join("、", t.LeadUnits),
        ]).ToList();
        var table = new ListTable("任务清单", ["单位", "角色", "部分", "序号", "任务内容", "量化指标", "完成时限", "牵头单位"], rows);
        return File(tasks.District, tasks.Plan, tasks.Unit.Name, table);
    }

    public static ExportFile Deadlines(DeadlineList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var c in list.Calendar)
        {
            rows.Add([c.Label, c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), list.Reporters, c.Recipient ?? list.Recipient ?? string.Empty,
                c.Inferred ? $"{c.Printed}（按规则推算）" : c.Printed]);
        }

        foreach (var i in list.Items)
        {
            rows.Add([$"{i.PartTitle} 第{i.Number}项", string.Empty, string.Join("、", i.Units), string.Empty, i.Deadline]);
        }

        var table = new ListTable("时间清单", ["事项", "截止日期", "报送单位", "报送对象", "原文"], rows);
        return File(list.District, list.Plan, null, table);
    }

    public static ExportFile Matrix(ResponsibilityMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var rows = matrix.Rows.Select(r =>
        {
            var roles = r.Cells.ToDictionary(c => c.UnitId, c => c.Role);
            return (IReadOnlyList<string>)
            [
                r.PartTitle,
                r.Number,
                r.Text,
                .. matrix.Units.Select(u => !roles.TryGetValue(u.Id, out var role) ? string.Empty
                    : role == UnitRole.Lead ? ResponsibilityLists.LeadRole : ResponsibilityLists.CoRole),
            ];
        }).ToList();
        var table = new ListTable("责任清单", ["部分", "序号", "任务内容", .. matrix.Units.Select(u => u.Name)], rows);
        return File(matrix.District, matrix.Plan, null, table);
    }

    /// <summary>"江岸区2026年责任清单", "江岸区2026年任务清单（区发展和改革局）"; the file "江岸区2026年-区发展和改革局-任务清单.xlsx".</summary>
    public static string Title(DistrictInfo district, int year, string? unit, string list) =>
        string.Create(CultureInfo.InvariantCulture, $"{district.Name}{year}年{list}{(unit is null ? string.Empty : "（" + unit + "）")}");

    private static ExportFile File(DistrictInfo district, PlanHeader plan, string? unit, ListTable table)
    {
        string title = Title(district, plan.Year, unit, table.Name);
        string name = string.Create(CultureInfo.InvariantCulture, $"{district.Name}{plan.Year}年-{(unit is null ? string.Empty : unit + "-")}{table.Name}.xlsx");
        return new ExportFile(name, ExportFile.Xlsx, FormWorkbooks.List(title, table));
    }
}
