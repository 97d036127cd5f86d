namespace Luoshi.Web.Features.Accounts;

/// <summary>A step on an account waiting for the office's confirmation (issue 13.4): its handler, texts and the account as listed.</summary>
public sealed record AccountConfirmation(string Handler, string Title, string Button, AccountRow Account, string Stamp, string Summary, string Changes);

/// <summary>
/// 账号管理: the accounts of a district for its office (the admin: any district, or all), searched and filtered by unit,
/// role and state; a password reset (its new password shown once on a 通知单), disable, enable and unlock per account.
/// Each action names the account by user name within the page's district and carries its concurrency stamp, so that an
/// account of another district is not found (404) and a stale list changes nothing.
/// </summary>
public sealed class IndexModel(LuoshiDb db, AccountService accounts, TimeProvider clock) : PageModel
{
    public District? District { get; private set; }

    public List<District> Districts { get; private set; } = [];

    public List<Unit> Units { get; private set; } = [];

    public List<AccountRow> Accounts { get; private set; } = [];

    public Dictionary<string, string> Stamps { get; private set; } = [];

    public string? Search { get; private set; }

    public int? UnitId { get; private set; }

    public AppRole? Role { get; private set; }

    public string? State { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public NoticeSheet? Sheet { get; private set; }

    public Actor Actor { get; private set; } = null!;

    public bool MayUnlock => AccountAccess.MayUnlockSome(Actor);

    public string? Code => District?.Code;

    public async Task<IActionResult> OnGetAsync(string? district, string? q, int? unit, string? role, string? state, CancellationToken ct) =>
        await LoadAsync(district, q, unit, role, state, ct) ? Page() : NotFound();

    /// <summary>
    /// Issue 13.4: resetting a password (the old one stops at once) and disabling an account (its sessions end) ask first: the POST
    /// without <c>confirm</c>, where the step could be taken now (the caller manages the account, the list is fresh), shows a
    /// summary of the account and the step (<see cref="Confirmation"/>) and changes nothing.
    /// </summary>
    public AccountConfirmation? Confirmation { get; private set; }

    public Task<IActionResult> OnPostResetAsync(string? district, string? user, string? stamp, bool confirm, CancellationToken ct) =>
        ActAsync(district, user, stamp, confirm ? null : a => new AccountConfirmation("Reset", "确认重置密码", "确认重置", a, stamp!,
            $"将重置{Describe(a)}的密码。",
            "原密码立即失效；系统生成一次性初始密码并显示在通知单上（仅显示一次），该账号下次登录时须修改密码。"), async id =>
        {
            var reset = await accounts.ResetPasswordAsync(Actor, id, stamp, ct);
            if (reset.Ok)
            {
                Response.Headers.CacheControl = "no-store";
                Sheet = new NoticeSheet("密码重置通知单", [reset.Value!], $"{Request.Scheme}://{Request.Host}/Account/Login", clock.GetUtcNow(), Actor.DisplayName);
                return (null, "已重置 " + reset.Value!.UserName + " 的密码。");
            }

            return (reset.Failure, null);
        }, ct);

    public Task<IActionResult> OnPostDisableAsync(string? district, string? user, string? stamp, bool confirm, CancellationToken ct) =>
        ActAsync(district, user, stamp, confirm ? null : a => new AccountConfirmation("Disable", "确认停用账号", "确认停用", a, stamp!,
            $"将停用{Describe(a)}。",
            "停用后该账号不能再登录，已登录的会话将在几分钟内失效；其待办不会转给他人。如需恢复，可在本页重新启用。"), async id =>
        {
            var r = await accounts.SetDisabledAsync(Actor, id, stamp, disabled: true, ct);
            return r.Ok ? (null, "已停用 " + r.Value!.UserName + "：该账号不能再登录，已登录的会话将在几分钟内失效。") : (r.Failure, null);
        }, ct);

    public Task<IActionResult> OnPostEnableAsync(string? district, string? user, string? stamp, CancellationToken ct) =>
        ActAsync(district, user, stamp, null, async id =>
        {
            var r = await accounts.SetDisabledAsync(Actor, id, stamp, disabled: false, ct);
            return r.Ok ? (null, "已启用 " + r.Value!.UserName + "。") : (r.Failure, null);
        }, ct);

    public Task<IActionResult> OnPostUnlockAsync(string? district, string? user, string? stamp, CancellationToken ct) =>
        ActAsync(district, user, stamp, null, async id =>
        {
            var r = await accounts.UnlockAsync(Actor, id, stamp, ct);
            return r.Ok ? (null, "已解锁 " + r.Value!.UserName + "。") : (r.Failure, null);
        }, ct);

    /// <summary>Finds the account in the page's district (else 404), runs the action, and shows the list with its outcome.</summary>
    private async Task<IActionResult> ActAsync(string? district, string? user, string? stamp, Func<AccountRow, AccountConfirmation>? ask,
        Func<string, Task<(Failure? Failure, string? Done)>> action, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        var d = await AccountPages.DistrictAsync(db, scope, district, ct, listOnly: true);
        if (!d.Ok || string.IsNullOrWhiteSpace(user))
        {
            return NotFound();
        }

        Actor = scope!;
        int? districtId = d.Value?.Id;
        string? id = await db.Users.Where(u => u.UserName == user.Trim() && u.DistrictId == districtId).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            return NotFound();
        }

        if (ask is not null && await ConfirmationAsync(d.Value?.Code, id, stamp, ask, ct))
        {
            return Page();
        }

        var (failure, done) = await action(id);
        if (failure?.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }

        if (failure?.Kind == FailureKind.Forbidden)
        {
            return Forbid();
        }

        Error = failure?.Message;
        Message = done;
        await LoadAsync(d.Value?.Code, null, null, null, null, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(string? district, string? q, int? unit, string? role, string? state, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        var d = await AccountPages.DistrictAsync(db, scope, district, ct, listOnly: true);
        if (!d.Ok)
        {
            return false;
        }

        Actor = scope!;
        District = d.Value;
        Districts = await AccountPages.ChoicesAsync(db, Actor, ct);
        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        Role = Enum.TryParse<AppRole>(role, out var r) ? r : null;
        State = state is "active" or "disabled" or "locked" or "pending" ? state : null;
        if (District is not null)
        {
            Units = await db.Units.AsNoTracking().Where(u => u.DistrictId == District.Id).OrderBy(u => u.Id).ToListAsync(ct);
            UnitId = Units.Any(u => u.Id == unit) ? unit : null;
        }

        var list = await accounts.ListAsync(Actor, District?.Id, Search, UnitId, Role, State, ct);
        Accounts = list.Value ?? [];
        var ids = Accounts.Select(a => a.Id).ToList();
        Stamps = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.ConcurrencyStamp ?? string.Empty, ct);
        return true;
    }

    /// <summary>Shows the list with the confirmation of a step on account <paramref name="id"/> when the caller manages it and <paramref name="stamp"/> is current; false: the step runs (and refuses) as without a confirmation.</summary>
    private async Task<bool> ConfirmationAsync(string? district, string id, string? stamp, Func<AccountRow, AccountConfirmation> ask, CancellationToken ct)
    {
        string? current = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.ConcurrencyStamp).FirstOrDefaultAsync(ct);
        if (string.IsNullOrEmpty(stamp) || current != stamp)
        {
            return false;
        }

        await LoadAsync(district, null, null, null, null, ct);
        var row = Accounts.FirstOrDefault(a => a.Id == id);
        if (row is null || !MayManage(row))
        {
            return false;
        }

        Confirmation = ask(row);
        return true;
    }

    private static string Describe(AccountRow a) =>
        $"账号 {a.UserName}（{a.DisplayName}，{RoleNames.Of(a.Role)}{(a.Unit is null ? a.District is null ? "" : "，" + a.District : "，" + a.Unit)}）";

    public static string StateText(AccountRow a) =>
        a.Disabled ? "已停用" : a.Locked ? "已锁定" : a.MustChangePassword ? "待修改初始密码" : "正常";

    public bool MayManage(AccountRow a) =>
        AccountAccess.MayManageUser(Actor, new AppUser { UserName = a.UserName, DisplayName = a.DisplayName, Role = a.Role, DistrictId = a.DistrictId });

    public bool MayUnlockRow(AccountRow a) =>
        a.Locked && AccountAccess.MayUnlock(Actor, new AppUser { UserName = a.UserName, DisplayName = a.DisplayName, Role = a.Role, DistrictId = a.DistrictId });
}
