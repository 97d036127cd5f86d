namespace Luoshi.Core.Common;

/// <summary>Changing a set of rows through the change tracker: loaded, then changed one by one and saved with the rest of the use case.</summary>
internal static class TrackedRows
{
    /// <summary>
    /// Loads the rows <paramref name="rows"/> selects (tracked) and applies <paramref name="change"/> to each, so that a
    /// later removal in the same save cannot cascade to them (a bulk update would pass the tracker by).
    /// </summary>
    public static async Task ChangeEachAsync<T>(this IQueryable<T> rows, Action<T> change, CancellationToken ct)
        where T : class
    {
        foreach (var row in await rows.ToListAsync(ct))
        {
            change(row);
        }
    }
}
