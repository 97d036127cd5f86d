namespace Luoshi.Web.Infrastructure;

/// <summary>Which district a page is about when its link names none: the caller's own.</summary>
internal static class DistrictChoice
{
    /// <summary>The code asked for, or the code of the caller's own district (null for callers without one: admin, city).</summary>
    public static async Task<string?> CodeAsync(LuoshiDb db, Actor? scope, string? code, CancellationToken ct) =>
        !string.IsNullOrEmpty(code) ? code
        : scope?.DistrictId is int id ? await db.Districts.AsNoTracking().Where(d => d.Id == id).Select(d => d.Code).FirstOrDefaultAsync(ct)
        : null;
}
