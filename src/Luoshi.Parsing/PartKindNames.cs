namespace Luoshi.Parsing;

/// <summary>The stable codes of <see cref="PartKind"/> used in JSON, golden files and exports, and its Chinese name (the one map).</summary>
public static class PartKindNames
{
    /// <summary>targets, key_work, self_building, livelihood or other.</summary>
    public static string Code(this PartKind kind) => kind switch
    {
        PartKind.Targets => "targets",
        PartKind.KeyWork => "key_work",
        PartKind.SelfBuilding => "self_building",
        PartKind.Livelihood => "livelihood",
        PartKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>主要预期目标, 重点工作, 政府自身建设, 民生实事 or 其他.</summary>
    public static string Label(this PartKind kind) => kind switch
    {
        PartKind.Targets => "主要预期目标",
        PartKind.KeyWork => "重点工作",
        PartKind.SelfBuilding => "政府自身建设",
        PartKind.Livelihood => "民生实事",
        PartKind.Other => "其他",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
