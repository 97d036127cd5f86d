namespace Luoshi.Web.Features.Plans;

/// <summary>
/// 计划调整 of one item, for whoever runs the district's plans: split it in two, hand it from one unit to another (移交), defer
/// its deadline (延期), merge another item into it; each with a reason (<see cref="PlanChanges"/>). Everyone else gets 404.
/// </summary>
public sealed class ChangeModel(LuoshiDb db, PlanChanges changes) : PageModel
{
    public string Code { get; private set; } = string.Empty;

    public PlanItem Item { get; private set; } = null!;

    public Dictionary<int, string> UnitNames { get; private set; } = [];

    public List<Unit> Units { get; private set; } = [];

    public List<PlanItem> Others { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int seq, CancellationToken ct) =>
        await LoadAsync(code, seq, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostSplitAsync(string code, int seq, int version, string? first, string? second, string? number, string? reason, CancellationToken ct) =>
        RunAsync(code, seq, () => changes.SplitAsync(HttpContext.Actor()!, Item.Id, version, first, second, number, reason, ct), r => $"已拆分为事项{r.First.Number}和{r.Second.Number}，相关单位已收到站内消息。", ct);

    public Task<IActionResult> OnPostHandOverAsync(string code, int seq, int version, int from, int to, string? reason, CancellationToken ct) =>
        RunAsync(code, seq, () => changes.HandOverAsync(HttpContext.Actor()!, Item.Id, version, from, to, reason, ct), _ => "已移交，接收单位和原单位已收到站内消息。", ct);

    public Task<IActionResult> OnPostDeferAsync(string code, int seq, int version, string? deadline, string? reason, CancellationToken ct) =>
        RunAsync(code, seq, () => changes.DeferAsync(HttpContext.Actor()!, Item.Id, version, deadline, reason, ct), r => $"完成时限已调整为“{r.Deadline}”，相关单位已收到站内消息。", ct);

    /// <summary><paramref name="other"/> is "id:version" of the item merged in, as the page listed it.</summary>
    public Task<IActionResult> OnPostMergeAsync(string code, int seq, int version, string? other, string? text, string? reason, CancellationToken ct)
    {
        var parts = (other ?? string.Empty).Split(':');
        int otherId = parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out int i) ? i : 0;
        int otherVersion = parts.Length == 2 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out int v) ? v : -1;
        return RunAsync(code, seq, () => changes.MergeAsync(HttpContext.Actor()!, Item.Id, version, otherId, otherVersion, text, reason, ct), _ => "已合并，相关单位已收到站内消息。", ct);
    }

    private async Task<IActionResult> RunAsync<T>(string code, int seq, Func<Task<Outcome<T>>> change, Func<T, string> done, CancellationToken ct)
    {
        if (!await LoadAsync(code, seq, ct))
        {
            return NotFound();
        }

        var r = await change();
        if (r.Failure?.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }

        Message = r.Ok ? done(r.Value!) : null;
        Error = r.Failure?.Message;
        db.ChangeTracker.Clear();
        await LoadAsync(code, seq, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(string code, int seq, CancellationToken ct)
    {
        var district = await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code, ct);
        if (district is null || HttpContext.Actor() is not { } actor || !actor.CanRunPlans(district.Id))
        {
            return false;
        }

        // The item at this position of the district's latest plan, as the item page finds it.
        var plan = await new PlanQueries(db).PlanAsync(district.Id, ct);
        var item = plan is null ? null : await db.PlanItems.AsNoTracking().Include(i => i.Units).FirstOrDefaultAsync(i => i.PlanId == plan.Id && i.Seq == seq, ct);
        if (item is null)
        {
            return false;
        }

        Code = code;
        Item = item;
        Units = await db.Units.AsNoTracking().Where(u => u.DistrictId == district.Id && u.RetiredAt == null).OrderBy(u => u.Id).ToListAsync(ct);
        UnitNames = await db.Units.AsNoTracking().Where(u => u.DistrictId == district.Id).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Others = await db.PlanItems.AsNoTracking().Where(i => i.PlanId == item.PlanId && i.Id != item.Id).OrderBy(i => i.Seq).ToListAsync(ct);
        return true;
    }
}
