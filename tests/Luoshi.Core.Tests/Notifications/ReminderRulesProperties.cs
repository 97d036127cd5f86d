using FsCheck.Xunit;
using Luoshi.Core.Features.Notifications;

namespace Luoshi.Core.Tests.Notifications;

/// <summary>Properties of the reminder rules over generated obligations, histories and settings.</summary>
public class ReminderRulesProperties
{
    private static readonly DateOnly Today = new(2026, 7, 15);

    private static readonly UnitContacts[] Contacts =
    [
        new(1, [new("c1", "张三", "c1@example.gov.cn")], [new("h1", "李四", null)], [new("l1", "王五", null)]),
        new(2, [new("c2", "赵六", null), new("c1", "张三", "c1@example.gov.cn")], [], [new("l1", "王五", null)]),
        new(3, [], [], []),
    ];

    private static readonly string[] Users = ["c1", "c2", "h1", "l1"];

    /// <summary>Obligations from bytes: unit 1–3, due from 10 days ahead to 29 days ago, a few filed.</summary>
    private static List<Obligation> Obligations(DateOnly around, byte[] seeds) =>
    [
        .. (seeds ?? []).Select((b, i) => new Obligation(
            1 + (b % 3),
            "单位" + (1 + (b % 3)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "事项",
            "第" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "项",
            around.AddDays(10 - (b * 7 % 40)),
            Filed: b % 11 == 0)),
    ];

    private static ReminderSettings Settings(byte max, byte repeat, byte head, byte leader) =>
        new([3, 1, 0], repeat % 4, head % 10, leader % 15, max % 5);

    [Property(MaxTest = 300)]
    public void Plan_ForAnyHistory_NeverExceedsTheWeeklyCapInAnyWindowContainingToday(
        byte[] obligationSeeds, byte[] historyUsers, sbyte[] historyOffsets, byte max, byte repeat, byte head, byte leader)
    {
        var settings = Settings(max, repeat, head, leader);
        var past = (historyUsers ?? []).Zip(historyOffsets ?? []).Select((h, i) => new SentReminder(
            Users[h.First % Users.Length], Today.AddDays(h.Second % 15), "k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

        var plan = ReminderRules.Plan(Today, Obligations(Today, obligationSeeds), Contacts, settings, past);

        plan.Reminders.Select(r => r.To.UserId).ShouldBeUnique();
        foreach (var r in plan.Reminders)
        {
            past.ShouldNotContain(h => h.UserId == r.To.UserId && h.On == Today);
            for (var k = 0; k <= 6; k++)
            {
                var from = Today.AddDays(k - 6);
                var to = Today.AddDays(k);
                var inWindow = past.Count(h => h.UserId == r.To.UserId && h.On >= from && h.On <= to);
                (inWindow + 1).ShouldBeLessThanOrEqualTo(settings.MaxNudgesPerPersonPerWeek);
            }
        }
    }

    [Property(MaxTest = 100)]
    public void Plan_RunDailyForTwoMonths_AtMostOnePerDayAndCapPerAnySevenDays(
        byte[] obligationSeeds, byte max, byte repeat, byte head, byte leader)
    {
        var settings = Settings(max, repeat, head, leader);
        var start = new DateOnly(2026, 6, 20);
        var obligations = Obligations(start.AddDays(20), obligationSeeds);
        var sent = new List<SentReminder>();

        for (var day = start; day < start.AddDays(60); day = day.AddDays(1))
        {
            var plan = ReminderRules.Plan(day, obligations, Contacts, settings, sent);
            sent.AddRange(plan.Reminders.Select(r => new SentReminder(r.To.UserId, day, r.Key)));

            // A second run on the same day adds nothing.
            ReminderRules.Plan(day, obligations, Contacts, settings, sent).Reminders.ShouldBeEmpty();
            plan.Reminders.SelectMany(r => r.Lines).ShouldAllBe(l => !l.Obligation.Filed);
        }

        foreach (var user in sent.GroupBy(s => s.UserId))
        {
            user.GroupBy(s => s.On).ShouldAllBe(d => d.Count() == 1);
            for (var from = start.AddDays(-6); from < start.AddDays(60); from = from.AddDays(1))
            {
                var windowEnd = from.AddDays(6);
                user.Count(s => s.On >= from && s.On <= windowEnd).ShouldBeLessThanOrEqualTo(settings.MaxNudgesPerPersonPerWeek);
            }
        }

        sent.Select(s => s.Key).ShouldBeUnique();
    }

    [Property(MaxTest = 200)]
    public void Plan_EveryTriggeredObligationIsSentOrUnreachableOrWithheld(byte[] obligationSeeds, byte offset, byte repeat, byte head, byte leader)
    {
        var settings = Settings(4, repeat, head, leader) with { MaxNudgesPerPersonPerWeek = 100 };
        var today = Today.AddDays(offset % 30);
        var obligations = Obligations(Today, obligationSeeds);

        var plan = ReminderRules.Plan(today, obligations, Contacts, settings, []);

        var covered = plan.Reminders.SelectMany(r => r.Lines.Select(l => l.Obligation))
            .Concat(plan.Unreachable.Select(u => u.Obligation))
            .ToHashSet();
        foreach (var o in obligations.Where(o => !o.Filed).Distinct())
        {
            var triggers = ReminderRules.Triggers(o.Due.DayNumber - today.DayNumber, settings).Any();
            covered.Contains(o).ShouldBe(triggers);
        }

        // Nothing sent for unit 3, which has nobody.
        plan.Reminders.SelectMany(r => r.Lines).ShouldAllBe(l => l.Obligation.UnitId != 3);
        plan.Withheld.ShouldBeEmpty();
    }
}
