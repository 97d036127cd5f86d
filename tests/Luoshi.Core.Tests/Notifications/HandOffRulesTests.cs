using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Notifications;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Microsoft.Extensions.Configuration;

namespace Luoshi.Core.Tests.Notifications;

/// <summary>Whom each hand-off of the filing flow tells, and what the message says (issue 11.1).</summary>
public class HandOffRulesTests
{
    private const int Unit = 7;
    private const int Lead = 3;
    private static readonly int[] Leads = [Lead];

    /// <summary>The roles of a district's accounts, each in unit 7 (the filing's), unit 3 (the lead unit) or no unit.</summary>
    private static readonly (AppRole Role, int? UnitId, string Name)[] People =
    [
        (AppRole.Clerk, Unit, "clerk"), (AppRole.UnitHead, Unit, "head"),
        (AppRole.Clerk, Lead, "lead-clerk"), (AppRole.UnitHead, Lead, "lead-head"),
        (AppRole.Clerk, 9, "other-clerk"), (AppRole.UnitHead, 9, "other-head"),
        (AppRole.Office, null, "office"), (AppRole.Leader, null, "leader"),
    ];

    public static TheoryData<FilingAction, FilingState, FilingState, string, string[]> Steps => new()
    {
        { FilingAction.Submit, FilingState.Draft, FilingState.AwaitingHead, NotificationKinds.Submitted, ["head"] },
        { FilingAction.Submit, FilingState.ReturnedByOffice, FilingState.AwaitingHead, NotificationKinds.Submitted, ["head"] },
        { FilingAction.Approve, FilingState.AwaitingHead, FilingState.AwaitingOffice, NotificationKinds.Approved, ["office"] },
        { FilingAction.Approve, FilingState.AwaitingHead, FilingState.WithLeadUnit, NotificationKinds.HandedOver, ["lead-clerk", "lead-head"] },
        { FilingAction.Return, FilingState.AwaitingHead, FilingState.ReturnedByHead, NotificationKinds.Returned, ["clerk"] },
        { FilingAction.Return, FilingState.WithLeadUnit, FilingState.ReturnedByLead, NotificationKinds.Returned, ["clerk"] },
        { FilingAction.Return, FilingState.AwaitingOffice, FilingState.ReturnedByOffice, NotificationKinds.Returned, ["clerk", "head"] },
        { FilingAction.Accept, FilingState.AwaitingOffice, FilingState.Accepted, NotificationKinds.Accepted, ["clerk", "head"] },
        { FilingAction.Accept, FilingState.WithLeadUnit, FilingState.Consolidated, NotificationKinds.Accepted, ["clerk"] },
        { FilingAction.Reopen, FilingState.Accepted, FilingState.Draft, NotificationKinds.Reopened, ["clerk"] },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void For_EachHandOff_TellsTheNextPersonOnly(FilingAction action, FilingState from, FilingState to, string kind, string[] told)
    {
        var rule = HandOffRules.For(action, from, to).ShouldNotBeNull();
        rule.Kind.ShouldBe(kind);
        People.Where(p => rule.Audience.Any(a => HandOffRules.Includes(a, p.Role, p.UnitId, Unit, Leads))).Select(p => p.Name)
            .ShouldBe(told, ignoreOrder: true);
    }

    [Fact]
    public void Includes_TheLeadUnitsOwnPart_DoesNotTellItselfAsLeadUnit()
    {
        var rule = HandOffRules.For(FilingAction.Approve, FilingState.AwaitingHead, FilingState.WithLeadUnit)!;
        // A filing of the lead unit itself (unit 3) handed to "the lead units" names nobody of unit 3.
        People.Where(p => rule.Audience.Any(a => HandOffRules.Includes(a, p.Role, p.UnitId, Lead, Leads))).ShouldBeEmpty();
    }

    [Fact]
    public void Text_Returned_NamesWhoReturnedItAndCarriesTheComment()
    {
        var facts = new HandOffFacts(NotificationKinds.Returned, FilingState.AwaitingHead, "区发展和改革局", "", 12, "地区生产总值增长5.5%左右",
            ReportPeriod.Q1, "李四", "请补充一季度投资数据。", new DateOnly(2026, 4, 8), "https://luoshi.example.gov.cn/Work/Filing?item=5&unit=7&period=Q1");
        var (subject, body) = HandOffRules.Text(facts, "张三");
        subject.ShouldBe("【退回】区发展和改革局 第12项第一季度完成情况");
        body.ShouldStartWith("张三：\n\n区发展和改革局的第一季度完成情况（第12项：地区生产总值增长5.5%左右）于2026年4月8日被单位负责人李四退回，请修改后重新提交。");
        body.ShouldContain("退回意见：请补充一季度投资数据。");
        body.ShouldContain("请登录系统查看：https://luoshi.example.gov.cn/Work/Filing?item=5&unit=7&period=Q1");
    }

    [Fact]
    public void Text_HandedOver_NamesTheCoUnitAndTheLeadUnit_AndTheGroupMessageHasNoGreeting()
    {
        var facts = new HandOffFacts(NotificationKinds.HandedOver, FilingState.AwaitingHead, "珞南街道", "区住房和城市更新局", 40, "新建停车泊位10000个",
            ReportPeriod.WorkPlan, "王五", null, new DateOnly(2026, 1, 18), "/Work/Filing?item=40&unit=7&period=WorkPlan");
        var (subject, body) = HandOffRules.Text(facts, null);
        subject.ShouldBe("【配合单位报送】珞南街道 第40项办理工作方案");
        body.ShouldStartWith("配合单位珞南街道的办理工作方案（第40项：新建停车泊位10000个）已经其单位负责人王五于2026年1月18日审定，交牵头单位区住房和城市更新局汇总，请汇总。");
    }

    [Fact]
    public void Text_LongItem_IsClippedAndTheSubjectFitsTheColumn()
    {
        var facts = new HandOffFacts(NotificationKinds.Submitted, FilingState.Draft, new string('单', 300), "", 1, new string('字', 500),
            ReportPeriod.Q2, "张三", null, new DateOnly(2026, 7, 1), "/x");
        var (subject, body) = HandOffRules.Text(facts, "李四");
        subject.Length.ShouldBeLessThanOrEqualTo(256);
        body.ShouldContain(new string('字', 79) + "…");
        body.ShouldNotContain(new string('字', 81));
    }

    [Theory]
    [InlineData("https://luoshi.jiangan.gov.cn", "https://luoshi.jiangan.gov.cn/Work/Filing?item=1&unit=2&period=Q1")]
    [InlineData("https://gov.example.cn/luoshi/", "https://gov.example.cn/luoshi/Work/Filing?item=1&unit=2&period=Q1")]
    [InlineData("http://10.0.0.5:8080", "http://10.0.0.5:8080/Work/Filing?item=1&unit=2&period=Q1")]
    [InlineData("", "/Work/Filing?item=1&unit=2&period=Q1")]
    [InlineData("ftp://x.example.cn/", "/Work/Filing?item=1&unit=2&period=Q1")]
    [InlineData("luoshi.example.cn", "/Work/Filing?item=1&unit=2&period=Q1")]
    public void PublicAddress_MakesFilingLinksAbsolute_WhenConfigured(string configured, string expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PublicAddress.Key] = configured }).Build();
        PublicAddress.From(config).Link(HandOffNotices.FilingPath(1, 2, ReportPeriod.Q1)).ShouldBe(expected);
    }
}
