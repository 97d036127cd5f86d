namespace Luoshi.Web.Features.Imports;

// Issue 10.6: the office splits an item in two, or joins it with the next one, where the reader cut the notice wrongly
// (DraftCuts in Core). Kept apart from the other handlers of the draft page; the page's sections are marked "issue 10.6 split/join".
public sealed partial class DraftModel
{
    /// <summary>The item whose split form is open (?split=key).</summary>
    public int? SplitKey { get; private set; }

    /// <summary>The item whose join with the next one awaits confirmation (?join=key).</summary>
    public int? JoinKey { get; private set; }

    /// <summary>What the split form shows again after a refusal: the marked text, the number and the units as submitted.</summary>
    public (string Marked, string? Number, string? Lead, string? Co)? SplitInput { get; private set; }

    /// <summary>
    /// Splits an item where the office put the marker line in <paramref name="marked"/>. The new item's units are typed as
    /// names separated by 、 (<paramref name="lead"/>, <paramref name="co"/>; the form comes with the item's own).
    /// </summary>
    public async Task<IActionResult> OnPostSplitAsync(int id, int version, int key, string? marked, string? number, string? lead, string? co, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } district)
        {
            return NotFound();
        }

        var names = await imports.CatalogueNamesAsync(district, ct);
        var r = await imports.EditAsync(id, district, version, Actor, AuditActions.SplitDraftItem,
            DraftCuts.Split(key, marked, number, ImportLabels.SplitNames(lead), ImportLabels.SplitNames(co), names), ct);
        if (!r.Ok)
        {
            db.ChangeTracker.Clear();
            SplitKey = key;
            SplitInput = (marked ?? string.Empty, number, lead, co);
            return await RefuseAsync(id, r.Failure!.Message, ct);
        }

        var items = DraftPlan.FromJson(r.Value!.PlanJson).Items;
        var (first, second) = (items[key - 1], items[key]);
        Message = $"已将第 {first.Number} 项拆分为两项：第 {first.Number} 项和第 {second.Number} 项。请核对两项的单位和指标。";
        return LocalRedirect("/Imports/" + ImportLabels.Num(id) + "#item-" + ImportLabels.Num(second.Key));
    }

    /// <summary>Joins an item with the next one (asked on the page with ?join=key, confirmed here).</summary>
    public async Task<IActionResult> OnPostJoinAsync(int id, int version, int key, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } district)
        {
            return NotFound();
        }

        // The next item's number, as the draft stood when the join was made, for the message.
        string? next = null;
        var join = DraftCuts.JoinWithNext(key);
        var r = await imports.EditAsync(id, district, version, Actor, AuditActions.JoinDraftItems, plan =>
        {
            int at = plan.Items.FindIndex(i => i.Key == key);
            next = at >= 0 && at + 1 < plan.Items.Count ? plan.Items[at + 1].Number : null;
            return join(plan);
        }, ct);
        if (!r.Ok)
        {
            db.ChangeTracker.Clear();
            JoinKey = key;
            return await RefuseAsync(id, r.Failure!.Message, ct);
        }

        string number = DraftPlan.FromJson(r.Value!.PlanJson).Items.First(i => i.Key == key).Number;
        Message = $"已将第 {number} 项与第 {next} 项合并为第 {number} 项。合并后的文字可点“修改”调整。";
        return LocalRedirect("/Imports/" + ImportLabels.Num(id) + "#item-" + ImportLabels.Num(key));
    }

    /// <summary>The item after <paramref name="key"/> when the two may be joined (same part), else null.</summary>
    public DraftItem? JoinsNext(int key)
    {
        int at = Plan.Items.FindIndex(i => i.Key == key);
        return at >= 0 && at + 1 < Plan.Items.Count && Plan.Items[at + 1].Part == Plan.Items[at].Part ? Plan.Items[at + 1] : null;
    }

    /// <summary>Unit names of a list as the split form shows them (separated by 、; a unit still to be confirmed as printed).</summary>
    public static string Names(IEnumerable<DraftUnit> units) => string.Join("、", units.Select(u => u.Name ?? u.Printed));
}
