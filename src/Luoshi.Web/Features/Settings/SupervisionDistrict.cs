namespace Luoshi.Web.Features.Settings;

/// <summary>The district a supervision page (settings, orders) is about: ?district=code, or the caller's own district.</summary>
internal static class SupervisionDistrict
{
    public static async Task<DistrictInfo?> ResolveAsync(LuoshiDb db, Actor scope, string? code, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(code))
        {
            return await new PlanQueries(db).DistrictAsync(code, ct);
        }

        if (scope.DistrictId is not int own)
        {
            return null;
        }

        return await db.Districts.AsNoTracking().Where(d => d.Id == own)
            .Select(d => new DistrictInfo(d.Id, d.Code, d.Name, d.City)).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The district an office's settings page works on: the one named by <paramref name="code"/>, else the actor's own; null
    /// unless the actor supervises and may supervise that district.
    /// </summary>
    public static async Task<DistrictInfo?> SupervisedAsync(LuoshiDb db, Actor? scope, string? code, CancellationToken ct)
    {
        if (scope is null || !scope.Supervises)
        {
            return null;
        }

        var d = await ResolveAsync(db, scope, code, ct);
        return d is not null && scope.CanSupervise(d.Id) ? d : null;
    }

    /// <summary>Every district, for a caller without one of their own (Admin) to choose from.</summary>
    public static Task<List<DistrictInfo>> AllAsync(LuoshiDb db, CancellationToken ct) =>
        db.Districts.AsNoTracking().OrderBy(d => d.Id).Select(d => new DistrictInfo(d.Id, d.Code, d.Name, d.City)).ToListAsync(ct);
}
