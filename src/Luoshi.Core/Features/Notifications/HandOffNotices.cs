namespace Luoshi.Core.Features.Notifications;

/// <summary>Whose people a hand-off tells: the filing's unit, the item's lead units, or the district (its office).</summary>
public enum HandOffTarget
{
    FilingUnit,
    LeadUnits,
    District,
}

/// <summary>
/// Who is told of a hand-off: the accounts whose role grants <see cref="Permission"/> over the target (<see cref="AccessPolicy"/>),
/// so that a new role is told by adding its row there, not a branch here.
/// </summary>
public sealed record HandOffAudience(Permission Permission, HandOffTarget Target);

/// <summary>The message a step of the flow sends: its kind and who gets it.</summary>
public sealed record HandOffRule(string Kind, IReadOnlyList<HandOffAudience> Audience);

/// <summary>What the text of a hand-off message names.</summary>
public sealed record HandOffFacts(
    string Kind, FilingState From, string UnitName, string LeadUnitNames, int ItemSeq, string ItemText, ReportPeriod Period,
    string ActorName, string? Comment, DateOnly On, string Link);

/// <summary>
/// The hand-offs of the filing flow and whom each tells at once: submitted → the unit's head; approved → the office, or, for a
/// co-unit's part, the lead unit; returned → the clerk (with the comment; by the office: the unit's head too); accepted by the
/// office → the unit; a co-unit's part taken by the lead unit → the co-unit's clerk; reopened → the clerk.
/// </summary>
public static class HandOffRules
{
    private static readonly HandOffAudience Clerks = new(Permission.WriteOwnFiling, HandOffTarget.FilingUnit);
    private static readonly HandOffAudience Heads = new(Permission.ApproveOwnFiling, HandOffTarget.FilingUnit);
    private static readonly HandOffAudience LeadUnit = new(Permission.AcceptCoUnitPart, HandOffTarget.LeadUnits);
    private static readonly HandOffAudience Office = new(Permission.ReviewFiling, HandOffTarget.District);

    /// <summary>The message of the step that moved a filing from <paramref name="from"/> to <paramref name="to"/>; null: nobody is told.</summary>
    public static HandOffRule? For(FilingAction action, FilingState from, FilingState to) => (action, from, to) switch
    {
        (FilingAction.Submit, _, FilingState.AwaitingHead) => new(NotificationKinds.Submitted, [Heads]),
        (FilingAction.Approve, _, FilingState.WithLeadUnit) => new(NotificationKinds.HandedOver, [LeadUnit]),
        (FilingAction.Approve, _, FilingState.AwaitingOffice) => new(NotificationKinds.Approved, [Office]),
        (FilingAction.Return, FilingState.AwaitingOffice, _) => new(NotificationKinds.Returned, [Clerks, Heads]),
        (FilingAction.Return, _, _) => new(NotificationKinds.Returned, [Clerks]),
        (FilingAction.Accept, _, FilingState.Accepted) => new(NotificationKinds.Accepted, [Clerks, Heads]),
        (FilingAction.Accept, _, FilingState.Consolidated) => new(NotificationKinds.Accepted, [Clerks]),
        (FilingAction.Reopen, _, _) => new(NotificationKinds.Reopened, [Clerks]),
        _ => null,
    };

    /// <summary>
    /// Who is told of a step of a supervision order's reply (督办单): submitted → the unit's heads; approved → the office;
    /// returned by the head → the clerks; returned by the office, or closed → the clerks and the heads. Null: nobody.
    /// </summary>
    public static IReadOnlyList<HandOffAudience>? ForOrder(string action) => action switch
    {
        Orders.OrderEventActions.Submit => [Heads],
        Orders.OrderEventActions.Approve => [Office],
        Orders.OrderEventActions.HeadReturn => [Clerks],
        Orders.OrderEventActions.Return or Orders.OrderEventActions.Close => [Clerks, Heads],
        _ => null,
    };

    /// <summary>Whether an account of <paramref name="role"/> in unit <paramref name="unitId"/> is in <paramref name="audience"/> (the district already matched).</summary>
    public static bool Includes(HandOffAudience audience, AppRole role, int? unitId, int filingUnitId, IReadOnlyCollection<int> leadUnitIds)
    {
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(leadUnitIds);
        var reach = AccessPolicy.ReachOf(role, audience.Permission);
        if (reach is null)
        {
            return false;
        }

        return audience.Target switch
        {
            HandOffTarget.FilingUnit => reach == Reach.OwnUnit ? unitId == filingUnitId : reach == Reach.OwnDistrict && unitId is null,
            HandOffTarget.LeadUnits => reach == Reach.OwnUnit && unitId is { } u && leadUnitIds.Contains(u) && u != filingUnitId,
            HandOffTarget.District => reach == Reach.OwnDistrict,
            _ => false,
        };
    }

    /// <summary>The subject and body (to <paramref name="recipient"/>; null: the district's messenger group).</summary>
    public static (string Subject, string Body) Text(HandOffFacts f, string? recipient)
    {
        ArgumentNullException.ThrowIfNull(f);
        string filed = f.Period == ReportPeriod.WorkPlan ? "办理工作方案" : ReportPeriodLabels.Of(f.Period) + "完成情况";
        string what = Invariant($"第{f.ItemSeq}项{filed}");
        string item = Invariant($"第{f.ItemSeq}项：{Clip(f.ItemText, 80)}");
        string date = ReminderText.Date(f.On);
        string returnedBy = f.From switch
        {
            FilingState.AwaitingHead => "单位负责人",
            FilingState.WithLeadUnit => "牵头单位",
            FilingState.AwaitingOffice => "督查室",
            _ => "",
        };
        (string tag, string text) = f.Kind switch
        {
            NotificationKinds.Submitted => ("待审定", $"{f.ActorName}于{date}提交了{f.UnitName}的{filed}（{item}），请审定。"),
            NotificationKinds.HandedOver => ("配合单位报送", $"配合单位{f.UnitName}的{filed}（{item}）已经其单位负责人{f.ActorName}于{date}审定，交牵头单位{f.LeadUnitNames}汇总，请汇总。"),
            NotificationKinds.Approved => ("待接收", $"{f.UnitName}的{filed}（{item}）已经单位负责人{f.ActorName}于{date}审定，报送督查室，请审核接收。"),
            NotificationKinds.Returned => ("退回", $"{f.UnitName}的{filed}（{item}）于{date}被{returnedBy}{f.ActorName}退回，请修改后重新提交。\n\n退回意见：{f.Comment}"),
            NotificationKinds.Accepted => f.From == FilingState.WithLeadUnit
                ? ("已汇总", $"配合单位{f.UnitName}的{filed}（{item}）已由牵头单位{f.LeadUnitNames}的{f.ActorName}于{date}接收汇总。")
                : ("已接收", $"{f.UnitName}的{filed}（{item}）已由督查室{f.ActorName}于{date}接收。"),
            NotificationKinds.Reopened => ("重新开放", $"督查室{f.ActorName}于{date}重新开放了{f.UnitName}的{filed}（{item}），可以修改后再次报送。\n\n原因：{f.Comment}"),
            _ => ("通知", $"{f.UnitName}的{filed}（{item}）有新的办理情况。"),
        };
        string subject = Clip($"【{tag}】{f.UnitName} {what}", 256);
        string greeting = recipient is null ? "" : recipient + "：\n\n";
        string body = $"{greeting}{text}\n\n请登录系统查看：{f.Link}\n\n（本消息由督查督办系统自动发送，请勿直接回复。）\n";
        return (subject, Clip(body, 8000));
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>An account a hand-off may tell (the district's enabled accounts).</summary>
public sealed record HandOffPerson(string Id, string UserName, AppRole Role, int? UnitId, string DisplayName, string? Email);

/// <summary>What the messages of a filing's step name and whom they may reach: the district's accounts (in the order they are told), unit names, the item, whether the district has a messenger group (webhook).</summary>
public sealed record HandOffPlace(IReadOnlyList<HandOffPerson> People, IReadOnlyDictionary<int, string> UnitNames, int ItemSeq, string ItemText, bool Webhook);

/// <summary>
/// Stores the messages of a hand-off in the same save as the step (<see cref="FilingHandOffs"/>): an in-app message to each
/// person <see cref="HandOffRules"/> names (delivered at once), an e-mail to those with an address, and one message to the
/// district's messenger group when its settings give a webhook address; <see cref="NotificationDispatcher"/> sends the last
/// two. Not counted against, nor held back by, the reminders' weekly cap (that counts reminders only). The rows are built by
/// <see cref="Rows"/>, which the demo's year built in memory calls too.
/// </summary>
public sealed class HandOffNotices(LuoshiDb db, TimeProvider clock, PublicAddress address)
{
    /// <summary>The path of a filing's page.</summary>
    public static string FilingPath(int itemId, int unitId, ReportPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"/Work/Filing?item={itemId}&unit={unitId}&period={period}");

    /// <summary>The key of a hand-off message: <c>handoff:{filing}:{version}</c>, then <c>:{user}</c> for a person's (none for the group's).</summary>
    public static string Key(int filingId, int version, string? userId)
    {
        string key = string.Create(CultureInfo.InvariantCulture, $"handoff:{filingId}:{version}");
        return userId is null ? key : $"{key}:{userId}";
    }

    /// <summary>Adds (not saves) the messages of the step just applied to <paramref name="filing"/> (its version already raised); how many people are told.</summary>
    public async Task<int> AddAsync(Filing filing, FilingAction action, FilingState from, string? comment, Actor actor, IReadOnlyCollection<int> leadUnitIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filing);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(leadUnitIds);
        var rule = HandOffRules.For(action, from, filing.State);
        if (rule is null)
        {
            return 0;
        }

        var item = await db.PlanItems.AsNoTracking().Where(i => i.Id == filing.ItemId).Select(i => new { i.Seq, i.Text }).FirstAsync(ct);
        var unitIds = leadUnitIds.Append(filing.UnitId).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var people = await PeopleAsync(filing.DistrictId, actor, ct);
        bool webhook = await WebhookAsync(filing.DistrictId, ct);
        var (rows, told) = Rows(clock, address, rule, filing, from, comment, actor, leadUnitIds, new HandOffPlace(people, names, item.Seq, item.Text, webhook));
        db.Notifications.AddRange(rows);
        return told;
    }

    /// <summary>
    /// The messages (not added, not saved) of the step <paramref name="rule"/> names, just applied to <paramref name="filing"/> (its
    /// version already raised), under <see cref="Key"/>; and how many people they tell (the actor is never told of their own step).
    /// </summary>
    public static (IReadOnlyList<Notification> Rows, int People) Rows(TimeProvider clock, PublicAddress address, HandOffRule rule, Filing filing, FilingState from,
        string? comment, Actor actor, IReadOnlyCollection<int> leadUnitIds, HandOffPlace place)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(filing);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(leadUnitIds);
        ArgumentNullException.ThrowIfNull(place);
        var people = place.People
            .Where(u => u.UserName != actor.UserName && rule.Audience.Any(a => HandOffRules.Includes(a, u.Role, u.UnitId, filing.UnitId, leadUnitIds)))
            .ToList();
        var now = clock.GetUtcNow();
        var today = DistrictClock.Today(clock);
        var facts = new HandOffFacts(rule.Kind, from, place.UnitNames.GetValueOrDefault(filing.UnitId, "?"),
            string.Join("、", leadUnitIds.Where(l => l != filing.UnitId).Select(l => place.UnitNames.GetValueOrDefault(l, "?"))),
            place.ItemSeq, place.ItemText, filing.Period, actor.DisplayName, comment, today, address.Link(FilingPath(filing.ItemId, filing.UnitId, filing.Period)));
        var rows = Messages(filing.DistrictId, filing.UnitId, rule.Kind, Key(filing.Id, filing.Version, null), people, place.Webhook,
            to => HandOffRules.Text(facts, to), now, today);
        return (rows, people.Count);
    }

    /// <summary>
    /// Adds (not saves) the messages of a step of order <paramref name="order"/>'s reply loop (its version already raised): an
    /// in-app message under the key <c>order:{id}:v{version}:{user}</c> (the inbox links it to the order), an e-mail where the
    /// person has an address, and one message to the district's messenger group when set. Returns how many people are told.
    /// </summary>
    public async Task<int> AddOrderAsync(Orders.SupervisionOrder order, string action, string? comment, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(actor);
        if (HandOffRules.ForOrder(action) is not { } audience)
        {
            return 0;
        }

        string unit = await db.Units.AsNoTracking().Where(u => u.Id == order.UnitId).Select(u => u.Name).FirstAsync(ct);
        var people = (await PeopleAsync(order.DistrictId, actor, ct))
            .Where(u => audience.Any(a => HandOffRules.Includes(a, u.Role, u.UnitId, order.UnitId, Array.Empty<int>())))
            .ToList();
        var now = clock.GetUtcNow();
        var today = DistrictClock.Today(clock);
        string date = ReminderText.Date(today);
        string link = address.Link(string.Create(CultureInfo.InvariantCulture, $"/Orders/{order.Id}"));
        (string tag, string text) = action switch
        {
            Orders.OrderEventActions.Submit => ("待审定", $"{actor.DisplayName}于{date}起草了{unit}对督办单{order.Number}（{order.Subject}）的回复，请审定后报送督查室。"),
            Orders.OrderEventActions.Approve => ("待办结", $"{unit}对督办单{order.Number}（{order.Subject}）的回复已经单位负责人{actor.DisplayName}于{date}审定报送，请审核办结。"),
            Orders.OrderEventActions.HeadReturn => ("退回", $"{unit}对督办单{order.Number}（{order.Subject}）的回复于{date}被单位负责人{actor.DisplayName}退回，请修改后重新提交。\n\n退回意见：{comment}"),
            Orders.OrderEventActions.Return => ("退回", $"{unit}对督办单{order.Number}（{order.Subject}）的回复于{date}被督查室{actor.DisplayName}退回，未达督办要求，请按意见继续办理后重新回复。\n\n退回意见：{comment}"),
            _ => ("已办结", $"督办单{order.Number}（{order.Subject}）已由督查室{actor.DisplayName}于{date}办结。"),
        };
        string subject = ReminderSweep.Clip($"【督办单{tag}】{unit} {order.Number}", 256);
        string key = string.Create(CultureInfo.InvariantCulture, $"order:{order.Id}:v{order.Version}");
        string Body(string? to) => ReminderSweep.Clip($"{(to is null ? "" : to + "：\n\n")}{text}\n\n请登录系统查看：{link}\n\n（本消息由督查督办系统自动发送，请勿直接回复。）\n", 8000);
        db.Notifications.AddRange(Messages(order.DistrictId, order.UnitId, NotificationKinds.Order, key, people, await WebhookAsync(order.DistrictId, ct),
            to => (subject, Body(to)), now, today));
        return people.Count;
    }

    /// <summary>The district's enabled accounts but the actor's, by user name.</summary>
    private Task<List<HandOffPerson>> PeopleAsync(int districtId, Actor actor, CancellationToken ct) =>
        db.Users.AsNoTracking()
            .Where(u => u.DistrictId == districtId && !u.Disabled && u.UserName != actor.UserName)
            .OrderBy(u => u.UserName)
            .Select(u => new HandOffPerson(u.Id, u.UserName!, u.Role, u.UnitId, u.DisplayName, u.Email))
            .ToListAsync(ct);

    private Task<bool> WebhookAsync(int districtId, CancellationToken ct) =>
        db.DistrictSettings.AsNoTracking().AnyAsync(s => s.DistrictId == districtId && s.WebhookUrl != null && s.WebhookUrl != "", ct);

    /// <summary>
    /// The rows of one message: to each person in-app (delivered at once, key <c>{key}:{user}</c>) and by e-mail where they have an
    /// address, and, when the district has a messenger group and anyone is told, one to the group under <paramref name="key"/>.
    /// <paramref name="text"/> gives the subject and body to a person by name (null: the group).
    /// </summary>
    private static List<Notification> Messages(int districtId, int unitId, string kind, string key, IReadOnlyList<HandOffPerson> people, bool webhook,
        Func<string?, (string Subject, string Body)> text, DateTimeOffset now, DateOnly today)
    {
        var rows = new List<Notification>();
        foreach (var p in people)
        {
            var (subject, body) = text(p.DisplayName);
            foreach (var channel in string.IsNullOrWhiteSpace(p.Email) ? [Channel.InApp] : new[] { Channel.InApp, Channel.Email })
            {
                rows.Add(Row(districtId, unitId, p.Id, channel, kind, p.Role.ToString(), $"{key}:{p.Id}", subject, body, now, today));
            }
        }

        if (webhook && people.Count > 0)
        {
            var (subject, body) = text(null);
            rows.Add(Row(districtId, unitId, null, Channel.Webhook, kind, "Group", key, subject, body, now, today));
        }

        return rows;
    }

    private static Notification Row(int districtId, int unitId, string? userId, Channel channel, string kind, string level, string key, string subject, string body,
        DateTimeOffset now, DateOnly today) => new()
    {
        DistrictId = districtId,
        UserId = userId,
        UnitId = unitId,
        Channel = channel,
        Kind = kind,
        Level = level,
        Key = key,
        Subject = subject,
        Body = body,
        CreatedAt = now,
        ForDate = today,
        SentAt = channel == Channel.InApp ? now : null,
    };
}
