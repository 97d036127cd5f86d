namespace Luoshi.Web.Features.Orders;

/// <summary>
/// One order and its reply loop: who may read it as for a unit's page (the office, the district's leaders, the city, the
/// unit's own people); the unit's clerk writes the reply with attachments and submits it, the unit's head approves it to the
/// office or returns it, the office closes it (办结) or returns it as not satisfied. Each step is <see cref="OrderService"/>'s;
/// a step the caller may not take is 404, like an order they may not read.
/// </summary>
public sealed class DetailModel(LuoshiDb db, OrderService orders, NotificationKick kick) : PageModel
{
    public SupervisionOrder Order { get; private set; } = null!;

    public string UnitName { get; private set; } = "";

    public string DistrictName { get; private set; } = "";

    public string DistrictCode { get; private set; } = "";

    public string? ItemLabel { get; private set; }

    public string? Late { get; private set; }

    /// <summary>The unit's clerk (or head) may write the reply, attach files and submit it.</summary>
    public bool CanReply { get; private set; }

    /// <summary>The unit's head may approve or return the reply awaiting approval.</summary>
    public bool CanApprove { get; private set; }

    /// <summary>The office may close (办结) or return the approved reply.</summary>
    public bool CanClose { get; private set; }

    /// <summary>The office asked to close (办结): the page shows the summary and the confirming button.</summary>
    public bool CloseConfirmation { get; private set; }

    public IReadOnlyList<OrderEvent> Events { get; private set; } = [];

    public IReadOnlyList<OrderAttachmentRow> Files { get; private set; } = [];

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

    public async Task<IActionResult> OnGetFileAsync(int id, int file, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is null || await orders.AttachmentAsync(Order, file, ct) is not { } f)
        {
            return NotFound();
        }

        return File(f.Content, f.ContentType, f.FileName);
    }

    /// <summary>Saves the reply as a draft, or with <paramref name="submit"/> submits it to the unit's head.</summary>
    public async Task<IActionResult> OnPostReplyAsync(int id, int version, string? reply, bool submit, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } scope || !scope.Has(Permission.ReplyOrder, Order.DistrictId, Order.UnitId))
        {
            return NotFound();
        }

        return await AfterAsync(scope, await orders.ReplyAsync(Order, version, reply, submit, scope, ct), submit ? "已提交单位负责人审定。" : "已保存回复草稿。", ct);
    }

    public async Task<IActionResult> OnPostAttachAsync(int id, int version, IFormFile? file, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } scope || !scope.Has(Permission.ReplyOrder, Order.DistrictId, Order.UnitId))
        {
            return NotFound();
        }

        if (file is null || file.Length == 0)
        {
            return await AfterAsync(scope, new Failure(FailureKind.Invalid, file is null ? "请选择要上传的附件。" : "文件是空的。"), "", ct);
        }

        if (file.Length > EvidenceStore.MaxEvidenceBytes)
        {
            return await AfterAsync(scope, new Failure(FailureKind.Invalid, $"文件过大，单个附件不能超过 {EvidenceStore.MaxEvidenceBytes / 1024 / 1024} MB。"), "", ct);
        }

        byte[] content;
        using (var ms = new MemoryStream((int)file.Length))
        {
            await file.CopyToAsync(ms, ct);
            content = ms.ToArray();
        }

        return await AfterAsync(scope, await orders.AttachAsync(Order, version, file.FileName, content, scope, ct), "已上传附件。", ct);
    }

    public async Task<IActionResult> OnPostDetachAsync(int id, int version, int file, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } scope || !scope.Has(Permission.ReplyOrder, Order.DistrictId, Order.UnitId))
        {
            return NotFound();
        }

        return await AfterAsync(scope, await orders.DetachAsync(Order, version, file, scope, ct), "已删除附件。", ct);
    }

    public async Task<IActionResult> OnPostApproveAsync(int id, int version, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } scope || !scope.Has(Permission.ApproveOwnFiling, Order.DistrictId, Order.UnitId))
        {
            return NotFound();
        }

        return await AfterAsync(scope, await orders.ApproveAsync(Order, version, scope, ct), "已审定，回复已报送督查室。", ct);
    }

    /// <summary>The unit's head returns the reply to the clerk, or the office returns it to the unit as not satisfied.</summary>
    public async Task<IActionResult> OnPostReturnAsync(int id, int version, string? comment, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } scope
            || !(scope.CanSupervise(Order.DistrictId) || scope.Has(Permission.ApproveOwnFiling, Order.DistrictId, Order.UnitId)))
        {
            return NotFound();
        }

        return await AfterAsync(scope, await orders.ReturnAsync(Order, version, comment, scope, ct), "已退回。", ct);
    }

    /// <summary>
    /// Issue 13.4: 办结 cannot be undone, so a close without <paramref name="confirm"/> (where it could be taken now: the reply
    /// approved, the version the one read) shows its summary (<see cref="CloseConfirmation"/>) and changes nothing.
    /// </summary>
    public async Task<IActionResult> OnPostCloseAsync(int id, int version, bool confirm, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } scope || !scope.CanSupervise(Order.DistrictId))
        {
            return NotFound();
        }

        if (!confirm && Order.State == OrderState.Replied && Order.Version == version)
        {
            await BuildAsync(scope, ct);
            CloseConfirmation = true;
            return Page();
        }

        return await AfterAsync(scope, await orders.CloseAsync(Order, version, scope, ct), "督办单已办结。", ct);
    }

    private async Task<IActionResult> AfterAsync(Actor scope, Outcome<SupervisionOrder> r, string done, CancellationToken ct)
    {
        if (!r.Ok)
        {
            int orderId = Order.Id;
            db.ChangeTracker.Clear();
            Order = await db.SupervisionOrders.AsNoTracking().SingleAsync(o => o.Id == orderId, ct);
            Error = r.Failure!.Message;
            await BuildAsync(scope, ct);
            return Page();
        }

        kick.Poke();
        Message = done;
        return LocalRedirect("/Orders/" + Order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

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

        (Events, Files) = await orders.LoopAsync(Order.Id, ct);
        Late = OrderService.Late(Order.State, Order.ReplyBy, Order.RepliedAt, orders.Today);
        CanReply = OrderService.Editable(Order.State) && scope.Has(Permission.ReplyOrder, Order.DistrictId, Order.UnitId);
        CanApprove = Order.State == OrderState.AwaitingHead && scope.Has(Permission.ApproveOwnFiling, Order.DistrictId, Order.UnitId);
        CanClose = Order.State == OrderState.Replied && scope.CanSupervise(Order.DistrictId);
    }
}
