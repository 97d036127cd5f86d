using Luoshi.Core.Common;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Orders;
using Luoshi.Core.Features.Supervision;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Features.Orders;

/// <summary>
/// One order: who may read it as for a unit's page (the office, the district's leaders, the city, the unit's own people);
/// the unit's clerks and heads reply; the office closes it; anyone may download it as .docx who may read it. Otherwise 404.
/// </summary>
public sealed class DetailModel(LuoshiDb db, OrderService orders) : PageModel
{
    public SupervisionOrder Order { get; private set; } = null!;

    public string UnitName { get; private set; } = "";

    public string DistrictName { get; private set; } = "";

    public string DistrictCode { get; private set; } = "";

    public string? ItemLabel { get; private set; }

    public string? Late { get; private set; }

    public bool CanReply { get; private set; }

    public bool CanClose { get; private set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } scope)
        {
            return NotFound();
        }

        await BuildAsync(scope, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetDocxAsync(int id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is null)
        {
            return NotFound();
        }

        byte[] bytes = await orders.DocxAsync(Order, ct);
        return File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"督办单-{Order.Number}.docx");
    }

    public async Task<IActionResult> OnPostReplyAsync(int id, int version, string? reply, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } scope || !IsUnitPerson(scope))
        {
            return NotFound();
        }

        return await AfterAsync(scope, await orders.ReplyAsync(Order, version, reply, scope, ct), "已提交回复。", ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, int version, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } scope || !scope.CanSupervise(Order.DistrictId))
        {
            return NotFound();
        }

        return await AfterAsync(scope, await orders.CloseAsync(Order, version, scope, ct), "督办单已办结。", ct);
    }

    private async Task<IActionResult> AfterAsync(Actor scope, Outcome<SupervisionOrder> r, string done, CancellationToken ct)
    {
        if (!r.Ok)
        {
            db.ChangeTracker.Clear();
            Order = await db.SupervisionOrders.AsNoTracking().SingleAsync(o => o.Id == Order.Id, ct);
            Error = r.Failure!.Message;
            await BuildAsync(scope, ct);
            return Page();
        }

        Message = done;
        return LocalRedirect("/Orders/" + Order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private bool IsUnitPerson(Actor scope) =>
        scope.Has(Permission.ReplyOrder, Order.DistrictId, Order.UnitId);

    /// <summary>The order (tracked, for a change) when the caller may read it; null (404) otherwise.</summary>
    private async Task<Actor?> FindAsync(int id, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        if (scope is null || await db.SupervisionOrders.FirstOrDefaultAsync(o => o.Id == id, ct) is not { } order
            || !scope.CanReadUnit(order.DistrictId, order.UnitId))
        {
            return null;
        }

        Order = order;
        return scope;
    }

    private async Task BuildAsync(Actor scope, CancellationToken ct)
    {
        var names = await (from u in db.Units.AsNoTracking()
                           join d in db.Districts on u.DistrictId equals d.Id
                           where u.Id == Order.UnitId
                           select new { Unit = u.Name, d.Name, d.Code }).SingleAsync(ct);
        UnitName = names.Unit;
        DistrictName = names.Name;
        DistrictCode = names.Code;
        if (Order.ItemId is int itemId)
        {
            ItemLabel = await (from i in db.PlanItems.AsNoTracking()
                               join p in db.PlanParts on i.PartId equals p.Id
                               where i.Id == itemId
                               select ReminderSweep.ShortPart(p.Title) + " 第" + i.Number + "项 " + i.Text).FirstOrDefaultAsync(ct);
        }

        Late = OrderService.Late(Order.State, Order.ReplyBy, Order.RepliedAt, orders.Today);
        CanReply = Order.State != OrderState.Closed && IsUnitPerson(scope);
        CanClose = Order.State != OrderState.Closed && scope.CanSupervise(Order.DistrictId);
    }
}
