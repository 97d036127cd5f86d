namespace Luoshi.Core.Features.Forms;

/// <summary>Which quarter a step belongs to (Hongshan's form has a row per quarter; the names are <see cref="Luoshi.Parsing.Calendar.ReportPeriodLabels.Quarter"/>).</summary>
public static partial class QuarterNames
{
    /// <summary>
    /// The step's quarter: its own if set; else read from its deadline text — a quarter named (一季度, 第二季度),
    /// a month (6月, ６月, 十二月), 上半年 (Q2); anything else, or nothing (年底, 全年, no deadline), is the fourth quarter,
    /// the end of the plan year.
    /// </summary>
    public static int QuarterOf(WorkStepRow step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Quarter is { } q)
        {
            return q is >= 1 and <= 4 ? q : throw new ArgumentOutOfRangeException(nameof(step), q, "A quarter is 1 to 4.");
        }

        return FromText(step.Due);
    }

    internal static int FromText(string? due)
    {
        if (string.IsNullOrWhiteSpace(due))
        {
            return 4;
        }

        var quarter = QuarterWord().Match(due);
        if (quarter.Success)
        {
            return "一二三四".IndexOf(quarter.Groups[1].Value[0], StringComparison.Ordinal) + 1;
        }

        var month = MonthWord().Match(due);
        if (month.Success && Month(month.Groups[1].Value) is >= 1 and <= 12 and var m)
        {
            return (m + 2) / 3;
        }

        return due.Contains("上半年", StringComparison.Ordinal) ? 2 : 4;
    }

    private static int Month(string s)
    {
        if (s.All(c => c is >= '0' and <= '9' or >= '０' and <= '９'))
        {
            return s.Aggregate(0, (n, c) => n * 10 + (c >= '０' ? c - '０' : c - '0'));
        }

        // 一 … 十二
        const string digits = "一二三四五六七八九";
        return s switch
        {
            "十" => 10,
            ['十', var d] => 10 + digits.IndexOf(d, StringComparison.Ordinal) + 1,
            [var d] => digits.IndexOf(d, StringComparison.Ordinal) + 1,
            _ => 0,
        };
    }

    [GeneratedRegex("第?([一二三四])季度")]
    private static partial Regex QuarterWord();

    // ASCII and full-width digits only (not every Unicode digit); a month is not preceded by another digit
    // so that "2026年" is not read as a month.
    [GeneratedRegex("(?<![0-9０-９])([0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])月")]
    private static partial Regex MonthWord();
}
