using System.Globalization;
using System.Security.Claims;
using Luoshi.Core.Features.Accounts;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// What the signed-in person may see and change, read from their claims. Every page and endpoint asks
/// this on the server; the page's links are a convenience, never the control.
/// </summary>
public sealed class AccessScope
{
    public const string RoleClaim = "luoshi:role";
    public const string DistrictClaim = "luoshi:district";
    public const string UnitClaim = "luoshi:unit";
    public const string DisplayNameClaim = "luoshi:name";

    private AccessScope(string userName, string displayName, AppRole role, int? districtId, int? unitId)
    {
        UserName = userName;
        DisplayName = displayName;
        Role = role;
        DistrictId = districtId;
        UnitId = unitId;
    }

    public string UserName { get; }

    public string DisplayName { get; }

    public AppRole Role { get; }

    public int? DistrictId { get; }

    public int? UnitId { get; }

    /// <summary>Sees every district (admin, city viewer).</summary>
    public bool SeesAllDistricts => Role is AppRole.Admin or AppRole.CityViewer;

    /// <summary>Sees the whole plan of its district (not only its unit's items).</summary>
    public bool SeesWholeDistrict => Role is AppRole.Admin or AppRole.CityViewer or AppRole.Office or AppRole.Leader;

    /// <summary>Imports and edits plans of its district.</summary>
    public bool RunsPlans => Role is AppRole.Admin or AppRole.Office;

    /// <summary>The person as the use cases see them.</summary>
    public Actor Actor => new(UserName, DisplayName, Role, DistrictId, UnitId);

    /// <summary>The district's year of work as the office runs it: settings, reminders, orders, circulars, scores.</summary>
    public bool CanSupervise(int districtId) => CanRunPlans(districtId);

    public static AccessScope? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !Enum.TryParse<AppRole>(user.FindFirstValue(RoleClaim), out var role))
        {
            return null;
        }

        return new AccessScope(user.Identity.Name ?? string.Empty, user.FindFirstValue(DisplayNameClaim) ?? string.Empty, role,
            Int(user.FindFirstValue(DistrictClaim)), Int(user.FindFirstValue(UnitClaim)));
    }

    public bool CanReadDistrict(int districtId) => SeesAllDistricts || DistrictId == districtId;

    /// <summary>Whole-plan pages (tree, matrix, deadlines) of a district.</summary>
    public bool CanReadWholePlan(int districtId) => CanReadDistrict(districtId) && SeesWholeDistrict;

    public bool CanRunPlans(int districtId) => RunsPlans && (Role == AppRole.Admin || DistrictId == districtId);

    /// <summary>A unit's page and task list: the district's office and leaders, or the unit's own people.</summary>
    public bool CanReadUnit(int districtId, int unitId) => CanReadWholePlan(districtId) || (DistrictId == districtId && UnitId == unitId);

    /// <summary>An item: the district's office and leaders, or a unit that is lead or co on it.</summary>
    public bool CanReadItem(int districtId, IEnumerable<int> itemUnitIds) =>
        CanReadWholePlan(districtId) || (DistrictId == districtId && UnitId is int u && itemUnitIds.Contains(u));

    private static int? Int(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;
}
