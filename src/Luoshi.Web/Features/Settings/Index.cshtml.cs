namespace Luoshi.Web.Features.Settings;

/// <summary>
/// 区设置: a district's thresholds, reporting rule, forms, reminder policy, messenger webhook and circular heading; the
/// leader in charge of each unit; and each unit's contacts, so the office sees whom reminders cannot reach. The district's
/// office (and Admin) only; anyone else gets 404.
/// </summary>
public sealed class IndexModel(LuoshiDb db, DistrictSettingsService settings) : PageModel
{
    public DistrictInfo? District { get; private set; }

    /// <summary>For a caller without a district (Admin) and no ?district=: the districts to choose from.</summary>
    public IReadOnlyList<DistrictInfo> Choices { get; private set; } = [];

    public DistrictSettingsInput Form { get; private set; } = new();

    public bool Saved { get; private set; }

    public IReadOnlyList<UnitContactsView> Units { get; private set; } = [];

    public IReadOnlyList<LeaderOption> Leaders { get; private set; } = [];

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string? district, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        if (scope is null || !scope.Supervises)
        {
            return NotFound();
        }

        if (district is null && scope.DistrictId is null)
        {
            Choices = await SupervisionDistrict.AllAsync(db, ct);
            return Page();
        }

        if (await FindAsync(district, ct) is null)
        {
            return NotFound();
        }

        await BuildAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string? district, DistrictSettingsInput form, CancellationToken ct)
    {
        if (await FindAsync(district, ct) is not { } d)
        {
            return NotFound();
        }

        var r = await settings.SaveAsync(d.Id, form, HttpContext.Actor()!.UserName, ct);
        if (!r.Ok)
        {
            db.ChangeTracker.Clear();
            Error = r.Failure!.Message;
            // An invalid form is shown as typed; after a conflict, the current settings are shown.
            await BuildAsync(r.Failure.Kind == Core.Common.FailureKind.Invalid ? form : null, ct);
            return Page();
        }

        Message = "设置已保存。";
        return LocalRedirect("/Settings?district=" + Uri.EscapeDataString(d.Code));
    }

    public async Task<IActionResult> OnPostLeadersAsync(string? district, Dictionary<int, string?>? leader, CancellationToken ct)
    {
        if (await FindAsync(district, ct) is not { } d)
        {
            return NotFound();
        }

        var wanted = (leader ?? []).ToDictionary(p => p.Key, p => p.Value ?? string.Empty);
        var r = await settings.SetLeadersAsync(d.Id, wanted, HttpContext.Actor()!.UserName, ct);
        if (!r.Ok)
        {
            db.ChangeTracker.Clear();
            Error = r.Failure!.Message;
            await BuildAsync(null, ct);
            return Page();
        }

        if (r.Value == 0)
        {
            Message = "分管领导没有改动。";
            await BuildAsync(null, ct);
            return Page();
        }

        Message = $"已更新 {r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} 个单位的分管领导。";
        return LocalRedirect("/Settings?district=" + Uri.EscapeDataString(d.Code) + "#units");
    }

    public static string Label(FormStyle style) => style switch
    {
        FormStyle.Jiangan => "江岸样表（具体工作内容、完成时限、分管领导、责任科室）",
        FormStyle.Hongshan => "洪山附件1/附件2（分季度工作安排；完成情况、存在问题及下步打算）",
        _ => style.ToString(),
    };

    private async Task<DistrictInfo?> FindAsync(string? code, CancellationToken ct) =>
        District = await SupervisionDistrict.SupervisedAsync(db, HttpContext.Actor(), code, ct);

    private async Task BuildAsync(DistrictSettingsInput? typed, CancellationToken ct)
    {
        int id = District!.Id;
        var current = await DistrictSettingsDefaults.LoadAsync(db, id, ct);
        Saved = current.Version > 0;
        Form = typed ?? DistrictSettingsInput.From(current);
        Form.Version = current.Version;
        Units = await settings.ContactsAsync(id, ct);
        Leaders = await settings.LeadersAsync(id, ct);
    }
}
