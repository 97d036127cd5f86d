namespace Luoshi.Parsing.Calendar;

/// <summary>The Chinese name of each <see cref="ReportPeriod"/>, as every page, document and message shows it (the one map).</summary>
public static class ReportPeriodLabels
{
    /// <summary>办理工作方案, 第一季度 … 第四季度, 全年.</summary>
    public static string Of(ReportPeriod period) => period switch
    {
        ReportPeriod.WorkPlan => "办理工作方案",
        ReportPeriod.Q1 => "第一季度",
        ReportPeriod.Q2 => "第二季度",
        ReportPeriod.Q3 => "第三季度",
        ReportPeriod.Q4 => "第四季度",
        ReportPeriod.Annual => "全年",
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    /// <summary>The short quarter names of the district forms: 一季度 for 1 … 四季度 for 4.</summary>
    public static string Quarter(int quarter) => quarter switch
    {
        1 => "一季度",
        2 => "二季度",
        3 => "三季度",
        4 => "四季度",
        _ => throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A quarter is 1 to 4."),
    };
}
