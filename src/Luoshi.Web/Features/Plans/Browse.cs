namespace Luoshi.Web.Features.Plans;

/// <summary>What the browse pages and the API share: the search limits a person's scope allows, and how values are shown.</summary>
internal static class Browse
{
    /// <summary>
    /// The part of the data a search may look at, so that its limit counts only what the person may see.
    /// The results are still checked item by item against <see cref="Actor"/>.
    /// </summary>
    public static SearchLimits SearchLimits(Actor scope) =>
        scope.SeesAllDistricts ? new SearchLimits(null, null)
        : scope.SeesWholeDistrict ? new SearchLimits(scope.DistrictId ?? -1, null)
        : new SearchLimits(scope.DistrictId ?? -1, scope.UnitId ?? -1);

    /// <summary>A search's results, less anything the person may not see.</summary>
    public static SearchResults Visible(SearchResults results, Actor scope) => results with
    {
        Units = [.. results.Units.Where(u => scope.CanReadUnit(u.District.Id, u.UnitId))],
        Items = [.. results.Items.Where(i => scope.CanReadItem(i.District.Id, i.UnitIds))],
    };

    public static string Role(UnitRole role) => role switch
    {
        UnitRole.Lead => "牵头",
        UnitRole.Co => "配合",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static string RoleClass(UnitRole role) => role == UnitRole.Lead ? "tag lead" : "tag co";

    public static string Value(decimal value, string unit) =>
        value.ToString("0.######", CultureInfo.InvariantCulture) + " " + unit;

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The start of a long text, for lists; never cuts a surrogate pair.</summary>
    public static string Clip(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        int cut = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
