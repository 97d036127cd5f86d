namespace Luoshi.Web.Features.Work;

/// <summary>
/// One unit's work plan or report for one item: the form, what changed since the last report, the targets, evidence files,
/// the co-units' parts (for a lead unit), the steps the flow allows now, and the history. Every handler loads the filing
/// (404 when the caller may not see it), refuses a caller with no part in the step (403), and lets the use cases decide (FilingEditing, FilingHandOffs, Consolidation, EvidenceStore);
/// a refusal is shown on the page with what the person typed still in the form.
/// </summary>
[RequestSizeLimit(EvidenceStore.MaxEvidenceBytes * 3)]
[RequestFormLimits(MultipartBodyLengthLimit = EvidenceStore.MaxEvidenceBytes * 3)]
public sealed class FilingModel(LuoshiDb db, FilingQueries queries, FilingEditing editing, FilingHandOffs handOffs, Consolidation consolidation, EvidenceStore evidence, NotificationKick kick) : PageModel
{
    public FilingView P { get; private set; } = null!;

    public Actor Actor { get; private set; } = null!;

    [BindProperty]
    public FilingInput Input { get; set; } = new();

    /// <summary>The form shows what was posted (a refused save, or "增加一行"), not what is stored.</summary>
    public bool InputFromPost { get; private set; }

    /// <summary>How many work-plan rows the form shows after a post (the posted ones, one more after "增加一行"); null: as stored.</summary>
    public int? RowCount { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Someone else saved since the form was loaded: the stored version is shown beside the person's own text.</summary>
    public bool Conflict { get; private set; }

    /// <summary>The comment of a refused return or reopening, kept for the next try.</summary>
    public string? Comment { get; private set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>The page lists the latest steps of the history; <c>history=all</c> lists every one.</summary>
    public bool WholeHistory { get; private set; }

    public async Task<IActionResult> OnGetAsync(int item, int unit, string? period, string? history, CancellationToken ct)
    {
        WholeHistory = history == "all";
        if (!await LoadAsync(item, unit, period, open: true, ct))
        {
            return NotFound();
        }

        Input = FilingInput.From(P.Filing);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int item, int unit, string? period, int version, bool addRow, CancellationToken ct)
    {
        // A save loads only what it checks; the page is loaded whole when it is shown (增加一行, or a refusal: RefuseAsync).
        if (!await LoadAsync(item, unit, period, open: false, ct, forSave: !addRow))
        {
            return NotFound();
        }

        if (!P.MayWrite(Actor))
        {
            return Forbid();
        }

        if (addRow)
        {
            InputFromPost = true;
            RowCount = Input.Steps.Count + 1;
            return Page();
        }

        var saved = await SaveAsync(version, ct);
        if (!saved.Ok)
        {
            return await RefuseAsync(saved.Failure!, keepInput: true, ct);
        }

        Message = "已保存。";
        return Redirect(Here);
    }

    /// <summary>Saves what is in the form, then submits it to the unit head.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(int item, int unit, string? period, int version, CancellationToken ct)
    {
        if (!await LoadAsync(item, unit, period, open: false, ct))
        {
            return NotFound();
        }

        if (!P.MayWrite(Actor))
        {
            return Forbid();
        }

        if (FilingFlow.Editable(P.State) && !P.Locked)
        {
            var saved = await SaveAsync(version, ct);
            if (!saved.Ok)
            {
                return await RefuseAsync(saved.Failure!, keepInput: true, ct);
            }

            version = saved.Value!.Version;
        }

        return await ActAsync(FilingAction.Submit, version, null, null, "已提交，等待单位负责人审定。", ct, keepInput: true);
    }

    public async Task<IActionResult> OnPostApproveAsync(int item, int unit, string? period, int version, string? back, CancellationToken ct) =>
        !await LoadAsync(item, unit, period, open: false, ct) ? NotFound()
        : await ActAsync(FilingAction.Approve, version, null, back, P.IsCoUnitPart ? "已审定，材料已交牵头单位汇总。" : "已审定，材料已报送督查室。", ct);

    public async Task<IActionResult> OnPostReturnAsync(int item, int unit, string? period, int version, string? comment, string? back, CancellationToken ct) =>
        !await LoadAsync(item, unit, period, open: false, ct) ? NotFound()
        : await ActAsync(FilingAction.Return, version, comment, back, "已退回，并附退回意见。", ct);

    public async Task<IActionResult> OnPostAcceptAsync(int item, int unit, string? period, int version, string? back, CancellationToken ct) =>
        !await LoadAsync(item, unit, period, open: false, ct) ? NotFound()
        : await ActAsync(FilingAction.Accept, version, null, back, P.State == FilingState.WithLeadUnit ? "已汇总该配合单位的材料。" : "已接收。", ct);

    public async Task<IActionResult> OnPostReopenAsync(int item, int unit, string? period, int version, string? comment, CancellationToken ct) =>
        !await LoadAsync(item, unit, period, open: false, ct) ? NotFound()
        : await ActAsync(FilingAction.Reopen, version, comment, null, "已重新开放，单位可以修改后再次报送；原因已记入审计日志。", ct);

    /// <summary>The lead unit's clerk gathers the co-units' parts into its own report.</summary>
    public async Task<IActionResult> OnPostConsolidateAsync(int item, int unit, string? period, int version, string? back, CancellationToken ct)
    {
        if (!await LoadAsync(item, unit, period, open: false, ct))
        {
            return NotFound();
        }

        if (!P.MayWrite(Actor))
        {
            return Forbid();
        }

        var filing = await FilingIdAsync(ct);
        if (!filing.Ok)
        {
            return await RefuseAsync(filing.Failure!, keepInput: false, ct);
        }

        var r = await consolidation.ConsolidateAsync(filing.Value, version, Actor, ct);
        if (!r.Ok)
        {
            return await RefuseAsync(r.Failure!, keepInput: false, ct);
        }

        Message = "已汇总配合单位报来的材料。";
        return Redirect(back == "work" ? "/Work" : Here);
    }

    public async Task<IActionResult> OnPostUploadAsync(int item, int unit, string? period, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(item, unit, period, open: false, ct))
        {
            return NotFound();
        }

        if (!P.MayWrite(Actor))
        {
            return Forbid();
        }

        if (file is null || file.Length == 0)
        {
            return await RefuseAsync(new(FailureKind.Invalid, file is null ? "请选择要上传的佐证材料。" : "文件是空的。"), keepInput: false, ct);
        }

        // Refused by size before it is read into memory.
        if (file.Length > EvidenceStore.MaxEvidenceBytes)
        {
            return await RefuseAsync(new(FailureKind.Invalid,
                $"文件过大（{WorkLabels.Size(file.Length)}），单个佐证材料不能超过 {EvidenceStore.MaxEvidenceBytes / 1024 / 1024} MB。"), keepInput: false, ct);
        }

        byte[] content;
        using (var ms = new MemoryStream((int)file.Length))
        {
            await file.CopyToAsync(ms, ct);
            content = ms.ToArray();
        }

        var filing = await FilingIdAsync(ct);
        var r = filing.Ok ? await evidence.AttachAsync(filing.Value, file.FileName, content, Actor, ct) : filing.Failure!;
        if (!r.Ok)
        {
            return await RefuseAsync(r.Failure!, keepInput: false, ct);
        }

        Message = $"已上传“{r.Value!.FileName}”。";
        return Redirect(Here + "#evidence");
    }

    public async Task<IActionResult> OnPostDetachAsync(int item, int unit, string? period, int evidenceId, int version, CancellationToken ct)
    {
        if (!await LoadAsync(item, unit, period, open: false, ct))
        {
            return NotFound();
        }

        if (!P.MayWrite(Actor))
        {
            return Forbid();
        }

        if (P.Evidence.All(e => e.Id != evidenceId))
        {
            return NotFound();
        }

        if (P.Version != version)
        {
            return await RefuseAsync(new(FailureKind.Conflict,
                $"该材料已被 {P.Filing!.UpdatedBy} 于 {WorkLabels.Time(P.Filing.UpdatedAt)} 修改，佐证材料没有删除。请查看最新版本后再操作。"), keepInput: false, ct);
        }

        var r = await evidence.DetachAsync(evidenceId, Actor, ct);
        if (!r.Ok)
        {
            return await RefuseAsync(r.Failure!, keepInput: false, ct);
        }

        Message = "已删除该佐证材料。";
        return Redirect(Here + "#evidence");
    }

    public string Here => WorkLabels.FilingUrl(P.ItemId, P.UnitId, P.Period);

    private async Task<bool> LoadAsync(int item, int unit, string? period, bool open, CancellationToken ct, bool forSave = false)
    {
        if (HttpContext.Actor() is not { } scope || !WorkLabels.TryPeriod(period, out var p))
        {
            return false;
        }

        Actor = scope;
        var page = await queries.LoadAsync(item, unit, p, Actor, open, ct, forSave, WholeHistory);
        if (page is null)
        {
            return false;
        }

        P = page;
        return true;
    }

    /// <summary>The filing's id, starting it (as its clerk) when it was not yet.</summary>
    private async Task<Outcome<int>> FilingIdAsync(CancellationToken ct)
    {
        if (P.Filing is { } f)
        {
            return f.Id;
        }

        var opened = await editing.OpenAsync(P.ItemId, P.UnitId, P.Period, Actor, ct);
        return opened.Ok ? opened.Value!.Id : opened.Failure!;
    }

    private async Task<Outcome<Filing>> SaveAsync(int version, CancellationToken ct)
    {
        if (P.Participation == Participation.None)
        {
            return new Failure(FailureKind.NotAllowed, "按本区通知，此事项由牵头单位报送，配合单位无需单独填报。");
        }

        var (edit, error) = Input.ToEdit(P);
        if (edit is null)
        {
            return new Failure(FailureKind.Invalid, error!);
        }

        var filing = await FilingIdAsync(ct);
        return filing.Ok ? await editing.SaveAsync(filing.Value, version, edit, Actor, ct) : filing.Failure!;
    }

    private async Task<IActionResult> ActAsync(FilingAction action, int version, string? comment, string? back, string done, CancellationToken ct, bool keepInput = false)
    {
        if (!P.MayTake(action, Actor))
        {
            return Forbid();
        }

        if (P.Filing is null && action != FilingAction.Submit)
        {
            return await RefuseAsync(new(FailureKind.NotAllowed, "该单位尚未填报。"), keepInput: false, ct);
        }

        var filing = await FilingIdAsync(ct);
        var r = filing.Ok ? await handOffs.ActAsync(filing.Value, version, action, comment, Actor, ct) : filing.Failure!;
        if (!r.Ok)
        {
            Comment = comment;
            return await RefuseAsync(r.Failure!, keepInput, ct);
        }

        // The step stored its messages to the next person: send the e-mail and messenger copies now.
        kick.Poke();
        Message = done;
        return Redirect(back == "work" ? "/Work" : Here);
    }

    /// <summary>The page again with the refusal; the person's text stays in the form, and a conflict shows the stored version beside it.</summary>
    private async Task<IActionResult> RefuseAsync(Failure failure, bool keepInput, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var page = await queries.LoadAsync(P.ItemId, P.UnitId, P.Period, Actor, open: false, ct);
        P = page ?? P;
        Error = failure.Message;
        Conflict = failure.Kind == FailureKind.Conflict;
        InputFromPost = keepInput;
        RowCount = keepInput ? Input.Steps.Count : null;
        if (!keepInput)
        {
            Input = FilingInput.From(P.Filing);
        }

        return Page();
    }
}
