namespace Luoshi.Core.Features.Supervision;

/// <summary>One obligation on a home page: the item, the period, the unit owing it, the deadline and where it stands.</summary>
public sealed record HomeDue(int ItemId, string Number, string Text, ReportPeriod Period, int UnitId, string UnitName, DateOnly Due, ObligationStatus Status, FilingState? State);

/// <summary>The office's queue today: to accept (审核接收), late (逾期未报, with the units), due within <see cref="DueSoon.Days"/> days.</summary>
public sealed record OfficeQueue(int ToReview, int Missing, int MissingUnits, int DueSoon, int DueSoonUnits, int LateReceived);

/// <summary>
/// 首页 by role, from the year snapshot (so it agrees with 我的工作, 督办 and the dashboard): each section is there when the actor
/// has the permission it serves, so an account with several sees them stacked. Pure; the page (Web's Features/Index) loads the snapshot and shows it.
/// </summary>
public static class HomeView
{
    /// <summary>How many rows a list on the home page shows before "and n more" links to the full list.</summary>
    public const int ListLimit = 8;

    public static OfficeQueue Office(YearSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var missing = s.Obligations.Where(o => o.Status == ObligationStatus.Missing).ToList();
        var soon = s.Obligations.Where(o => DueSoon.Is(o, s.Today)).ToList();
        return new OfficeQueue(
            s.Obligations.Count(o => o.State == FilingState.AwaitingOffice),
            missing.Count, missing.Select(o => o.UnitId).Distinct().Count(),
            soon.Count, soon.Select(o => o.UnitId).Distinct().Count(),
            s.Obligations.Count(o => o.Status == ObligationStatus.Late && o.State == FilingState.AwaitingOffice));
    }

    /// <summary>
    /// What the unit's clerk has to do: returned filings first, then what is overdue and not filed, then what falls due next (each
    /// deadline not yet passed, nearest first), the unit's own filings only (not those it has already sent on).
    /// </summary>
    public static IReadOnlyList<HomeDue> ClerkDue(YearSnapshot s, int unitId)
    {
        ArgumentNullException.ThrowIfNull(s);
        return [.. s.Obligations
            .Where(o => o.UnitId == unitId && ToDo(o))
            .OrderBy(o => Returned(o.State) ? 0 : o.Status == ObligationStatus.Missing ? 1 : 2).ThenBy(o => o.Due).ThenBy(o => s.Item(o.ItemId).Seq)
            .Select(o => Row(s, o))];
    }

    /// <summary>What waits for the unit head's approval (待审定).</summary>
    public static IReadOnlyList<HomeDue> AwaitingHead(YearSnapshot s, int unitId)
    {
        ArgumentNullException.ThrowIfNull(s);
        return [.. s.Obligations.Where(o => o.UnitId == unitId && o.State == FilingState.AwaitingHead).OrderBy(o => o.Due).ThenBy(o => s.Item(o.ItemId).Seq).Select(o => Row(s, o))];
    }

    /// <summary>Co-units' parts handed to this lead unit and waiting for it (待汇总).</summary>
    public static IReadOnlyList<HomeDue> CoPartsToLead(YearSnapshot s, int unitId)
    {
        ArgumentNullException.ThrowIfNull(s);
        return [.. s.Obligations.Where(o => o.PartToLead && o.State == FilingState.WithLeadUnit && s.Item(o.ItemId).LeadUnitIds.Contains(unitId))
            .OrderBy(o => o.Due).ThenBy(o => s.Item(o.ItemId).Seq).Select(o => Row(s, o))];
    }

    /// <summary>The sections the actor's permissions call for, in the order they are stacked.</summary>
    public static HomeSections Sections(Actor actor, int? districtId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        bool inDistrict = districtId is not null;
        int id = districtId ?? -1;
        int unit = actor.UnitId ?? -1;
        return new HomeSections(
            Office: inDistrict && actor.Has(Permission.ReviewFiling, id),
            Clerk: inDistrict && actor.Has(Permission.WriteOwnFiling, id, unit),
            Head: inDistrict && actor.Has(Permission.ApproveOwnFiling, id, unit),
            LeadUnit: inDistrict && actor.Has(Permission.AcceptCoUnitPart, id, unit),
            Reader: inDistrict && actor.CanReadWholePlan(id) && !actor.CanSupervise(id),
            Admin: actor.HasAny(Permission.ManageDistricts),
            Security: actor.HasAny(Permission.UnlockAccounts) || actor.HasAny(Permission.SetSecurityPolicy),
            Audit: actor.HasAny(Permission.ReadAudit));
    }

    public static bool Returned(FilingState? state) => state is FilingState.ReturnedByHead or FilingState.ReturnedByLead or FilingState.ReturnedByOffice;

    private static bool ToDo(ObligationRow o) =>
        Returned(o.State) || (o.SubmittedOn is null && (o.State is null or FilingState.Draft) && (o.Status is ObligationStatus.Missing or ObligationStatus.Pending));

    private static HomeDue Row(YearSnapshot s, ObligationRow o)
    {
        var item = s.Item(o.ItemId);
        return new HomeDue(o.ItemId, item.Number, item.Text, o.Period, o.UnitId, s.UnitName(o.UnitId), o.Due, o.Status, o.State);
    }
}

/// <summary>Which sections a home page stacks.</summary>
public sealed record HomeSections(bool Office, bool Clerk, bool Head, bool LeadUnit, bool Reader, bool Admin, bool Security, bool Audit);
