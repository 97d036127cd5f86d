namespace Luoshi.Parsing.Catalogue;

/// <summary>The Chinese name of each <see cref="UnitKind"/> (the one map; pages, the import and the CLI show it).</summary>
public static class UnitKindLabels
{
    /// <summary>Every unit kind, in the order the add-a-unit form and the CLI list them.</summary>
    public static readonly UnitKind[] All = Enum.GetValues<UnitKind>();

    /// <summary>
    /// The notices list sub-district offices and townships side by side with 、 (“侏儒山街道、永安街道、消泗乡”) and never
    /// in brackets, hence 街道、乡镇; the mass organisations likewise 党群机关、群团组织.
    /// </summary>
    public static string Of(UnitKind kind) => kind switch
    {
        UnitKind.Department => "区政府部门",
        UnitKind.Subdistrict => "街道、乡镇",
        UnitKind.ManagementCommittee => "管委会",
        UnitKind.StateCompany => "区属国有企业",
        UnitKind.PartyMass => "党群机关、群团组织",
        UnitKind.Vertical => "垂直管理单位",
        UnitKind.TaskForce => "工作专班",
        _ => "其他单位",
    };
}
