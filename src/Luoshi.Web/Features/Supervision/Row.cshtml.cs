namespace Luoshi.Web.Features.Supervision;

/// <summary>
/// One supervision row as the office acts on it (a unit, an item and a period): where it stands, its history (催报, calls,
/// 约谈, 督办单), and the actions — 催报 now, a 督办单 prefilled, a note of a call or 约谈. The district's office only
/// (<see cref="Permission.Supervise"/>); anyone else gets 404, POSTs included. The list's and the item page's buttons post here
/// and are sent back (<c>back=list</c> or <c>back=item</c>).
/// </summary>
public sealed class RowModel(LuoshiDb db, YearQueries years, SupervisionActions actions, NotificationKick kick) : PageModel
{
    public YearSnapshot Snapshot { get; private set; } = null!;

    public SnapshotUnit Unit { get; private set; } = null!;

    public ItemRow? Item { get; private set; }

    public ReportPeriod? Period { get; private set; }

    public IReadOnlyList<ObligationRow> Obligations { get; private set; } = [];

    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    public ContactForm Form { get; private set; } = new();

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string? district, int unit, int? item, string? period, CancellationToken ct)
    {
        if (!await LoadAsync(district, unit, item, period, ct))
        {
            return NotFound();
        }

        Form = new ContactForm { UnitId = unit, ItemId = Item?.Id, Period = Period, On = Snapshot.Today };
        return Page();
    }

    public async Task<IActionResult> OnPostRemindAsync(string? district, int unit, int? item, string? period, string? back, CancellationToken ct)
    {
        if (!await LoadAsync(district, unit, item, period, ct))
        {
            return NotFound();
        }

        var r = await actions.RemindNowAsync(Snapshot.District.Id, unit, Item?.Id, Period, HttpContext.Actor()!, ct);
        if (r.Ok)
        {
            kick.Poke();
        }

        Message = r.Ok ? $"已向{Unit.Name}催报，{r.Value}人收到站内消息（有邮箱的同时发送邮件）。" : r.Failure!.Message;
        return Back(back);
    }

    public async Task<IActionResult> OnPostContactAsync(string? district, int unit, int? item, string? period, string? back, ContactForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await LoadAsync(district, unit, item, period, ct))
        {
            return NotFound();
        }

        form.UnitId = unit;
        form.ItemId = Item?.Id;
        form.Period = Period;
        var r = await actions.RecordAsync(Snapshot.District.Id, form, HttpContext.Actor()!, ct);
        if (!r.Ok)
        {
            db.ChangeTracker.Clear();
            Error = r.Failure!.Message;
            Form = form;
            return Page();
        }

        Message = $"已记录{ContactKindLabels.Of(form.Kind)}。";
        return Back(back);
    }

    /// <summary>The query naming this row.</summary>
    public string RowQuery => string.Create(CultureInfo.InvariantCulture,
        $"district={Uri.EscapeDataString(Snapshot.District.Code)}&unit={Unit.Id}{(Item is null ? "" : "&item=" + Item.Id.ToString(CultureInfo.InvariantCulture))}{(Period is null ? "" : "&period=" + Period)}");

    private IActionResult Back(string? back) => back switch
    {
        // Back to the list's page the button was on (?p=, the rows are paged).
        "list" => LocalRedirect(string.Create(CultureInfo.InvariantCulture, $"/Supervision?district={Uri.EscapeDataString(Snapshot.District.Code)}{(Period is null ? "" : "&period=" + Period)}{(int.TryParse(Request.Query["p"], NumberStyles.None, CultureInfo.InvariantCulture, out int page) && page > 1 ? "&p=" + page.ToString(CultureInfo.InvariantCulture) : "")}")),
        "item" when Item is not null => LocalRedirect(string.Create(CultureInfo.InvariantCulture, $"/Plans/{Uri.EscapeDataString(Snapshot.District.Code)}/Items/{Item.Seq}#supervision")),
        _ => LocalRedirect("/Supervision/Row?" + RowQuery),
    };

    private async Task<bool> LoadAsync(string? district, int unit, int? item, string? period, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        if (scope is null || !scope.Supervises)
        {
            return false;
        }

        var code = await DistrictChoice.CodeAsync(db, scope, district, ct);
        var snapshot = code is null ? null : await years.SnapshotAsync(code, scope.CanSupervise, ct);
        if (snapshot is null || !scope.CanSupervise(snapshot.District.Id) || snapshot.Units.FirstOrDefault(u => u.Id == unit) is not { } u)
        {
            return false;
        }

        Snapshot = snapshot;
        Unit = u;
        Item = item is int id ? snapshot.Items.FirstOrDefault(i => i.Id == id && (i.LeadUnitIds.Contains(unit) || i.CoUnitIds.Contains(unit))) : null;
        Period = Enum.TryParse<ReportPeriod>(period, out var p) && Enum.IsDefined(p) ? p : null;
        Obligations = [.. snapshot.Obligations.Where(o => o.UnitId == unit && (Item is null || o.ItemId == Item.Id) && (Period is null || o.Period == Period))
            .OrderBy(o => o.Due)];
        History = await actions.HistoryAsync(snapshot.District.Id, unit, Item?.Id, ct);
        return true;
    }
}
