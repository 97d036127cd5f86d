namespace Luoshi.Web.Features.Admin;

/// <summary>
/// The audit log, newest first, a page at a time, filtered by action and actor. Only <see cref="Permission.ReadAudit"/> reads it
/// (审计管理员, every entry; 三员分立); a grant for one district would show that district's entries; everyone else gets 404.
/// </summary>
public sealed partial class AuditModel(LuoshiDb db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(long Id, long? Seq, DateTimeOffset At, string Actor, string Action, string? EntityType, string? EntityId, string? District, string? Before, string? After);

    /// <summary>The result of the verify button (the whole chain, sealed first), or null.</summary>
    public AuditVerification? Verification { get; private set; }

    public List<Row> Entries { get; private set; } = [];

    /// <summary>The actions there are to filter by (in the user's scope).</summary>
    public List<string> Actions { get; private set; } = [];

    public string? Action { get; private set; }

    public string? Actor { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool SeesAll { get; private set; }

    /// <summary>Seals what is new and verifies the whole chain (SM3), naming the first broken link: the 审计管理员's (everywhere).</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct = default)
    {
        var scope = HttpContext.Actor();
        if (scope is null || !scope.HasEverywhere(Permission.ReadAudit))
        {
            return NotFound();
        }

        await AuditChain.SealAsync(db, clock, ct);
        Verification = await AuditChain.VerifyAsync(db, ct);
        return await OnGetAsync(null, null, 1, ct);
    }

    public async Task<IActionResult> OnGetAsync(string? action, string? actor, int p = 1, CancellationToken ct = default)
    {
        var scope = HttpContext.Actor();
        if (scope is null || !scope.HasAny(Permission.ReadAudit))
        {
            return NotFound();
        }

        // As far as the grant reaches: every entry, or (a district's grant) the entries of the actor's district.
        bool all = scope.HasEverywhere(Permission.ReadAudit);
        SeesAll = all;
        int? district = scope.DistrictId;
        var inScope = db.AuditEntries.AsNoTracking().Where(a => all || a.DistrictId == district);
        Actions = await inScope.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        Action = string.IsNullOrWhiteSpace(action) ? null : action.Trim();
        Actor = string.IsNullOrWhiteSpace(actor) ? null : actor.Trim();
        var q = inScope;
        if (Action is not null)
        {
            q = q.Where(a => a.Action == Action);
        }

        if (Actor is not null)
        {
            q = q.Where(a => a.Actor == Actor);
        }

        Total = await q.CountAsync(ct);
        PageNumber = Math.Clamp(p, 1, Pages);
        var names = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);

        // Newest first by id: ids follow the order entries were written, and SQLite cannot order by DateTimeOffset.
        var rows = await q.OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        // People by their names, not their user names or ids: the actors, and accounts as objects.
        var userNames = rows.Select(a => a.Actor).Distinct().ToList();
        // Account ids inside the stored before/after (a unit's leader) are shown as the person too; the record itself is unchanged.
        var userIds = rows.Where(a => a.EntityType == "User" && a.EntityId != null).Select(a => a.EntityId!)
            .Concat(rows.SelectMany(a => UserIdsIn(a.Before).Concat(UserIdsIn(a.After)))).Distinct(StringComparer.Ordinal).ToList();
        var people = await db.Users.AsNoTracking().Where(u => userNames.Contains(u.UserName!) || userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(ct);
        var byName = people.Where(u => u.UserName != null).ToDictionary(u => u.UserName!, u => u.DisplayName, StringComparer.Ordinal);
        var byId = people.ToDictionary(u => u.Id, u => u.UserName is null ? u.DisplayName : $"{u.DisplayName}（{u.UserName}）", StringComparer.Ordinal);
        Entries = [.. rows.Select(a => new Row(a.Id, a.Seq, a.At,
            a.Actor == "system" ? "系统" : byName.TryGetValue(a.Actor, out var person) ? $"{person}（{a.Actor}）" : a.Actor,
            AuditActions.NameOf(a.Action),
            a.EntityType is { } type ? AuditActions.EntityNameOf(type) : null,
            a.EntityType == "User" && a.EntityId is { } uid ? byId.GetValueOrDefault(uid, "已不存在的账号") : a.EntityId,
            a.DistrictId is int d ? names.GetValueOrDefault(d) : null, People(a.Before, byId), People(a.After, byId)))];
        return Page();
    }

    private static IEnumerable<string> UserIdsIn(string? json) =>
        json is null ? [] : UserId().Matches(json).Select(m => m.Value);

    /// <summary>The stored JSON with each account id replaced by 姓名（用户名）, so the auditor reads people, not ids.</summary>
    private static string? People(string? json, Dictionary<string, string> byId) =>
        json is null ? null : UserId().Replace(json, m => byId.GetValueOrDefault(m.Value, "已不存在的账号"));

    [System.Text.RegularExpressions.GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial System.Text.RegularExpressions.Regex UserId();

    /// <summary>The query string of another page with the same filters.</summary>
    public string PageLink(int page)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (Action is not null)
        {
            query.Add(new("action", Action));
        }

        if (Actor is not null)
        {
            query.Add(new("actor", Actor));
        }

        query.Add(new("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return "/Admin/Audit" + Microsoft.AspNetCore.Http.QueryString.Create(query);
    }
}
