using Luoshi.Core.Features.Orders;

namespace Luoshi.Core.Features.Supervision;

/// <summary>What the office notes of a phone call or a 约谈 with a unit.</summary>
public sealed class ContactForm
{
    public int UnitId { get; set; }

    public int? ItemId { get; set; }

    public ReportPeriod? Period { get; set; }

    public ContactKind Kind { get; set; } = ContactKind.Phone;

    public DateOnly? On { get; set; }

    public string? Person { get; set; }

    public string? Text { get; set; }
}

/// <summary>One line of a supervision row's history: a contact (催报, call, 约谈) or an order (督办单) to the unit.</summary>
public sealed record HistoryRow(DateTimeOffset At, DateOnly On, string Kind, string UnitName, string? Person, string Text, string By, int? OrderId, ReportPeriod? Period);

/// <summary>
/// The office acting from its supervision list or an item's page: 催报 now (a reminder to the unit's clerks and heads at once),
/// a note of a phone call or 约谈, and the history of a row (those contacts and the unit's 督办单). Only the district's office
/// (<see cref="Permission.Supervise"/>); anyone else is told the unit was not found. Every action is audited, logged in
/// <see cref="SupervisionContact"/> and moves the district's revision.
/// </summary>
/// <remarks>
/// A 催报 is the office's own act, not a sweep's reminder: it goes out at once whatever the weekly cap, and it is not counted
/// against it (the cap counts the sweep's <see cref="NotificationKinds.BeforeDue"/> and <see cref="NotificationKinds.Overdue"/>
/// messages only, as for hand-offs). To keep a double click from sending twice, one unit is reminded at most once a day from
/// the list.
/// </remarks>
public sealed class SupervisionActions(LuoshiDb db, YearQueries years, TimeProvider clock, PublicAddress address)
{
    public DateOnly Today => DistrictClock.Today(clock);

    /// <summary>Reminds the unit's clerks and heads at once of everything it owes now; how many people were told.</summary>
    public async Task<Outcome<int>> RemindNowAsync(int districtId, int unitId, int? itemId, ReportPeriod? period, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId && u.DistrictId == districtId).Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(ct);
        if (!actor.CanSupervise(districtId) || unit is null)
        {
            return new Failure(FailureKind.NotFound, "找不到该单位。");
        }

        var today = Today;
        if (await db.SupervisionContacts.AsNoTracking().AnyAsync(c => c.DistrictId == districtId && c.UnitId == unitId && c.Kind == ContactKind.Reminder && c.On == today, ct))
        {
            return new Failure(FailureKind.NotAllowed, Invariant($"今天已向{unit.Name}催报过，请勿重复催报；可电话联系并记录。"));
        }

        var snapshot = await years.SnapshotAsync(districtId, ct);
        if (snapshot is null)
        {
            return new Failure(FailureKind.NotFound, "本区还没有发布任务清单。");
        }

        var owed = ReminderSweep.Obligations(snapshot).Where(o => o.UnitId == unitId).OrderBy(o => o.Due).ToList();
        if (owed.Count == 0)
        {
            return new Failure(FailureKind.NotAllowed, Invariant($"{unit.Name}目前没有待报送的事项，不需要催报。"));
        }

        var people = await db.Users.AsNoTracking()
            .Where(u => u.DistrictId == districtId && u.UnitId == unitId && !u.Disabled)
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.Role, u.DisplayName, u.Email })
            .ToListAsync(ct);
        people = [.. people.Where(p => AccessPolicy.ReachOf(p.Role, Permission.WriteOwnFiling) == Reach.OwnUnit
                                       || AccessPolicy.ReachOf(p.Role, Permission.ApproveOwnFiling) == Reach.OwnUnit)];
        if (people.Count == 0)
        {
            return new Failure(FailureKind.NotAllowed, Invariant($"{unit.Name}没有填报人或单位负责人的账号，无法催报。请电话联系并记录。"));
        }

        var (subject, text) = UrgeText(snapshot.District.Name, unit.Name, owed, today, address.Link("/Work"));
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var contact = new SupervisionContact
        {
            DistrictId = districtId,
            UnitId = unitId,
            ItemId = await ItemOfDistrictAsync(districtId, itemId, ct),
            Period = period,
            Kind = ContactKind.Reminder,
            On = today,
            Person = ReminderSweep.Clip(string.Join("、", people.Select(p => p.DisplayName)), 200),
            Text = ReminderSweep.Clip(subject, 4000),
            RecordedAt = now,
            RecordedBy = actor.UserName,
        };
        db.SupervisionContacts.Add(contact);
        await db.SaveChangesAsync(ct);
        foreach (var p in people)
        {
            string body = ReminderSweep.Clip(p.DisplayName + "：\n\n" + text, 8000);
            foreach (var channel in string.IsNullOrWhiteSpace(p.Email) ? [Channel.InApp] : new[] { Channel.InApp, Channel.Email })
            {
                db.Notifications.Add(new Notification
                {
                    DistrictId = districtId,
                    UserId = p.Id,
                    UnitId = unitId,
                    Channel = channel,
                    Kind = NotificationKinds.Urge,
                    Level = p.Role.ToString(),
                    Key = Invariant($"urge:{contact.Id}:{p.Id}"),
                    Subject = ReminderSweep.Clip(subject, 256),
                    Body = body,
                    CreatedAt = now,
                    ForDate = today,
                    SentAt = channel == Channel.InApp ? now : null,
                });
            }
        }

        AuditLog.Record(db, clock, actor.UserName, AuditActions.RemindNow, nameof(SupervisionContact), Invariant($"{contact.Id}"), districtId, null,
            new { unit = unit.Name, contact.ItemId, period, told = people.Select(p => p.DisplayName).ToList(), owed = owed.Count });
        await db.SaveChangesAsync(ct);
        await DistrictRevision.BumpAsync(db, districtId, ct);
        await tx.CommitAsync(ct);
        return people.Count;
    }

    /// <summary>Notes a phone call or a 约谈 with the unit: the day (not after today), who was spoken to, what was said.</summary>
    public async Task<Outcome<SupervisionContact>> RecordAsync(int districtId, ContactForm form, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(actor);
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == form.UnitId && u.DistrictId == districtId).Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(ct);
        if (!actor.CanSupervise(districtId) || unit is null)
        {
            return new Failure(FailureKind.NotFound, "找不到该单位。");
        }

        if (form.Kind is not (ContactKind.Phone or ContactKind.Interview))
        {
            return new Failure(FailureKind.Invalid, "请选择电话督办或约谈。");
        }

        var today = Today;
        if (form.On is not { } on || on > today || on < today.AddYears(-1))
        {
            return new Failure(FailureKind.Invalid, "请填写联系日期（不晚于今天）。");
        }

        string person = form.Person?.Trim() ?? "";
        string text = form.Text?.Trim() ?? "";
        if (person.Length == 0 || person.Length > 200)
        {
            return new Failure(FailureKind.Invalid, "请填写联系对象（姓名、职务，不超过 200 字）。");
        }

        if (text.Length == 0 || text.Length > 4000)
        {
            return new Failure(FailureKind.Invalid, "请填写联系情况（不超过 4000 字）。");
        }

        var contact = new SupervisionContact
        {
            DistrictId = districtId,
            UnitId = unit.Id,
            ItemId = await ItemOfDistrictAsync(districtId, form.ItemId, ct),
            Period = form.Period,
            Kind = form.Kind,
            On = on,
            Person = person,
            Text = text,
            RecordedAt = clock.GetUtcNow(),
            RecordedBy = actor.UserName,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.SupervisionContacts.Add(contact);
        await db.SaveChangesAsync(ct);
        AuditLog.Record(db, clock, actor.UserName, AuditActions.RecordContact, nameof(SupervisionContact), Invariant($"{contact.Id}"), districtId, null,
            new { unit = unit.Name, contact.Kind, contact.On, contact.Person, contact.Text, contact.ItemId, contact.Period });
        await db.SaveChangesAsync(ct);
        await DistrictRevision.BumpAsync(db, districtId, ct);
        await tx.CommitAsync(ct);
        return contact;
    }

    /// <summary>
    /// The history of a supervision row, newest first: the contacts with the unit (or, without a unit, with any unit on the
    /// item) about the item or the unit as a whole, and the 督办单 issued to it (about the item, or any when no item is asked).
    /// </summary>
    public async Task<List<HistoryRow>> HistoryAsync(int districtId, int? unitId, int? itemId, CancellationToken ct)
    {
        var contacts = await (from c in db.SupervisionContacts.AsNoTracking()
                              join u in db.Units on c.UnitId equals u.Id
                              where c.DistrictId == districtId && (unitId == null || c.UnitId == unitId)
                                    && (itemId == null ? unitId != null : c.ItemId == itemId || (unitId != null && c.ItemId == null))
                              select new { c, u.Name }).ToListAsync(ct);
        var orders = await (from o in db.SupervisionOrders.AsNoTracking()
                            join u in db.Units on o.UnitId equals u.Id
                            where o.DistrictId == districtId && (unitId == null || o.UnitId == unitId) && (itemId == null ? unitId != null : o.ItemId == itemId)
                            select new { o.Id, o.Number, o.Subject, o.State, o.IssuedAt, o.IssuedBy, o.ReplyBy, u.Name }).ToListAsync(ct);
        return [.. contacts.Select(x => new HistoryRow(x.c.RecordedAt, x.c.On, ContactKindLabels.Of(x.c.Kind), x.Name, x.c.Person, x.c.Text, x.c.RecordedBy, null, x.c.Period))
            .Concat(orders.Select(o => new HistoryRow(o.IssuedAt, DistrictClock.DateOf(o.IssuedAt), "督办单", o.Name, null,
                Invariant($"{o.Number}：{o.Subject}（反馈时限{ReminderText.Date(o.ReplyBy)}，{OrderService.StateName(o.State)}）"), o.IssuedBy, o.Id, null)))
            .OrderByDescending(h => h.At)];
    }

    /// <summary>How many history lines each (unit, item) of the district has, for the list's marks.</summary>
    public async Task<Dictionary<(int UnitId, int ItemId), int>> CountsAsync(int districtId, CancellationToken ct)
    {
        var contacts = await db.SupervisionContacts.AsNoTracking().Where(c => c.DistrictId == districtId && c.ItemId != null)
            .GroupBy(c => new { c.UnitId, c.ItemId }).Select(g => new { g.Key.UnitId, g.Key.ItemId, N = g.Count() }).ToListAsync(ct);
        var orders = await db.SupervisionOrders.AsNoTracking().Where(o => o.DistrictId == districtId && o.ItemId != null)
            .GroupBy(o => new { o.UnitId, o.ItemId }).Select(g => new { g.Key.UnitId, g.Key.ItemId, N = g.Count() }).ToListAsync(ct);
        var counts = new Dictionary<(int, int), int>();
        foreach (var x in contacts.Concat(orders))
        {
            var key = (x.UnitId, x.ItemId!.Value);
            counts[key] = counts.GetValueOrDefault(key) + x.N;
        }

        return counts;
    }

    /// <summary>The 催报 message: what the unit owes, each with its deadline and how late, and where to file.</summary>
    public static (string Subject, string Body) UrgeText(string district, string unit, IReadOnlyList<Obligation> owed, DateOnly today, string link)
    {
        ArgumentNullException.ThrowIfNull(owed);
        int late = owed.Count(o => o.Due < today);
        string subject = late > 0
            ? Invariant($"【催报】{unit}有{late}项事项逾期未报送，请立即报送")
            : Invariant($"【催报】{unit}有{owed.Count}项事项待报送，请按时报送");
        var sb = new StringBuilder();
        sb.Append(Invariant($"{district}政府督查室于{ReminderText.Date(today)}催报：{unit}以下事项尚未报送，请立即办理：\n\n"));
        int n = 0;
        foreach (var o in owed.Take(20))
        {
            int days = today.DayNumber - o.Due.DayNumber;
            string state = days > 0 ? Invariant($"已逾期{days}天") : days == 0 ? "今天到期" : Invariant($"还有{-days}天到期");
            sb.Append(Invariant($"{++n}. {o.What}（截止日期：{ReminderText.Date(o.Due)}，{state}）\n"));
        }

        if (owed.Count > 20)
        {
            sb.Append(Invariant($"……等共{owed.Count}项\n"));
        }

        sb.Append(Invariant($"\n请登录系统填报：{link}\n\n（本消息由督查督办系统发送，请勿直接回复。）\n"));
        return (subject, sb.ToString());
    }

    private async Task<int?> ItemOfDistrictAsync(int districtId, int? itemId, CancellationToken ct) =>
        itemId is int id && await (from i in db.PlanItems join p in db.Plans on i.PlanId equals p.Id where i.Id == id && p.DistrictId == districtId select i.Id).AnyAsync(ct)
            ? id : null;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
