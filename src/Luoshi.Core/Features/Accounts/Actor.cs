namespace Luoshi.Core.Features.Accounts;

/// <summary>
/// The signed-in person acting, as pages, the API and the use cases all see them (the web layer builds it once per request
/// from the claims). What they may do is <see cref="AccessPolicy"/>'s row for their role, reached from their district and unit.
/// </summary>
public sealed record Actor(string UserName, string DisplayName, AppRole Role, int? DistrictId, int? UnitId)
{
    /// <summary>Whether the actor has the permission in the district (a unit-reach grant does not count here: ask with the unit).</summary>
    public bool Has(Permission permission, int districtId) => AccessPolicy.ReachOf(Role, permission) switch
    {
        Reach.Everywhere => true,
        Reach.OwnDistrict => DistrictId == districtId,
        _ => false,
    };

    /// <summary>Whether the actor has the permission for the unit of the district.</summary>
    public bool Has(Permission permission, int districtId, int unitId) => AccessPolicy.ReachOf(Role, permission) switch
    {
        Reach.Everywhere => true,
        Reach.OwnDistrict => DistrictId == districtId,
        Reach.OwnUnit => DistrictId == districtId && UnitId == unitId,
        _ => false,
    };

    /// <summary>Whether the actor has the permission anywhere at all (for menus and lists; a single thing is asked with its district).</summary>
    public bool HasAny(Permission permission) => AccessPolicy.ReachOf(Role, permission) is not null;

    /// <summary>Whether the actor has the permission in every district.</summary>
    public bool HasEverywhere(Permission permission) => AccessPolicy.ReachOf(Role, permission) == Reach.Everywhere;

    /// <summary>Sees every district (the city's comparison, the lists of all districts).</summary>
    public bool SeesAllDistricts => HasEverywhere(Permission.ReadAllDistricts);

    /// <summary>Sees the whole plan of a district (not only its unit's items), somewhere.</summary>
    public bool SeesWholeDistrict => HasAny(Permission.ReadWholePlan);

    /// <summary>Imports and publishes plans somewhere.</summary>
    public bool RunsPlans => HasAny(Permission.RunPlans);

    /// <summary>Runs the district's year as the office somewhere (the settings menu).</summary>
    public bool Supervises => HasAny(Permission.Supervise);

    public bool CanReadDistrict(int districtId) => Has(Permission.ReadDistrict, districtId);

    /// <summary>Whole-plan pages (tree, matrix, deadlines) of a district.</summary>
    public bool CanReadWholePlan(int districtId) => Has(Permission.ReadWholePlan, districtId);

    public bool CanRunPlans(int districtId) => Has(Permission.RunPlans, districtId);

    /// <summary>The district's year of work as the office runs it: settings, reminders, orders, circulars, scores.</summary>
    public bool CanSupervise(int districtId) => Has(Permission.Supervise, districtId);

    /// <summary>A unit's page and task list: whoever reads the whole plan, or the unit's own people.</summary>
    public bool CanReadUnit(int districtId, int unitId) =>
        CanReadWholePlan(districtId) || Has(Permission.ReadOwnUnit, districtId, unitId);

    /// <summary>An item: whoever reads the whole plan, or a unit that is lead or co on it.</summary>
    public bool CanReadItem(int districtId, IEnumerable<int> itemUnitIds)
    {
        ArgumentNullException.ThrowIfNull(itemUnitIds);
        return CanReadWholePlan(districtId) || itemUnitIds.Any(u => Has(Permission.ReadOwnUnit, districtId, u));
    }
}
