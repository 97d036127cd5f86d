namespace Luoshi.Parsing;

/// <summary>The stable codes of <see cref="PartKind"/> used in JSON, golden files and exports.</summary>
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
}
