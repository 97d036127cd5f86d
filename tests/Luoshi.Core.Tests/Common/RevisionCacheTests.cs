using Luoshi.Core.Common;
using Microsoft.Extensions.Configuration;

namespace Luoshi.Core.Tests.Common;

/// <summary>The one in-memory cache: a value is served only at the revision it was built at, and a lifetime follows the app's clock.</summary>
public sealed class RevisionCacheTests
{
    private sealed class StepClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 5, 4, 1, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    [Fact]
    public void TryGet_AnotherRevision_NotServed_AndTheNewOneReplacesIt()
    {
        using var cache = new RevisionCache(TimeProvider.System);
        cache.Set("k", 7, 3, "x", "built at 3");

        cache.TryGet("k", 7, 3, "x", out string hit).ShouldBeTrue();
        hit.ShouldBe("built at 3");
        cache.TryGet("k", 7, 4, "x", out string _).ShouldBeFalse("the district changed since");
        cache.TryGet("k", 7, 2, "x", out string _).ShouldBeFalse("nor an older revision");
        cache.TryGet("k", 8, 3, "x", out string _).ShouldBeFalse("another district");
        cache.TryGet("k", 7, 3, "y", out string _).ShouldBeFalse("another extra");
        cache.TryGet("other", 7, 3, "x", out string _).ShouldBeFalse("another kind");

        cache.GetOrAdd("k", 7, 4, "x", () => "built at 4").ShouldBe("built at 4");
        cache.TryGet("k", 7, 3, "x", out string _).ShouldBeFalse("the revision-3 value is gone, not kept beside it");
        cache.GetOrAdd("k", 7, 4, "x", () => "built again").ShouldBe("built at 4");
    }

    [Fact]
    public void TryGet_ExtraAndTypeAreCompared_ByValue()
    {
        using var cache = new RevisionCache(TimeProvider.System);
        cache.Set("k", 1, 1, (5, new DateOnly(2026, 7, 3)), 42);

        cache.TryGet("k", 1, 1, (5, new DateOnly(2026, 7, 3)), out int n).ShouldBeTrue();
        n.ShouldBe(42);
        cache.TryGet("k", 1, 1, (5, new DateOnly(2026, 7, 4)), out int _).ShouldBeFalse();
        cache.TryGet("k", 1, 1, (5, new DateOnly(2026, 7, 3)), out string _).ShouldBeFalse("a value of another type is not handed out");
    }

    [Fact]
    public async Task GetOrAddAsync_Null_IsNotKept()
    {
        using var cache = new RevisionCache(TimeProvider.System);
        int built = 0;

        (await cache.GetOrAddAsync<string>("k", 1, 1, null, () => { built++; return Task.FromResult<string?>(null); })).ShouldBeNull();
        (await cache.GetOrAddAsync<string>("k", 1, 1, null, () => { built++; return Task.FromResult<string?>("now"); })).ShouldBe("now");
        (await cache.GetOrAddAsync<string>("k", 1, 1, null, () => { built++; return Task.FromResult<string?>("again"); })).ShouldBe("now");
        built.ShouldBe(2);
    }

    [Fact]
    public void Set_WithLifetime_GoesWhenTheAppClockPassesIt()
    {
        var clock = new StepClock();
        using var cache = new RevisionCache(clock);
        cache.Set("badge", 0, 0, "user", 3, TimeSpan.FromSeconds(15));

        clock.Advance(TimeSpan.FromSeconds(14));
        cache.TryGet("badge", 0, 0, "user", out int kept).ShouldBeTrue();
        kept.ShouldBe(3);
        clock.Advance(TimeSpan.FromSeconds(2));
        cache.TryGet("badge", 0, 0, "user", out int _).ShouldBeFalse();
    }

    [Fact]
    public void Set_BeyondTheBudget_TheCacheStaysWithinIt()
    {
        using var cache = new RevisionCache(TimeProvider.System, 64 * RevisionCache.EntryBytes);
        for (int i = 0; i < 256; i++)
        {
            cache.Set("k", i, 1, null, i);
        }

        Enumerable.Range(0, 256).Count(i => cache.TryGet("k", i, 1, null, out int _)).ShouldBeLessThanOrEqualTo(64);
        cache.HeldBytes.ShouldBeLessThanOrEqualTo(cache.BudgetBytes);
    }

    [Fact]
    public void Set_CountsTheValuesBytes_NotOneEntryEach()
    {
        // A budget of 1 MiB holds four values of 200 KB (the cache counts each by its bytes), not 4,096 of them.
        using var cache = new RevisionCache(TimeProvider.System, 1024 * 1024);
        for (int i = 0; i < 12; i++)
        {
            SetAndLetItCompact(cache, () => cache.Set("pdf", i, 1, null, new byte[200_000]));
        }

        int kept = Enumerable.Range(0, 12).Count(i => cache.TryGet("pdf", i, 1, null, out byte[] _));
        kept.ShouldBeInRange(1, 5);
        cache.HeldBytes.ShouldBeLessThanOrEqualTo(cache.BudgetBytes);
        cache.HeldBytes.ShouldBeGreaterThanOrEqualTo(kept * 200_000L);
    }

    [Fact]
    public void Set_WhenFull_TheLeastRecentlyUsedDistrictsGoFirst()
    {
        // Ten "snapshots" of 100 KB in a budget of 1 MiB: district 0 is read again and again, so when the later districts
        // overflow the budget the compaction takes the ones nobody asked for since, not district 0.
        var clock = new StepClock();
        using var cache = new RevisionCache(clock, 1024 * 1024);
        for (int d = 0; d < 30; d++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            cache.TryGet("snap", 0, 1, null, out string _);
            SetAndLetItCompact(cache, () => cache.Set("snap", d, 1, null, new string('x', 50_000)));
        }

        cache.TryGet("snap", 0, 1, null, out string hot).ShouldBeTrue("the district read most stays");
        hot.Length.ShouldBe(50_000);
        cache.TryGet("snap", 1, 1, null, out string _).ShouldBeFalse("an early district nobody read again went");
        cache.HeldBytes.ShouldBeLessThanOrEqualTo(cache.BudgetBytes);
    }

    [Fact]
    public void Set_AValueOverAQuarterOfTheBudget_IsNotKept_AndTheOldOneGoes()
    {
        using var cache = new RevisionCache(TimeProvider.System, 1024 * 1024);
        cache.Set("k", 1, 1, null, new byte[1000]);
        cache.Set("k", 1, 2, null, new byte[300_000]);

        cache.TryGet("k", 1, 2, null, out byte[] _).ShouldBeFalse();
        cache.TryGet("k", 1, 1, null, out byte[] _).ShouldBeFalse("the revision-1 value is not served after revision 2 was built");
        cache.Count.ShouldBe(0);
    }

    [Fact]
    public void ApproximateBytes_OfStringsArraysTuplesAndSizedValues()
    {
        RevisionCache.ApproximateBytes(3).ShouldBe(RevisionCache.EntryBytes + 64);
        RevisionCache.ApproximateBytes(new string('x', 1000)).ShouldBe(RevisionCache.EntryBytes + 2022);
        RevisionCache.ApproximateBytes(new byte[5000]).ShouldBe(RevisionCache.EntryBytes + 5024);
        RevisionCache.ApproximateBytes((new byte[5000], new string('x', 1000))).ShouldBe(RevisionCache.EntryBytes + 5024 + 2022);
        RevisionCache.ApproximateBytes(new Sized(123_456)).ShouldBe(RevisionCache.EntryBytes + 123_456);
    }

    [Fact]
    public void From_ReadsTheBudgetInMegabytes()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [RevisionCache.BudgetSetting] = "12" }).Build();
        using var configured = RevisionCache.From(configuration, TimeProvider.System);
        configured.BudgetBytes.ShouldBe(12L * 1024 * 1024);
        using var fallback = RevisionCache.From(new ConfigurationBuilder().Build(), TimeProvider.System);
        fallback.BudgetBytes.ShouldBe(RevisionCache.DefaultBudgetMegabytes * 1024L * 1024);
    }

    private sealed record Sized(long Bytes) : ISizedValue
    {
        public long ApproximateBytes => Bytes;
    }

    // A Set that finds the budget full is not kept, and the framework's MemoryCache then compacts on a thread-pool thread;
    // the tests wait for that so that what they find does not depend on the thread pool's timing.
    private static void SetAndLetItCompact(RevisionCache cache, Action set)
    {
        long before = cache.HeldBytes;
        set();
        if (cache.HeldBytes == before)
        {
            SpinWait.SpinUntil(() => cache.HeldBytes < before, TimeSpan.FromSeconds(10)).ShouldBeTrue("the full cache compacted");
        }
    }
}
