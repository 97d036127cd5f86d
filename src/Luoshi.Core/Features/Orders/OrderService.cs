using System.Globalization;
using Luoshi.Core.Common;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Audit;
using Luoshi.Core.Features.Circulars;
using Luoshi.Core.Features.Districts;
using Luoshi.Core.Features.Notifications;
using Luoshi.Core.Features.Numbering;
using Luoshi.Core.Features.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Core.Features.Orders;

/// <summary>What the office fills in to issue an order.</summary>
public sealed class IssueForm
{
    public int UnitId { get; set; }

    public int? ItemId { get; set; }

    public string? Subject { get; set; }

    public string? Requirement { get; set; }

    public DateOnly? ReplyBy { get; set; }
}

/// <summary>An order as lists show it, with whether its reply is late.</summary>
public sealed record OrderRow(int Id, string Number, int UnitId, string UnitName, string Subject, DateOnly ReplyBy, OrderState State,
    DateTimeOffset IssuedAt, DateTimeOffset? RepliedAt, string? Late);

/// <summary>A unit or an item the office can pick when issuing an order.</summary>
public sealed record OrderChoice(int Id, string Label);

/// <summary>
/// Supervision orders (督办单): the office issues one to a unit (numbered from the district's 督办单 series, e.g. 岸督办〔2026〕3号, see NumberingService), the
/// unit's clerks and heads are notified (in-app and e-mail), the unit replies by the date, the office closes it. Every step
/// writes an audit entry and bumps the district's revision in its transaction; the number is taken inside the issuing
/// transaction, so two offices issuing at once wait for each other and never take the same number.
/// </summary>
public sealed class OrderService(LuoshiDb db, NumberingService numbering, TimeProvider clock)
{
    public DateOnly Today => DistrictClock.Today(clock);

    public async Task<List<OrderRow>> ListAsync(int districtId, int? unitId, CancellationToken ct)
    {
        var rows = await (from o in db.SupervisionOrders.AsNoTracking()
                          join u in db.Units on o.UnitId equals u.Id
                          where o.DistrictId == districtId && (unitId == null || o.UnitId == unitId)
                          orderby o.Id descending
                          select new { o.Id, o.Number, o.UnitId, u.Name, o.Subject, o.ReplyBy, o.State, o.IssuedAt, o.RepliedAt }).ToListAsync(ct);
        return [.. rows.Select(o => new OrderRow(o.Id, o.Number, o.UnitId, o.Name, o.Subject, o.ReplyBy, o.State, o.IssuedAt, o.RepliedAt,
            Late(o.State, o.ReplyBy, o.RepliedAt, Today)))];
    }

    /// <summary>The district's units, in their order, for the issue form.</summary>
    public Task<List<OrderChoice>> UnitChoicesAsync(int districtId, CancellationToken ct) =>
        db.Units.AsNoTracking().Where(u => u.DistrictId == districtId).OrderBy(u => u.Id).Select(u => new OrderChoice(u.Id, u.Name)).ToListAsync(ct);

    /// <summary>The district's plan items ("重点工作 第12项 …"), for the issue form.</summary>
    public async Task<List<OrderChoice>> ItemChoicesAsync(int districtId, CancellationToken ct)
    {
        var items = await (from i in db.PlanItems.AsNoTracking()
                           join p in db.Plans on i.PlanId equals p.Id
                           join part in db.PlanParts on i.PartId equals part.Id
                           where p.DistrictId == districtId
                           orderby i.Seq
                           select new { i.Id, i.Number, part.Title, i.Text }).ToListAsync(ct);
        return [.. items.Select(i => new OrderChoice(i.Id, Invariant($"{ReminderSweep.ShortPart(i.Title)} 第{i.Number}项 {ReminderSweep.Clip(i.Text, 31)}")))];
    }

    /// <summary>"逾期未回复" (still unanswered after the date), "逾期回复" (answered after it), or null.</summary>
    public static string? Late(OrderState state, DateOnly replyBy, DateTimeOffset? repliedAt, DateOnly today) =>
        repliedAt is { } at
            ? DistrictClock.DateOf(at) > replyBy ? "逾期回复" : null
            : state != OrderState.Closed && today > replyBy ? "逾期未回复" : null;

    public async Task<Outcome<SupervisionOrder>> IssueAsync(int districtId, IssueForm form, Actor actor, CancellationToken ct)
    {
        if (await Luoshi.Core.Features.Years.PlanYears.RefuseIfItemClosedAsync(db, form?.ItemId, ct) is { } closed) return closed;
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(actor);
        string subject = form.Subject?.Trim() ?? "";
        string requirement = form.Requirement?.Trim() ?? "";
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == form.UnitId && u.DistrictId == districtId).Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return new Failure(FailureKind.Invalid, "请选择本区的单位。");
        }

        if (subject.Length == 0 || subject.Length > 500)
        {
            return new Failure(FailureKind.Invalid, "请填写督办事项（不超过 500 字）。");
        }

        if (requirement.Length == 0 || requirement.Length > 8000)
        {
            return new Failure(FailureKind.Invalid, "请填写办理要求（不超过 8000 字）。");
        }

        var today = Today;
        if (form.ReplyBy is not { } replyBy || replyBy < today)
        {
            return new Failure(FailureKind.Invalid, "请填写反馈时限（不早于今天）。");
        }

        if (form.ItemId is int itemId)
        {
            bool onItem = await (from i in db.PlanItems
                                 join p in db.Plans on i.PlanId equals p.Id
                                 where i.Id == itemId && p.DistrictId == districtId
                                 select i.Units.Any(x => x.UnitId == unit.Id)).FirstOrDefaultAsync(ct);
            if (!onItem)
            {
                return new Failure(FailureKind.Invalid, "所选任务不是该单位承担的任务，请重新选择或不选任务。");
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var order = new SupervisionOrder
        {
            DistrictId = districtId,
            UnitId = unit.Id,
            ItemId = form.ItemId,
            Number = "",
            Subject = subject,
            Requirement = requirement,
            ReplyBy = replyBy,
            State = OrderState.Issued,
            IssuedAt = now,
            IssuedBy = actor.UserName,
            Version = 1,
        };
        db.SupervisionOrders.Add(order);
        await db.SaveChangesAsync(ct);
        order.Number = (await numbering.TakeAsync(districtId, NumberKinds.Order, today.Year, Invariant($"SupervisionOrder:{order.Id}"), actor.UserName, ct)).Number;
        await db.SaveChangesAsync(ct);

        var district = await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => d.Name).FirstAsync(ct);
        var people = await db.Users.AsNoTracking()
            .Where(u => u.UnitId == unit.Id && (u.Role == AppRole.Clerk || u.Role == AppRole.UnitHead))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
        string title = ReminderSweep.Clip(Invariant($"【督办单】{order.Number}：{subject}"), 256);
        foreach (var p in people)
        {
            string body = Invariant($"{p.DisplayName}：\n\n{district}政府督查室向{unit.Name}下发督办单{order.Number}。\n\n督办事项：{subject}\n办理要求：{requirement}\n反馈时限：{Date(replyBy)}前\n\n请登录系统查看并回复：/Orders/{order.Id}\n\n（本消息由督查督办系统自动发送，请勿直接回复。）\n");
            foreach (var channel in string.IsNullOrWhiteSpace(p.Email) ? [Channel.InApp] : new[] { Channel.InApp, Channel.Email })
            {
                db.Notifications.Add(new Notification
                {
                    DistrictId = districtId,
                    UserId = p.Id,
                    UnitId = unit.Id,
                    Channel = channel,
                    Kind = NotificationKinds.Order,
                    Level = "Order",
                    Key = Invariant($"order:{order.Id}:{p.Id}"),
                    Subject = title,
                    Body = ReminderSweep.Clip(body, 8000),
                    CreatedAt = now,
                    ForDate = today,
                    SentAt = channel == Channel.InApp ? now : null,
                });
            }
        }

        AuditLog.Record(db, clock, actor.UserName, AuditActions.IssueOrder, nameof(SupervisionOrder), Invariant($"{order.Id}"), districtId, null,
            new { order.Number, unit = unit.Name, order.Subject, order.ReplyBy, order.ItemId, notified = people.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return order;
    }

    public Task<Outcome<SupervisionOrder>> ReplyAsync(SupervisionOrder order, int version, string? reply, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(actor);
        string text = reply?.Trim() ?? "";
        if (order.State == OrderState.Closed)
        {
            return Task.FromResult<Outcome<SupervisionOrder>>(new Failure(FailureKind.NotAllowed, "该督办单已办结，不能再回复。"));
        }

        if (text.Length == 0 || text.Length > 8000)
        {
            return Task.FromResult<Outcome<SupervisionOrder>>(new Failure(FailureKind.Invalid, "请填写办理情况（不超过 8000 字）。"));
        }

        return ChangeAsync(order, version, actor, AuditActions.ReplyOrder, o =>
        {
            o.Reply = text;
            o.RepliedAt = clock.GetUtcNow();
            o.RepliedBy = actor.UserName;
            o.State = OrderState.Replied;
        }, ct);
    }

    public Task<Outcome<SupervisionOrder>> CloseAsync(SupervisionOrder order, int version, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.State == OrderState.Closed)
        {
            return Task.FromResult<Outcome<SupervisionOrder>>(new Failure(FailureKind.NotAllowed, "该督办单已经办结。"));
        }

        return ChangeAsync(order, version, actor, AuditActions.CloseOrder, o => o.State = OrderState.Closed, ct);
    }

    /// <summary>The order as a .docx laid out as an official document (GB/T 9704), from the circulars' writer.</summary>
    public async Task<byte[]> DocxAsync(SupervisionOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        var settings = await DistrictSettingsDefaults.LoadAsync(db, order.DistrictId, ct);
        var district = await db.Districts.AsNoTracking().Where(d => d.Id == order.DistrictId).Select(d => d.Name).FirstAsync(ct);
        var plan = await db.Plans.AsNoTracking().Where(p => p.DistrictId == order.DistrictId).OrderByDescending(p => p.Year)
            .Select(p => new { p.Title, p.Year }).FirstOrDefaultAsync(ct);
        string unit = await db.Units.AsNoTracking().Where(u => u.Id == order.UnitId).Select(u => u.Name).FirstAsync(ct);
        string matter = order.Subject;
        if (order.ItemId is int itemId && await db.PlanItems.AsNoTracking().Where(i => i.Id == itemId).Select(i => new { i.Number, i.Text }).FirstOrDefaultAsync(ct) is { } item)
        {
            matter = Invariant($"第{item.Number}项：{(item.Text.Length > 60 ? item.Text[..60] + "…" : item.Text)}（{order.Subject}）");
        }

        string issuer = settings.CircularIssuer ?? district + "人民政府办公室";
        var facts = new SupervisionOrderFacts(issuer, order.Number, unit,
            plan?.Title ?? Invariant($"{district}{plan?.Year ?? order.ReplyBy.Year}年政府工作报告目标任务责任分解方案"),
            [new SupervisedTask(matter, unit, order.Requirement)], order.ReplyBy,
            DistrictClock.DateOf(order.IssuedAt), null);
        return OfficialDocumentWriter.WriteDocx(SupervisionOrderComposer.ToDocument(facts, SupervisionOrderComposer.Compose(facts)));
    }

    private async Task<Outcome<SupervisionOrder>> ChangeAsync(SupervisionOrder order, int version, Actor actor, string action, Action<SupervisionOrder> change, CancellationToken ct)
    {
        if (await Luoshi.Core.Features.Years.PlanYears.RefuseIfItemClosedAsync(db, order.ItemId, ct) is { } closed) return closed;
        if (order.Version != version)
        {
            return Conflict();
        }

        var before = new { order.State, order.Reply };
        change(order);
        order.Version = version + 1;
        AuditLog.Record(db, clock, actor.UserName, action, nameof(SupervisionOrder), Invariant($"{order.Id}"), order.DistrictId, before, new { order.State, order.Reply });
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await DistrictRevision.BumpAsync(db, order.DistrictId, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict();
        }

        return order;
    }

    private static Failure Conflict() => new(FailureKind.Conflict, "该督办单已被他人修改，您的操作没有保存。请查看最新内容后重试。");

    private static string Date(DateOnly d) => Luoshi.Parsing.Calendar.ChineseDates.Day(d);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
