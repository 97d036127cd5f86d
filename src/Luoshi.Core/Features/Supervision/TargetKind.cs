namespace Luoshi.Core.Features.Supervision;

/// <summary>What a numeric target is, which decides what its progress is compared with (<see cref="ExpectedProgress.ForTarget"/>).</summary>
public enum TargetKind
{
    /// <summary>An amount to reach over the year (新增停车泊位 1 万个): compared with the time elapsed.</summary>
    Amount,

    /// <summary>A rate (增长 6%, 下降 5%, 提高 2 个百分点, 达到 85%): compared with the target itself at any time.</summary>
    Rate,

    /// <summary>A level to hold (保持 100%, 水质稳定在 III 类): compared with the target itself at any time.</summary>
    Level,
}

/// <summary>The one classifier of targets; the status, the dashboard, the report form and the exports all ask it.</summary>
public static class TargetKinds
{
    public static TargetKind Of(Indicator target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Of(target.Unit, target.Sense);
    }

    public static TargetKind Of(string unit, IndicatorSense sense) =>
        sense == IndicatorSense.Keep || unit == "类" ? TargetKind.Level
        : unit is "%" or "个百分点" || sense is IndicatorSense.Growth or IndicatorSense.Decrease ? TargetKind.Rate
        : TargetKind.Amount;

    /// <summary>Whether the target's progress is compared with the time elapsed (amounts) rather than with the target itself.</summary>
    public static bool FollowsTime(this TargetKind kind) => kind == TargetKind.Amount;
}
