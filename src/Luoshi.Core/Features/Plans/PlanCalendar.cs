namespace Luoshi.Core.Features.Plans;

/// <summary>
/// A published plan's reporting calendar as the notice sets it (read once, when the notice is imported, kept
/// in the draft and then with the plan): the deadlines, the office reports go to, who reports, whether co-units report to the lead
/// unit first, the template forms, and what the reader doubted.
/// </summary>
public sealed record PlanCalendar(
    IReadOnlyList<Deadline> Deadlines,
    string? Recipient,
    ReporterRole? Reporters,
    bool CoUnitsReportToLead,
    IReadOnlyList<ReportForm> Forms,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public Deadline? WorkPlan => Deadlines.FirstOrDefault(d => d.Period == ReportPeriod.WorkPlan);

    /// <summary>The progress-report deadlines in date order.</summary>
    public IEnumerable<Deadline> Reports => Deadlines.Where(d => d.Period != ReportPeriod.WorkPlan).OrderBy(d => d.Date);

    public Deadline? For(ReportPeriod period) => Deadlines.FirstOrDefault(d => d.Period == period);

    public static PlanCalendar From(ReportingSchedule s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var deadlines = (s.WorkPlan is null ? s.Reports : s.Reports.Prepend(s.WorkPlan)).OrderBy(d => d.Date).ToList();
        return new PlanCalendar(deadlines, s.Recipient, s.Reporters, s.CoUnitsReportToLead, s.Forms, s.Diagnostics);
    }

    /// <summary>Reads the calendar from the notice's text.</summary>
    public static PlanCalendar Read(string sourceText) => From(ScheduleReader.Read(sourceText, NoticeParser.Parse(sourceText)));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The kept calendar, or (plans published before it was kept) the one read again from the text.</summary>
    public static PlanCalendar Load(string? json, Func<string> sourceText)
    {
        ArgumentNullException.ThrowIfNull(sourceText);
        return string.IsNullOrWhiteSpace(json) ? Read(sourceText()) : JsonSerializer.Deserialize<PlanCalendar>(json, Json) ?? Read(sourceText());
    }
}
