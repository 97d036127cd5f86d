namespace Luoshi.Core.Features.Circulars;

/// <summary>
/// The quarterly circular (通报): drafted from the year snapshot (progress by part, the units late on the
/// period, the items behind), edited by the office as text, then issued and fixed. Word from
/// <see cref="OfficialDocumentWriter"/>, PDF through LibreOffice.
/// </summary>
public sealed class CircularService(LuoshiDb db, YearQueries years, NumberingService numbering, TimeProvider clock)
{
    /// <summary>The addressee when the notice's own 主送 cannot be found in its text.</summary>
    public const string DefaultAddressee = "各街道办事处，区人民政府各部门，各有关单位：";

    /// <summary>
    /// The notice's own 主送机关: the first line of its text, before the body begins, that ends with "：" and names 各…
    /// ("各街道办事处、乡人民政府，区人民政府各部门，各有关单位："); null when there is none.
    /// </summary>
    public static string? AddresseeOf(string? noticeText)
    {
        if (string.IsNullOrWhiteSpace(noticeText))
        {
            return null;
        }

        foreach (string raw in noticeText.ReplaceLineEndings("\n").Split('\n').Take(60))
        {
            string line = raw.Trim().TrimStart('#', ' ', '*').TrimEnd('*', ' ');
            if (line.Length is > 2 and <= 120 && (line.EndsWith('：') || line.EndsWith(':')) && line.StartsWith('各'))
            {
                return string.Concat(line.Where(c => !char.IsWhiteSpace(c))).TrimEnd(':', '：') + "：";
            }
        }

        return null;
    }

    /// <summary>The facts of a circular on <paramref name="period"/> as the data stands today.</summary>
    public static CircularFacts Facts(YearSnapshot s, ReportPeriod period, string supervisor, string planTitle)
    {
        ArgumentNullException.ThrowIfNull(s);
        var deadline = s.Rules.Calendar.For(period)?.Date ?? s.Today;
        var parts = s.Items.GroupBy(i => (i.PartIndex, i.PartTitle)).OrderBy(g => g.Key.PartIndex)
            .Select(g => new PartProgress(PartName(g.Key.PartTitle), g.Count(),
                g.Count(i => i.Status.State == ItemState.Done), g.Count(i => i.Status.State == ItemState.OnTrack),
                g.Count(i => i.Status.State == ItemState.Behind), g.Count(i => i.Status.State == ItemState.Overdue))).ToList();

        // Late: what was owed to the office for this period and came after the deadline, or has not come.
        var late = s.Obligations.Where(o => o.Period == period && !o.PartToLead && o.Status is ObligationStatus.Late or ObligationStatus.Missing)
            .GroupBy(o => o.UnitId)
            .Select(g => new LateUnit(s.UnitName(g.Key), [.. g.OrderBy(o => s.Item(o.ItemId).Seq)
                .Select(o => new LateFiling(s.Item(o.ItemId).Number, ReportPeriodLabels.Of(o.Period), o.SubmittedOn) { PartName = PartName(s.Item(o.ItemId).PartTitle) })]))
            .OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        var behind = s.Items.Where(i => i.Status.State == ItemState.Behind && i.Status.ActualPercent is not null)
            .OrderBy(i => i.Seq)
            .Select(i => new BehindItem(PartName(i.PartTitle), i.Number, i.Text, string.Join("、", i.LeadUnitIds.Select(s.UnitName)), i.Status.ActualPercent!.Value, i.Status.ExpectedPercent))
            .ToList();
        return new CircularFacts(supervisor, s.Plan.Year, ReportPeriodLabels.Of(period), s.Today, deadline, planTitle, parts, late, behind);
    }

    /// <summary>Drafts the circular of <paramref name="period"/> of the plan year <paramref name="year"/> (the current year when none is asked for).</summary>
    public async Task<Outcome<Circular>> CreateDraftAsync(int districtId, ReportPeriod period, Actor actor, CancellationToken ct = default, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.CanSupervise(districtId))
        {
            return new Failure(FailureKind.NotFound, "找不到该区。");
        }

        var s = await years.SnapshotAsync(districtId, ct, year: year);
        if (s is null)
        {
            return new Failure(FailureKind.NotFound, "该区还没有发布的责任分解方案。");
        }

        if (await Years.PlanYears.RefuseIfClosedAsync(db, s.Plan.Id, ct) is { } closed) return closed;

        if (period == ReportPeriod.WorkPlan)
        {
            return new Failure(FailureKind.Invalid, "通报针对季度或全年的进展情况，请选择报告期间。");
        }

        if (s.Rules.Calendar.For(period) is null)
        {
            return new Failure(FailureKind.Invalid, $"通知未规定{ReportPeriodLabels.Of(period)}的报送时间，无法生成通报。");
        }

        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == s.Plan.Id).Select(p => new { p.Title, p.DocNumber, p.SourceText }).FirstAsync(ct);
        string planTitle = $"{s.District.Name}{s.Plan.Year}年政府工作报告目标任务责任分解方案";
        bool isNotice = plan.Title is { } t && t.TrimEnd().EndsWith("通知", StringComparison.Ordinal);
        var facts = Facts(s, period, "区政府督查室", isNotice ? planTitle : plan.Title ?? planTitle) with
        {
            NoticeTitle = isNotice ? plan.Title : null,
            NoticeNumber = plan.DocNumber,
        };
        var draft = CircularComposer.Compose(facts);
        var circular = new Circular
        {
            DistrictId = districtId,
            PlanId = s.Plan.Id,
            Period = period,
            DocNumber = await numbering.ProposeAsync(districtId, NumberKinds.Circular, DistrictClock.Today(clock).Year, ct),
            Title = draft.Title,
            Addressee = AddresseeOf(plan.SourceText) ?? DefaultAddressee,
            Body = draft.Body,
            LateUnits = JsonSerializer.Serialize(facts.LateUnits.Select(u => u.Name), JsonOptions),
            AsOf = s.Today,
            State = CircularState.Draft,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor.UserName,
        };
        db.Circulars.Add(circular);
        AuditLog.Record(db, clock, actor.UserName, AuditActions.DraftCircular, nameof(Circular), null, districtId, after: new { circular.Title, Period = period.ToString(), LateUnits = facts.LateUnits.Count });
        await db.SaveChangesAsync(ct);
        return circular;
    }

    /// <summary>Saves the office's edits to a draft; refused when someone saved since, or once issued.</summary>
    public async Task<Outcome<Circular>> SaveAsync(int id, int expectedVersion, string title, string? docNumber, string? addressee, string body, Actor actor, CancellationToken ct = default, string? copyTo = null)
    {
        var draft = await DraftAsync(id, expectedVersion, actor, "通报已印发，不能再修改。", "通报已被他人修改，您的修改没有保存。请先复制您的内容，刷新页面后再修改。", ct);
        if (draft.Value is not { } c)
        {
            return draft;
        }

        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(body))
        {
            return new Failure(FailureKind.Invalid, "标题和正文不能为空。");
        }

        if (title.Length > 500 || body.Length > 60000 || (docNumber?.Length ?? 0) > 60 || (addressee?.Length ?? 0) > 250 || (copyTo?.Length ?? 0) > 500)
        {
            return new Failure(FailureKind.Invalid, "内容过长，请精简后再保存。");
        }

        c.Title = title.Trim();
        c.DocNumber = string.IsNullOrWhiteSpace(docNumber) ? null : docNumber.Trim();
        c.Addressee = string.IsNullOrWhiteSpace(addressee) ? null : addressee.Trim();
        c.CopyTo = string.IsNullOrWhiteSpace(copyTo) ? null : copyTo.Trim();
        c.Body = body.Replace("\r\n", "\n", StringComparison.Ordinal);
        return await BumpAsync(c, ct);
    }

    /// <summary>
    /// Issues the draft: takes the next number of the series and delivers it to every unit it names (their clerks and heads)
    /// and to the district's office, in one transaction. Refused unless <paramref name="confirmed"/>: the office confirms
    /// the summary (<see cref="SummaryAsync"/>) first; without it nothing is issued.
    /// </summary>
    public async Task<Outcome<Circular>> IssueAsync(int id, int expectedVersion, Actor actor, bool confirmed, CancellationToken ct = default)
    {
        var draft = await DraftAsync(id, expectedVersion, actor, "通报已印发。", "通报已被他人修改，请刷新页面确认后再印发。", ct);
        if (draft.Value is not { } c)
        {
            return draft;
        }

        if (!confirmed)
        {
            return new Failure(FailureKind.Invalid, "请先核对印发摘要（文号、送达单位），勾选“已核对，确认印发”后再印发；通报未印发。");
        }

        var named = await NamedUnitsAsync(c, ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var number = await numbering.TakeAsync(c.DistrictId, NumberKinds.Circular, DistrictClock.Today(clock).Year,
                "Circular:" + c.Id.ToString(CultureInfo.InvariantCulture), actor.UserName, ct);
            c.DocNumber = number.Number;
            c.State = CircularState.Issued;
            c.IssuedAt = clock.GetUtcNow();
            c.IssuedBy = actor.UserName;
            int delivered = await DeliverAsync(c, named, ct);
            AuditLog.Record(db, clock, actor.UserName, AuditActions.IssueCircular, nameof(Circular), c.Id.ToString(CultureInfo.InvariantCulture), c.DistrictId,
                after: new { c.DocNumber, c.Title, units = named.Count, delivered });
            var done = await BumpAsync(c, ct);
            if (done.Ok)
            {
                await tx.CommitAsync(ct);
            }

            return done;
        });
    }

    /// <summary>
    /// The units of the district the circular names (in its title or body), in the district's order. A name inside a
    /// longer one ("区教育局" in "区教育局机关") counts only where it stands alone.
    /// </summary>
    public async Task<IReadOnlyList<NamedUnit>> NamedUnitsAsync(Circular c, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var units = await db.Units.AsNoTracking().Where(u => u.DistrictId == c.DistrictId).OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var text = new System.Text.StringBuilder(c.Title + "\n" + c.Body);
        var found = new HashSet<int>();
        foreach (var u in units.Where(u => u.Name.Length > 1).OrderByDescending(u => u.Name.Length))
        {
            string before = text.ToString();
            if (before.Contains(u.Name, StringComparison.Ordinal))
            {
                found.Add(u.Id);
                text.Replace(u.Name, new string('\u0001', u.Name.Length));
            }
        }

        return [.. units.Where(u => found.Contains(u.Id)).Select(u => new NamedUnit(u.Id, u.Name))];
    }

    /// <summary>What the office confirms before issuing: the number it will take, the units it goes to, how many people.</summary>
    public async Task<IssueSummary> SummaryAsync(Circular c, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var named = await NamedUnitsAsync(c, ct);
        string number = c.State == CircularState.Issued && c.DocNumber is { } n
            ? n
            : await numbering.ProposeAsync(c.DistrictId, NumberKinds.Circular, DistrictClock.Today(clock).Year, ct);
        var ids = named.Select(u => u.Id).ToList();
        var people = await Recipients(c.DistrictId, ids).ToListAsync(ct);
        int withoutAccount = named.Count(u => !people.Any(p => p.UnitId == u.Id));
        return new IssueSummary(number, c.Title, named, people.Count(p => p.UnitId != null), people.Count(p => p.UnitId == null), withoutAccount);
    }

    /// <summary>For the office: each unit the issued circular names, whether someone of it has opened it, who and when.</summary>
    public async Task<IReadOnlyList<ReadReceipt>> ReceiptsAsync(Circular c, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var named = await NamedUnitsAsync(c, ct);
        string prefix = KeyPrefix(c.Id);
        var sent = await (from n in db.Notifications.AsNoTracking()
                          join u in db.Users on n.UserId equals u.Id
                          where n.Kind == NotificationKinds.Circular && n.Channel == Channel.InApp && n.DistrictId == c.DistrictId && n.Key.StartsWith(prefix)
                          select new { n.UnitId, u.DisplayName, n.ReadAt }).ToListAsync(ct);
        return [.. named.Select(u =>
        {
            var mine = sent.Where(s => s.UnitId == u.Id).ToList();
            var read = mine.Where(s => s.ReadAt != null).OrderBy(s => s.ReadAt!.Value.UtcTicks).ToList();
            return new ReadReceipt(u.Id, u.Name, mine.Count, read.Count > 0, read.Count > 0 ? string.Join("、", read.Select(r => r.DisplayName)) : null,
                read.Count > 0 ? read[0].ReadAt : null);
        })];
    }

    /// <summary>Whether the issued circular was delivered to the unit (a unit sees only those).</summary>
    public Task<bool> DeliveredToAsync(int circularId, int unitId, CancellationToken ct = default)
    {
        string prefix = KeyPrefix(circularId);
        return db.Notifications.AsNoTracking().AnyAsync(n => n.Kind == NotificationKinds.Circular && n.UnitId == unitId && n.Key.StartsWith(prefix), ct);
    }

    /// <summary>The person opened the circular: their in-app message of it is read (the office's read receipt).</summary>
    public Task<int> MarkReadAsync(int circularId, string userId, CancellationToken ct = default)
    {
        string key = KeyPrefix(circularId) + userId;
        var now = clock.GetUtcNow();
        return db.Notifications.Where(n => n.Kind == NotificationKinds.Circular && n.Channel == Channel.InApp && n.Key == key && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    internal static string KeyPrefix(int circularId) => "circular:" + circularId.ToString(CultureInfo.InvariantCulture) + ":";

    // Clerks and heads of the named units, and the district's office (UnitId null); active accounts only.
    private IQueryable<AppUser> Recipients(int districtId, List<int> unitIds) =>
        db.Users.AsNoTracking().Where(u => !u.Disabled && (
            (u.UnitId != null && unitIds.Contains(u.UnitId.Value) && (u.Role == AppRole.Clerk || u.Role == AppRole.UnitHead))
            || (u.Role == AppRole.Office && u.DistrictId == districtId && u.UnitId == null)));

    // In the issuing transaction: one in-app message (and a mail where there is an address) per person.
    private async Task<int> DeliverAsync(Circular c, IReadOnlyList<NamedUnit> named, CancellationToken ct)
    {
        var people = await Recipients(c.DistrictId, [.. named.Select(u => u.Id)]).Select(u => new { u.Id, u.DisplayName, u.Email, u.UnitId }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var today = DistrictClock.Today(clock);
        string link = "/Circulars/Edit/" + c.Id.ToString(CultureInfo.InvariantCulture);
        string subject = ReminderSweep.Clip($"【通报】{c.DocNumber}：{c.Title}", 256);
        foreach (var p in people)
        {
            string why = p.UnitId is int unit ? $"通报中点到{named.First(u => u.Id == unit).Name}，请认真阅读并抓好整改落实。" : "本区督查室存档。";
            string body = $"{p.DisplayName}：\n\n{c.DocNumber}《{c.Title}》已印发，{why}\n\n请登录系统查看：{link}\n\n（本消息由督查督办系统自动发送，请勿直接回复。）\n";
            foreach (var channel in string.IsNullOrWhiteSpace(p.Email) ? [Channel.InApp] : new[] { Channel.InApp, Channel.Email })
            {
                db.Notifications.Add(new Notification
                {
                    DistrictId = c.DistrictId,
                    UserId = p.Id,
                    UnitId = p.UnitId,
                    Channel = channel,
                    Kind = NotificationKinds.Circular,
                    Level = p.UnitId is null ? "Office" : "Circular",
                    Key = KeyPrefix(c.Id) + p.Id,
                    Subject = subject,
                    Body = ReminderSweep.Clip(body, 8000),
                    CreatedAt = now,
                    ForDate = today,
                    SentAt = channel == Channel.InApp ? now : null,
                });
            }
        }

        return people.Count;
    }

    /// <summary>The circular laid out as an official document.</summary>
    public async Task<OfficialDocument> DocumentAsync(Circular c, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var settings = await DistrictSettingsDefaults.LoadAsync(db, c.DistrictId, ct);
        string issuer = settings.CircularIssuer!;
        var date = c.IssuedAt is { } at ? DistrictClock.DateOf(at) : DistrictClock.Today(clock);
        return new OfficialDocument(IssuerMark(issuer, settings.CircularForm), c.DocNumber, c.Title, c.Addressee, c.Body, issuer, date, c.CopyTo, issuer, date);
    }

    /// <summary>The red issuer mark (发文机关标志): the issuer's name, or in the 文件 form the name followed by 文件 (GB/T 9704-2012 7.2.2).</summary>
    public static string IssuerMark(string issuer, CircularForm form)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return form == CircularForm.File && !issuer.EndsWith("文件", StringComparison.Ordinal) ? issuer + "文件" : issuer;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The draft the office changes: refused when its year is closed, when the actor does not supervise its district (not
    /// found), once issued (<paramref name="issued"/>), or when someone saved it since <paramref name="expectedVersion"/>
    /// (<paramref name="conflict"/>).
    /// </summary>
    private async Task<Outcome<Circular>> DraftAsync(int id, int expectedVersion, Actor actor, string issued, string conflict, CancellationToken ct)
    {
        if (await Years.PlanYears.RefuseIfCircularClosedAsync(db, id, ct) is { } closed) return closed;
        ArgumentNullException.ThrowIfNull(actor);
        var c = await db.Circulars.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !actor.CanSupervise(c.DistrictId))
        {
            return new Failure(FailureKind.NotFound, "找不到该通报。");
        }

        if (c.State != CircularState.Draft)
        {
            return new Failure(FailureKind.NotAllowed, issued);
        }

        return c.Version == expectedVersion ? c : new Failure(FailureKind.Conflict, conflict);
    }

    private async Task<Outcome<Circular>> BumpAsync(Circular c, CancellationToken ct)
    {
        db.Entry(c).Property(x => x.Version).OriginalValue = c.Version;
        c.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
            return c;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Failure(FailureKind.Conflict, "通报已被他人修改，您的修改没有保存。请先复制您的内容，刷新页面后再修改。");
        }
    }

    /// <summary>"一、主要预期目标" → "主要预期目标"; "二、2026 年重点工作（共 131 项）" → "重点工作".</summary>
    internal static string PartName(string title)
    {
        string t = string.Concat(ReminderSweep.ShortPart(title).Where(c => !char.IsWhiteSpace(c)));
        int year = t.IndexOf('年', StringComparison.Ordinal);
        return year == 4 && t[..4].All(char.IsAsciiDigit) && t.Length > 5 ? t[5..] : t;
    }
}

/// <summary>A unit a circular names.</summary>
public sealed record NamedUnit(int Id, string Name);

/// <summary>The summary the office confirms before issuing.</summary>
/// <param name="Number">The number it takes (the series' next).</param>
/// <param name="Title">The circular's title.</param>
/// <param name="Units">The units it names, delivered to.</param>
/// <param name="UnitPeople">Clerks and heads of the named units who receive it.</param>
/// <param name="OfficePeople">The office's accounts that receive it.</param>
/// <param name="UnitsWithoutAccount">Named units nobody of which can receive it (no clerk or head account).</param>
public sealed record IssueSummary(string Number, string Title, IReadOnlyList<NamedUnit> Units, int UnitPeople, int OfficePeople, int UnitsWithoutAccount);

/// <summary>Whether a named unit has opened an issued circular.</summary>
public sealed record ReadReceipt(int UnitId, string UnitName, int Recipients, bool Read, string? ReadBy, DateTimeOffset? FirstReadAt);
