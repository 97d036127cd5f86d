namespace Luoshi.Core.Features.Supervision;

/// <summary>
/// A district's settings when its office has not saved any: the defaults of <see cref="DistrictSettings"/>, the form style of
/// the district's own notice (Hongshan's 附件1/附件2 for the district whose code is "hongshan", Jiang'an's 样表 for every other
/// district), and the circular's issuer and number prefix taken from the plan's issuer and document number.
/// </summary>
public static class DistrictSettingsDefaults
{
    public static DistrictSettings For(int districtId, string districtCode, string districtName, string? planIssuer, string? planDocNumber)
    {
        string? prefix = planDocNumber is { } doc && doc.IndexOf('〔', StringComparison.Ordinal) is > 0 and var at ? doc[..at] : null;
        return new DistrictSettings
        {
            DistrictId = districtId,
            FormStyle = string.Equals(districtCode, "hongshan", StringComparison.OrdinalIgnoreCase) ? FormStyle.Hongshan : FormStyle.Jiangan,
            CircularIssuer = string.IsNullOrWhiteSpace(planIssuer) ? districtName + "人民政府办公室" : planIssuer,
            CircularPrefix = prefix,
            Version = 0,
        };
    }

    /// <summary>The saved settings (tracked, for an update), or null when there are none yet.</summary>
    public static Task<DistrictSettings?> SavedAsync(LuoshiDb db, int districtId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.DistrictSettings.FirstOrDefaultAsync(s => s.DistrictId == districtId, ct);
    }

    /// <summary>The saved settings, or the defaults (not tracked); a saved row with no issuer or number prefix gets the defaults' ones.</summary>
    public static async Task<DistrictSettings> LoadAsync(LuoshiDb db, int districtId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var saved = await db.DistrictSettings.AsNoTracking().FirstOrDefaultAsync(s => s.DistrictId == districtId, ct);
        if (saved is { CircularIssuer: { Length: > 0 }, CircularPrefix: { Length: > 0 } })
        {
            return saved;
        }

        var district = await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => new { d.Code, d.Name }).FirstAsync(ct);
        var plan = await db.Plans.AsNoTracking().Where(p => p.DistrictId == districtId).OrderByDescending(p => p.Year)
            .Select(p => new { p.Issuer, p.DocNumber }).FirstOrDefaultAsync(ct);
        return Resolve(saved, districtId, district.Code, district.Name, plan?.Issuer, plan?.DocNumber);
    }

    /// <summary>
    /// As <see cref="LoadAsync"/>, from rows the caller read in its own query (the saved settings, not tracked, or null; the district's
    /// code and name; the issuer and document number of its latest plan), so that a page reading them with the rest costs no round trip.
    /// </summary>
    public static DistrictSettings Resolve(DistrictSettings? saved, int districtId, string districtCode, string districtName, string? latestIssuer, string? latestDocNumber)
    {
        if (saved is { CircularIssuer: { Length: > 0 }, CircularPrefix: { Length: > 0 } })
        {
            return saved;
        }

        var defaults = For(districtId, districtCode, districtName, latestIssuer, latestDocNumber);
        if (saved is null)
        {
            return defaults;
        }

        saved.CircularIssuer = string.IsNullOrWhiteSpace(saved.CircularIssuer) ? defaults.CircularIssuer : saved.CircularIssuer;
        saved.CircularPrefix = string.IsNullOrWhiteSpace(saved.CircularPrefix) ? defaults.CircularPrefix : saved.CircularPrefix;
        return saved;
    }
}
