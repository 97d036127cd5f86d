using Microsoft.Extensions.Caching.Memory;

namespace Luoshi.Core.Features.Plans;

public sealed partial class PlanQueries
{
    // A published plan's calendar never changes (a re-publish makes a new plan row), so it is kept in
    // memory per plan id and publication time; plans published before the calendar was stored with the
    // plan have their text read again, once.
    // The framework's cache with a size limit (one entry counts 1): it evicts the least used calendars itself.
    private static readonly MemoryCache Schedules = new(new MemoryCacheOptions { SizeLimit = 64 });

    /// <summary>The 时间清单: the work-plan and report deadlines the notice's body sets, and the items' own deadlines.</summary>
    public async Task<DeadlineList?> DeadlinesAsync(DistrictInfo district, CancellationToken ct = default, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(district);
        var plan = await PlanAsync(district.Id, ct, year);
        if (plan is null)
        {
            return null;
        }

        var schedule = await CalendarAsync(plan, ct);
        var items = await (from i in db.PlanItems.AsNoTracking()
                           join p in db.PlanParts on i.PartId equals p.Id
                           where i.PlanId == plan.Id && i.Deadline != null
                           orderby i.Seq
                           select new
                           {
                               i.Seq,
                               i.Number,
                               p.Title,
                               i.Text,
                               i.Deadline,
                               Units = i.Units.OrderBy(u => u.Id).Select(u => u.UnitId).ToList(),
                           }).ToListAsync(ct);
        var names = await UnitNamesAsync(district.Id, ct);

        string reporters = schedule.Reporters switch
        {
            ReporterRole.LeadUnits => schedule.CoUnitsReportToLead ? "各牵头单位（配合单位先报牵头单位）" : "各牵头单位",
            ReporterRole.AllResponsibleUnits => "各责任单位",
            null => "（通知未说明）",
            _ => throw new InvalidOperationException("unknown reporter role " + schedule.Reporters),
        };
        var calendar = schedule.Deadlines
            .OrderBy(d => d.Date)
            .Select(d => new CalendarDeadline(d.Period, ResponsibilityLists.PeriodLabel(d.Period), d.Date, d.Printed, d.Line, d.Inferred, d.Recipient ?? schedule.Recipient))
            .ToList();
        return new DeadlineList(district, plan, calendar, schedule.Recipient, reporters,
            [.. items.Select(i => new ItemDeadline(i.Seq, i.Number, i.Title, i.Text, i.Deadline!, [.. i.Units.Select(u => names.GetValueOrDefault(u, "?"))]))],
            [.. schedule.Diagnostics.Select(d => new CalendarNote(d.Line, d.Severity, d.Message))]);
    }

    /// <summary>The calendar of a published plan, as kept with it.</summary>
    public async Task<PlanCalendar> CalendarAsync(PlanHeader plan, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var key = (plan.Id, plan.PublishedAt);
        if (Schedules.TryGetValue(key, out PlanCalendar? cached) && cached is not null)
        {
            return cached;
        }

        string json = await db.Plans.AsNoTracking().Where(p => p.Id == plan.Id).Select(p => p.CalendarJson).FirstAsync(ct);
        string? text = string.IsNullOrWhiteSpace(json) ? await db.Plans.AsNoTracking().Where(p => p.Id == plan.Id).Select(p => p.SourceText).FirstAsync(ct) : null;
        var schedule = PlanCalendar.Load(json, () => text!);
        Schedules.Set(key, schedule, new MemoryCacheEntryOptions { Size = 1 });
        return schedule;
    }
}
