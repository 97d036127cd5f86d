using Luoshi.Core.Common;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Work;

namespace Luoshi.Core.Tests;

public class FilingFlowTests
{
    private const int District = 1;
    private const int LeadUnit = 10;
    private const int CoUnit = 11;
    private const int OtherUnit = 12;

    private static FilingContext Ctx(AppRole role, int? actorUnit, int filingUnit, bool coToLead = true, bool locked = false, int actorDistrict = District) =>
        new(new Actor("test", "测试", role, actorDistrict, actorUnit), filingUnit, [LeadUnit], District, coToLead, locked);

    [Fact]
    public void LeadUnitReport_ClerkHeadOffice_EndsAccepted()
    {
        var s = FilingFlow.Apply(FilingState.Draft, FilingAction.Submit, Ctx(AppRole.Clerk, LeadUnit, LeadUnit));
        s.Value.ShouldBe(FilingState.AwaitingHead);
        s = FilingFlow.Apply(s.Value, FilingAction.Approve, Ctx(AppRole.UnitHead, LeadUnit, LeadUnit));
        s.Value.ShouldBe(FilingState.AwaitingOffice);
        s = FilingFlow.Apply(s.Value, FilingAction.Accept, Ctx(AppRole.Office, null, LeadUnit));
        s.Value.ShouldBe(FilingState.Accepted);
    }

    [Theory]
    [InlineData(true, FilingState.WithLeadUnit, "Hongshan: co-units report to the lead unit first")]
    [InlineData(false, FilingState.AwaitingOffice, "Jiang'an: every responsible unit reports to the office")]
    public void CoUnitReport_ApprovedByHead_GoesWhereTheDistrictSays(bool coToLead, FilingState next, string reason)
    {
        FilingFlow.Apply(FilingState.AwaitingHead, FilingAction.Approve, Ctx(AppRole.UnitHead, CoUnit, CoUnit, coToLead)).Value.ShouldBe(next, reason);
    }

    [Theory]
    [InlineData(AppRole.Clerk, OtherUnit, FilingAction.Submit, FilingState.Draft, "a clerk of another unit cannot submit this unit's report")]
    [InlineData(AppRole.UnitHead, OtherUnit, FilingAction.Approve, FilingState.AwaitingHead, "another unit's head cannot approve")]
    [InlineData(AppRole.Clerk, LeadUnit, FilingAction.Approve, FilingState.AwaitingHead, "a clerk cannot approve, even of its own unit")]
    [InlineData(AppRole.Leader, null, FilingAction.Accept, FilingState.AwaitingOffice, "leaders read; they do not accept")]
    [InlineData(AppRole.Clerk, LeadUnit, FilingAction.Accept, FilingState.AwaitingOffice, "units cannot accept their own reports")]
    public void Step_ByTheWrongPerson_IsForbidden(AppRole role, int? actorUnit, FilingAction action, FilingState state, string reason)
    {
        var r = FilingFlow.Apply(state, action, Ctx(role, actorUnit, LeadUnit), "意见");
        r.Ok.ShouldBeFalse(reason);
        r.Failure!.Kind.ShouldBe(FailureKind.Forbidden, reason);
    }

    [Fact]
    public void Office_OfAnotherDistrict_CannotAccept()
    {
        FilingFlow.Apply(FilingState.AwaitingOffice, FilingAction.Accept, Ctx(AppRole.Office, null, LeadUnit, actorDistrict: 2)).Failure!.Kind.ShouldBe(FailureKind.Forbidden);
    }

    [Fact]
    public void Return_WithoutComment_IsRefused()
    {
        var r = FilingFlow.Apply(FilingState.AwaitingHead, FilingAction.Return, Ctx(AppRole.UnitHead, LeadUnit, LeadUnit), "  ");
        r.Failure!.Kind.ShouldBe(FailureKind.Invalid);
        r.Failure.Message.ShouldContain("退回意见");
    }

    [Fact]
    public void LeadUnit_ReturnsACoUnitsPart_WhichTheCoUnitCanSubmitAgain()
    {
        var returned = FilingFlow.Apply(FilingState.WithLeadUnit, FilingAction.Return, Ctx(AppRole.Clerk, LeadUnit, CoUnit), "请补充数据");
        returned.Value.ShouldBe(FilingState.ReturnedByLead);
        FilingFlow.Apply(returned.Value, FilingAction.Submit, Ctx(AppRole.Clerk, CoUnit, CoUnit)).Value.ShouldBe(FilingState.AwaitingHead);
    }

    [Fact]
    public void ClosedQuarter_RefusesEverythingButAnAuditedReopening()
    {
        FilingFlow.Apply(FilingState.Draft, FilingAction.Submit, Ctx(AppRole.Clerk, LeadUnit, LeadUnit, locked: true)).Failure!.Message.ShouldContain("已锁定");
        FilingFlow.Apply(FilingState.Accepted, FilingAction.Reopen, Ctx(AppRole.Office, null, LeadUnit, locked: true)).Failure!.Kind.ShouldBe(FailureKind.Invalid);
        FilingFlow.Apply(FilingState.Accepted, FilingAction.Reopen, Ctx(AppRole.Office, null, LeadUnit, locked: true), "数据更正").Value.ShouldBe(FilingState.Draft);
    }

    [Theory]
    [InlineData(FilingState.Accepted, FilingAction.Submit)]
    [InlineData(FilingState.AwaitingOffice, FilingAction.Approve)]
    [InlineData(FilingState.Draft, FilingAction.Accept)]
    public void Step_InTheWrongState_IsNotAllowed(FilingState state, FilingAction action)
    {
        var role = action switch
        {
            FilingAction.Submit => AppRole.Clerk,
            FilingAction.Approve => AppRole.UnitHead,
            _ => AppRole.Office,
        };
        FilingFlow.Apply(state, action, Ctx(role, role == AppRole.Office ? null : LeadUnit, LeadUnit)).Failure!.Kind.ShouldBe(FailureKind.NotAllowed);
    }
}
