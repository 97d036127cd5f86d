namespace Luoshi.Core.Features.Accounts;

/// <summary>The signed-in person acting, as the use cases need it (the web layer builds it from the claims).</summary>
public sealed record Actor(string UserName, string DisplayName, AppRole Role, int? DistrictId, int? UnitId)
{
    /// <summary>The background jobs.</summary>
    public static Actor System { get; } = new("system", "系统", AppRole.Admin, null, null);

    public bool IsOfficeOf(int districtId) => Role == AppRole.Admin || (Role == AppRole.Office && DistrictId == districtId);

    public bool SeesWholeDistrict(int districtId) =>
        Role is AppRole.Admin or AppRole.CityViewer || (Role is AppRole.Office or AppRole.Leader && DistrictId == districtId);
}
