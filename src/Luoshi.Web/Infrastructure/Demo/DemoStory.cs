using Luoshi.Core.Features.Numbering;
using Luoshi.Parsing.Indicators;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// A demo district's year so far, played on <see cref="DemoClock"/>: the thousands of filing steps (open, save, 汇总, submit,
/// approve, return, accept) built in memory by <see cref="DemoFilings"/> with the product's rules and stored once per period;
/// the rest through the product's own use cases (ReminderSweep, OrderService, CircularService, DistrictSettingsService,
/// and FilingEditing / FilingHandOffs for the next reports started), so every rule holds as in real use. Deterministic: one
/// seeded random per district. What it plays, item by item:
/// <list type="bullet">
/// <item>the leaders in charge of every unit (the demo units as listed, the others spread over the district's leaders);</item>
/// <item>the work plans and the reports of every period already due, by every unit that files (lead units; co-units' parts
/// handed to their lead, which consolidates them where the notice says so): most on time, about one in ten late, about one
/// in fifteen returned by the office and resubmitted; the office accepts them a few days later (the latest period partly
/// still in its queue);</item>
/// <item>the targets' values: most items at or above 序时进度 (green), about a fifth 10–29 points behind (amber), about one in
/// eight 30 or more behind (red); about one item in fifteen has a lead unit that never filed the latest report (red, 逾期未报);</item>
/// <item>the reminders before and after each deadline (the reminder sweep on those days), one 督办单 to a unit that did not
/// report, and the circular of the latest period, issued;</item>
/// <item>for the units with demo accounts, the next report started (a draft, one awaiting the head's approval).</item>
/// </list>
/// Units without a demo account file as their unit's clerk and head by role (the office opens their accounts later).
/// </summary>
internal sealed class DemoStory(LuoshiDb db, DemoClock clock, ILogger log, DemoStages stages)
{
    private enum Fate
    {
        OnTrack,
        Behind,
        FarBehind,
        Silent,
    }

    private sealed record Target(int Id, Indicator Indicator);

    private sealed record Item(int Id, string Number, string Text, IReadOnlyList<(int UnitId, UnitRole Role)> Units, IReadOnlyList<Target> Targets,
        DemoFilings.ItemFacts Facts)
    {
        public IEnumerable<int> Leads => Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.UnitId);
    }

    private readonly HandOffNotices _notices = new(db, clock, new PublicAddress(null));
    private DemoFilings _filings = null!;
    private readonly Dictionary<(int UnitId, AppRole Role), Actor> _people = [];
    private int _failures;
    private Random _random = new(1);
    private Dictionary<int, string> _unitNames = [];
    private int _districtId;

    public async Task PlayAsync(int districtId, string code, DateOnly today, CancellationToken ct)
    {
        _districtId = districtId;
        _random = new Random(StableSeed(code));
        var plan = await db.Plans.AsNoTracking().Where(p => p.DistrictId == districtId).OrderByDescending(p => p.Year)
            .Select(p => new { p.Id, p.Year }).FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return;
        }

        var rules = await YearRules.LoadAsync(db, districtId, plan.Id, ct);
        var users = await db.Users.AsNoTracking().Where(u => u.DistrictId == districtId)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Role, u.UnitId }).ToListAsync(ct);
        foreach (var u in users.Where(u => u.UnitId is not null))
        {
            _people[(u.UnitId!.Value, u.Role)] = new Actor(u.UserName!, u.DisplayName, u.Role, districtId, u.UnitId);
        }

        var officeUser = users.First(u => u.Role == AppRole.Office);
        var office = new Actor(officeUser.UserName!, officeUser.DisplayName, AppRole.Office, districtId, null);
        var units = await db.Units.AsNoTracking().Where(u => u.DistrictId == districtId && u.RetiredAt == null && u.MergedIntoId == null)
            .OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        _unitNames = units.ToDictionary(u => u.Id, u => u.Name);
        _filings = new DemoFilings(db, clock, districtId, plan.Id);
        await _filings.LoadAsync(ct);
        var withAccounts = _people.Keys.Select(k => k.UnitId).ToHashSet();
        var start = DemoYear.ImportDay(rules.Calendar).AddDays(1);

        // 分管区领导: the demo units as listed, the others in turn.
        var leaders = users.Where(u => u.Role == AppRole.Leader).OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();
        if (leaders.Count > 0)
        {
            var fixedLeaders = DemoData.LeadersInCharge.Where(l => l.District == code)
                .ToDictionary(l => l.Unit, l => leaders.First(x => x.UserName == l.Leader).Id, StringComparer.Ordinal);
            var map = units.Select((u, n) => (u.Id, Leader: fixedLeaders.GetValueOrDefault(u.Name) ?? leaders[n % leaders.Count].Id)).ToDictionary(x => x.Id, x => x.Leader);
            clock.Set(start, 10);
            using var _ = stages.Time($"story {code}: leaders in charge");
            Check(await new DistrictSettingsService(db, clock).SetLeadersAsync(districtId, map, office.UserName, ct), "leaders in charge");
        }

        var items = await LoadItemsAsync(plan.Id, ct);
        var fates = items.ToDictionary(i => i.Id, i => Roll(i));
        var reports = rules.Deadlines.Where(d => d.Period != ReportPeriod.WorkPlan).OrderBy(d => d.Date).ToList();
        var due = reports.Where(d => d.Date < today).ToList();
        var lastDue = due.LastOrDefault();
        var periods = new List<Deadline>();
        if (rules.Calendar.WorkPlan is { } wp && wp.Date < today)
        {
            periods.Add(wp);
        }

        periods.AddRange(due);

        foreach (var deadline in periods)
        {
            bool latest = deadline == lastDue;
            // Reminders the days before the deadline go out before anyone files late.
            using (stages.Time($"story {code}: {deadline.Period} reminders before"))
            {
                await SweepAsync(deadline.Date.AddDays(-2), today, ct);
            }

            var filingWatch = System.Diagnostics.Stopwatch.StartNew();
            foreach (var item in items)
            {
                var fate = fates[item.Id];
                int silentUnit = fate == Fate.Silent && latest ? item.Leads.First() : -1;
                bool partsTaken = false; // with several lead units, the co-units' parts go to the first that files (it consolidates them)
                foreach (var (unitId, role) in item.Units)
                {
                    var part = rules.Participation(role);
                    if (part == Participation.None || unitId == silentUnit || !_unitNames.ContainsKey(unitId))
                    {
                        continue;
                    }

                    if (part == Participation.PartToLead)
                    {
                        continue; // filed with the lead's report below
                    }

                    var coParts = partsTaken ? new List<int>() : item.Units.Where(u => rules.Participation(u.Role) == Participation.PartToLead && _unitNames.ContainsKey(u.UnitId))
                        .Select(u => u.UnitId).ToList();
                    partsTaken = true;
                    File(item, unitId, part, deadline, fate, latest, start, today, office, coParts);
                }
            }

            stages.Add($"story {code}: {deadline.Period} filings built", filingWatch.Elapsed);
            using (stages.Time($"story {code}: {deadline.Period} filings stored"))
            {
                await _filings.FlushAsync(ct);
            }

            using (stages.Time($"story {code}: {deadline.Period} reminders after"))
            {
                await SweepAsync(deadline.Date.AddDays(3), today, ct);
            }
        }

        using (stages.Time($"story {code}: next reports started"))
        {
            await StartNextAsync(items, reports.FirstOrDefault(d => d.Date >= today), rules, withAccounts, start, today, ct);
        }

        if (lastDue is not null)
        {
            using (stages.Time($"story {code}: 督办单"))
            {
                await OrderAsync(items, fates, lastDue, today, office, withAccounts, ct);
            }

            using (stages.Time($"story {code}: circular"))
            {
                await CircularAsync(lastDue, today, office, ct);
            }
        }

        if (_failures > 0)
        {
            log.LogWarning("Demo story of {District}: {Failures} steps refused (see the warnings above).", code, _failures);
        }
    }

    private async Task<List<Item>> LoadItemsAsync(int planId, CancellationToken ct)
    {
        var rows = await db.PlanItems.AsNoTracking().Where(i => i.PlanId == planId).OrderBy(i => i.Seq)
            .Select(i => new
            {
                i.Id,
                i.Seq,
                i.Number,
                i.Text,
                Units = i.Units.OrderBy(u => u.Id).Select(u => new { u.UnitId, u.Role }).ToList(),
                Targets = i.Indicators.OrderBy(x => x.Seq).Select(x => new { x.Id, x.Seq, x.Measure, x.Value, x.Unit, x.Sense, x.Printed }).ToList(),
            }).ToListAsync(ct);
        return [.. rows.Select(r =>
        {
            var targets = r.Targets.Select(t => new TargetRow(t.Id, t.Seq, t.Measure, t.Value, t.Unit, t.Sense, t.Printed)).ToList();
            return new Item(r.Id, r.Number, r.Text, [.. r.Units.Select(u => (u.UnitId, u.Role))], [.. targets.Select(t => new Target(t.Id, t.ToIndicator()))],
                new DemoFilings.ItemFacts(r.Id, r.Seq, r.Text, [.. r.Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.UnitId).Order()], targets));
        })];
    }

    private Fate Roll(Item item)
    {
        double r = _random.NextDouble();
        if (r < 0.07 && item.Leads.Any())
        {
            return Fate.Silent;
        }

        double t = _random.NextDouble();
        return item.Targets.Count == 0 ? Fate.OnTrack : t < 0.13 ? Fate.FarBehind : t < 0.33 ? Fate.Behind : Fate.OnTrack;
    }

    /// <summary>One unit's work plan or report for one period: co-units' parts first (where they go to the lead), then clerk → head → office.</summary>
    private void File(Item item, int unitId, Participation part, Deadline deadline, Fate fate, bool latest, DateOnly start, DateOnly today, Actor office,
        IReadOnlyList<int> coParts)
    {
        var clerk = Person(unitId, AppRole.Clerk);
        var head = Person(unitId, AppRole.UnitHead);
        double t = _random.NextDouble();
        bool late = t < 0.10;
        bool returned = !late && t < 0.17;
        var approveDay = late ? Min(deadline.Date.AddDays(_random.Next(1, 9)), today.AddDays(-1)) : deadline.Date.AddDays(-_random.Next(returned ? 4 : 1, 10));
        approveDay = Max(approveDay, start.AddDays(1));
        var openDay = Max(approveDay.AddDays(-_random.Next(1, 4)), start);

        // The co-units' parts reach the lead unit before it writes its own report.
        foreach (int co in coParts)
        {
            var coDay = Max(openDay.AddDays(-_random.Next(0, 3)), start);
            Part(item, co, deadline, coDay);
        }

        clock.Set(openDay, 9, _random.Next(0, 59));
        var opened = Check(_filings.Open(item.Facts, unitId, deadline.Period, part, clerk), $"open {item.Number}");
        if (opened is null)
        {
            return;
        }

        var edit = Edit(item, unitId, deadline.Period, fate);
        var saved = Check(_filings.Save(opened, opened.Version, edit, item.Facts, clerk), $"save {item.Number}");
        if (saved is null)
        {
            return;
        }

        int version = saved.Version;
        if (coParts.Count > 0)
        {
            clock.Set(approveDay, 9, 5);
            var merged = Check(_filings.Consolidate(saved, version, item.Facts, clerk), $"consolidate {item.Number}");
            version = merged?.Version ?? version;
        }

        clock.Set(approveDay, 10, _random.Next(0, 59));
        var submitted = Check(_filings.Act(saved, version, FilingAction.Submit, null, item.Facts, clerk), $"submit {item.Number}");
        clock.Set(approveDay, 15, _random.Next(0, 59));
        var approved = submitted is null ? null : Check(_filings.Act(saved, submitted.Version, FilingAction.Approve, "同意报送。", item.Facts, head), $"approve {item.Number}");
        if (approved is null)
        {
            return;
        }

        var reached = approveDay;
        if (returned && approveDay.AddDays(2) < today)
        {
            clock.Set(approveDay.AddDays(1), 10);
            var back = Check(_filings.Act(saved, approved.Version, FilingAction.Return,
                deadline.Period == ReportPeriod.WorkPlan ? "具体工作内容的完成时限不明确，请细化到月后重新报送。" : "完成情况过于笼统，请补充量化数据和佐证材料后重新报送。", item.Facts, office), $"return {item.Number}");
            if (back is not null)
            {
                clock.Set(approveDay.AddDays(2), 9);
                var again = edit with
                {
                    Progress = edit.Progress is null ? null : edit.Progress + "（已按督查室意见补充：相关数据已核实，佐证材料随报。）",
                    Steps = edit.Steps?.Select(s => s with { Due = s.Due ?? "按月推进" }).ToList(),
                };
                var resaved = Check(_filings.Save(back, back.Version, again, item.Facts, clerk), $"resave {item.Number}");
                clock.Set(approveDay.AddDays(2), 10);
                var resubmitted = resaved is null ? null : Check(_filings.Act(back, resaved.Version, FilingAction.Submit, null, item.Facts, clerk), $"resubmit {item.Number}");
                clock.Set(approveDay.AddDays(2), 16);
                approved = resubmitted is null ? null : Check(_filings.Act(back, resubmitted.Version, FilingAction.Approve, "已按要求修改，同意报送。", item.Facts, head), $"reapprove {item.Number}");
                reached = approveDay.AddDays(2);
            }
        }

        // The office accepts a few days later; of the latest period some still wait in its queue.
        var acceptDay = reached.AddDays(_random.Next(1, 6));
        if (approved is not null && acceptDay < today && (!latest || _random.NextDouble() < 0.65))
        {
            clock.Set(acceptDay, 11, _random.Next(0, 59));
            Check(_filings.Act(approved, approved.Version, FilingAction.Accept, null, item.Facts, office), $"accept {item.Number}");
        }
    }

    /// <summary>A co-unit's part of a lead unit's filing: written, approved by its head, handed to the lead unit.</summary>
    private void Part(Item item, int unitId, Deadline deadline, DateOnly day)
    {
        var clerk = Person(unitId, AppRole.Clerk);
        var head = Person(unitId, AppRole.UnitHead);
        clock.Set(day, 9, _random.Next(0, 59));
        var opened = Check(_filings.Open(item.Facts, unitId, deadline.Period, Participation.PartToLead, clerk), $"open part {item.Number}");
        if (opened is null)
        {
            return;
        }

        var edit = deadline.Period == ReportPeriod.WorkPlan
            ? new FilingEdit(Leader: "分管负责同志", Section: "综合办", Steps: [new WorkStep(null, $"配合牵头单位做好“{Clip(item.Text, 24)}”辖区内相关工作", "按牵头单位要求")])
            : new FilingEdit(Progress: $"{ReportPeriodLabels.Of(deadline.Period)}，{_unitNames[unitId]}配合牵头单位推进相关工作，辖区内任务按计划落实。",
                Problems: "存在问题：辖区内个别点位推进较慢。下步打算：加强与牵头单位对接，按时报送配合情况。");
        var saved = Check(_filings.Save(opened, opened.Version, edit, item.Facts, clerk), $"save part {item.Number}");
        clock.Set(day, 10, _random.Next(0, 59));
        var submitted = saved is null ? null : Check(_filings.Act(saved, saved.Version, FilingAction.Submit, null, item.Facts, clerk), $"submit part {item.Number}");
        clock.Set(day, 14, _random.Next(0, 59));
        _ = submitted is null ? null : Check(_filings.Act(submitted, submitted.Version, FilingAction.Approve, "同意报牵头单位。", item.Facts, head), $"approve part {item.Number}");
    }

    /// <summary>The next report under way at the units with demo accounts: drafts, and one waiting for the head.</summary>
    private async Task StartNextAsync(List<Item> items, Deadline? next, YearRules rules, HashSet<int> withAccounts, DateOnly start, DateOnly today, CancellationToken ct)
    {
        if (next is null || next.Date > today.AddDays(45))
        {
            return;
        }

        foreach (int unitId in withAccounts.Order())
        {
            var mine = items.Where(i => i.Units.Any(u => u.UnitId == unitId && rules.Participation(u.Role) == Participation.Own)).Take(3).ToList();
            for (int n = 0; n < mine.Count; n++)
            {
                var day = Max(today.AddDays(-1 - n), start);
                clock.Set(day, 9);
                var clerk = Person(unitId, AppRole.Clerk);
                var opened = Check(await new FilingEditing(db, clock).OpenAsync(mine[n].Id, unitId, next.Period, clerk, ct), $"open next {mine[n].Number}");
                var saved = opened is null ? null : Check(await new FilingEditing(db, clock).SaveAsync(opened.Id, opened.Version, Edit(mine[n], unitId, next.Period, Fate.OnTrack), clerk, ct), $"save next {mine[n].Number}");
                if (saved is not null && n == 0)
                {
                    clock.Set(day, 11);
                    Check(await new FilingHandOffs(db, clock, _notices).ActAsync(saved.Id, saved.Version, FilingAction.Submit, null, clerk, ct), $"submit next {mine[n].Number}");
                }

                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The reminder sweep as the daily job would have run it that day (before and after each deadline).</summary>
    private async Task SweepAsync(DateOnly day, DateOnly today, CancellationToken ct)
    {
        if (day >= today)
        {
            return;
        }

        clock.Set(day, 8);
        using var cache = new RevisionCache(clock);
        await new ReminderSweep(db, new YearQueries(db, clock, cache), clock).RunAsync(_districtId, day, ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>One 督办单: to a unit (with a demo account where one is late) that has not filed the latest report.</summary>
    private async Task OrderAsync(List<Item> items, Dictionary<int, Fate> fates, Deadline lastDue, DateOnly today, Actor office, HashSet<int> withAccounts, CancellationToken ct)
    {
        var silent = items.Where(i => fates[i.Id] == Fate.Silent).ToList();
        var item = silent.FirstOrDefault(i => withAccounts.Contains(i.Leads.First())) ?? silent.FirstOrDefault();
        if (item is null)
        {
            return;
        }

        var day = Max(Min(lastDue.Date.AddDays(7), today.AddDays(-1)), lastDue.Date);
        clock.Set(day, 15);
        var form = new IssueForm
        {
            UnitId = item.Leads.First(),
            ItemId = item.Id,
            Subject = $"第{item.Number}项任务{ReportPeriodLabels.Of(lastDue.Period)}完成情况逾期未报",
            Requirement = $"请于反馈时限前报送第{item.Number}项任务{ReportPeriodLabels.Of(lastDue.Period)}完成情况，说明逾期原因和整改措施，并明确下步工作安排。",
            ReplyBy = day.AddDays(10),
        };
        Check(await new OrderService(db, new NumberingService(db, clock), clock).IssueAsync(_districtId, form, office, ct), "督办单");
        db.ChangeTracker.Clear();
    }

    /// <summary>The circular of the latest period, drafted from the data and issued.</summary>
    private async Task CircularAsync(Deadline lastDue, DateOnly today, Actor office, CancellationToken ct)
    {
        var day = Max(Min(lastDue.Date.AddDays(12), today.AddDays(-1)), lastDue.Date);
        clock.Set(day, 16);
        using var cache = new RevisionCache(clock);
        var circulars = new CircularService(db, new YearQueries(db, clock, cache), new NumberingService(db, clock), clock);
        var draft = Check(await circulars.CreateDraftAsync(_districtId, lastDue.Period, office, ct), "circular draft");
        if (draft is not null)
        {
            Check(await circulars.IssueAsync(draft.Id, draft.Version, office, confirmed: true, ct), "circular issue");
        }

        db.ChangeTracker.Clear();
    }

    /// <summary>What the clerk writes: the work plan's steps, or the report's text and the targets' values for the item's fate.</summary>
    private FilingEdit Edit(Item item, int unitId, ReportPeriod period, Fate fate)
    {
        string unit = _unitNames.GetValueOrDefault(unitId, "本单位");
        string topic = Clip(item.Text, 40);
        if (period == ReportPeriod.WorkPlan)
        {
            string[] verbs = ["制定细化方案，明确责任科室和时间节点", "加快推进重点工作，开展阶段性调度", "对照目标查漏补缺，攻坚重点难点", "全面完成年度任务，总结评估"];
            return new FilingEdit(Leader: "分管副职", Section: "综合科",
                Steps: [.. verbs.Select((v, q) => new WorkStep(q + 1, $"围绕“{topic}”，{v}", $"第{"一二三四"[q]}季度末前"))]);
        }

        int share = ExpectedProgress.OfPeriod(period);
        var actuals = new Dictionary<int, decimal?>();
        var said = new List<string>();
        foreach (var t in item.Targets)
        {
            if (t.Indicator.Value <= 0)
            {
                continue;
            }

            int expected = ExpectedProgress.ForTarget(TargetKinds.Of(t.Indicator), share);
            int gap = fate switch
            {
                Fate.FarBehind => _random.Next(32, 55),
                Fate.Behind => _random.Next(12, 26),
                _ => _random.Next(-6, 5),
            };
            decimal percent = Math.Clamp(expected - gap, 5, 100) + 0.5m;
            if (fate is Fate.OnTrack or Fate.Silent && expected - gap >= 100)
            {
                percent = 100;
            }

            decimal value = t.Indicator.Sense == IndicatorSense.AtMost
                ? Math.Round(t.Indicator.Value * 100m / percent, 4)
                : Math.Round(t.Indicator.Value * percent / 100m, 4);
            actuals[t.Id] = value;
            said.Add($"{t.Indicator.Measure}{value.ToString("0.##", CultureInfo.InvariantCulture)}{t.Indicator.Unit}");
        }

        string label = ReportPeriodLabels.Of(period);
        string progress = $"{label}，{unit}按照办理工作方案推进“{topic}”。" + (said.Count > 0 ? "主要指标：" + string.Join("；", said) + "。" : "各项工作按时间节点推进，阶段性任务已完成。")
            + (fate is Fate.Behind or Fate.FarBehind ? "受项目前期手续和资金到位影响，进度慢于序时。" : "");
        string problems = fate is Fate.Behind or Fate.FarBehind
            ? "存在问题：部分项目前期手续办理滞后，资金到位不及时。下步打算：倒排工期、挂图作战，每周调度，力争下季度追上序时进度。"
            : "存在问题：无重大问题。下步打算：按工作方案继续推进，确保按期完成。";
        bool yearEnd = period is ReportPeriod.Annual || share >= 100;
        return new FilingEdit(Progress: progress, Problems: problems, Completed: yearEnd && fate == Fate.OnTrack, Actuals: actuals);
    }

    private Actor Person(int unitId, AppRole role) =>
        _people.TryGetValue((unitId, role), out var a) ? a
            : _people[(unitId, role)] = new Actor($"unit{unitId}.{(role == AppRole.Clerk ? "clerk" : "head")}",
                _unitNames.GetValueOrDefault(unitId, "单位") + (role == AppRole.Clerk ? "填报人" : "负责人"), role, _districtId, unitId);

    private T? Check<T>(Outcome<T> outcome, string what)
        where T : class
    {
        if (outcome.Ok)
        {
            return outcome.Value;
        }

        _failures++;
        log.LogWarning("Demo story, {What}: {Message}", what, outcome.Failure!.Message);
        db.ChangeTracker.Clear();
        _filings.ReadBack();
        return null;
    }

    private void Check(Outcome<int> outcome, string what)
    {
        if (!outcome.Ok)
        {
            _failures++;
            log.LogWarning("Demo story, {What}: {Message}", what, outcome.Failure!.Message);
        }
    }

    private static string Clip(string text, int max)
    {
        string t = text.Trim().TrimEnd('。', '；', ';');
        return t.Length <= max ? t : t[..max] + "…";
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static int StableSeed(string code) => code.Aggregate(17, (h, c) => unchecked((h * 31) + c));
}
