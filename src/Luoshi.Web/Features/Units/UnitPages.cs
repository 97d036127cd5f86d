namespace Luoshi.Web.Features.Units;

/// <summary>What the organisation pages share: the district a request is about, if the caller keeps its units.</summary>
internal static class UnitPages
{
    /// <summary>The district named (else the caller's own) when the caller may keep its units (<see cref="Permission.ManageUnits"/>); null otherwise (404).</summary>
    public static async Task<District?> DistrictAsync(LuoshiDb db, Actor? actor, string? code, CancellationToken ct)
    {
        if (actor is null || !actor.HasAny(Permission.ManageUnits))
        {
            return null;
        }

        string? chosen = await DistrictChoice.CodeAsync(db, actor, code, ct);
        if (chosen is null)
        {
            return null;
        }

        var district = await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Code == chosen, ct);
        return district is not null && UnitService.MayManage(actor, district.Id) ? district : null;
    }

    /// <summary>
    /// The district (as <see cref="DistrictAsync"/>) and what <paramref name="load"/> finds in it for the caller (a unit, the
    /// units); null when either is not found (404).
    /// </summary>
    public static async Task<(District District, T Found)?> FindAsync<T>(LuoshiDb db, Actor? actor, string? code, Func<Actor, District, Task<T?>> load, CancellationToken ct)
        where T : class
    {
        var district = await DistrictAsync(db, actor, code, ct);
        return district is not null && await load(actor!, district) is { } found ? (district, found) : null;
    }

    /// <summary>The districts the caller may choose between (the admin: all; the office: its own).</summary>
    public static Task<List<District>> ChoicesAsync(LuoshiDb db, Actor actor, CancellationToken ct) =>
        db.Districts.AsNoTracking().Where(d => actor.HasEverywhere(Permission.ManageUnits) || d.Id == actor.DistrictId).OrderBy(d => d.Id).ToListAsync(ct);
}
