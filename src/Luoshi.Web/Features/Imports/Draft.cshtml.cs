using Luoshi.Parsing;

namespace Luoshi.Web.Features.Imports;

/// <summary>
/// One import draft: the plan as read beside its source lines, the corrections (text, units, unknown units), the changes a
/// publish would make, publish and discard. Every form carries the draft's version; a stale one is refused with the
/// conflict message and nothing is saved. Every handler answers 404 unless the user runs plans of the draft's district.
/// </summary>
public sealed partial class DraftModel(LuoshiDb db, ImportService imports, PlanPublisher publisher) : PageModel
{
    /// <summary>An unknown unit as printed, the items that name it and the catalogue names the reader thinks closest.</summary>
    public sealed record UnresolvedUnit(string Printed, IReadOnlyList<string> Candidates, IReadOnlyList<DraftItem> Items);

    public sealed record CatalogueEntry(string Name, UnitKind Kind);

    public ImportDraft Draft { get; private set; } = null!;

    public DraftPlan Plan { get; private set; } = new();

    public string DistrictName { get; private set; } = string.Empty;

    public string DistrictCode { get; private set; } = string.Empty;

    public IReadOnlyList<string> SourceLines { get; private set; } = [];

    public Dictionary<int, List<Diagnostic>> DiagnosticsByLine { get; private set; } = [];

    /// <summary>Items by the source line they start on, for the links from the source back to the items.</summary>
    public Dictionary<int, List<DraftItem>> ItemsByFirstLine { get; private set; } = [];

    public List<CatalogueEntry> Catalogue { get; private set; } = [];

    public List<UnresolvedUnit> Unresolved { get; private set; } = [];

    /// <summary>What a publish would change in the live plan (drafts only).</summary>
    public DraftChanges? Changes { get; private set; }

    /// <summary>Why publish is not possible yet, or null.</summary>
    public string? PublishBlocked { get; private set; }

    /// <summary>The item whose edit forms are open (?edit=key).</summary>
    public int? EditKey { get; private set; }

    /// <summary>Text the user submitted that was not saved (a conflict), shown so it is not lost.</summary>
    public string? UnsavedText { get; private set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public bool Editable => Draft.Status == DraftStatus.Draft;

    public async Task<IActionResult> OnGetAsync(int id, int? edit, int? split, int? join, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is null)
        {
            return NotFound();
        }

        EditKey = edit;
        SplitKey = split;
        JoinKey = join;
        await BuildAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEditTextAsync(int id, int version, int key, string? text, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } district)
        {
            return NotFound();
        }

        var r = await imports.EditAsync(id, district, version, Actor, AuditActions.EditItemText, ImportService.SetText(key, text ?? string.Empty), ct);
        if (!r.Ok)
        {
            UnsavedText = text;
        }

        return await AfterAsync(r, id, key, $"已保存{ItemName(r, key)}的内容。", ct);
    }

    public async Task<IActionResult> OnPostSetUnitsAsync(int id, int version, int key, string[]? lead, string[]? co, string? leadText, string? coText, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } district)
        {
            return NotFound();
        }

        // Units come from the checkboxes, or typed as names separated by 、 (both are accepted).
        var leadNames = (lead ?? []).Concat(ImportLabels.SplitNames(leadText)).Distinct(StringComparer.Ordinal).ToList();
        var coNames = (co ?? []).Concat(ImportLabels.SplitNames(coText)).Distinct(StringComparer.Ordinal).ToList();
        var names = await imports.CatalogueNamesAsync(district, ct);
        var r = await imports.EditAsync(id, district, version, Actor, AuditActions.EditItemUnits, ImportService.SetUnits(key, leadNames, coNames, names), ct);
        return await AfterAsync(r, id, key, $"已保存{ItemName(r, key)}的单位。", ct);
    }

    public async Task<IActionResult> OnPostMapUnitAsync(int id, int version, string? printed, string? unit, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } district)
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(printed) || string.IsNullOrEmpty(unit))
        {
            return await RefuseAsync(id, "请选择名录中的单位。", ct);
        }

        var names = await imports.CatalogueNamesAsync(district, ct);
        var r = await imports.EditAsync(id, district, version, Actor, AuditActions.MapUnit, ImportService.MapUnit(printed, unit, names), ct);
        return await AfterAsync(r, id, null, $"已将“{printed}”对应到“{unit}”。", ct);
    }

    public async Task<IActionResult> OnPostAddUnitAsync(int id, int version, string? printed, string? name, UnitKind kind, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } district)
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(printed))
        {
            return await RefuseAsync(id, "请选择要对应的单位。", ct);
        }

        var r = await imports.AddUnitAndMapAsync(id, district, version, printed, name ?? string.Empty, kind, Actor, ct);
        return await AfterAsync(r, id, null, $"已将“{name?.Trim()}”添加到单位名录，并将“{printed}”对应到它。", ct);
    }

    /// <summary>
    /// Publishes only when <paramref name="confirm"/> is set: without it the page shows the summary of what the publish would do
    /// (Draft.Safety.cs) with the button that confirms it, and nothing is published.
    /// </summary>
    public async Task<IActionResult> OnPostPublishAsync(int id, int version, bool overrideOrigin, bool confirm, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } district)
        {
            return NotFound();
        }

        if (!confirm)
        {
            return await ConfirmPublishAsync(id, district, version, overrideOrigin, ct);
        }

        var r = await publisher.PublishAsync(id, district, version, Actor, ct, overrideOrigin);
        if (!r.Ok)
        {
            db.ChangeTracker.Clear();
            return await RefuseAsync(id, r.Failure!.Message, ct);
        }

        Message = $"已发布 {ImportLabels.Num(r.Value!.Year)} 年计划。";
        return LocalRedirect("/Imports/" + ImportLabels.Num(id));
    }

    public async Task<IActionResult> OnPostDiscardAsync(int id, int version, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } district)
        {
            return NotFound();
        }

        var r = await imports.DiscardAsync(id, district, version, Actor, ct);
        if (!r.Ok)
        {
            db.ChangeTracker.Clear();
            return await RefuseAsync(id, r.Failure!.Message, ct);
        }

        Message = $"已放弃草稿“{r.Value!.FileName}”。现行计划没有改动。";
        return LocalRedirect("/Imports");
    }

    private string Actor => HttpContext.Actor()!.UserName;

    private static string ItemName(Outcome<ImportDraft> r, int key)
    {
        if (r.Ok && DraftPlan.FromJson(r.Value!.PlanJson).Items.FirstOrDefault(i => i.Key == key) is { } item)
        {
            return $"第 {item.Number} 项";
        }

        return "该任务";
    }

    /// <summary>The draft's district when the user may run its plans; null (404) when the draft does not exist or is not theirs.</summary>
    private async Task<int?> FindAsync(int id, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        if (scope is null || !scope.RunsPlans)
        {
            return null;
        }

        var district = await db.ImportDrafts.AsNoTracking().Where(d => d.Id == id).Select(d => (int?)d.DistrictId).FirstOrDefaultAsync(ct);
        return district is int d && scope.CanRunPlans(d) ? d : null;
    }

    private async Task<IActionResult> AfterAsync(Outcome<ImportDraft> r, int id, int? key, string done, CancellationToken ct)
    {
        if (!r.Ok)
        {
            db.ChangeTracker.Clear();
            EditKey = key;
            return await RefuseAsync(id, r.Failure!.Message, ct);
        }

        Message = done;
        return LocalRedirect("/Imports/" + ImportLabels.Num(id) + (key is int k ? "#item-" + ImportLabels.Num(k) : string.Empty));
    }

    private async Task<IActionResult> RefuseAsync(int id, string message, CancellationToken ct)
    {
        Error = message;
        await BuildAsync(id, ct);
        return Page();
    }

    private async Task BuildAsync(int id, CancellationToken ct)
    {
        Draft = await db.ImportDrafts.AsNoTracking().SingleAsync(d => d.Id == id, ct);
        Plan = DraftPlan.FromJson(Draft.PlanJson);
        var district = await db.Districts.AsNoTracking().SingleAsync(d => d.Id == Draft.DistrictId, ct);
        DistrictName = district.Name;
        DistrictCode = district.Code;
        OriginFlag = NoticeOrigin.Flag(district.Name, Plan.Issuer, Plan.DocNumber);
        SourceLines = NoticeLines.Split(Draft.SourceText);
        DiagnosticsByLine = Plan.Diagnostics.GroupBy(d => d.Line).ToDictionary(g => g.Key, g => g.ToList());
        ItemsByFirstLine = Plan.Items.GroupBy(i => i.FirstLine).ToDictionary(g => g.Key, g => g.ToList());
        if (EditKey is int k && Plan.Items.All(i => i.Key != k))
        {
            EditKey = null;
        }

        if (SplitKey is int sk && Plan.Items.All(i => i.Key != sk))
        {
            SplitKey = null;
        }

        if (JoinKey is int jk && JoinsNext(jk) is null)
        {
            JoinKey = null;
        }

        if (!Editable)
        {
            return;
        }

        Catalogue = await db.Units.AsNoTracking().Where(u => u.DistrictId == Draft.DistrictId).OrderBy(u => u.Id)
            .Select(u => new CatalogueEntry(u.Name, u.Kind)).ToListAsync(ct);
        Unresolved = [.. Plan.Unresolved
            .GroupBy(x => x.Unit.Printed, StringComparer.Ordinal)
            .Select(g => new UnresolvedUnit(g.Key,
                [.. g.SelectMany(x => x.Unit.Candidates).Distinct(StringComparer.Ordinal)],
                [.. g.Select(x => x.Item).Distinct()]))];
        var noLead = Plan.Items.Where(i => i.Lead.Count == 0).Select(i => i.Number).ToList();
        PublishBlocked = Unresolved.Count > 0
            ? $"还有 {ImportLabels.Num(Unresolved.Count)} 个单位未确认（{string.Join("、", Unresolved.Take(5).Select(u => u.Printed))}），请先对应到名录中的单位或添加到名录，再发布。"
            : noLead.Count > 0
                ? $"第 {string.Join("、", noLead.Take(10))} 项没有牵头单位，请先补充。"
                : null;
        var preview = await publisher.PreviewAsync(id, Draft.DistrictId, ct);
        Changes = preview.Ok ? preview.Value : null;
    }
}
