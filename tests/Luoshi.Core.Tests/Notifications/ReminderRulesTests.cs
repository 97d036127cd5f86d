using Luoshi.Core.Features.Notifications;

namespace Luoshi.Core.Tests.Notifications;

/// <summary>The reminder rules on a small district: 区发改局 with a clerk, a head and a leader; 区卫健局 with a clerk and
/// the same leader but no head; 区民政局 with nobody. Q2 progress reports are due on 2026-07-10 (Jiang'an's calendar).</summary>
public class ReminderRulesTests
{
    private static readonly DateOnly Q2Due = new(2026, 7, 10);

    private static readonly Person Clerk1 = new("c1", "张三", "zhangsan@fgj.example.gov.cn");
    private static readonly Person Head1 = new("h1", "李四", "lisi@fgj.example.gov.cn");
    private static readonly Person Leader = new("l1", "王五", null);
    private static readonly Person Clerk2 = new("c2", "赵六", "zhaoliu@wjj.example.gov.cn");

    private static readonly UnitContacts[] Contacts =
    [
        new(1, [Clerk1], [Head1], [Leader]),
        new(2, [Clerk2], [], [Leader]),
    ];

    private static readonly ReminderSettings Settings = ReminderSettings.Default; // [3,1], every 2, head 3, leader 7, 3 a week

    /// <summary>Same rules without the weekly cap, to look at the trigger days alone.</summary>
    private static readonly ReminderSettings Uncapped = Settings with { MaxNudgesPerPersonPerWeek = 100 };

    private static Obligation Q2(int unitId, string itemRef = "第12项", bool filed = false, DateOnly? due = null) =>
        new(unitId, unitId switch { 1 => "区发改局", 2 => "区卫健局", _ => "区民政局" }, "第二季度进展情况", itemRef, due ?? Q2Due, filed);

    private static ReminderPlan Plan(DateOnly today, IEnumerable<Obligation> obligations, ReminderSettings? settings = null, IEnumerable<SentReminder>? history = null) =>
        ReminderRules.Plan(today, obligations, Contacts, settings ?? Uncapped, history ?? []);

    private static string[] To(ReminderPlan plan) => [.. plan.Reminders.Select(r => r.To.UserId).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData(5, new string[0])] // too early
    [InlineData(4, new string[0])]
    [InlineData(3, new[] { "c1" })] // first of DaysBefore
    [InlineData(2, new string[0])]
    [InlineData(1, new[] { "c1" })] // second of DaysBefore
    [InlineData(0, new string[0])] // the due day is not in [3,1]
    public void BeforeDue_OnlyOnTheListedDays_OnlyClerks(int daysBefore, string[] expected)
    {
        var plan = Plan(Q2Due.AddDays(-daysBefore), [Q2(1)]);
        To(plan).ShouldBe(expected);
        plan.Reminders.ShouldAllBe(r => r.Kind == ReminderKind.BeforeDue && r.Level == ReminderLevel.Clerk);
    }

    [Fact]
    public void BeforeDue_DueDayListed_RemindsOnTheDueDay()
    {
        var plan = Plan(Q2Due, [Q2(1)], Uncapped with { DaysBefore = [0] });
        To(plan).ShouldBe(["c1"]);
        plan.Reminders[0].Body.ShouldContain("今天到期");
    }

    [Theory]
    [InlineData(1, new[] { "c1" })] // clerks on day 1 after
    [InlineData(2, new string[0])]
    [InlineData(3, new[] { "c1", "h1" })] // clerk's cadence 1,3,5…; head from day 3
    [InlineData(4, new string[0])]
    [InlineData(5, new[] { "c1", "h1" })]
    [InlineData(6, new string[0])]
    [InlineData(7, new[] { "c1", "h1", "l1" })] // leader from day 7
    [InlineData(8, new string[0])]
    [InlineData(9, new[] { "c1", "h1", "l1" })]
    [InlineData(30, new string[0])]
    [InlineData(31, new[] { "c1", "h1", "l1" })] // still going a month late
    public void Overdue_ClerksEveryTwoDays_EscalatesToHeadAndLeader(int daysLate, string[] expected)
    {
        var plan = Plan(Q2Due.AddDays(daysLate), [Q2(1)]);
        To(plan).ShouldBe(expected);
        plan.Reminders.ShouldAllBe(r => r.Kind == ReminderKind.Overdue);
        plan.Reminders.SingleOrDefault(r => r.To.UserId == "h1")?.Level.ShouldBe(ReminderLevel.Head);
        plan.Reminders.SingleOrDefault(r => r.To.UserId == "l1")?.Level.ShouldBe(ReminderLevel.Leader);
    }

    [Fact]
    public void Overdue_EscalationDayOffTheClerkCadence_StartsHeadOnItsOwnDay()
    {
        // Head from day 4 with a 2-day cadence: the head is reminded on 4, 6, 8; the clerk on 1, 3, 5.
        var settings = Uncapped with { EscalateToHeadAfterDays = 4, EscalateToLeaderAfterDays = 0 };
        var days = Enumerable.Range(1, 8)
            .Select(late => (late, to: To(Plan(Q2Due.AddDays(late), [Q2(1)], settings))))
            .ToList();
        days.Where(d => d.to.Contains("h1")).Select(d => d.late).ShouldBe([4, 6, 8]);
        days.Where(d => d.to.Contains("c1")).Select(d => d.late).ShouldBe([1, 3, 5, 7]);
        days.ShouldAllBe(d => !d.to.Contains("l1")); // leader level switched off
    }

    [Fact]
    public void Overdue_NoRepeat_EachLevelOnce()
    {
        var settings = Uncapped with { RepeatEveryDaysAfter = 0 };
        var days = Enumerable.Range(1, 20).Select(late => To(Plan(Q2Due.AddDays(late), [Q2(1)], settings))).ToList();
        days.Count(d => d.Contains("c1")).ShouldBe(1);
        days.Count(d => d.Contains("h1")).ShouldBe(1);
        days.Count(d => d.Contains("l1")).ShouldBe(1);
    }

    [Fact]
    public void Filed_NeverTriggers()
    {
        foreach (var offset in Enumerable.Range(-5, 40))
        {
            var plan = Plan(Q2Due.AddDays(offset), [Q2(1, filed: true), Q2(3, filed: true)]);
            plan.Reminders.ShouldBeEmpty();
            plan.Unreachable.ShouldBeEmpty();
            plan.Withheld.ShouldBeEmpty();
        }
    }

    [Fact]
    public void SameDayRerun_SendsNothingNew_AndKeysAreStable()
    {
        var today = Q2Due.AddDays(7);
        var obligations = new[] { Q2(1), Q2(2) };
        var first = Plan(today, obligations, Settings);
        first.Reminders.Count.ShouldBe(4); // c1, h1, l1, c2

        var again = Plan(today, obligations, Settings);
        again.Reminders.Select(r => r.Key).ShouldBe(first.Reminders.Select(r => r.Key));

        var history = first.Reminders.Select(r => new SentReminder(r.To.UserId, today, r.Key)).ToList();
        var rerun = Plan(today, obligations, Settings, history);
        rerun.Reminders.ShouldBeEmpty();
        rerun.Withheld.Select(w => w.Reason).ShouldAllBe(reason => reason == WithheldReason.AlreadySentToday);
        rerun.Withheld.Select(w => w.Reminder.Key).Order(StringComparer.Ordinal)
            .ShouldBe(first.Reminders.Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Keys_DifferByDayPersonAndObligation()
    {
        var k1 = Plan(Q2Due.AddDays(1), [Q2(1)]).Reminders.Single().Key;
        var k3 = Plan(Q2Due.AddDays(3), [Q2(1)]).Reminders.Single(r => r.To.UserId == "c1").Key;
        var other = Plan(Q2Due.AddDays(1), [Q2(1, itemRef: "第13项")]).Reminders.Single().Key;
        new[] { k1, k3, other }.Distinct(StringComparer.Ordinal).Count().ShouldBe(3);
        k1.ShouldStartWith("reminder:2026-07-11:c1:");
    }

    [Fact]
    public void SeveralObligations_OneMessagePerPerson_ListingEach()
    {
        var today = Q2Due.AddDays(3);
        var workPlan = new Obligation(1, "区发改局", "办理工作方案", "第12项", today.AddDays(-1), false); // 1 day late
        var q2 = Q2(1, itemRef: "第15项"); // 3 days late
        var filed = Q2(1, itemRef: "第16项", filed: true);

        var plan = Plan(today, [workPlan, q2, filed]);

        var clerk = plan.Reminders.Single(r => r.To.UserId == "c1");
        clerk.Lines.Select(l => l.Obligation).ShouldBe([q2, workPlan]); // ordered by due date
        clerk.Body.ShouldContain("第15项 第二季度进展情况（截止日期：2026年7月10日，已逾期3天）");
        clerk.Body.ShouldContain("第12项 办理工作方案（截止日期：2026年7月12日，已逾期1天）");
        clerk.Body.ShouldNotContain("第16项");
        clerk.Subject.ShouldBe("【逾期催办】区发改局有2项事项逾期未报送");

        // The head is reminded from 3 days late: only the Q2 report.
        var head = plan.Reminders.Single(r => r.To.UserId == "h1");
        head.Lines.Select(l => l.Obligation).ShouldBe([q2]);
        head.Subject.ShouldBe("【逾期催办】区发改局“第15项 第二季度进展情况”已逾期3天");
        head.Body.ShouldContain("（您为该单位主要负责人）");
        plan.Reminders.Count.ShouldBe(2);
    }

    [Fact]
    public void Leader_OfTwoUnits_GetsOneMessageCoveringBoth()
    {
        var plan = Plan(Q2Due.AddDays(7), [Q2(1), Q2(2)]);
        var leader = plan.Reminders.Single(r => r.To.UserId == "l1");
        leader.Lines.Select(l => l.Obligation.UnitId).ShouldBe([1, 2]);
        leader.Level.ShouldBe(ReminderLevel.Leader);
        leader.Body.ShouldContain("【区发改局】（您为该单位分管领导）");
        leader.Body.ShouldContain("【区卫健局】（您为该单位分管领导）");
        leader.Subject.ShouldBe("【逾期催办】区发改局等2个单位有2项事项逾期未报送");
        plan.Reminders.Count(r => r.To.UserId == "l1").ShouldBe(1);
    }

    [Fact]
    public void ClerkWhoIsAlsoHead_GetsTheObligationOnceAtTheHigherLevel()
    {
        var contacts = new[] { new UnitContacts(1, [Clerk1], [Clerk1], []) };
        var plan = ReminderRules.Plan(Q2Due.AddDays(3), [Q2(1)], contacts, Uncapped, []);
        var only = plan.Reminders.ShouldHaveSingleItem();
        only.Lines.ShouldHaveSingleItem().Level.ShouldBe(ReminderLevel.Head);
    }

    [Fact]
    public void NobodyAtALevel_IsReportedUnreachable_AndNothingIsSentForIt()
    {
        // Day 7: 区卫健局 has no head; 区民政局 has nobody at all.
        var plan = Plan(Q2Due.AddDays(7), [Q2(2), Q2(3)]);

        plan.Unreachable.Select(u => (u.Obligation.UnitId, u.Level)).ShouldBe(
        [
            (2, ReminderLevel.Head),
            (3, ReminderLevel.Clerk),
            (3, ReminderLevel.Head),
            (3, ReminderLevel.Leader),
        ]);
        plan.Unreachable.ShouldAllBe(u => u.Kind == ReminderKind.Overdue && u.DaysLeft == -7);
        To(plan).ShouldBe(["c2", "l1"]);
        plan.Reminders.SelectMany(r => r.Lines).ShouldAllBe(l => l.Obligation.UnitId == 2);
    }

    [Fact]
    public void BeforeDue_UnitWithoutClerk_IsUnreachable()
    {
        var plan = Plan(Q2Due.AddDays(-3), [Q2(3)]);
        plan.Reminders.ShouldBeEmpty();
        plan.Unreachable.ShouldHaveSingleItem().ShouldBe(new UnreachableObligation(Q2(3), ReminderLevel.Clerk, ReminderKind.BeforeDue, 3));
    }

    [Fact]
    public void WeeklyCap_ThreeInTheLastSixDays_WithholdsTheFourth()
    {
        var today = Q2Due.AddDays(7);
        var history = new[]
        {
            new SentReminder("c1", today.AddDays(-6), "a"),
            new SentReminder("c1", today.AddDays(-4), "b"),
            new SentReminder("c1", today.AddDays(-2), "c"),
        };
        var plan = Plan(today, [Q2(1)], Settings, history);
        To(plan).ShouldBe(["h1", "l1"]);
        var held = plan.Withheld.ShouldHaveSingleItem();
        held.Reason.ShouldBe(WithheldReason.WeeklyCap);
        held.Reminder.To.ShouldBe(Clerk1);
    }

    [Fact]
    public void WeeklyCap_OldestSendLeavesTheWindow_SendsAgain()
    {
        var today = Q2Due.AddDays(7);
        var history = new[]
        {
            new SentReminder("c1", today.AddDays(-7), "a"), // 8 days counting today: outside every window with today
            new SentReminder("c1", today.AddDays(-4), "b"),
            new SentReminder("c1", today.AddDays(-2), "c"),
        };
        To(Plan(today, [Q2(1)], Settings, history)).ShouldContain("c1");
    }

    [Fact]
    public void WeeklyCap_DuplicateHistoryRowsOfOneMessage_CountOnce()
    {
        var today = Q2Due.AddDays(7);
        var history = new[]
        {
            new SentReminder("c1", today.AddDays(-4), "b"),
            new SentReminder("c1", today.AddDays(-4), "b"),
            new SentReminder("c1", today.AddDays(-2), "c"),
        };
        To(Plan(today, [Q2(1)], Settings, history)).ShouldContain("c1");
    }

    [Fact]
    public void WeeklyCap_Zero_SendsNothing()
    {
        var plan = Plan(Q2Due.AddDays(7), [Q2(1)], Settings with { MaxNudgesPerPersonPerWeek = 0 });
        plan.Reminders.ShouldBeEmpty();
        plan.Withheld.Count.ShouldBe(3);
    }

    [Fact]
    public void Reminder_BeforeDue_ChineseSubjectAndBody()
    {
        var r = Plan(Q2Due.AddDays(-3), [Q2(1)]).Reminders.Single();
        r.Subject.ShouldBe("【到期提醒】区发改局“第12项 第二季度进展情况”将于2026年7月10日到期");
        r.Body.ShouldBe(
            "张三：\n\n" +
            "以下事项即将到期，目前尚未报送，请按时办理：\n\n" +
            "【区发改局】\n" +
            "1. 第12项 第二季度进展情况（截止日期：2026年7月10日，还有3天到期）\n\n" +
            "请登录系统填报；如已报送，请忽略本提醒。\n\n" +
            "（本消息由督查督办系统自动发送，请勿直接回复。）\n");
        r.UnitId.ShouldBe(1);
    }

    [Fact]
    public void Reminder_MixedBeforeAndOverdue_IsOverdueAndSaysHowMany()
    {
        var today = Q2Due.AddDays(1);
        var soon = new Obligation(1, "区发改局", "办理工作方案", "", today.AddDays(3), false);
        var r = Plan(today, [Q2(1), soon]).Reminders.Single();
        r.Kind.ShouldBe(ReminderKind.Overdue);
        r.Subject.ShouldBe("【逾期催办】区发改局有2项事项待报送，其中1项已逾期");
        r.Body.ShouldContain("2. 办理工作方案（截止日期：2026年7月14日，还有3天到期）"); // no item ref: no leading space
    }
}
