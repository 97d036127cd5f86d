namespace Luoshi.Core.Features.Work;

/// <summary>How a unit takes part in an item's plans and reports.</summary>
public enum Participation
{
    /// <summary>Files nothing of its own (a co-unit where only lead units report).</summary>
    None,

    /// <summary>Files to the office (a lead unit; or every responsible unit where the notice says so).</summary>
    Own,

    /// <summary>A co-unit's part, filed to the lead unit first.</summary>
    PartToLead,
}

/// <summary>A district's rules for the year: its notice's calendar with the office's settings over it.</summary>
public sealed record YearRules(PlanCalendar Calendar, DistrictSettings Settings)
{
    public bool CoUnitsReportToLead => Settings.CoUnitsReportToLead ?? Calendar.CoUnitsReportToLead;

    public Participation Participation(UnitRole role) => role switch
    {
        UnitRole.Lead => Work.Participation.Own,
        _ when CoUnitsReportToLead => Work.Participation.PartToLead,
        _ when Calendar.Reporters == ReporterRole.AllResponsibleUnits => Work.Participation.Own,
        _ => Work.Participation.None,
    };

    /// <summary>The deadlines that apply: the notice's, work plan first.</summary>
    public IReadOnlyList<Deadline> Deadlines => Calendar.Deadlines;

    public static async Task<YearRules> LoadAsync(LuoshiDb db, int districtId, int planId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => new { p.CalendarJson }).FirstAsync(ct);
        var calendar = PlanCalendar.Load(plan.CalendarJson, () => db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.SourceText).First());
        var settings = await DistrictSettingsDefaults.LoadAsync(db, districtId, ct);
        return new YearRules(calendar, settings);
    }
}
