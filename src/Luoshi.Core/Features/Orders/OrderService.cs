using Luoshi.Core.Features.Circulars;

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

/// <summary>A file attached to an order's reply, as its page lists it.</summary>
public sealed record OrderAttachmentRow(int Id, string FileName, long Size, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>A unit or an item the office can pick when issuing an order.</summary>
public sealed record OrderChoice(int Id, string Label);

/// <summary>
/// Supervision orders (督办单): the office issues one to a unit (numbered from the district's 督办单 series, e.g. 岸督办〔2026〕3号, see NumberingService), the
/// unit's clerks and heads are notified (in-app and e-mail), the unit replies by the date, the office closes it. Every step
/// writes an audit entry and bumps the district's revision in its transaction; the number is taken inside the issuing
/// transaction, so two offices issuing at once wait for each other and never take the same number.
/// </summary>
public sealed class OrderService(LuoshiDb db, NumberingService numbering, TimeProvider clock, HandOffNotices? notices = null, VirusScanner? scanner = null)
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

    /// <summary>The days the proposed reply deadline of an order from a late row lies ahead.</summary>
    public const int ProposedReplyDays = 5;

    /// <summary>
    /// The issue form prefilled from a supervision row (the office edits it before issuing): the unit, the item, a subject
    /// naming what is owed, a requirement listing everything the unit owes now (this item first) with its deadlines, and a
    /// reply deadline <see cref="ProposedReplyDays"/> days ahead. An unknown unit or item is left out.
    /// </summary>
    public async Task<IssueForm> ProposeAsync(int districtId, int? unitId, int? itemId, Parsing.Calendar.ReportPeriod? period, YearSnapshot? snapshot, CancellationToken ct)
    {
        var today = Today;
        var form = new IssueForm { ReplyBy = today.AddDays(ProposedReplyDays) };
        if (unitId is not int uid || snapshot is null || snapshot.District.Id != districtId || !snapshot.Units.Any(u => u.Id == uid))
        {
            return form;
        }

        form.UnitId = uid;
        string unit = snapshot.UnitName(uid);
        var item = itemId is int iid ? snapshot.Items.FirstOrDefault(i => i.Id == iid && (i.LeadUnitIds.Contains(uid) || i.CoUnitIds.Contains(uid))) : null;
        form.ItemId = item?.Id;
        var owed = snapshot.Obligations.Where(o => o.UnitId == uid && (o.Status is ObligationStatus.Missing or ObligationStatus.Pending) && o.Due < today)
            .OrderBy(o => item is not null && o.ItemId == item.Id ? 0 : 1).ThenBy(o => o.Due).ThenBy(o => snapshot.Item(o.ItemId).Seq).ToList();
        string periodText = period is { } p ? ReminderSweep.PeriodText(p) : owed.Count > 0 ? ReminderSweep.PeriodText(owed[0].Period) : "工作进展情况";
        form.Subject = item is not null
            ? ReminderSweep.Clip(Invariant($"{ReminderSweep.ShortPart(item.PartTitle)}第{item.Number}项{periodText}逾期未报送"), 500)
            : Invariant($"{unit}{periodText}逾期未报送");
        var sb = new System.Text.StringBuilder();
        sb.Append(Invariant($"截至{Date(today)}，{unit}以下事项逾期未报送：\n"));
        int n = 0;
        foreach (var o in owed.Take(10))
        {
            var i = snapshot.Item(o.ItemId);
            sb.Append(Invariant($"{++n}. {ReminderSweep.ShortPart(i.PartTitle)}第{i.Number}项“{ReminderSweep.Clip(i.Text, 40)}”{ReminderSweep.PeriodText(o.Period)}（截止{Date(o.Due)}，已逾期{today.DayNumber - o.Due.DayNumber}天）\n"));
        }

        if (owed.Count > n)
        {
            sb.Append(Invariant($"……等共{owed.Count}项\n"));
        }

        if (n == 0 && item is not null)
        {
            sb.Append(Invariant($"1. {ReminderSweep.ShortPart(item.PartTitle)}第{item.Number}项“{ReminderSweep.Clip(item.Text, 40)}”{periodText}\n"));
        }

        sb.Append(Invariant($"请于{Date(form.ReplyBy.Value)}前将上述事项的办理情况经单位负责人审定后报送，说明逾期原因、目前进展及下步措施，并附佐证材料。"));
        form.Requirement = ReminderSweep.Clip(sb.ToString(), 8000);
        return form;
    }

    /// <summary>"逾期未回复" (still unanswered after the date), "逾期回复" (answered after it), or null.</summary>
    /// <remarks>A reply counts as given when the unit's head approved it to the office; one returned is owed again.</remarks>
    public static string? Late(OrderState state, DateOnly replyBy, DateTimeOffset? repliedAt, DateOnly today) =>
        state is OrderState.Replied or OrderState.Closed
            ? repliedAt is { } at && DistrictClock.DateOf(at) > replyBy ? "逾期回复" : null
            : today > replyBy ? "逾期未回复" : null;

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

        db.OrderEvents.Add(new OrderEvent { OrderId = order.Id, At = now, By = actor.UserName, Action = OrderEventActions.Issue, ToState = order.State });
        AuditLog.Record(db, clock, actor.UserName, AuditActions.IssueOrder, nameof(SupervisionOrder), Invariant($"{order.Id}"), districtId, null,
            new { order.Number, unit = unit.Name, order.Subject, order.ReplyBy, order.ItemId, notified = people.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return order;
    }

    /// <summary>The states in which the unit's clerk may write the reply and its attachments: issued, or returned by the head or the office.</summary>
    public static bool Editable(OrderState state) => state is OrderState.Issued or OrderState.Returned;

    /// <summary>
    /// The unit's clerk (anyone holding <see cref="Permission.ReplyOrder"/> over the unit) saves the reply as a draft, or,
    /// with <paramref name="submit"/>, submits it to the unit's head for approval (the heads are told at once). Only while the
    /// order is <see cref="Editable"/>; the version guards against a silent overwrite.
    /// </summary>
    public async Task<Outcome<SupervisionOrder>> ReplyAsync(SupervisionOrder order, int version, string? reply, bool submit, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(actor);
        string text = reply?.Trim() ?? "";
        if (!actor.Has(Permission.ReplyOrder, order.DistrictId, order.UnitId))
        {
            return new Failure(FailureKind.NotFound, "找不到该督办单。");
        }

        if (!Editable(order.State))
        {
            return new Failure(FailureKind.NotAllowed, Invariant($"该督办单{StateName(order.State)}，现在不能修改回复。"));
        }

        if ((submit && text.Length == 0) || text.Length > 8000)
        {
            return new Failure(FailureKind.Invalid, "请填写办理情况（不超过 8000 字）。");
        }

        return await ChangeAsync(order, version, actor, submit ? AuditActions.SubmitOrderReply : AuditActions.DraftOrderReply,
            submit ? OrderEventActions.Submit : OrderEventActions.Draft, null, o =>
            {
                o.Reply = text.Length == 0 ? null : text;
                o.RepliedBy = actor.UserName;
                if (submit)
                {
                    o.State = OrderState.AwaitingHead;
                }
            }, ct);
    }

    /// <summary>The unit's head approves the reply: it goes to the office (the office is told), dated now (on time or late).</summary>
    public Task<Outcome<SupervisionOrder>> ApproveAsync(SupervisionOrder order, int version, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Has(Permission.ApproveOwnFiling, order.DistrictId, order.UnitId))
        {
            return Task.FromResult<Outcome<SupervisionOrder>>(new Failure(FailureKind.NotFound, "找不到该督办单。"));
        }

        if (order.State != OrderState.AwaitingHead)
        {
            return Task.FromResult<Outcome<SupervisionOrder>>(new Failure(FailureKind.NotAllowed, Invariant($"该督办单{StateName(order.State)}，没有待审定的回复。")));
        }

        return ChangeAsync(order, version, actor, AuditActions.ApproveOrderReply, OrderEventActions.Approve, null, o =>
        {
            o.State = OrderState.Replied;
            o.RepliedAt = clock.GetUtcNow();
            o.ApprovedBy = actor.UserName;
            o.ReturnComment = null;
        }, ct);
    }

    /// <summary>
    /// Returns the reply with a comment: the unit's head a reply awaiting approval (back to the clerk), or the office a reply
    /// it finds not satisfactory (未达要求; back to the unit's clerk and head). Anyone else: not found.
    /// </summary>
    public Task<Outcome<SupervisionOrder>> ReturnAsync(SupervisionOrder order, int version, string? comment, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(actor);
        string text = comment?.Trim() ?? "";
        bool office = actor.CanSupervise(order.DistrictId);
        bool head = actor.Has(Permission.ApproveOwnFiling, order.DistrictId, order.UnitId);
        if (!office && !head)
        {
            return Task.FromResult<Outcome<SupervisionOrder>>(new Failure(FailureKind.NotFound, "找不到该督办单。"));
        }

        var expected = office ? OrderState.Replied : OrderState.AwaitingHead;
        if (order.State != expected)
        {
            return Task.FromResult<Outcome<SupervisionOrder>>(new Failure(FailureKind.NotAllowed, Invariant($"该督办单{StateName(order.State)}，现在不能退回。")));
        }

        if (text.Length == 0 || text.Length > 2000)
        {
            return Task.FromResult<Outcome<SupervisionOrder>>(new Failure(FailureKind.Invalid, "请填写退回意见（不超过 2000 字）。"));
        }

        return ChangeAsync(order, version, actor, office ? AuditActions.ReturnOrder : AuditActions.ReturnOrderReply,
            office ? OrderEventActions.Return : OrderEventActions.HeadReturn, text, o =>
            {
                o.State = office ? OrderState.Returned : OrderState.Issued;
                o.ReturnComment = text;
            }, ct);
    }

    /// <summary>The office accepts the unit's reply (办结): only a reply the unit's head approved.</summary>
    public Task<Outcome<SupervisionOrder>> CloseAsync(SupervisionOrder order, int version, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.CanSupervise(order.DistrictId))
        {
            return Task.FromResult<Outcome<SupervisionOrder>>(new Failure(FailureKind.NotFound, "找不到该督办单。"));
        }

        if (order.State == OrderState.Closed)
        {
            return Task.FromResult<Outcome<SupervisionOrder>>(new Failure(FailureKind.NotAllowed, "该督办单已经办结。"));
        }

        if (order.State != OrderState.Replied)
        {
            return Task.FromResult<Outcome<SupervisionOrder>>(new Failure(FailureKind.NotAllowed, "单位尚未报送经负责人审定的回复，不能办结。"));
        }

        return ChangeAsync(order, version, actor, AuditActions.CloseOrder, OrderEventActions.Close, null, o =>
        {
            o.State = OrderState.Closed;
            o.ReturnComment = null;
        }, ct);
    }

    /// <summary>The most files on one order's reply.</summary>
    public const int MaxAttachments = EvidenceStore.MaxEvidenceFiles;

    /// <summary>
    /// Attaches a file to the reply while the clerk may edit it, checked as every stored file is (<see cref="StoredFiles"/>:
    /// size, then the virus scan, an infected file refused and audited, a scanner that cannot answer refusing every file,
    /// then the type by content); at most <see cref="MaxAttachments"/>. The order's version is raised, so a parallel attach or
    /// edit conflicts rather than passing the limit. Nothing is stored unless every check passes.
    /// </summary>
    public async Task<Outcome<SupervisionOrder>> AttachAsync(SupervisionOrder order, int version, string fileName, byte[] content, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Has(Permission.ReplyOrder, order.DistrictId, order.UnitId))
        {
            return new Failure(FailureKind.NotFound, "找不到该督办单。");
        }

        if (!Editable(order.State))
        {
            return new Failure(FailureKind.NotAllowed, Invariant($"该督办单{StateName(order.State)}，现在不能添加附件。"));
        }

        if (order.Version != version)
        {
            return Conflict();
        }

        if (await db.OrderAttachments.CountAsync(a => a.OrderId == order.Id, ct) >= MaxAttachments)
        {
            return new Failure(FailureKind.Invalid, Invariant($"每份督办单回复最多 {MaxAttachments} 个附件。"));
        }

        var accepted = await new StoredFiles(db, clock, scanner).AcceptAsync(new OrderAttachment { OrderId = order.Id }, fileName, content, actor,
            new FileOwner(nameof(SupervisionOrder), Invariant($"{order.Id}"), order.DistrictId), ct);
        if (!accepted.Ok)
        {
            return accepted.Failure!;
        }

        var file = accepted.Value!;
        return await ChangeAsync(order, version, actor, AuditActions.AttachOrderFile, OrderEventActions.Attach, file.FileName, _ => db.OrderAttachments.Add(file), ct);
    }

    /// <summary>Removes an attachment while the clerk may edit the reply.</summary>
    public async Task<Outcome<SupervisionOrder>> DetachAsync(SupervisionOrder order, int version, int attachmentId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(actor);
        var file = await db.OrderAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.OrderId == order.Id, ct);
        if (file is null || !actor.Has(Permission.ReplyOrder, order.DistrictId, order.UnitId))
        {
            return new Failure(FailureKind.NotFound, "找不到该附件。");
        }

        if (!Editable(order.State))
        {
            return new Failure(FailureKind.NotAllowed, Invariant($"该督办单{StateName(order.State)}，现在不能删除附件。"));
        }

        return await ChangeAsync(order, version, actor, AuditActions.DetachOrderFile, OrderEventActions.Detach, file.FileName, _ => db.OrderAttachments.Remove(file), ct);
    }

    /// <summary>An attachment of <paramref name="order"/> (which the caller may read), or null.</summary>
    public async Task<EvidenceFile?> AttachmentAsync(SupervisionOrder order, int attachmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        return await db.OrderAttachments.AsNoTracking().Where(a => a.Id == attachmentId && a.OrderId == order.Id)
            .Select(a => new EvidenceFile(a.FileName, a.ContentType, a.Content)).FirstOrDefaultAsync(ct);
    }

    /// <summary>What an order's page shows besides the order: its history and its attachments.</summary>
    public async Task<(List<OrderEvent> Events, List<OrderAttachmentRow> Files)> LoopAsync(int orderId, CancellationToken ct)
    {
        var events = await db.OrderEvents.AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.Id).ToListAsync(ct);
        var files = await db.OrderAttachments.AsNoTracking().Where(a => a.OrderId == orderId).OrderBy(a => a.Id)
            .Select(a => new OrderAttachmentRow(a.Id, a.FileName, a.Size, a.UploadedAt, a.UploadedBy)).ToListAsync(ct);
        return (events, files);
    }

    /// <summary>The Chinese name of an order's state.</summary>
    public static string StateName(OrderState state) => state switch
    {
        OrderState.Issued => "待回复",
        OrderState.AwaitingHead => "待单位负责人审定",
        OrderState.Replied => "已回复，待督查室办结",
        OrderState.Returned => "已退回，待重新回复",
        OrderState.Closed => "已办结",
        _ => state.ToString(),
    };

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

    /// <summary>
    /// One step: the version checked and raised (optimistic concurrency, like filings), the event and the audit entry written,
    /// the people of the next hand-off told (<see cref="HandOffNotices.AddOrderAsync"/>), and the district's revision bumped, in
    /// one transaction; a stale version stores nothing.
    /// </summary>
    internal async Task<Outcome<SupervisionOrder>> ChangeAsync(SupervisionOrder order, int version, Actor actor, string audit, string step, string? comment,
        Action<SupervisionOrder> change, CancellationToken ct)
    {
        if (await Luoshi.Core.Features.Years.PlanYears.RefuseIfItemClosedAsync(db, order.ItemId, ct) is { } closed) return closed;
        if (order.Version != version)
        {
            return Conflict();
        }

        var before = new { order.State, order.Reply };
        change(order);
        order.Version = version + 1;
        db.OrderEvents.Add(new OrderEvent { OrderId = order.Id, At = clock.GetUtcNow(), By = actor.UserName, Action = step, ToState = order.State, Comment = comment });
        AuditLog.Record(db, clock, actor.UserName, audit, nameof(SupervisionOrder), Invariant($"{order.Id}"), order.DistrictId, before,
            new { order.State, order.Reply, comment });
        if (notices is not null)
        {
            await notices.AddOrderAsync(order, step, comment, actor, ct);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await DistrictRevision.BumpAsync(db, order.DistrictId, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict();
        }

        return order;
    }

    private static Failure Conflict() => new(FailureKind.Conflict, "该督办单已被他人修改，您的操作没有保存。请查看最新内容后重试。");

    private static string Date(DateOnly d) => Luoshi.Parsing.Calendar.ChineseDates.Day(d);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
