namespace Luoshi.Core.Features.Notifications;

/// <summary>Someone a reminder can go to. <paramref name="Email"/> is optional: the dispatcher picks the channel.</summary>
public sealed record Person(string UserId, string Name, string? Email);

/// <summary>Something a unit must file by a date: a work plan (办理工作方案) or a quarterly report.</summary>
/// <param name="UnitId">The unit that must file.</param>
/// <param name="UnitName">Its name, as shown in the message (区发改局).</param>
/// <param name="What">What must be filed, e.g. "第二季度进展情况".</param>
/// <param name="ItemRef">The plan item it belongs to, e.g. "第12项", or "" for a filing that covers the whole unit.</param>
/// <param name="Due">The last day to file it.</param>
/// <param name="Filed">Already filed: never reminded.</param>
public sealed record Obligation(int UnitId, string UnitName, string What, string ItemRef, DateOnly Due, bool Filed);

/// <summary>Who is reminded for one unit: its clerks (经办人员), its heads (单位主要负责人), its leaders in charge (分管领导).</summary>
public sealed record UnitContacts(int UnitId, IReadOnlyList<Person> Clerks, IReadOnlyList<Person> Heads, IReadOnlyList<Person> Leaders);

/// <summary>The district's reminder policy. See <see cref="ReminderRules"/> for how each number is used.</summary>
/// <param name="DaysBefore">Days before the due date on which clerks are reminded, e.g. [3, 1]; 0 means the due day itself; negative values are ignored.</param>
/// <param name="RepeatEveryDaysAfter">Once a level is being reminded of an overdue obligation, repeat every this many days; below 1, each level is reminded once only.</param>
/// <param name="EscalateToHeadAfterDays">From this many days late the unit heads are reminded too; below 1, never.</param>
/// <param name="EscalateToLeaderAfterDays">From this many days late the leaders in charge are reminded too; below 1, never.</param>
/// <param name="MaxNudgesPerPersonPerWeek">At most this many messages to one person in any 7 consecutive days, history included; below 1, nothing is sent.</param>
public sealed record ReminderSettings(
    IReadOnlyList<int> DaysBefore,
    int RepeatEveryDaysAfter,
    int EscalateToHeadAfterDays,
    int EscalateToLeaderAfterDays,
    int MaxNudgesPerPersonPerWeek)
{
    /// <summary>3 and 1 days before; every 2 days once late; heads from 3 days late, leaders from 7; at most 3 a week.</summary>
    public static ReminderSettings Default { get; } = new([3, 1], 2, 3, 7, 3);
}

/// <summary>A reminder already sent (from the database): to whom, on which day, under which key.</summary>
public sealed record SentReminder(string UserId, DateOnly On, string Key);

/// <summary>Whose turn it is: escalation goes clerk → head → leader. Ordered: a higher value is a higher level.</summary>
public enum ReminderLevel
{
    /// <summary>The unit's clerk (经办人员), who fills in the filing.</summary>
    Clerk,

    /// <summary>The unit's head (单位主要负责人).</summary>
    Head,

    /// <summary>The district leader in charge of the unit (分管领导).</summary>
    Leader,
}

/// <summary>Whether the due date is still ahead or already past.</summary>
public enum ReminderKind
{
    BeforeDue,
    Overdue,
}

/// <summary>One obligation inside a reminder, with the level at which this person receives it.</summary>
/// <param name="Obligation">The unfiled obligation.</param>
/// <param name="Level">The level at which this person is reminded of it.</param>
/// <param name="Kind">Before or after the due date.</param>
/// <param name="DaysLeft">Days until the due date: 0 on the due day, negative when late (-3 = three days late).</param>
/// <param name="StageKey">Identifies obligation + stage + day; stable across re-runs.</param>
public sealed record ReminderLine(Obligation Obligation, ReminderLevel Level, ReminderKind Kind, int DaysLeft, string StageKey)
{
    public int DaysLate => Math.Max(0, -DaysLeft);
}

/// <summary>One message to one person on one day, gathering every obligation that triggered for that person.</summary>
/// <param name="To">The recipient.</param>
/// <param name="UnitId">The unit of the first line (a leader's message may cover several units: see <paramref name="Lines"/>).</param>
/// <param name="Level">The highest level among the lines.</param>
/// <param name="Kind"><see cref="ReminderKind.Overdue"/> if any line is overdue.</param>
/// <param name="Key">Idempotency key: the same person, day and lines give the same key; store it with the sent reminder.</param>
/// <param name="Subject">Chinese subject line.</param>
/// <param name="Body">Chinese plain-text body listing every line with its due date.</param>
/// <param name="Lines">The obligations in the message, ordered by due date.</param>
public sealed record Reminder(
    Person To, int UnitId, ReminderLevel Level, ReminderKind Kind, string Key, string Subject, string Body,
    IReadOnlyList<ReminderLine> Lines);

/// <summary>An obligation that should have reminded someone at <paramref name="Level"/> today, but the unit has nobody at that level.</summary>
public sealed record UnreachableObligation(Obligation Obligation, ReminderLevel Level, ReminderKind Kind, int DaysLeft);

/// <summary>Why a reminder was planned but not sent.</summary>
public enum WithheldReason
{
    /// <summary>The person already received a reminder today (one message per person per day).</summary>
    AlreadySentToday,

    /// <summary>Sending would exceed <see cref="ReminderSettings.MaxNudgesPerPersonPerWeek"/> in some 7-day window.</summary>
    WeeklyCap,
}

/// <summary>A reminder that would have gone out but was held back.</summary>
public sealed record WithheldReminder(Reminder Reminder, WithheldReason Reason);

/// <summary>What to send today, whom nobody can reach, and what was held back.</summary>
public sealed record ReminderPlan(
    IReadOnlyList<Reminder> Reminders,
    IReadOnlyList<UnreachableObligation> Unreachable,
    IReadOnlyList<WithheldReminder> Withheld);
