namespace Luoshi.Core.Features.Forms;

/// <summary>One specific piece of work (具体工作内容) under a responsibility item.</summary>
/// <param name="Quarter">1–4 when the unit scheduled it in a quarter; null lets Hongshan's form place it from <paramref name="Due"/>.</param>
/// <param name="Content">What will be done.</param>
/// <param name="Due">Its deadline as the unit wrote it (完成时限), e.g. "6月底前".</param>
public sealed record WorkStepRow(int? Quarter, string Content, string? Due);

/// <summary>A responsibility item (责任事项) of a unit's work plan (办理工作方案) with its steps.</summary>
/// <param name="Number">序号 as printed in the plan, e.g. "12".</param>
/// <param name="ItemText">The item's text.</param>
/// <param name="Steps">The specific work, in the unit's order.</param>
/// <param name="Leader">分管领导 (Jiang'an) / 责任领导 (Hongshan).</param>
/// <param name="Section">责任科室, the unit's section doing the work (Jiang'an).</param>
/// <param name="UnitName">The unit filing the plan; rows of several units go to one sheet each.</param>
/// <param name="Deadline">The item's 完成时限; Jiang'an falls back to it for steps without their own.</param>
/// <param name="ResponsibleUnits">Hongshan's 责任单位 cell when it should say more than the unit's name (e.g. with co-units).</param>
public sealed record WorkPlanRow(
    string Number,
    string ItemText,
    IReadOnlyList<WorkStepRow> Steps,
    string? Leader,
    string? Section,
    string UnitName,
    string? Deadline,
    string? ResponsibleUnits = null);

/// <summary>One line of Hongshan's quarterly report (附件2).</summary>
/// <param name="Number">序号.</param>
/// <param name="ItemText">责任事项.</param>
/// <param name="Progress">完成情况.</param>
/// <param name="Problems">存在主要问题及下步工作打算.</param>
/// <param name="UnitName">The reporting unit; rows of several units go to one sheet each.</param>
public sealed record ReportRow(string Number, string ItemText, string Progress, string Problems, string UnitName);

/// <summary>One item of the whole-plan progress export (one sheet, the units are columns).</summary>
/// <param name="Number">序号.</param>
/// <param name="Part">部分, the plan's part or chapter the item sits in.</param>
/// <param name="ItemText">责任事项.</param>
/// <param name="LeadUnits">牵头单位.</param>
/// <param name="ResponsibleUnits">责任单位.</param>
/// <param name="Target">指标（目标）.</param>
/// <param name="Actual">实际完成.</param>
/// <param name="ExpectedPercent">序时进度, 0–100.</param>
/// <param name="ActualPercent">完成进度, 0–100, null when not measurable.</param>
/// <param name="Status">状态, in Chinese (e.g. "正常推进").</param>
/// <param name="Rag">红黄绿; written as 红/黄/绿 with the cell filled in that colour.</param>
/// <param name="Note">说明 (the reason behind the status).</param>
/// <param name="LatestReport">最近报告摘要.</param>
public sealed record ProgressRow(
    string Number,
    string Part,
    string ItemText,
    string LeadUnits,
    string ResponsibleUnits,
    string Target,
    string Actual,
    decimal? ExpectedPercent,
    decimal? ActualPercent,
    string Status,
    Rag Rag,
    string Note,
    string LatestReport);

/// <summary>One criterion of a unit's score.</summary>
/// <param name="Criterion">考核项目.</param>
/// <param name="Weight">Its weight (权重), in points or percent as the district defines it.</param>
/// <param name="Points">得分.</param>
/// <param name="Working">计分说明: how the points were reached, so a person can check them.</param>
public sealed record ScorePart(string Criterion, decimal Weight, decimal Points, string Working);

/// <summary>A unit's score (one sheet for all units: a summary and the working).</summary>
public sealed record ScoreRow(int Rank, string UnitName, decimal Total, IReadOnlyList<ScorePart> Parts);
