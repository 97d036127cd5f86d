using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Work;

namespace Luoshi.Core.Tests;

public class AccessPolicyTests
{
    private static readonly Permission[] Work =
    [
        Permission.WriteOwnFiling, Permission.ApproveOwnFiling, Permission.AcceptCoUnitPart, Permission.ReviewFiling,
        Permission.ReopenPeriod, Permission.Supervise, Permission.ReplyOrder,
    ];

    [Theory]
    [InlineData(AppRole.Admin)]
    [InlineData(AppRole.SecurityAdmin)]
    [InlineData(AppRole.AuditAdmin)]
    public void TheThreeAdministrators_FileApproveAndSuperviseNothing(AppRole role)
    {
        foreach (var p in Work)
        {
            AccessPolicy.ReachOf(role, p).ShouldBeNull($"{role} {p}");
        }
    }

    [Fact]
    public void OnlyTheAuditAdmin_ReadsTheAuditLog_AndNothingElse()
    {
        Enum.GetValues<AppRole>().Where(r => AccessPolicy.ReachOf(r, Permission.ReadAudit) is not null).ShouldBe([AppRole.AuditAdmin]);
        AccessPolicy.Grants(AppRole.AuditAdmin).Keys.ShouldBe([Permission.ReadAudit]);
        AccessPolicy.Grants(AppRole.SecurityAdmin).Keys.Order().ShouldBe([Permission.UnlockAccounts, Permission.SetSecurityPolicy]);
    }

    [Fact]
    public void EveryRole_HasARow()
    {
        foreach (var role in Enum.GetValues<AppRole>())
        {
            AccessPolicy.Grants(role).ShouldNotBeEmpty(role.ToString());
        }
    }

    [Fact]
    public void Reach_OwnDistrictAndOwnUnit_StopAtTheirBorders()
    {
        var office = new Actor("o", "督查室", AppRole.Office, 1, null);
        office.Has(Permission.Supervise, 1).ShouldBeTrue();
        office.Has(Permission.Supervise, 2).ShouldBeFalse();
        var clerk = new Actor("c", "填报人", AppRole.Clerk, 1, 10);
        clerk.Has(Permission.WriteOwnFiling, 1, 10).ShouldBeTrue();
        clerk.Has(Permission.WriteOwnFiling, 1, 11).ShouldBeFalse();
        clerk.Has(Permission.WriteOwnFiling, 2, 10).ShouldBeFalse();
        clerk.Has(Permission.WriteOwnFiling, 1).ShouldBeFalse("a unit's grant is asked with the unit");
        new Actor("a", "系统管理员", AppRole.Admin, null, null).CanReadWholePlan(2).ShouldBeTrue();
    }

    [Fact]
    public void FilingSteps_AskedWithoutAState_FollowTheTable()
    {
        var ctx = (Actor a) => new FilingContext(a, 10, [10], 1, CoUnitsReportToLead: true, PeriodLocked: false);
        var admin = new Actor("a", "系统管理员", AppRole.Admin, null, null);
        foreach (var action in Enum.GetValues<FilingAction>())
        {
            FilingFlow.MayTake(action, ctx(admin)).ShouldBeFalse(action.ToString());
            FilingFlow.MayTake(action, ctx(new Actor("s", "安全管理员", AppRole.SecurityAdmin, null, null))).ShouldBeFalse(action.ToString());
        }

        var office = new Actor("o", "督查室", AppRole.Office, 1, null);
        FilingFlow.MayTake(FilingAction.Accept, ctx(office)).ShouldBeTrue();
        FilingFlow.MayTake(FilingAction.Submit, ctx(office)).ShouldBeFalse();
        FilingFlow.MayTake(FilingAction.Submit, ctx(new Actor("c", "填报人", AppRole.Clerk, 1, 10))).ShouldBeTrue();
        FilingFlow.MayTake(FilingAction.Approve, ctx(new Actor("h", "负责人", AppRole.UnitHead, 1, 10))).ShouldBeTrue();
    }
}
