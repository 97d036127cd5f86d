namespace Luoshi.Core.Features.Notifications;

/// <summary>
/// Decides, for one day, who is reminded of which unfiled obligations. Pure: no clock, no database, no I/O.
/// </summary>
/// <remarks>
/// <para>The rules, for an obligation that is not filed (filed obligations never trigger), with
/// <c>late = today − Due</c> in days:</para>
/// <list type="number">
/// <item><b>Before the due date</b> (late ≤ 0): on each day listed in <see cref="ReminderSettings.DaysBefore"/>
/// (0 = the due day itself) the unit's <b>clerks</b> are reminded. Heads and leaders are not.</item>
/// <item><b>Overdue</b> (late ≥ 1): each level starts on its own day S and is then reminded every
/// R = <see cref="ReminderSettings.RepeatEveryDaysAfter"/> days, i.e. when <c>late ≥ S</c> and <c>(late − S) mod R = 0</c>.
/// Clerks start on day 1 after the due date; <b>heads</b> on <see cref="ReminderSettings.EscalateToHeadAfterDays"/>;
/// <b>leaders</b> (分管领导) on <see cref="ReminderSettings.EscalateToLeaderAfterDays"/>. Escalation adds a level, it
/// does not replace the lower one. R below 1 means each level is reminded once, on its start day; a start day below 1
/// switches that level off.</item>
/// <item><b>One message per person per day</b>: everything that triggered for one person (several obligations, several
/// units for a leader, several roles) goes into one <see cref="Reminder"/>. If the same person is reached for the same
/// obligation at two levels (a clerk who is also the head), the higher level is kept.</item>
/// <item><b>Idempotent</b>: the key of a reminder is made from the day, the person and the stage keys of its lines
/// (obligation + stage + day). A person who already has a reminder in the history for today, or whose key is already
/// in the history, gets nothing new: a second run on the same day sends nothing (<see cref="WithheldReason.AlreadySentToday"/>).</item>
/// <item><b>Weekly cap</b>: a reminder is sent only if, in every 7-day window that contains today, the reminders already
/// sent to that person (distinct keys in the history) plus this one stay within
/// <see cref="ReminderSettings.MaxNudgesPerPersonPerWeek"/>; otherwise it is withheld (<see cref="WithheldReason.WeeklyCap"/>)
/// and its obligations come back on their next trigger day.</item>
/// <item><b>Unreachable</b>: when an obligation triggers at a level where the unit has nobody (no contacts for the unit,
/// or an empty list), nothing is sent for it at that level and it is returned in <see cref="ReminderPlan.Unreachable"/>
/// so the office can see whom it cannot reach. A person without an e-mail address still counts as a recipient: the
/// dispatcher chooses the channel (mail, in-app, messenger).</item>
/// </list>
/// </remarks>
public static class ReminderRules
{
    public static ReminderPlan Plan(
        DateOnly today,
        IEnumerable<Obligation> obligations,
        IEnumerable<UnitContacts> contacts,
        ReminderSettings settings,
        IEnumerable<SentReminder> history)
    {
        ArgumentNullException.ThrowIfNull(obligations);
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(history);

        var contactsByUnit = new Dictionary<int, UnitContacts>();
        foreach (var c in contacts)
        {
            // Several entries for one unit are merged rather than one silently winning.
            contactsByUnit[c.UnitId] = contactsByUnit.TryGetValue(c.UnitId, out var prior)
                ? new UnitContacts(c.UnitId, [.. prior.Clerks, .. c.Clerks], [.. prior.Heads, .. c.Heads], [.. prior.Leaders, .. c.Leaders])
                : c;
        }

        var unreachable = new List<UnreachableObligation>();
        // Per person: the person as first seen, and per obligation the line at the highest level.
        var byPerson = new Dictionary<string, (Person Person, Dictionary<Obligation, ReminderLine> Lines)>(StringComparer.Ordinal);

        foreach (var obligation in obligations.Where(o => !o.Filed).Distinct())
        {
            var daysLeft = obligation.Due.DayNumber - today.DayNumber;
            foreach (var (level, kind, stage) in Triggers(daysLeft, settings))
            {
                var people = PeopleAt(contactsByUnit.GetValueOrDefault(obligation.UnitId), level);
                if (people.Count == 0)
                {
                    unreachable.Add(new UnreachableObligation(obligation, level, kind, daysLeft));
                    continue;
                }

                var line = new ReminderLine(obligation, level, kind, daysLeft, StageKey(obligation, stage, today));
                foreach (var person in people)
                {
                    if (!byPerson.TryGetValue(person.UserId, out var entry))
                    {
                        entry = (person, new Dictionary<Obligation, ReminderLine>());
                        byPerson.Add(person.UserId, entry);
                    }

                    if (!entry.Lines.TryGetValue(obligation, out var existing) || existing.Level < level)
                    {
                        entry.Lines[obligation] = line;
                    }
                }
            }
        }

        var historyByUser = history
            .GroupBy(h => h.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var reminders = new List<Reminder>();
        var withheld = new List<WithheldReminder>();
        foreach (var (userId, (person, lines)) in byPerson.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var reminder = Compose(today, person, [.. lines.Values]);
            var past = historyByUser.GetValueOrDefault(userId) ?? [];
            if (past.Any(h => h.On == today || string.Equals(h.Key, reminder.Key, StringComparison.Ordinal)))
            {
                withheld.Add(new WithheldReminder(reminder, WithheldReason.AlreadySentToday));
            }
            else if (!WithinWeeklyCap(today, past, settings.MaxNudgesPerPersonPerWeek))
            {
                withheld.Add(new WithheldReminder(reminder, WithheldReason.WeeklyCap));
            }
            else
            {
                reminders.Add(reminder);
            }
        }

        var orderedUnreachable = unreachable
            .OrderBy(u => u.Obligation.UnitId)
            .ThenBy(u => u.Obligation.Due)
            .ThenBy(u => u.Obligation.ItemRef, StringComparer.Ordinal)
            .ThenBy(u => u.Obligation.What, StringComparer.Ordinal)
            .ThenBy(u => u.Level)
            .ToList();
        return new ReminderPlan(reminders, orderedUnreachable, withheld);
    }

    /// <summary>The levels that an obligation <paramref name="daysLeft"/> days from its due date triggers today.</summary>
    internal static IEnumerable<(ReminderLevel Level, ReminderKind Kind, string Stage)> Triggers(int daysLeft, ReminderSettings settings)
    {
        if (daysLeft >= 0)
        {
            if (settings.DaysBefore.Contains(daysLeft))
            {
                yield return (ReminderLevel.Clerk, ReminderKind.BeforeDue, Invariant($"before-{daysLeft}"));
            }

            yield break;
        }

        var late = -daysLeft;
        foreach (var (level, start) in new[]
                 {
                     (ReminderLevel.Clerk, 1),
                     (ReminderLevel.Head, settings.EscalateToHeadAfterDays),
                     (ReminderLevel.Leader, settings.EscalateToLeaderAfterDays),
                 })
        {
            if (start >= 1 && IsCadenceDay(late, start, settings.RepeatEveryDaysAfter))
            {
                yield return (level, ReminderKind.Overdue, Invariant($"late-{late}-{level}"));
            }
        }
    }

    private static bool IsCadenceDay(int late, int start, int every) =>
        late >= start && (every < 1 ? late == start : (late - start) % every == 0);

    /// <summary>True if one more message today keeps every 7-day window containing today within the cap.</summary>
    internal static bool WithinWeeklyCap(DateOnly today, IReadOnlyCollection<SentReminder> past, int max)
    {
        if (max < 1)
        {
            return false;
        }

        // Windows [today-6+k, today+k] for k = 0..6 are all the 7-day windows that contain today.
        for (var k = 0; k <= 6; k++)
        {
            var from = today.AddDays(k - 6);
            var to = today.AddDays(k);
            var count = past
                .Where(h => h.On >= from && h.On <= to)
                .Select(h => (h.On, h.Key))
                .Distinct()
                .Count();
            if (count + 1 > max)
            {
                return false;
            }
        }

        return true;
    }

    private static IReadOnlyList<Person> PeopleAt(UnitContacts? contacts, ReminderLevel level)
    {
        if (contacts is null)
        {
            return [];
        }

        var list = level switch
        {
            ReminderLevel.Clerk => contacts.Clerks,
            ReminderLevel.Head => contacts.Heads,
            ReminderLevel.Leader => contacts.Leaders,
        };
        return list ?? [];
    }

    private static Reminder Compose(DateOnly today, Person person, List<ReminderLine> lines)
    {
        lines.Sort(static (a, b) =>
        {
            var c = a.Obligation.Due.CompareTo(b.Obligation.Due);
            if (c == 0) c = a.Obligation.UnitId.CompareTo(b.Obligation.UnitId);
            if (c == 0) c = string.CompareOrdinal(a.Obligation.ItemRef, b.Obligation.ItemRef);
            if (c == 0) c = string.CompareOrdinal(a.Obligation.What, b.Obligation.What);
            return c;
        });

        var level = lines.Max(l => l.Level);
        var kind = lines.Any(l => l.Kind == ReminderKind.Overdue) ? ReminderKind.Overdue : ReminderKind.BeforeDue;
        var key = ReminderKey(today, person.UserId, lines.Select(l => l.StageKey));
        return new Reminder(
            person, lines[0].Obligation.UnitId, level, kind, key,
            ReminderText.Subject(lines), ReminderText.Body(person, level, lines), lines);
    }

    private static string StageKey(Obligation o, string stage, DateOnly today) =>
        Invariant($"{o.UnitId}|{o.ItemRef}|{o.What}|{o.Due:yyyy-MM-dd}|{stage}|{today:yyyy-MM-dd}");

    /// <summary>"reminder:2026-07-13:user-1:3f2a…": readable day and person, then a digest of the sorted stage keys.</summary>
    private static string ReminderKey(DateOnly today, string userId, IEnumerable<string> stageKeys)
    {
        var joined = string.Join('\n', stageKeys.Order(StringComparer.Ordinal));
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)).AsSpan(0, 8));
        return Invariant($"reminder:{today:yyyy-MM-dd}:{userId}:{digest}");
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
