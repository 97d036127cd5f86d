namespace Luoshi.Web.Features.Accounts;

/// <summary>开通单个账号: the roster's checks for one account; on success its 账号开通通知单 with the one-time password.</summary>
public sealed class CreateModel(LuoshiDb db, AccountService accounts, TimeProvider clock) : PageModel
{
    public District? District { get; private set; }

    public List<District> Districts { get; private set; } = [];

    public List<Unit> Units { get; private set; } = [];

    public List<string> Errors { get; private set; } = [];

    public RosterEntry Entry { get; private set; } = new(1, null, null, null, null, null, null);

    public NoticeSheet? Sheet { get; private set; }

    public Actor Actor { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? district, CancellationToken ct) =>
        await LoadAsync(district, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? district, string? unit, string? name, string? userName, string? role, string? phone, string? email,
        CancellationToken ct)
    {
        if (!await LoadAsync(district, ct))
        {
            return NotFound();
        }

        Entry = new RosterEntry(1, unit, name, userName, role, phone, email);
        if (District is null)
        {
            Errors = ["请先选择区。"];
            return Page();
        }

        var outcome = await accounts.CreateAsync(Actor, District.Id, [Entry], ct);
        if (!outcome.Ok)
        {
            return NotFound();
        }

        if (!outcome.Value!.Ok)
        {
            Errors = [.. outcome.Value.Errors.Select(e => e.Message)];
            return Page();
        }

        Response.Headers.CacheControl = "no-store";
        Sheet = new NoticeSheet("账号开通通知单", outcome.Value.Created, $"{Request.Scheme}://{Request.Host}/Account/Login", clock.GetUtcNow(), Actor.DisplayName);
        return Page();
    }

    private async Task<bool> LoadAsync(string? district, CancellationToken ct)
    {
        var scope = HttpContext.Actor();
        var d = await AccountPages.DistrictAsync(db, scope, district, ct);
        if (!d.Ok)
        {
            return false;
        }

        Actor = scope!;
        District = d.Value;
        Districts = await AccountPages.ChoicesAsync(db, Actor, ct);
        if (District is not null)
        {
            Units = await db.Units.AsNoTracking().Where(u => u.DistrictId == District.Id).OrderBy(u => u.Id).ToListAsync(ct);
        }

        return true;
    }
}
