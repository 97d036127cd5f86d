namespace Luoshi.Core.Features.Supervision;

/// <summary>What one sweep of one district did.</summary>
/// <param name="DistrictId">The district.</param>
/// <param name="Day">The day swept (the district's calendar).</param>
/// <param name="Reminders">Reminders the rules planned today (one per person).</param>
/// <param name="Written">Reminders this sweep stored (in-app message, and an e-mail to send where the person has an address).</param>
/// <param name="AlreadyStored">Reminders another sweep stored first (same key): skipped.</param>
/// <param name="EmailsQueued">E-mails stored for the sender.</param>
/// <param name="WebhookQueued">The day's summary for the messenger group was stored by this sweep.</param>
/// <param name="Unreachable">Obligations that should have reached someone at a level where the unit has nobody.</param>
/// <param name="Withheld">Reminders held back (already reminded today, or the weekly cap).</param>
/// <param name="OfficeNotified">The district's office people told in the app, by this sweep, of the units nobody could be reminded at.</param>
public sealed record SweepResult(
    int DistrictId,
    DateOnly Day,
    int Reminders,
    int Written,
    int AlreadyStored,
    int EmailsQueued,
    bool WebhookQueued,
    IReadOnlyList<UnreachableObligation> Unreachable,
    IReadOnlyList<WithheldReminder> Withheld,
    int OfficeNotified = 0);

/// <summary>
/// The reminder sweep of one district for one day: what is owed (from the <see cref="YearSnapshot"/>: every obligation still
/// Pending or Missing, the work plan included), who can be reached (the unit's clerks and heads, and the leader in charge of
/// the unit), what was already sent (the in-app and e-mail notifications of the last 14 days), then
/// <see cref="ReminderRules.Plan"/>, and the notifications it decides on are stored: an in-app message always, an e-mail
/// when the person has an address, and one summary a day for the district's messenger group if a webhook is set. Nothing is
/// sent here: <see cref="NotificationDispatcher"/> delivers what is stored.
/// </summary>
/// <remarks>
/// Every stored notification carries the rule's idempotency key; (Channel, Key) is unique, so a second sweep that races this
/// one (another web instance) fails to insert the same reminder and skips it. A person's in-app row and e-mail row are
/// inserted together, so either both exist or neither.
/// </remarks>
public sealed class ReminderSweep(LuoshiDb db, YearQueries years, TimeProvider clock)
{
    private const int HistoryDays = 14;

    public async Task<SweepResult?> RunAsync(int districtId, DateOnly today, CancellationToken ct = default)
    {
        var snapshot = await years.SnapshotAsync(districtId, ct, today);
        if (snapshot is null)
        {
            return null;
        }

        var settings = await DistrictSettingsDefaults.LoadAsync(db, districtId, ct);
        var obligations = Obligations(snapshot).Concat(await OrderObligationsAsync(snapshot, ct)).ToList();
        var contacts = await ContactsAsync(snapshot, ct);
        var from = today.AddDays(-HistoryDays);
        var history = await db.Notifications.AsNoTracking()
            .Where(n => n.DistrictId == districtId && n.UserId != null && (n.Channel == Channel.InApp || n.Channel == Channel.Email)
                        && (n.Kind == NotificationKinds.BeforeDue || n.Kind == NotificationKinds.Overdue) && n.ForDate >= from && n.ForDate <= today)
            .Select(n => new { n.UserId, n.ForDate, n.Key })
            .ToListAsync(ct);
        var policy = new ReminderSettings(settings.DaysBefore(), settings.RepeatEveryDaysAfter, settings.EscalateToHeadAfterDays,
            settings.EscalateToLeaderAfterDays, settings.MaxNudgesPerPersonPerWeek);
        var plan = ReminderRules.Plan(today, obligations, contacts, policy,
            history.Select(h => new SentReminder(h.UserId!, h.ForDate, h.Key)).Distinct());

        var now = clock.GetUtcNow();
        int written = 0, skipped = 0, emails = 0;
        foreach (var r in plan.Reminders)
        {
            var kind = r.Kind == ReminderKind.Overdue ? NotificationKinds.Overdue : NotificationKinds.BeforeDue;
            db.Notifications.Add(Row(districtId, r, Channel.InApp, kind, now, today, sentAt: now));
            bool mail = !string.IsNullOrWhiteSpace(r.To.Email);
            if (mail)
            {
                db.Notifications.Add(Row(districtId, r, Channel.Email, kind, now, today, sentAt: null));
            }

            if (await DbErrors.TrySaveNewAsync(db, ct))
            {
                written++;
                emails += mail ? 1 : 0;
            }
            else
            {
                skipped++;
            }
        }

        int officeNotified = await TellTheOfficeAsync(snapshot, today, plan, now, ct);
        bool webhook = false;
        if (!string.IsNullOrWhiteSpace(settings.WebhookUrl) && (plan.Reminders.Count > 0 || plan.Withheld.Count > 0 || plan.Unreachable.Count > 0))
        {
            var (title, body) = Summary(snapshot.District.Name, today, plan);
            db.Notifications.Add(OfficeRow(districtId, null, Channel.Webhook, NotificationKinds.Summary, Invariant($"summary:{districtId}:{today:yyyy-MM-dd}"), (title, body), now, today));
            webhook = await DbErrors.TrySaveNewAsync(db, ct);
        }

        return new SweepResult(districtId, today, plan.Reminders.Count, written, skipped, emails, webhook, plan.Unreachable, plan.Withheld, officeNotified);
    }

    /// <summary>
    /// When an owed report should have reached someone today but the unit has nobody at that level (no clerk account, no
    /// head, no leader in charge set), each of the district's office people gets one in-app message that day saying which
    /// units and what they owe, so that the office can set the accounts up or call them. Returns how many this sweep stored.
    /// </summary>
    private async Task<int> TellTheOfficeAsync(YearSnapshot snapshot, DateOnly today, ReminderPlan plan, DateTimeOffset now, CancellationToken ct)
    {
        if (plan.Unreachable.Count == 0)
        {
            return 0;
        }

        int districtId = snapshot.District.Id;
        var office = await db.Users.AsNoTracking().Where(u => u.DistrictId == districtId && u.Role == AppRole.Office)
            .OrderBy(u => u.UserName).Select(u => u.Id).ToListAsync(ct);
        var notice = UnreachableNotice(snapshot.District.Name, today, plan.Unreachable);
        int stored = 0;
        foreach (var userId in office)
        {
            db.Notifications.Add(OfficeRow(districtId, userId, Channel.InApp, NotificationKinds.Unreachable, Invariant($"unreachable:{districtId}:{today:yyyy-MM-dd}:{userId}"), notice, now, today));
            stored += await DbErrors.TrySaveNewAsync(db, ct) ? 1 : 0;
        }

        return stored;
    }

    /// <summary>The office's message about units that could not be reminded: one line per unit, who is missing, what it owes.</summary>
    public static (string Subject, string Body) UnreachableNotice(string district, DateOnly today, IReadOnlyList<UnreachableObligation> unreachable)
    {
        ArgumentNullException.ThrowIfNull(unreachable);
        var units = unreachable.GroupBy(u => (u.Obligation.UnitId, u.Obligation.UnitName)).OrderBy(g => g.Key.UnitId).ToList();
        var subject = Invariant($"【无法提醒】{district}{ReminderText.Date(today)}有{units.Count}个单位无人可提醒");
        var sb = new StringBuilder();
        sb.Append(Invariant($"以下单位今日应收到提醒，但系统中没有相应人员的账号，提醒未能送达。请为其设置账号（填报人、单位负责人）或在单位设置中指定分管领导，或直接联系：\n"));
        foreach (var g in units.Take(40))
        {
            var missing = string.Join("、", g.Select(u => LevelName(u.Level)).Distinct());
            var owed = g.Select(u => u.Obligation).DistinctBy(o => (o.What, o.Due)).OrderBy(o => o.Due)
                .Select(o => Invariant($"{PeriodOnly(o.What)}（截止{ReminderText.Date(o.Due)}）"));
            sb.Append(Invariant($"· {g.Key.UnitName}：缺{missing}；应报{string.Join("，", owed)}\n"));
        }

        if (units.Count > 40)
        {
            sb.Append(Invariant($"……等共{units.Count}个单位\n"));
        }

        return (subject, sb.ToString());
    }

    private static string LevelName(ReminderLevel level) => level switch
    {
        ReminderLevel.Clerk => "填报人",
        ReminderLevel.Head => "单位负责人",
        ReminderLevel.Leader => "分管领导",
        _ => level.ToString(),
    };

    /// <summary>
    /// What each unit still owes, one obligation per unit, period and kind of part: the items it leads (or files for itself),
    /// and, apart, its parts of items led by others where co-units file to the lead unit first — the text says to whom.
    /// </summary>
    public static IReadOnlyList<Obligation> Obligations(YearSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var result = new List<Obligation>();
        foreach (var g in snapshot.Obligations
                     .Where(o => o.Status is ObligationStatus.Pending or ObligationStatus.Missing)
                     .GroupBy(o => (o.UnitId, o.Period, o.Due, o.PartToLead))
                     .OrderBy(g => g.Key.UnitId).ThenBy(g => g.Key.Due).ThenBy(g => g.Key.PartToLead))
        {
            var items = g.Select(o => snapshot.Item(o.ItemId)).Distinct().OrderBy(i => i.Seq).ToList();
            var what = new StringBuilder(PeriodText(g.Key.Period)).Append('（').Append(ItemsText(items));
            if (g.Key.PartToLead)
            {
                var leads = items.SelectMany(i => i.LeadUnitIds).Where(u => u != g.Key.UnitId).Distinct().Select(snapshot.UnitName).ToList();
                what.Append("；为配合部分，请报送牵头单位");
                what.Append(leads.Count == 0 ? "" : leads.Count <= 3 ? string.Join("、", leads) : string.Join("、", leads.Take(3)) + Invariant($"等{leads.Count}个单位"));
            }

            what.Append('）');
            result.Add(new Obligation(g.Key.UnitId, snapshot.UnitName(g.Key.UnitId), what.ToString(), "", g.Key.Due, Filed: false));
        }

        return result;
    }

    /// <summary>
    /// The replies to 督办单 still owed (issued, awaiting the unit head, or returned by the office as not satisfied), one
    /// obligation each, due on the order's reply date: reminded before it and escalated after it exactly like a late report
    /// (clerks, then heads, then the leader in charge, under the same weekly cap).
    /// </summary>
    public async Task<IReadOnlyList<Obligation>> OrderObligationsAsync(YearSnapshot snapshot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var open = new[] { Orders.OrderState.Issued, Orders.OrderState.AwaitingHead, Orders.OrderState.Returned };
        var orders = await db.SupervisionOrders.AsNoTracking()
            .Where(o => o.DistrictId == snapshot.District.Id && open.Contains(o.State))
            .OrderBy(o => o.UnitId).ThenBy(o => o.ReplyBy).ThenBy(o => o.Id)
            .Select(o => new { o.UnitId, o.Number, o.Subject, o.ReplyBy, o.State })
            .ToListAsync(ct);
        return [.. orders.Where(o => snapshot.Units.Any(u => u.Id == o.UnitId)).Select(o => new Obligation(o.UnitId, snapshot.UnitName(o.UnitId),
            Invariant($"督办单{o.Number}的回复（{Clip(o.Subject, 40)}{(o.State == Orders.OrderState.Returned ? "；已退回，请按意见重新回复" : "")}）"), "", o.ReplyBy, Filed: false))];
    }

    /// <summary>Each unit's clerks and heads (accounts of the unit), and the leader in charge set on the unit (a Leader account of the district).</summary>
    public async Task<IReadOnlyList<UnitContacts>> ContactsAsync(YearSnapshot snapshot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        int districtId = snapshot.District.Id;
        var people = await db.Users.AsNoTracking()
            .Where(u => u.DistrictId == districtId && (u.Role == AppRole.Clerk || u.Role == AppRole.UnitHead || u.Role == AppRole.Leader))
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.Role, u.UnitId })
            .ToListAsync(ct);
        var byUnit = people.Where(p => p.UnitId is not null).ToLookup(p => p.UnitId!.Value);
        var leaders = people.Where(p => p.Role == AppRole.Leader).ToDictionary(p => p.Id, StringComparer.Ordinal);

        Person P(string id, string name, string? email) => new(id, name, string.IsNullOrWhiteSpace(email) ? null : email.Trim());
        return [.. snapshot.Units.Select(u => new UnitContacts(
            u.Id,
            [.. byUnit[u.Id].Where(p => p.Role == AppRole.Clerk).Select(p => P(p.Id, p.DisplayName, p.Email))],
            [.. byUnit[u.Id].Where(p => p.Role == AppRole.UnitHead).Select(p => P(p.Id, p.DisplayName, p.Email))],
            u.LeaderUserId is { } l && leaders.TryGetValue(l, out var leader) ? [P(leader.Id, leader.DisplayName, leader.Email)] : []))];
    }

    public static string PeriodText(ReportPeriod period) => period switch
    {
        ReportPeriod.WorkPlan => "办理工作方案",
        ReportPeriod.Q1 => "第一季度进展情况",
        ReportPeriod.Q2 => "第二季度进展情况",
        ReportPeriod.Q3 => "第三季度进展情况",
        ReportPeriod.Q4 => "第四季度进展情况",
        ReportPeriod.Annual => "全年工作完成情况",
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    /// <summary>"重点工作第7、12项，民生实事第3项" — the first eight items, then how many in all.</summary>
    private static string ItemsText(IReadOnlyList<ItemRow> items)
    {
        const int Shown = 8;
        var parts = items.Take(Shown).GroupBy(i => (i.PartIndex, i.PartTitle))
            .Select(p => ShortPart(p.Key.PartTitle) + "第" + string.Join("、", p.Select(i => i.Number)) + "项");
        var text = string.Join("，", parts);
        return items.Count > Shown ? Invariant($"{text}等{items.Count}项") : Invariant($"共{items.Count}项：{text}");
    }

    /// <summary>"二、重点工作（共131项）" → "重点工作".</summary>
    public static string ShortPart(string title)
    {
        var t = title.Trim();
        int comma = t.IndexOf('、', StringComparison.Ordinal);
        if (comma is > 0 and <= 3)
        {
            t = t[(comma + 1)..];
        }

        int paren = t.IndexOfAny(['（', '(']);
        return (paren > 0 ? t[..paren] : t).Trim();
    }

    private static (string Title, string Body) Summary(string district, DateOnly today, ReminderPlan plan)
    {
        var title = Invariant($"【催报提醒】{district}{ReminderText.Date(today)}报送情况");
        var sb = new StringBuilder();
        var lines = plan.Reminders.SelectMany(r => r.Lines)
            .Concat(plan.Withheld.SelectMany(w => w.Reminder.Lines))
            .Select(l => (l.Obligation, l.DaysLeft))
            .Concat(plan.Unreachable.Select(u => (u.Obligation, u.DaysLeft)))
            .Distinct()
            .ToList();
        void Section(string heading, IEnumerable<(Obligation Obligation, int DaysLeft)> rows)
        {
            var list = rows.OrderBy(r => r.Obligation.Due).ThenBy(r => r.Obligation.UnitId).ToList();
            if (list.Count == 0)
            {
                return;
            }

            sb.Append(heading).Append(Invariant($"（{list.Select(r => r.Obligation.UnitId).Distinct().Count()}个单位）：\n"));
            foreach (var (o, daysLeft) in list.Take(30))
            {
                var state = daysLeft switch
                {
                    < 0 => Invariant($"已逾期{-daysLeft}天"),
                    0 => "今天到期",
                    _ => Invariant($"还有{daysLeft}天到期"),
                };
                sb.Append(Invariant($"· {o.UnitName}：{PeriodOnly(o.What)}，截止{ReminderText.Date(o.Due)}，{state}\n"));
            }

            if (list.Count > 30)
            {
                sb.Append(Invariant($"……等共{list.Count}项\n"));
            }

            sb.Append('\n');
        }

        Section("即将到期、尚未报送", lines.Where(l => l.DaysLeft >= 0));
        Section("逾期未报送", lines.Where(l => l.DaysLeft < 0));
        var unreachable = plan.Unreachable.Select(u => u.Obligation.UnitName).Distinct(StringComparer.Ordinal).ToList();
        sb.Append(Invariant($"今日已向{plan.Reminders.Count}人发送站内提醒（有邮箱的同时发送邮件）。"));
        if (unreachable.Count > 0)
        {
            sb.Append(Invariant($"{unreachable.Count}个单位未设置联系人，无法提醒：{string.Join("、", unreachable.Take(10))}{(unreachable.Count > 10 ? "等" : "")}，请在群内提醒。"));
        }

        sb.Append('\n');
        return (title, sb.ToString());
    }

    /// <summary>"第一季度进展情况（共2项：…）" → "第一季度进展情况（共2项）" for the group summary, which must stay short.</summary>
    private static string PeriodOnly(string what)
    {
        int paren = what.IndexOf('（', StringComparison.Ordinal);
        if (paren < 0)
        {
            return what;
        }

        var head = what[..paren];
        var coPart = what.Contains("配合部分", StringComparison.Ordinal) ? "，配合部分" : "";
        return head + coPart;
    }

    private Notification Row(int districtId, Reminder r, Channel channel, string kind, DateTimeOffset now, DateOnly today, DateTimeOffset? sentAt) => new()
    {
        DistrictId = districtId,
        UserId = r.To.UserId,
        UnitId = r.UnitId,
        Channel = channel,
        Kind = kind,
        Level = r.Level.ToString(),
        Key = r.Key,
        Subject = Clip(r.Subject, 256),
        Body = Clip(r.Body, 8000),
        CreatedAt = now,
        ForDate = today,
        SentAt = sentAt,
    };

    /// <summary>A message for the office: to one of its people in the app (sent once stored), or to the messenger group (sent by the dispatcher).</summary>
    private static Notification OfficeRow(int districtId, string? userId, Channel channel, string kind, string key, (string Subject, string Body) text, DateTimeOffset now, DateOnly today) => new()
    {
        DistrictId = districtId,
        UserId = userId,
        Channel = channel,
        Kind = kind,
        Level = "Office",
        Key = key,
        Subject = Clip(text.Subject, 256),
        Body = Clip(text.Body, 8000),
        CreatedAt = now,
        ForDate = today,
        SentAt = channel == Channel.InApp ? now : null,
    };

    public static string Clip(string s, int max) => s.Length <= max ? s : string.Concat(s.AsSpan(0, max - 1), "…");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
