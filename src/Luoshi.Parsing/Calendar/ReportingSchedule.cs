namespace Luoshi.Parsing.Calendar;

/// <summary>
/// The reporting calendar a notice's body sets: when the work plan is due, when each progress report
/// is due, who reports to whom, and which template forms apply.
/// </summary>
/// <param name="WorkPlan">The deadline for filing the work plan (办理工作方案, 任务清单), if the body gives one.</param>
/// <param name="Reports">Progress-report deadlines (Q1–Q4, Annual) in date order.</param>
/// <param name="Recipient">The office reports go to, as printed (区人民政府办公室, 区政府督查室 …); the report deadlines' recipient when they name one, else the work plan's.</param>
/// <param name="Reporters">Who files the reports, if the body says: every responsible unit, or the lead units.</param>
/// <param name="CoUnitsReportToLead">True when the body says co-responsible units report to the lead unit first.</param>
/// <param name="Forms">Template forms the body or its attachment list names, by attachment number.</param>
/// <param name="Diagnostics">Damaged or inferred dates, doubts, and the absence of a calendar.</param>
public sealed record ReportingSchedule(
    Deadline? WorkPlan,
    IReadOnlyList<Deadline> Reports,
    string? Recipient,
    ReporterRole? Reporters,
    bool CoUnitsReportToLead,
    IReadOnlyList<ReportForm> Forms,
    IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>What a deadline is for.</summary>
public enum ReportPeriod
{
    /// <summary>Filing the work plan (办理工作方案, 任务清单).</summary>
    WorkPlan,

    /// <summary>The first-quarter report (第一季度, 一季度).</summary>
    Q1,

    /// <summary>The second-quarter report (第二季度; 上半年 is read as this one).</summary>
    Q2,

    /// <summary>The third-quarter report (第三季度; 前三季度 is read as this one).</summary>
    Q3,

    /// <summary>The fourth-quarter report (第四季度).</summary>
    Q4,

    /// <summary>The full-year report (全年, 年度).</summary>
    Annual,
}

/// <summary>Who files the plans and reports.</summary>
public enum ReporterRole
{
    /// <summary>Every responsible unit (各责任单位).</summary>
    AllResponsibleUnits,

    /// <summary>The lead unit of each task (各牵头单位, 各责任事项牵头单位（责任单位）).</summary>
    LeadUnits,
}

/// <summary>One deadline of the calendar.</summary>
/// <param name="Period">What is due.</param>
/// <param name="Date">The last day, as read (a damaged date: the most likely reading, with a diagnostic).</param>
/// <param name="Printed">The text as printed: the date ("7月10日", "2026115日") or the rule ("每季度末月底之前").</param>
/// <param name="Line">1-based source line where the printed text starts.</param>
/// <param name="Inferred">True when the date is derived from a rule ("每季度末月底之前") rather than printed.</param>
/// <param name="Recipient">The office named in the same sentence, as printed, if any.</param>
public sealed record Deadline(
    ReportPeriod Period,
    DateOnly Date,
    string Printed,
    int Line,
    bool Inferred,
    string? Recipient = null);

/// <summary>What a template form is for.</summary>
public enum FormPurpose
{
    /// <summary>The work plan (办理工作方案).</summary>
    WorkPlan,

    /// <summary>The quarterly report (季度工作目标完成情况表).</summary>
    QuarterlyReport,
}

/// <summary>A template form attached to the notice.</summary>
/// <param name="Purpose">What the form is filled in for.</param>
/// <param name="Attachment">The attachment label, normalised without spaces: "附件1".</param>
/// <param name="Title">The form's title as printed in the attachment list (or, failing that, above the form), if found.</param>
/// <param name="Line">1-based source line of the title (or of the reference "填写附件1" when no title is found).</param>
public sealed record ReportForm(FormPurpose Purpose, string Attachment, string? Title, int Line);
