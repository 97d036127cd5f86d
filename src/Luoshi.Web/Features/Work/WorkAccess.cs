using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Reports;

namespace Luoshi.Web.Features.Work;

/// <summary>
/// Who may see a filing and who may try each step, checked by the pages before they call <see cref="FilingService"/> (which
/// checks again, with the state). Someone who may not see the filing gets 404; someone who sees it but has no part in a step
/// is refused (403); a step the state does not allow yet is a message on the page.
/// </summary>
public static class WorkAccess
{
    /// <summary>The filing's unit, the item's lead units, the district's office and leaders, the city (as <see cref="FilingService.MaySee"/>).</summary>
    public static bool MaySee(Actor actor, int districtId, int unitId, IReadOnlyCollection<int> leadUnitIds) =>
        FilingService.MaySee(new Filing { DistrictId = districtId, UnitId = unitId }, actor, leadUnitIds);

    /// <summary>The unit's own clerk writes, attaches, submits and consolidates (as <see cref="FilingService.MayChange"/>).</summary>
    public static bool MayWrite(int districtId, int unitId, Actor actor) =>
        FilingService.MayChange(new Filing { DistrictId = districtId, UnitId = unitId }, actor);

    public static bool MayWrite(FilingPage page, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(page);
        return MayWrite(page.District.Id, page.UnitId, actor);
    }

    /// <summary>Whether the actor has a part in the step on this filing at all (whatever its state).</summary>
    public static bool MayTry(FilingPage page, FilingAction action, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(actor);
        bool ownUnit = actor.DistrictId == page.District.Id && actor.UnitId == page.UnitId;
        bool leadOfPart = page.IsCoUnitPart && actor.DistrictId == page.District.Id && actor.UnitId is int u && u != page.UnitId
            && page.LeadUnitIds.Contains(u) && actor.Role is AppRole.Clerk or AppRole.UnitHead;
        bool office = actor.IsOfficeOf(page.District.Id);
        return action switch
        {
            FilingAction.Submit => MayWrite(page, actor),
            FilingAction.Approve => actor.Role == AppRole.UnitHead && ownUnit,
            FilingAction.Return => (actor.Role == AppRole.UnitHead && ownUnit) || leadOfPart || office,
            FilingAction.Accept => leadOfPart || office,
            FilingAction.Reopen => office,
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }
}
