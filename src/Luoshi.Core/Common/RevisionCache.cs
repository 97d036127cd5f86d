using System.Runtime.CompilerServices;
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
/// <para>
/// The limit is a byte budget (<see cref="BudgetSetting"/>, default <see cref="DefaultBudgetMegabytes"/> MiB): each entry
/// counts the approximate bytes its value holds (<see cref="ApproximateBytes"/>: a district's year snapshot several hundred
/// KB, a count <see cref="EntryBytes"/>), so an instance keeps the districts it serves most and builds the others when asked.
/// Entries unused for <see cref="Idle"/> go; when the budget is reached the least recently used go first
/// (<see cref="CompactionPercentage"/> of the budget at a time), and a value larger than a quarter of the budget is not kept.
/// </para>
/// </summary>
public sealed class RevisionCache : IDisposable
{
    /// <summary>The configuration key of the budget, in MiB.</summary>
    public const string BudgetSetting = "Luoshi:Cache:BudgetMegabytes";

    /// <summary>The budget when none is configured: about 100 districts' year snapshots and their derived views (docs/benchmarks-web.md, "Memory").</summary>
    public const int DefaultBudgetMegabytes = 48;

    /// <summary>What the smallest entry counts (the framework's entry, its key and a boxed count).</summary>
    public const int EntryBytes = 256;

    /// <summary>The share of the budget freed when it is full, least recently used first.</summary>
    public const double CompactionPercentage = 0.10;

    /// <summary>How long an entry nobody asks for stays.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    private readonly MemoryCache _cache;

    public RevisionCache(TimeProvider clock)
        : this(clock, DefaultBudgetMegabytes * 1024L * 1024L)
    {
    }

    public RevisionCache(TimeProvider clock, long budgetBytes)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetBytes, EntryBytes);
        BudgetBytes = budgetBytes;
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = budgetBytes,
            CompactionPercentage = CompactionPercentage,
            TrackStatistics = true,
            Clock = new Clock(clock),
        });
    }

    /// <summary>The cache of an instance, with the budget of <see cref="BudgetSetting"/> (MiB) when it is set.</summary>
    public static RevisionCache From(IConfiguration configuration, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        int megabytes = configuration.GetValue(BudgetSetting, DefaultBudgetMegabytes);
        return new RevisionCache(clock, Math.Max(1, megabytes) * 1024L * 1024L);
    }

    /// <summary>The bytes the cache may hold (approximately, as its entries count them).</summary>
    public long BudgetBytes { get; }

    /// <summary>The bytes its entries count now.</summary>
    public long HeldBytes => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>How many entries it holds now.</summary>
    public int Count => _cache.Count;

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
    /// without it). The entry counts the value's <see cref="ApproximateBytes"/>, and at least <paramref name="size"/> ×
    /// <see cref="EntryBytes"/>.
    /// </summary>
    public void Set<T>(string kind, int districtId, long revision, object? extra, T value, TimeSpan? lifetime = null, int size = 1)
    {
        var key = new Key(kind, districtId, extra);
        long bytes = Math.Max(ApproximateBytes(value), (long)Math.Max(1, size) * EntryBytes);
        if (bytes > BudgetBytes / 4)
        {
            // Too large to keep beside anything else: not kept, and no older value under the key stays either.
            _cache.Remove(key);
            return;
        }

        var options = new MemoryCacheEntryOptions { Size = bytes, SlidingExpiration = Idle };
        if (lifetime is { } l)
        {
            options.AbsoluteExpirationRelativeToNow = l;
        }

        _cache.Set(key, new Entry<T>(revision, value), options);
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

    /// <summary>
    /// About how many bytes <paramref name="value"/> holds on the heap: a string or a byte array its length, a value that
    /// knows its size (<see cref="ISizedValue"/>) its own estimate, a tuple the sum of its parts, a list its elements;
    /// anything else <see cref="EntryBytes"/>. Always at least <see cref="EntryBytes"/> (the entry itself).
    /// </summary>
    public static long ApproximateBytes(object? value) => EntryBytes + Sizes.Of(value, depth: 0);

    public void Dispose() => _cache.Dispose();

    private readonly record struct Key(string Kind, int DistrictId, object? Extra);

    private sealed record Entry<T>(long Revision, T Value);

    // The cache's expiry reads the application's clock, so that tests that move the clock move it too.
    private sealed class Clock(TimeProvider clock) : ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}

/// <summary>A value that says about how many bytes it holds (what <see cref="RevisionCache"/> counts it as).</summary>
public interface ISizedValue
{
    /// <summary>About how many bytes the value and what only it references hold on the heap.</summary>
    long ApproximateBytes { get; }
}

/// <summary>Rough heap sizes of common shapes, for <see cref="ISizedValue"/> implementations (64-bit runtime).</summary>
public static class Sizes
{
    /// <summary>An object's header and method table pointer.</summary>
    public const int Object = 16;

    /// <summary>A reference or an 8-byte field.</summary>
    public const int Reference = 8;

    /// <summary>A string of <paramref name="s"/>'s length (UTF-16, its header and length); 0 for null.</summary>
    public static long Of(string? s) => s is null ? 0 : 22 + (2L * s.Length);

    /// <summary>A list or array of <paramref name="count"/> references (the array and its wrapper), not the elements.</summary>
    public static long OfList(int count) => count == 0 ? 0 : (2 * Object) + 16 + ((long)Reference * count);

    internal static long Of(object? value, int depth) => value switch
    {
        null => 0,
        string s => Of(s),
        byte[] b => 24 + b.LongLength,
        ISizedValue v => v.ApproximateBytes,
        ITuple t when depth < 4 => Enumerable.Range(0, t.Length).Sum(i => Of(t[i], depth + 1)),
        System.Collections.ICollection c when depth < 4 => OfList(c.Count) + c.Cast<object?>().Sum(x => Of(x, depth + 1)),
        _ => 64,
    };
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

    /// <summary>The standing of a district's items a week ago, for the leader's view (extra: the week's start and the plan year).</summary>
    public const string LeaderWeekAgo = "leader-week-ago";

    /// <summary>One unit's part of its district's year, when the whole year is not kept (extra: the unit, the day, the year).</summary>
    public const string UnitSnapshot = "year-snapshot-unit";

    /// <summary>The city comparison (district 0; revision: the sum of every district's revision, checked against the whole stamp).</summary>
    public const string CityComparison = "city-comparison";
}
