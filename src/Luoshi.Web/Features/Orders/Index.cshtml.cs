using Luoshi.Web.Features.Settings;

namespace Luoshi.Web.Features.Orders;

/// <summary>
/// 督办单 of a district: the office (and Admin) issues them and sees them all, as do the district's leaders and the city;
/// a unit's clerks and heads see their own unit's. Anyone else: 404.
/// </summary>
public sealed class IndexModel(LuoshiDb db, OrderService orders, NotificationKick kick, YearQueries years) : PageModel
{
    public DistrictInfo? District { get; private set; }

    public IReadOnlyList<DistrictInfo> Choices { get; private set; } = [];

    public IReadOnlyList<OrderRow> Orders { get; private set; } = [];

    public bool CanIssue { get; private set; }

    public IReadOnlyList<OrderChoice> Units { get; private set; } = [];

    public IReadOnlyList<OrderChoice> Items { get; private set; } = [];

    public IssueForm Form { get; private set; } = new();

    public string? Error { get; private set; }

    /// <summary>Whether the issue form was prefilled from a supervision row (unit, item, period asked for).</summary>
    public bool Proposed { get; private set; }

    /// <summary>The list; with <paramref name="unit"/> (and <paramref name="item"/>, <paramref name="period"/>) from a supervision row, the office's issue form comes prefilled.</summary>
    public async Task<IActionResult> OnGetAsync(string? district, int? unit, int? item, string? period, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        if (scope is null)
        {
            return NotFound();
        }

        if (district is null && scope.DistrictId is null)
        {
            Choices = await SupervisionDistrict.AllAsync(db, ct);
            return Page();
        }

        if (!await FindAsync(scope, district, ct))
        {
            return NotFound();
        }

        await BuildAsync(scope, ct);
        if (CanIssue && unit is not null)
        {
            var p = Enum.TryParse<Luoshi.Parsing.Calendar.ReportPeriod>(period, out var rp) && Enum.IsDefined(rp) ? rp : (Luoshi.Parsing.Calendar.ReportPeriod?)null;
            Form = await orders.ProposeAsync(District!.Id, unit, item, p, await years.SnapshotAsync(District.Id, ct), ct);
            Proposed = Form.UnitId != 0;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(string? district, IssueForm form, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        if (scope is null || !await FindAsync(scope, district, ct) || !scope.CanSupervise(District!.Id))
        {
            return NotFound();
        }

        var r = await orders.IssueAsync(District.Id, form, scope, ct);
        if (!r.Ok)
        {
            db.ChangeTracker.Clear();
            Error = r.Failure!.Message;
            Form = form;
            await BuildAsync(scope, ct);
            return Page();
        }

        kick.Poke();
        TempData["Message"] = $"已下发督办单 {r.Value!.Number}，已通知该单位的填报人和负责人。";
        return LocalRedirect("/Orders/" + r.Value.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<bool> FindAsync(Actor scope, string? code, CancellationToken ct)
    {
        var d = await SupervisionDistrict.ResolveAsync(db, scope, code, ct);
        if (d is null || !(scope.CanReadWholePlan(d.Id) || (scope.DistrictId == d.Id && scope.UnitId is not null)))
        {
            return false;
        }

        District = d;
        return true;
    }

    private async Task BuildAsync(Actor scope, CancellationToken ct)
    {
        int id = District!.Id;
        Orders = await orders.ListAsync(id, scope.CanReadWholePlan(id) ? null : scope.UnitId, ct);
        CanIssue = scope.CanSupervise(id);
        if (!CanIssue)
        {
            return;
        }

        Units = await orders.UnitChoicesAsync(id, ct);
        Items = await orders.ItemChoicesAsync(id, ct);
    }
}
