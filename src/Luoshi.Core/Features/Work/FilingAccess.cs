namespace Luoshi.Core.Features.Work;

/// <summary>
/// Who may see and write a filing, from <see cref="AccessPolicy"/> (the steps are <see cref="FilingFlow.MayTake"/>). Pages ask
/// before they call the use cases, which ask again: someone who may not see the filing gets 404, someone who sees it but has
/// no part in a step 403.
/// </summary>
public static class FilingAccess
{
    /// <summary>The filing's unit, the item's lead units (for co-units' parts), whoever reads the district's whole plan.</summary>
    public static bool MaySee(Actor actor, int districtId, int unitId, IReadOnlyCollection<int> leadUnitIds)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(leadUnitIds);
        return actor.CanReadUnit(districtId, unitId) || leadUnitIds.Any(u => actor.Has(Permission.ReadOwnUnit, districtId, u));
    }

    /// <summary>Writes, attaches, submits and consolidates: the unit's own clerk.</summary>
    public static bool MayWrite(Actor actor, int districtId, int unitId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Has(Permission.WriteOwnFiling, districtId, unitId);
    }

    public static bool MaySee(Actor actor, Filing filing, IReadOnlyCollection<int> leadUnitIds)
    {
        ArgumentNullException.ThrowIfNull(filing);
        return MaySee(actor, filing.DistrictId, filing.UnitId, leadUnitIds);
    }

    public static bool MayWrite(Actor actor, Filing filing)
    {
        ArgumentNullException.ThrowIfNull(filing);
        return MayWrite(actor, filing.DistrictId, filing.UnitId);
    }
}
