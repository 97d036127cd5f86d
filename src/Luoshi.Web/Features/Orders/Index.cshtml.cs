using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Plans;
using Luoshi.Web.Features.Plans;
using Luoshi.Web.Features.Settings;
using Luoshi.Web.Infrastructure;
using Luoshi.Web.Infrastructure.Reminders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Features.Orders;

/// <summary>
/// 督办单 of a district: the office (and Admin) issues them and sees them all, as do the district's leaders and the city;
/// a unit's clerks and heads see their own unit's. Anyone else: 404.
/// </summary>
public sealed class IndexModel(LuoshiDb db, OrderService orders, NotificationKick kick) : PageModel
{
    public sealed record Choice(int Id, string Label);

    public DistrictInfo? District { get; private set; }

    public IReadOnlyList<DistrictInfo> Choices { get; private set; } = [];

    public IReadOnlyList<OrderRow> Orders { get; private set; } = [];

    public bool CanIssue { get; private set; }

    public IReadOnlyList<Choice> Units { get; private set; } = [];

    public IReadOnlyList<Choice> Items { get; private set; } = [];

    public IssueForm Form { get; private set; } = new();

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? district, CancellationToken ct)
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

        Units = await db.Units.AsNoTracking().Where(u => u.DistrictId == id).OrderBy(u => u.Id).Select(u => new Choice(u.Id, u.Name)).ToListAsync(ct);
        var items = await (from i in db.PlanItems.AsNoTracking()
                           join p in db.Plans on i.PlanId equals p.Id
                           join part in db.PlanParts on i.PartId equals part.Id
                           where p.DistrictId == id
                           orderby i.Seq
                           select new { i.Id, i.Number, part.Title, i.Text }).ToListAsync(ct);
        Items = [.. items.Select(i => new Choice(i.Id, $"{Core.Features.Supervision.ReminderSweep.ShortPart(i.Title)} 第{i.Number}项 {Browse.Clip(i.Text, 30)}"))];
    }
}
