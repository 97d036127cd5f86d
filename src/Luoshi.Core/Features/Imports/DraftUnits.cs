namespace Luoshi.Core.Features.Imports;

/// <summary>
/// The units a draft names, as the district's organisation stands at publishing time. A draft keeps the names it was
/// resolved to when the notice was read; if the office renamed, merged or retired a unit since, a name is followed to the
/// unit that now carries it (renamed: the old name is the unit's alias; merged: the unit it went into), and a unit
/// retired without a successor stops the publish with its name, never a crash or work given to a retired unit.
/// </summary>
internal static class DraftUnits
{
    public static async Task<(Dictionary<string, int> Ids, List<string> Problems)> ResolveAsync(
        LuoshiDb db, int districtId, IEnumerable<string> names, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.DistrictId == districtId).ToListAsync(ct);
        var byId = units.ToDictionary(u => u.Id);
        var byName = units.ToDictionary(u => u.Name, StringComparer.Ordinal);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (string name in names.Distinct(StringComparer.Ordinal))
        {
            var unit = byName.GetValueOrDefault(name);
            if (unit is null)
            {
                var renamed = units.Where(u => !u.Retired && u.AliasList.Contains(name, StringComparer.Ordinal)).ToList();
                unit = renamed.Count == 1 ? renamed[0] : null;
            }

            // Follow merges (并入) to the unit that exists now; a cycle cannot be built by the office, but is not followed forever.
            for (int hops = 0; unit is { MergedIntoId: int into } && hops < 16; hops++)
            {
                unit = byId.GetValueOrDefault(into);
            }

            if (unit is null)
            {
                problems.Add($"“{name}”已不在本区单位名录中");
            }
            else if (unit.Retired)
            {
                problems.Add($"“{name}”已撤销");
            }
            else
            {
                ids[name] = unit.Id;
            }
        }

        return (ids, problems);
    }

    /// <summary>The message refusing a publish for <paramref name="problems"/>.</summary>
    public static string Refusal(IReadOnlyList<string> problems) =>
        $"草稿中的单位{string.Join("，", problems.Take(5))}{(problems.Count > 5 ? $"等 {problems.Count} 个" : "")}。"
        + "请重新导入该通知，按现在的单位名录识别后再发布。";
}
