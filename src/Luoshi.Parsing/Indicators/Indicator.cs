namespace Luoshi.Parsing.Indicators;

/// <summary>The sense of a target: what counts as meeting it.</summary>
public enum IndicatorSense
{
    /// <summary>A plain amount to reach (新增 1 万个, 完成 5000 户).</summary>
    Target,

    /// <summary>At least (不少于, 不低于, 以上, 突破, 超).</summary>
    AtLeast,

    /// <summary>About (左右, 约).</summary>
    About,

    /// <summary>At most (以内, 以下, 不超过, 控制在).</summary>
    AtMost,

    /// <summary>Keep at (保持, 稳定在).</summary>
    Keep,

    /// <summary>A growth rate (增长 x%).</summary>
    Growth,

    /// <summary>A rate of decrease (下降 x%).</summary>
    Decrease,
}

/// <summary>One measurable target (指标) in an item's text.</summary>
/// <param name="Measure">What is measured, as printed (新增停车泊位).</param>
/// <param name="Value">The value with 万/亿 applied (1 万个 → 10000).</param>
/// <param name="Unit">The base unit after the multiplier (个, 元, 平方米, %).</param>
/// <param name="Sense">What counts as meeting it.</param>
/// <param name="Printed">The span of the item text it comes from.</param>
/// <param name="Start">Index of the span in the item text.</param>
/// <param name="Length">Length of the span.</param>
public sealed record Indicator(string Measure, decimal Value, string Unit, IndicatorSense Sense, string Printed, int Start, int Length);

/// <summary>Targets that appear in several items of one plan as the same commitment.</summary>
/// <param name="Value">The shared value.</param>
/// <param name="Unit">The shared unit.</param>
/// <param name="Measure">The measure of the first occurrence.</param>
/// <param name="Items">The items, as (part index, number).</param>
public sealed record RepeatedTarget(decimal Value, string Unit, string Measure, IReadOnlyList<(int Part, string Number)> Items);
