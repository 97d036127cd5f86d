namespace Luoshi.Core.Features.Imports;

/// <summary>What a re-import would change in the live plan.</summary>
/// <param name="Added">Items in the draft, not in the live plan (part, number, text).</param>
/// <param name="Removed">Items in the live plan, not in the draft.</param>
/// <param name="Changed">Items whose text or units differ (part, number, before, after).</param>
public sealed record DraftChanges(
    IReadOnlyList<(int Part, string Number, string Text)> Added,
    IReadOnlyList<(int Part, string Number, string Text)> Removed,
    IReadOnlyList<(int Part, string Number, string Before, string After)> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;
}

/// <summary>What a publish would do, shown to the office to confirm before it publishes.</summary>
/// <param name="Year">The plan year the draft replaces.</param>
/// <param name="Items">Items in the draft.</param>
/// <param name="Units">Distinct units the items name (lead or co).</param>
/// <param name="HasLivePlan">Whether the district has a live plan of that year (otherwise <paramref name="Changes"/> lists every item as added).</param>
/// <param name="Changes">Items added, removed and changed against the live plan.</param>
/// <param name="OriginFlag">Why the notice seems to come from another government, when the office overrides that; else null.</param>
public sealed record PublishSummary(int Year, int Items, int Units, bool HasLivePlan, DraftChanges Changes, string? OriginFlag);

/// <summary>Publishes a draft into the live plan in one transaction; shows what a re-import changes before it applies.</summary>
public sealed class PlanPublisher(LuoshiDb db, TimeProvider clock)
{
    public async Task<Outcome<DraftChanges>> PreviewAsync(int draftId, int districtId, CancellationToken ct = default)
    {
        var draft = await db.ImportDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == draftId && d.DistrictId == districtId, ct);
        if (draft is null)
        {
            return new Failure(FailureKind.NotFound, "找不到该导入草稿。");
        }

        var plan = DraftPlan.FromJson(draft.PlanJson);
        var live = await LoadLiveAsync(districtId, plan.Year, ct);
        return Compare(live, plan);
    }

    /// <summary>
    /// What publishing the draft would do (items, units, changes against the live plan of its year), after the same checks
    /// as <see cref="PublishAsync"/>; nothing is changed. The office confirms this summary before the plan is published.
    /// </summary>
    public async Task<Outcome<PublishSummary>> SummaryAsync(int draftId, int districtId, int expectedVersion, bool overrideOrigin, CancellationToken ct = default)
    {
        var check = await CheckAsync(draftId, districtId, expectedVersion, overrideOrigin, ct);
        if (!check.Ok)
        {
            return check.Failure!;
        }

        var (_, plan, foreign, ids) = check.Value!;
        if (await db.Plans.AnyAsync(p => p.DistrictId == districtId && p.Year == plan.Year && p.ClosedAt != null, ct))
        {
            return new Failure(FailureKind.NotAllowed, $"{plan.Year}年度已关闭，不能再发布该年度的新版本。");
        }

        var live = await LoadLiveAsync(districtId, plan.Year, ct);
        return new PublishSummary(plan.Year, plan.Items.Count, ids.Values.Distinct().Count(), live is not null, Compare(live, plan), foreign);
    }

    public async Task<Outcome<Plan>> PublishAsync(int draftId, int districtId, int expectedVersion, string actor, CancellationToken ct = default, bool overrideOrigin = false)
    {
        var check = await CheckAsync(draftId, districtId, expectedVersion, overrideOrigin, ct);
        if (!check.Ok)
        {
            return check.Failure!;
        }

        var (draft, plan, foreign, units) = check.Value!;
        if (foreign is not null)
        {
            AuditLog.Record(db, clock, actor, AuditActions.OverrideNoticeOrigin, nameof(ImportDraft), draftId.ToString(CultureInfo.InvariantCulture), districtId,
                after: new { plan.Issuer, plan.DocNumber, Flag = foreign });
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var old = await db.Plans.FirstOrDefaultAsync(p => p.DistrictId == districtId && p.Year == plan.Year, ct);
            var changes = Compare(old is null ? null : await LoadLiveAsync(districtId, plan.Year, ct), plan);
            // The year's work already filed against the live plan is carried over to the new version, item by item
            // (matched by part and number); a version that drops an item with filings is refused, so nothing is lost.
            // Only the plan of the draft's own year is replaced: every other year of the district stays as it is.
            if (old?.ClosedAt is not null)
            {
                return new Failure(FailureKind.NotAllowed, $"{plan.Year}年度已关闭，不能再发布该年度的新版本。");
            }

            var carried = old is null ? null : await RepublishedWork.LoadAsync(db, old.Id, ct);
            if (carried is not null && old is not null)
            {
                var lost = carried.Lost(plan.Items.Select(i => (i.Part, i.Number)));
                if (lost.Count > 0)
                {
                    return new Failure(FailureKind.NotAllowed,
                        $"第 {string.Join("、", lost.Take(10).Select(k => k.Number))} 项已有单位报送的工作方案或报告，新版本中找不到这些事项，不能发布；请核对事项序号后再发布。");
                }

                // Park the old plan under another year so the new one can take its place, then move the work across.
                old.Year = -old.Id;
                await db.SaveChangesAsync(ct);
            }
            else if (old is not null)
            {
                db.Plans.Remove(old);
                await db.SaveChangesAsync(ct);
            }

            var live = new Plan
            {
                DistrictId = districtId,
                Year = plan.Year,
                DocNumber = plan.DocNumber,
                Title = plan.Title,
                Issuer = plan.Issuer,
                SignedOn = plan.SignedOn,
                LeadRule = plan.LeadRule,
                SourceText = draft.SourceText,
                // The calendar the draft kept when the notice was read; only a draft older than that has the notice read for it once more.
                CalendarJson = (plan.Calendar ?? PlanCalendar.Read(draft.SourceText)).ToJson(),
                SourceFileName = draft.FileName,
                PublishedAt = clock.GetUtcNow(),
                PublishedBy = actor,
                Parts = [.. plan.Parts.Select(p => new PlanPart { Index = p.Index, Kind = p.Kind, Title = p.Title, DeclaredCount = p.DeclaredCount })],
            };
            db.Plans.Add(live);
            await db.SaveChangesAsync(ct);
            var partIds = live.Parts.ToDictionary(p => p.Index, p => p.Id);
            foreach (var i in plan.Items)
            {
                var item = new PlanItem(i)
                {
                    PlanId = live.Id,
                    PartId = partIds[i.Part],
                    Seq = i.Key,
                    Leaders = string.IsNullOrEmpty(i.Leaders) ? null : i.Leaders,
                    FirstLine = i.FirstLine,
                    LastLine = i.LastLine,
                    Indicators = [.. i.Indicators.Select((x, k) => new ItemIndicator { Seq = k + 1, Measure = x.Measure, Value = x.Value, Unit = x.Unit, Sense = x.Sense, Printed = x.Printed })],
                };
                // Two names may now be one unit (merged since the notice was read): each unit once, lead winning.
                foreach (var u in i.Lead.DistinctBy(u => units[u.Name!]))
                {
                    item.Units.Add(new ItemUnit { UnitId = units[u.Name!], Role = UnitRole.Lead, Printed = u.Printed });
                }

                foreach (var u in i.Co.Where(c => !i.Lead.Any(l => units[l.Name!] == units[c.Name!])).DistinctBy(u => units[u.Name!]))
                {
                    item.Units.Add(new ItemUnit { UnitId = units[u.Name!], Role = UnitRole.Co, Printed = u.Printed });
                }

                db.PlanItems.Add(item);
            }

            if (carried is not null && old is not null)
            {
                await db.SaveChangesAsync(ct);
                await carried.MoveAsync(db, old.Id, live.Id, ct);
                db.Plans.Remove(old);
                await db.SaveChangesAsync(ct);
            }

            draft.Status = DraftStatus.Published;
            draft.Version++;
            AuditLog.Record(db, clock, actor, AuditActions.PublishPlan, nameof(Plan), plan.Year.ToString(CultureInfo.InvariantCulture), districtId,
                before: old is null ? null : new { old.DocNumber, old.PublishedAt },
                after: new { plan.DocNumber, Items = plan.Items.Count, Added = changes.Added.Count, Removed = changes.Removed.Count, Changed = changes.Changed.Count });
            await db.SaveChangesAsync(ct);
            await Districts.DistrictRevision.BumpAsync(db, districtId, ct);
            await tx.CommitAsync(ct);
            return (Outcome<Plan>)live;
        });
    }

    private sealed record Checked(ImportDraft Draft, DraftPlan Plan, string? OverriddenFlag, Dictionary<string, int> UnitIds);

    /// <summary>Whether the draft may be published as the caller saw it: open, every unit known, every item led, from this district or overridden.</summary>
    private async Task<Outcome<Checked>> CheckAsync(int draftId, int districtId, int expectedVersion, bool overrideOrigin, CancellationToken ct)
    {
        var open = await OpenDraft.LoadAsync(db, draftId, districtId, expectedVersion, "该草稿已发布或已放弃。", "草稿已被他人修改。请刷新页面，确认最新内容后再发布。", ct);
        if (!open.Ok)
        {
            return open.Failure!;
        }

        var draft = open.Value!;
        var plan = DraftPlan.FromJson(draft.PlanJson);
        var unresolved = plan.Unresolved.Select(x => x.Unit.Printed).Distinct(StringComparer.Ordinal).ToList();
        if (unresolved.Count > 0)
        {
            return new Failure(FailureKind.NotAllowed, $"还有 {unresolved.Count} 个单位未确认（{string.Join("、", unresolved.Take(5))}），请先对应到名录中的单位或添加到名录，再发布。");
        }

        var noLead = plan.Items.Where(i => i.Lead.Count == 0).Select(i => i.Number).ToList();
        if (noLead.Count > 0)
        {
            return new Failure(FailureKind.NotAllowed, $"第 {string.Join("、", noLead.Take(10))} 项没有牵头单位，请先补充。");
        }

        // A notice naming another government (issuer, 文号 代字) is published only when the office overrides the flag (audited).
        string districtName = await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => d.Name).FirstAsync(ct);
        string? foreign = NoticeOrigin.Flag(districtName, plan.Issuer, plan.DocNumber);
        if (foreign is not null && !overrideOrigin)
        {
            return new Failure(FailureKind.NotAllowed, foreign + "如确认该通知属于本区，请勾选“确认发文机关无误”后再发布。");
        }

        // The draft's unit names as the organisation stands now (renamed or merged since the notice was read).
        var (unitIds, problems) = await DraftUnits.ResolveAsync(db, districtId, plan.Items.SelectMany(i => i.Lead.Concat(i.Co)).Select(u => u.Name!), ct);
        if (problems.Count > 0)
        {
            return new Failure(FailureKind.NotAllowed, DraftUnits.Refusal(problems));
        }

        return new Checked(draft, plan, foreign, unitIds);
    }

    private async Task<List<(int Part, string Number, string Text, string Units)>?> LoadLiveAsync(int districtId, int year, CancellationToken ct)
    {
        var planId = await db.Plans.Where(p => p.DistrictId == districtId && p.Year == year).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        if (planId is null)
        {
            return null;
        }

        var rows = await (from i in db.PlanItems
                          join p in db.PlanParts on i.PartId equals p.Id
                          where i.PlanId == planId
                          orderby i.Seq
                          select new { p.Index, i.Number, i.Text, Units = i.Units.Select(u => new { u.Role, u.UnitId }).ToList() }).ToListAsync(ct);
        var names = await db.Units.Where(u => u.DistrictId == districtId).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return [.. rows.Select(r => (r.Index, r.Number, r.Text, UnitsText(
            r.Units.Where(u => u.Role == UnitRole.Lead).Select(u => names[u.UnitId]),
            r.Units.Where(u => u.Role == UnitRole.Co).Select(u => names[u.UnitId]))))];
    }

    private static string UnitsText(IEnumerable<string> lead, IEnumerable<string> co) =>
        $"牵头：{string.Join("、", lead.Order(StringComparer.Ordinal))}；配合：{string.Join("、", co.Order(StringComparer.Ordinal))}";

    private static DraftChanges Compare(List<(int Part, string Number, string Text, string Units)>? live, DraftPlan draft)
    {
        var now = Keyed(draft.Items.Select(i => (i.Part, i.Number, (i.Text, Units: UnitsText(
            i.Lead.Select(u => u.Name ?? u.Printed),
            i.Co.Where(c => !i.Lead.Any(l => l.Name is not null && l.Name == c.Name)).Select(u => u.Name ?? u.Printed))))));
        var was = Keyed((live ?? []).Select(i => (i.Part, i.Number, (i.Text, i.Units))));
        var added = now.Where(kv => !was.ContainsKey(kv.Key)).Select(kv => (kv.Key.Part, kv.Key.Number, kv.Value.Text)).ToList();
        var removed = was.Where(kv => !now.ContainsKey(kv.Key)).Select(kv => (kv.Key.Part, kv.Key.Number, kv.Value.Text)).ToList();
        var changed = now.Where(kv => was.TryGetValue(kv.Key, out var w) && w != kv.Value)
            .Select(kv => (kv.Key.Part, kv.Key.Number, $"{was[kv.Key].Text}（{was[kv.Key].Units}）", $"{kv.Value.Text}（{kv.Value.Units}）")).ToList();
        return new DraftChanges(added, removed, changed);
    }

    /// <summary>Items keyed by part and number; a number printed twice in one part (a damaged notice) is told apart by its order.</summary>
    private static Dictionary<(int Part, string Number, int Nth), (string Text, string Units)> Keyed(IEnumerable<(int Part, string Number, (string Text, string Units) Value)> rows)
    {
        var result = new Dictionary<(int Part, string Number, int Nth), (string Text, string Units)>();
        foreach (var (part, number, value) in rows)
        {
            int nth = 0;
            while (result.ContainsKey((part, number, nth)))
            {
                nth++;
            }

            result[(part, number, nth)] = value;
        }

        return result;
    }
}
