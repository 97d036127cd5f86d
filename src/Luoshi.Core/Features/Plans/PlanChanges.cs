namespace Luoshi.Core.Features.Plans;

/// <summary>
/// Changing a published plan during the year (计划调整), as the office that runs it (<see cref="Permission.RunPlans"/>): add an
/// item, split one into two, merge two, hand an item from one unit to another (移交), defer a deadline (延期). Each needs a
/// reason, is audited, tells the units concerned in their inbox, and keeps filed work with the item (and unit) it belongs
/// to: a split leaves the filings on the first half, a hand-over leaves the old unit's filings with it, a merge moves the
/// second item's filings to the first. Every change moves the district revision in the same transaction.
/// </summary>
public sealed class PlanChanges(LuoshiDb db, TimeProvider clock)
{
    private static readonly Failure NotFound = new(FailureKind.NotFound, "没有找到该事项。");
    private static readonly Failure Stale = new(FailureKind.Conflict, "该事项刚被他人修改过，您的调整没有保存。请刷新页面后重试。");
    private static readonly Failure NoReason = new(FailureKind.Invalid, "请填写调整原因。");

    /// <summary>Adds an item at the end of a part of the plan, led by <paramref name="leadUnitId"/>.</summary>
    public async Task<Outcome<PlanItem>> AddItemAsync(Actor actor, int planId, int partId, string? number, string? text, string? deadline,
        int leadUnitId, IReadOnlyCollection<int> coUnitIds, string? reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(coUnitIds);
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null || actor is null || !actor.CanRunPlans(plan.DistrictId) || !await db.PlanParts.AnyAsync(p => p.Id == partId && p.PlanId == planId, ct))
        {
            return NotFound;
        }

        if (Check(reason, text, number) is { } invalid)
        {
            return invalid;
        }

        var unitIds = coUnitIds.Prepend(leadUnitId).Distinct().ToList();
        if (await db.Units.CountAsync(u => unitIds.Contains(u.Id) && u.DistrictId == plan.DistrictId && u.RetiredAt == null, ct) != unitIds.Count)
        {
            return new Failure(FailureKind.Invalid, "所选单位不在本区名录中（或已撤销）。");
        }

        int seq = await db.PlanItems.Where(i => i.PlanId == planId && i.PartId == partId).MaxAsync(i => (int?)i.Seq, ct)
            ?? await db.PlanItems.Where(i => i.PlanId == planId).MaxAsync(i => (int?)i.Seq, ct) ?? 0;
        var item = new PlanItem { PlanId = planId, PartId = partId, Number = number!.Trim(), Text = text!.Trim(), Deadline = Blank(deadline), Version = 1 };
        item.Units.Add(new ItemUnit { UnitId = leadUnitId, Role = UnitRole.Lead });
        item.Units.AddRange(unitIds.Skip(1).Select(u => new ItemUnit { UnitId = u, Role = UnitRole.Co }));
        return await InTransactionAsync(plan.DistrictId, async () =>
        {
            await ShiftAfterAsync(planId, seq, ct);
            item.Seq = seq + 1;
            db.PlanItems.Add(item);
            await db.SaveChangesAsync(ct);
            Record(actor, AuditActions.AddItem, item.Id, plan.DistrictId, null, new { item.Number, item.Text, item.Deadline, units = unitIds, reason = reason!.Trim() });
            await TellAsync(plan.DistrictId, unitIds, item, "新增事项", $"区政府督查室在年度计划中新增事项{item.Number}，由你单位承担。\n\n事项：{item.Text}\n调整原因：{reason!.Trim()}", ct);
            return item;
        }, ct);
    }

    /// <summary>
    /// Splits an item in two: the item keeps its number, its filings and its units with <paramref name="firstText"/>; a new item
    /// right after it (numbered <paramref name="secondNumber"/>, by default “N之二”) takes <paramref name="secondText"/> with the same units.
    /// </summary>
    public async Task<Outcome<(PlanItem First, PlanItem Second)>> SplitAsync(Actor actor, int itemId, int version, string? firstText, string? secondText,
        string? secondNumber, string? reason, CancellationToken ct = default)
    {
        var current = await CurrentAsync(actor, itemId, version, i => Check(reason, firstText, i.Number) ?? Check(reason, secondText, Blank(secondNumber) ?? i.Number + "之二"), ct);
        if (current.Failure is { } refused)
        {
            return refused;
        }

        var (item, districtId) = current.Value;
        string before = item.Text;
        return await InTransactionAsync(districtId, async () =>
        {
            await ShiftAfterAsync(item.PlanId, item.Seq, ct);
            var second = new PlanItem(item)
            {
                PlanId = item.PlanId, PartId = item.PartId, Seq = item.Seq + 1, Number = (Blank(secondNumber) ?? item.Number + "之二").Trim(),
                Text = secondText!.Trim(), FirstLine = item.FirstLine, LastLine = item.LastLine, Version = 1,
            };
            second.Units.AddRange(item.Units.Select(u => new ItemUnit { UnitId = u.UnitId, Role = u.Role, Printed = u.Printed }));
            item.Text = firstText!.Trim();
            item.Version++;
            db.PlanItems.Add(second);
            await db.SaveChangesAsync(ct);
            Record(actor, AuditActions.SplitItem, item.Id, districtId, new { item.Number, text = before },
                new { first = new { item.Id, item.Number, item.Text }, second = new { second.Id, second.Number, second.Text }, reason = reason!.Trim() });
            await TellAsync(districtId, item.Units.Select(u => u.UnitId), item, "事项拆分",
                $"区政府督查室将事项{item.Number}拆分为两项：\n{item.Number}：{item.Text}\n{second.Number}：{second.Text}\n\n已报送的材料保留在事项{item.Number}。\n调整原因：{reason!.Trim()}", ct);
            return (item, second);
        }, ct);
    }

    /// <summary>
    /// Merges <paramref name="otherId"/> into <paramref name="itemId"/> (same plan): the text becomes <paramref name="text"/>, the
    /// other item's units, targets and filings come over and the other item goes. Refused, with nothing changed, when a unit
    /// filed the same period for both.
    /// </summary>
    public async Task<Outcome<PlanItem>> MergeAsync(Actor actor, int itemId, int version, int otherId, int otherVersion, string? text, string? reason, CancellationToken ct = default)
    {
        var current = await CurrentAsync(actor, itemId, version, null, ct);
        if (current.Failure is { } refused)
        {
            return refused;
        }

        var (item, districtId) = current.Value;
        var (other, otherDistrict) = otherId == itemId ? (null, 0) : await FindAsync(actor, otherId, ct);
        if (other is null || otherDistrict != districtId || other.PlanId != item.PlanId)
        {
            return new Failure(FailureKind.Invalid, "请选择同一计划中的另一事项。");
        }

        if (other.Version != otherVersion)
        {
            return Stale;
        }

        if (Check(reason, text, item.Number) is { } invalid)
        {
            return invalid;
        }

        var filings = await db.Filings.Where(f => f.ItemId == itemId || f.ItemId == otherId).ToListAsync(ct);
        var clash = filings.Where(f => f.ItemId == otherId).Where(f => filings.Any(g => g.ItemId == itemId && g.UnitId == f.UnitId && g.Period == f.Period)).ToList();
        if (clash.Count > 0)
        {
            return new Failure(FailureKind.NotAllowed, $"同一单位对事项{item.Number}和{other.Number}的同一期次都已报送，无法合并：请先与单位核对，退回其中一份后再合并。");
        }

        var before = new { first = new { item.Number, item.Text }, second = new { other.Number, other.Text } };
        var unitsBefore = item.Units.Select(u => u.UnitId).Concat(other.Units.Select(u => u.UnitId)).Distinct().ToList();
        return await InTransactionAsync(districtId, async () =>
        {
            foreach (var u in other.Units)
            {
                var kept = item.Units.FirstOrDefault(x => x.UnitId == u.UnitId);
                if (kept is null)
                {
                    item.Units.Add(new ItemUnit { UnitId = u.UnitId, Role = u.Role, Printed = u.Printed });
                }
                else if (u.Role == UnitRole.Lead)
                {
                    kept.Role = UnitRole.Lead;
                }
            }

            int seq = item.Indicators.Count == 0 ? 0 : item.Indicators.Max(i => i.Seq);
            foreach (var x in other.Indicators.OrderBy(i => i.Seq).ToList())
            {
                other.Indicators.Remove(x);
                x.ItemId = item.Id;
                x.Seq = ++seq;
                item.Indicators.Add(x);
            }

            foreach (var f in filings.Where(f => f.ItemId == otherId))
            {
                f.ItemId = item.Id;
            }

            foreach (var o in await db.SupervisionOrders.Where(o => o.ItemId == otherId).ToListAsync(ct))
            {
                o.ItemId = item.Id;
            }

            await db.SaveChangesAsync(ct);
            item.Text = text!.Trim();
            item.Version++;
            db.PlanItems.Remove(other);
            await db.SaveChangesAsync(ct);
            Record(actor, AuditActions.MergeItems, item.Id, districtId, before, new { item.Number, item.Text, removed = other.Number, reason = reason!.Trim() });
            await TellAsync(districtId, unitsBefore, item, "事项合并",
                $"区政府督查室将事项{other.Number}并入事项{item.Number}：\n{item.Number}：{item.Text}\n\n事项{other.Number}已报送的材料随之转入事项{item.Number}。\n调整原因：{reason!.Trim()}", ct);
            return item;
        }, ct);
    }

    /// <summary>
    /// Hands an item from one of its units to another (移交): the new unit takes the old one's role; what the old unit filed
    /// stays with it (its work, in its name); both units are told.
    /// </summary>
    public async Task<Outcome<PlanItem>> HandOverAsync(Actor actor, int itemId, int version, int fromUnitId, int toUnitId, string? reason, CancellationToken ct = default)
    {
        var current = await CurrentAsync(actor, itemId, version, i => Check(reason, i.Text, i.Number), ct);
        if (current.Failure is { } refused)
        {
            return refused;
        }

        var (item, districtId) = current.Value;
        var from = item.Units.FirstOrDefault(u => u.UnitId == fromUnitId);
        var to = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == toUnitId && u.DistrictId == districtId && u.RetiredAt == null, ct);
        if (from is null || to is null)
        {
            return new Failure(FailureKind.Invalid, "移出单位不是该事项的责任单位，或接收单位不在本区名录中。");
        }

        if (item.Units.Any(u => u.UnitId == toUnitId))
        {
            return new Failure(FailureKind.Invalid, $"“{to.Name}”已是该事项的责任单位。");
        }

        string fromName = await db.Units.Where(u => u.Id == fromUnitId).Select(u => u.Name).FirstAsync(ct);
        return await InTransactionAsync(districtId, async () =>
        {
            item.Units.Remove(from);
            item.Units.Add(new ItemUnit { UnitId = toUnitId, Role = from.Role, Printed = to.Name });
            item.Version++;
            await db.SaveChangesAsync(ct);
            Record(actor, AuditActions.HandOverItem, item.Id, districtId, new { item.Number, unit = fromName, role = from.Role.ToString() },
                new { item.Number, unit = to.Name, role = from.Role.ToString(), reason = reason!.Trim() });
            await TellAsync(districtId, [toUnitId], item, "事项移交",
                $"区政府督查室将事项{item.Number}由{fromName}移交你单位（{(from.Role == UnitRole.Lead ? "牵头" : "配合")}）。\n\n事项：{item.Text}\n调整原因：{reason!.Trim()}", ct);
            await TellAsync(districtId, [fromUnitId], item, "事项移交",
                $"区政府督查室将事项{item.Number}由你单位移交{to.Name}。你单位已报送的材料保留。\n\n调整原因：{reason!.Trim()}", ct);
            return item;
        }, ct);
    }

    /// <summary>Defers an item's deadline (延期) to <paramref name="deadline"/> (as the plan prints deadlines, e.g. 2026年9月底前).</summary>
    public async Task<Outcome<PlanItem>> DeferAsync(Actor actor, int itemId, int version, string? deadline, string? reason, CancellationToken ct = default)
    {
        var current = await CurrentAsync(actor, itemId, version, i => Check(reason, i.Text, i.Number), ct);
        if (current.Failure is { } refused)
        {
            return refused;
        }

        var (item, districtId) = current.Value;
        string? next = Blank(deadline);
        if (next is null || next.Length > 256)
        {
            return new Failure(FailureKind.Invalid, "请填写新的完成时限（不超过 256 个字）。");
        }

        string? before = item.Deadline;
        return await InTransactionAsync(districtId, async () =>
        {
            item.Deadline = next;
            item.Version++;
            await db.SaveChangesAsync(ct);
            Record(actor, AuditActions.DeferItem, item.Id, districtId, new { item.Number, deadline = before }, new { item.Number, deadline = next, reason = reason!.Trim() });
            await TellAsync(districtId, item.Units.Select(u => u.UnitId), item, "事项延期",
                $"区政府督查室将事项{item.Number}的完成时限由“{before ?? "未定"}”调整为“{next}”。\n\n调整原因：{reason!.Trim()}", ct);
            return item;
        }, ct);
    }

    /// <summary>
    /// The item the office changes, with its district: not found unless the actor runs the district's plans; stale when
    /// changed since <paramref name="version"/>; then refused by <paramref name="check"/> (the reason and the new texts), if any.
    /// </summary>
    private async Task<Outcome<(PlanItem Item, int DistrictId)>> CurrentAsync(Actor actor, int itemId, int version, Func<PlanItem, Failure?>? check, CancellationToken ct)
    {
        var (item, districtId) = await FindAsync(actor, itemId, ct);
        if (item is null)
        {
            return NotFound;
        }

        if (item.Version != version)
        {
            return Stale;
        }

        return check?.Invoke(item) is { } invalid ? invalid : (item, districtId);
    }

    private async Task<(PlanItem? Item, int DistrictId)> FindAsync(Actor actor, int itemId, CancellationToken ct)
    {
        var item = await db.PlanItems.Include(i => i.Units).Include(i => i.Indicators).FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null || actor is null)
        {
            return (null, 0);
        }

        int districtId = await db.Plans.Where(p => p.Id == item.PlanId).Select(p => p.DistrictId).FirstAsync(ct);
        return actor.CanRunPlans(districtId) ? (item, districtId) : (null, 0);
    }

    private static Failure? Check(string? reason, string? text, string? number)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return NoReason;
        }

        if (reason.Trim().Length > 1000)
        {
            return new Failure(FailureKind.Invalid, "调整原因不超过 1000 个字。");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > 8000)
        {
            return new Failure(FailureKind.Invalid, "请填写事项内容（不超过 8000 个字）。");
        }

        return string.IsNullOrWhiteSpace(number) || number.Trim().Length > 16 ? new Failure(FailureKind.Invalid, "请填写事项编号（不超过 16 个字）。") : null;
    }

    /// <summary>Makes room after position <paramref name="seq"/> (two steps, so the unique (plan, seq) index holds on every row).</summary>
    private async Task ShiftAfterAsync(int planId, int seq, CancellationToken ct)
    {
        await db.PlanItems.Where(i => i.PlanId == planId && i.Seq > seq).ExecuteUpdateAsync(s => s.SetProperty(i => i.Seq, i => -i.Seq - 1), ct);
        await db.PlanItems.Where(i => i.PlanId == planId && i.Seq < 0).ExecuteUpdateAsync(s => s.SetProperty(i => i.Seq, i => -i.Seq), ct);
    }

    private void Record(Actor actor, string action, int itemId, int districtId, object? before, object after) =>
        AuditLog.Record(db, clock, actor.UserName, action, nameof(PlanItem), itemId.ToString(CultureInfo.InvariantCulture), districtId, before, after);

    /// <summary>An in-app message to each clerk and head of the units.</summary>
    private async Task TellAsync(int districtId, IEnumerable<int> unitIds, PlanItem item, string what, string body, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => u.UnitId != null && ids.Contains(u.UnitId.Value) && (u.Role == AppRole.Clerk || u.Role == AppRole.UnitHead))
            .Select(u => new { u.Id, u.UnitId, u.DisplayName }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var today = Supervision.DistrictClock.Today(clock);
        long stamp = now.ToUnixTimeMilliseconds();
        foreach (var p in people)
        {
            db.Notifications.Add(new Notification
            {
                DistrictId = districtId,
                UserId = p.Id,
                UnitId = p.UnitId,
                Channel = Channel.InApp,
                Kind = NotificationKinds.PlanChange,
                Level = "Office",
                Key = string.Create(CultureInfo.InvariantCulture, $"plan-change:{item.Id}:{what}:{p.Id}:{stamp}"),
                Subject = Supervision.ReminderSweep.Clip($"【计划调整】{what}：事项{item.Number}", 256),
                Body = Supervision.ReminderSweep.Clip($"{p.DisplayName}：\n\n{body}\n\n（本消息由督查督办系统自动发送。）\n", 8000),
                CreatedAt = now,
                ForDate = today,
                SentAt = now,
            });
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<Outcome<T>> InTransactionAsync<T>(int districtId, Func<Task<T>> change, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var result = await change();
                await db.SaveChangesAsync(ct);
                await DistrictRevision.BumpAsync(db, districtId, ct);
                await tx.CommitAsync(ct);
                return (Outcome<T>)result;
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Stale;
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
