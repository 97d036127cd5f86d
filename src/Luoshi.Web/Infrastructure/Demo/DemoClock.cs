namespace Luoshi.Web.Infrastructure;

/// <summary>
/// The clock the demo year is played on: the use cases stamp what they do with it, so that a report filed "on 8 April" carries
/// that date. It is moved forward by the story and never past the product's own clock (today).
/// </summary>
internal sealed class DemoClock(TimeProvider real) : TimeProvider
{
    private DateTimeOffset _now = real.GetUtcNow();

    /// <summary>The product's clock: the story stops there.</summary>
    public DateTimeOffset RealNow => real.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Sets the clock to a moment of a district day (UTC+8), capped at the real now.</summary>
    public void Set(DateOnly day, int hour, int minute = 0)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), Luoshi.Core.Features.Supervision.DistrictClock.Offset).ToUniversalTime();
        _now = at > RealNow ? RealNow : at;
    }
}
