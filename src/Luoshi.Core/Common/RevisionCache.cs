using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace Luoshi.Core.Common;

/// <summary>
/// The one in-memory cache of a Luoshi instance (a framework <see cref="MemoryCache"/> with a size limit): whatever is
/// built from a district's data is kept under (kind, district, extra) together with the district's revision it was built
/// at, and is served only to a caller that asks with that same revision. <c>District.Revision</c> moves in the same
/// transaction as every change to the district's year, so a kept value can never be served once the data under it changed
/// (on this instance or another); the next caller builds it again and it replaces the old one. Values that do not belong
/// to a district use district 0 and a "revision" of their own (the inbox badge: this instance's message generation).
/// Entries unused for <see cref="Idle"/> go, and the least used go first when <see cref="SizeLimit"/> is reached.
/// </summary>
public sealed class RevisionCache : IDisposable
{
    /// <summary>The total size the cache holds; an entry counts 1 unless its caller says it is heavier.</summary>
    public const int SizeLimit = 1024;

    /// <summary>How long an entry nobody asks for stays.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    private readonly MemoryCache _cache;

    public RevisionCache(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = SizeLimit, Clock = new Clock(clock) });
    }

    /// <summary>The value kept for (kind, district, extra), if it was built at <paramref name="revision"/>.</summary>
    public bool TryGet<T>(string kind, int districtId, long revision, object? extra, out T value)
    {
        if (_cache.TryGetValue(new Key(kind, districtId, extra), out var hit) && hit is Entry<T> e && e.Revision == revision)
        {
            value = e.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>
    /// Keeps a value built at <paramref name="revision"/>, replacing what was kept for (kind, district, extra). A
    /// <paramref name="lifetime"/> makes it go after that long even if the revision stays (for values that can change
    /// without it); <paramref name="size"/> says how heavy it is, in entries (a PDF counts more than a count).
    /// </summary>
    public void Set<T>(string kind, int districtId, long revision, object? extra, T value, TimeSpan? lifetime = null, int size = 1)
    {
        var options = new MemoryCacheEntryOptions { Size = size, SlidingExpiration = Idle };
        if (lifetime is { } l)
        {
            options.AbsoluteExpirationRelativeToNow = l;
        }

        _cache.Set(new Key(kind, districtId, extra), new Entry<T>(revision, value), options);
    }

    /// <summary>The value kept at <paramref name="revision"/>, or <paramref name="build"/>'s, which is then kept.</summary>
    public T GetOrAdd<T>(string kind, int districtId, long revision, object? extra, Func<T> build, int size = 1)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (TryGet(kind, districtId, revision, extra, out T value))
        {
            return value;
        }

        value = build();
        Set(kind, districtId, revision, extra, value, size: size);
        return value;
    }

    /// <summary>As <see cref="GetOrAdd{T}"/>, built asynchronously; a null result is not kept.</summary>
    public async Task<T?> GetOrAddAsync<T>(string kind, int districtId, long revision, object? extra, Func<Task<T?>> build, int size = 1)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(build);
        if (TryGet(kind, districtId, revision, extra, out T? value))
        {
            return value;
        }

        value = await build();
        if (value is not null)
        {
            Set(kind, districtId, revision, extra, value, size: size);
        }

        return value;
    }

    public void Dispose() => _cache.Dispose();

    private readonly record struct Key(string Kind, int DistrictId, object? Extra);

    private sealed record Entry<T>(long Revision, T Value);

    // The cache's expiry reads the application's clock, so that tests that move the clock move it too.
    private sealed class Clock(TimeProvider clock) : ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}

/// <summary>What <see cref="RevisionCache"/> keeps, one kind per cached view (docs/architecture.md lists them).</summary>
public static class CacheKinds
{
    /// <summary>A district's year as it stands today (extra: the day).</summary>
    public const string YearSnapshot = "year-snapshot";

    /// <summary>The dashboard's figures and their JSON, built from a year snapshot (extra: the day).</summary>
    public const string Dashboard = "dashboard";

    /// <summary>The supervision page's unit counts, built from a year snapshot (extra: the day).</summary>
    public const string SupervisionUnits = "supervision-units";

    /// <summary>A unit's task list (extra: the unit's id).</summary>
    public const string UnitTasks = "unit-tasks";

    /// <summary>A published plan's reporting calendar (extra: the plan's id and publication time; it never changes).</summary>
    public const string PlanCalendar = "plan-calendar";

    /// <summary>A circular converted to PDF (revision: the circular's version; extra: its id and, for a draft, the day).</summary>
    public const string CircularPdf = "circular-pdf";

    /// <summary>A person's unread count (district 0; revision: this instance's message generation; extra: the user id).</summary>
    public const string InboxBadge = "inbox-badge";

    /// <summary>A district's plan years as the year switch lists them (extra: the day, which moves the current year).</summary>
    public const string PlanYears = "plan-years";
}
