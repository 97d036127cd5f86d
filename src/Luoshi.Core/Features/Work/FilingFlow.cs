namespace Luoshi.Core.Features.Work;

/// <summary>Where a work plan (办理工作方案) or a quarterly report stands.</summary>
public enum FilingState
{
    /// <summary>The unit's clerk is writing it.</summary>
    Draft,

    /// <summary>Waiting for the unit head's approval (单位主要负责人审定).</summary>
    AwaitingHead,

    /// <summary>The head sent it back with a comment.</summary>
    ReturnedByHead,

    /// <summary>A co-unit's part, approved by its head, handed to the lead unit to consolidate.</summary>
    WithLeadUnit,

    /// <summary>The lead unit sent a co-unit's part back.</summary>
    ReturnedByLead,

    /// <summary>Approved by the head and submitted to the supervision office.</summary>
    AwaitingOffice,

    /// <summary>The office sent it back with a comment.</summary>
    ReturnedByOffice,

    /// <summary>Accepted by the office.</summary>
    Accepted,

    /// <summary>A co-unit's part taken into the lead unit's consolidated report (已汇总).</summary>
    Consolidated,
}

/// <summary>A step someone takes on a filing.</summary>
public enum FilingAction
{
    Submit,
    Approve,
    Return,
    Accept,
    Reopen,
}

/// <summary>Who acts, on which filing.</summary>
/// <param name="Actor">The person acting.</param>
/// <param name="FilingUnitId">The unit the filing belongs to.</param>
/// <param name="LeadUnitIds">The item's lead units.</param>
/// <param name="DistrictId">The filing's district.</param>
/// <param name="CoUnitsReportToLead">The district's rule: co-units file to the lead unit first.</param>
/// <param name="PeriodLocked">The quarter is closed.</param>
public sealed record FilingContext(
    Actor Actor, int FilingUnitId, IReadOnlyCollection<int> LeadUnitIds, int DistrictId, bool CoUnitsReportToLead, bool PeriodLocked)
{
    public bool IsCoUnitPart => CoUnitsReportToLead && !LeadUnitIds.Contains(FilingUnitId);

    /// <summary>The unit's own writer (<see cref="Permission.WriteOwnFiling"/>).</summary>
    public bool ActorWrites => FilingAccess.MayWrite(Actor, DistrictId, FilingUnitId);

    /// <summary>The unit's own head (<see cref="Permission.ApproveOwnFiling"/>).</summary>
    public bool ActorApproves => Actor.Has(Permission.ApproveOwnFiling, DistrictId, FilingUnitId);

    /// <summary>Someone of one of the item's lead units (<see cref="Permission.AcceptCoUnitPart"/>).</summary>
    public bool ActorIsLeadUnit => LeadUnitIds.Any(u => Actor.Has(Permission.AcceptCoUnitPart, DistrictId, u));

    /// <summary>The district's office, taking in what units submitted (<see cref="Permission.ReviewFiling"/>).</summary>
    public bool ActorReviews => Actor.Has(Permission.ReviewFiling, DistrictId);

    /// <summary>The district's office, reopening (<see cref="Permission.ReopenPeriod"/>).</summary>
    public bool ActorReopens => Actor.Has(Permission.ReopenPeriod, DistrictId);

    /// <summary>A lead unit's person on a co-unit's part (not the co-unit itself).</summary>
    public bool ActorIsLeadOfPart => IsCoUnitPart && Actor.UnitId != FilingUnitId && ActorIsLeadUnit;
}

/// <summary>
/// The one set of rules for moving a work plan or a report: clerk → head → (lead unit, for a co-unit
/// where the district says so) → office. Expected refusals are values with a Chinese message.
/// </summary>
public static class FilingFlow
{
    /// <summary>
    /// Whether the actor has a part in the step on this filing at all, whatever its state ("may this actor ever take this
    /// step here?"): pages answer 403 where not, and show the step's button only where <see cref="Apply"/> also allows it now.
    /// </summary>
    public static bool MayTake(FilingAction action, FilingContext c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return action switch
        {
            FilingAction.Submit => c.ActorWrites,
            FilingAction.Approve => c.ActorApproves,
            FilingAction.Return => c.ActorApproves || c.ActorIsLeadOfPart || c.ActorReviews,
            FilingAction.Accept => c.ActorIsLeadOfPart || c.ActorReviews,
            FilingAction.Reopen => c.ActorReopens,
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    public static Outcome<FilingState> Apply(FilingState state, FilingAction action, FilingContext c, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.PeriodLocked && action != FilingAction.Reopen)
        {
            return new Failure(FailureKind.NotAllowed, "该季度已关闭，报告已锁定；如需修改，请督查室先重新开放。");
        }

        switch (action)
        {
            case FilingAction.Submit:
                if (!c.ActorWrites)
                {
                    return Forbidden("只有本单位填报人可以提交。");
                }

                return state is FilingState.Draft or FilingState.ReturnedByHead or FilingState.ReturnedByLead or FilingState.ReturnedByOffice
                    ? FilingState.AwaitingHead
                    : NotNow(state, "提交");

            case FilingAction.Approve:
                if (!c.ActorApproves)
                {
                    return Forbidden("只有本单位负责人可以审定。");
                }

                return state == FilingState.AwaitingHead
                    ? (c.IsCoUnitPart ? FilingState.WithLeadUnit : FilingState.AwaitingOffice)
                    : NotNow(state, "审定");

            case FilingAction.Return:
                if (string.IsNullOrWhiteSpace(comment))
                {
                    return new Failure(FailureKind.Invalid, "退回时请填写退回意见。");
                }

                if (state == FilingState.AwaitingHead)
                {
                    return c.ActorApproves ? FilingState.ReturnedByHead : Forbidden("只有本单位负责人可以退回待审定的材料。");
                }

                if (state == FilingState.WithLeadUnit)
                {
                    return c.ActorIsLeadUnit ? FilingState.ReturnedByLead : Forbidden("只有牵头单位可以退回配合单位的材料。");
                }

                if (state == FilingState.AwaitingOffice)
                {
                    return c.ActorReviews ? FilingState.ReturnedByOffice : Forbidden("只有督查室可以退回已报送的材料。");
                }

                return NotNow(state, "退回");

            case FilingAction.Accept:
                if (state == FilingState.WithLeadUnit)
                {
                    return c.ActorIsLeadUnit ? FilingState.Consolidated : Forbidden("只有牵头单位可以汇总配合单位的材料。");
                }

                if (!c.ActorReviews)
                {
                    return Forbidden("只有督查室可以接收。");
                }

                return state == FilingState.AwaitingOffice ? FilingState.Accepted : NotNow(state, "接收");

            case FilingAction.Reopen:
                if (!c.ActorReopens)
                {
                    return Forbidden("只有督查室可以重新开放。");
                }

                if (string.IsNullOrWhiteSpace(comment))
                {
                    return new Failure(FailureKind.Invalid, "重新开放时请填写原因，将记入审计日志。");
                }

                return state is FilingState.Accepted or FilingState.Consolidated || c.PeriodLocked ? FilingState.Draft : NotNow(state, "重新开放");

            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    /// <summary>Whether the unit's people may still change the text.</summary>
    public static bool Editable(FilingState s) =>
        s is FilingState.Draft or FilingState.ReturnedByHead or FilingState.ReturnedByLead or FilingState.ReturnedByOffice;

    private static Failure Forbidden(string message) => new(FailureKind.Forbidden, message);

    private static Failure NotNow(FilingState state, string step) =>
        new(FailureKind.NotAllowed, $"当前状态（{Label(state)}）不能{step}。");

    public static string Label(FilingState s) => s switch
    {
        FilingState.Draft => "填写中",
        FilingState.AwaitingHead => "待单位负责人审定",
        FilingState.ReturnedByHead => "单位负责人已退回",
        FilingState.WithLeadUnit => "已交牵头单位汇总",
        FilingState.ReturnedByLead => "牵头单位已退回",
        FilingState.AwaitingOffice => "已报送督查室",
        FilingState.ReturnedByOffice => "督查室已退回",
        FilingState.Accepted => "督查室已接收",
        FilingState.Consolidated => "牵头单位已汇总",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };
}
