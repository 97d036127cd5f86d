using Luoshi.Core.Common;

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
    public void Set_BeyondTheSizeLimit_TheCacheStaysWithinIt()
    {
        using var cache = new RevisionCache(TimeProvider.System);
        for (int i = 0; i < RevisionCache.SizeLimit * 2; i++)
        {
            cache.Set("k", i, 1, null, i);
        }

        Enumerable.Range(0, RevisionCache.SizeLimit * 2).Count(i => cache.TryGet("k", i, 1, null, out int _)).ShouldBeLessThanOrEqualTo(RevisionCache.SizeLimit);
    }
}
