namespace Luoshi.Parsing.Indicators;

/// <summary>The Chinese word of each <see cref="IndicatorSense"/>, as the pages show a target (the one map).</summary>
public static class IndicatorSenseLabels
{
    /// <summary>目标值, 不少于, 左右, 不超过, 保持, 增长 or 下降 (the draft page said 完成 for a plain target; the plan and report pages 目标值, kept).</summary>
    public static string Of(IndicatorSense sense) => sense switch
    {
        IndicatorSense.Target => "目标值",
        IndicatorSense.AtLeast => "不少于",
        IndicatorSense.About => "左右",
        IndicatorSense.AtMost => "不超过",
        IndicatorSense.Keep => "保持",
        IndicatorSense.Growth => "增长",
        IndicatorSense.Decrease => "下降",
        _ => throw new ArgumentOutOfRangeException(nameof(sense)),
    };
}
