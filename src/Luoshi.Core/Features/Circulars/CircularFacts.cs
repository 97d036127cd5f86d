namespace Luoshi.Core.Features.Circulars;

/// <summary>What a quarterly circular (通报) reports, gathered by the caller from the plan, the reports and the statuses.</summary>
/// <param name="Supervisor">Who tracked the work, as the opening sentence names it, e.g. "区政府督查室".</param>
/// <param name="Year">The plan's year.</param>
/// <param name="PeriodName">The period reported on, e.g. "第二季度".</param>
/// <param name="AsOf">The date the figures stand at (截至).</param>
/// <param name="Deadline">The date the period's reports were due.</param>
/// <param name="PlanTitle">The plan's title, with or without 《》, e.g. "江岸区2026年政府工作报告目标任务责任分解方案".</param>
/// <param name="Parts">Counts per part of the plan, in the plan's order.</param>
/// <param name="LateUnits">Units that did not report by the deadline, each with what it was late on.</param>
/// <param name="BehindItems">Items behind the time elapsed (进度滞后).</param>
public sealed record CircularFacts(
    string Supervisor,
    int Year,
    string PeriodName,
    DateOnly AsOf,
    DateOnly Deadline,
    string PlanTitle,
    IReadOnlyList<PartProgress> Parts,
    IReadOnlyList<LateUnit> LateUnits,
    IReadOnlyList<BehindItem> BehindItems)
{
    /// <summary>The notice's own title (区人民政府办公室关于印发…的通知), cited with its number; without it the plan's title is cited.</summary>
    public string? NoticeTitle { get; init; }

    /// <summary>The notice's number (岸政办〔2026〕1号), cited after its title.</summary>
    public string? NoticeNumber { get; init; }
}

/// <summary>Item counts of one part (主要预期目标, 重点工作 …). Items counted in no state (not started) are the remainder.</summary>
public sealed record PartProgress(string Name, int Items, int Done, int OnTrack, int Behind, int Overdue);

/// <summary>A unit that reported late or not at all.</summary>
public sealed record LateUnit(string Name, IReadOnlyList<LateFiling> Filings);

/// <summary>One report that was late.</summary>
/// <param name="ItemNumber">The item's number as printed in the plan ("12", "（一）").</param>
/// <param name="PeriodName">The period of the report, e.g. "第二季度".</param>
/// <param name="SubmittedOn">When it arrived after the deadline; null while it is still missing.</param>
public sealed record LateFiling(string ItemNumber, string PeriodName, DateOnly? SubmittedOn)
{
    /// <summary>The item's part (重点工作, 民生实事 …), so that "第1项" says which part's; empty when unknown.</summary>
    public string PartName { get; init; } = "";
}

/// <summary>An item behind the time elapsed.</summary>
/// <param name="PartName">The part it belongs to, e.g. "重点工作".</param>
/// <param name="ItemNumber">Its number as printed in the plan ("88", "（一）").</param>
/// <param name="Text">Its text (abbreviated in the circular).</param>
/// <param name="LeadUnit">Its lead unit (牵头单位).</param>
/// <param name="ActualPercent">Progress reported.</param>
/// <param name="ExpectedPercent">Progress expected by the time elapsed (序时进度).</param>
public sealed record BehindItem(string PartName, string ItemNumber, string Text, string LeadUnit, int ActualPercent, int ExpectedPercent);
