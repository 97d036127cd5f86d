namespace Luoshi.Core.Features.Supervision;

/// <summary>
/// The districts' calendar and wall clock: China Standard Time (UTC+8, no daylight saving). The one place that knows the
/// offset: "today in the district", the district day of a stored instant, and an instant as the offices read it.
/// </summary>
public static class DistrictClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>Today in the districts, from the injected clock.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow());
    }

    /// <summary>The districts' calendar day of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    /// <summary>An instant in district time.</summary>
    public static DateTimeOffset Local(DateTimeOffset at) => at.ToOffset(Offset);

    /// <summary>An instant as the offices read it, to the minute (2026-07-03 10:15).</summary>
    public static string Minute(DateTimeOffset at) => Local(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>An instant to the second (the audit log).</summary>
    public static string Second(DateTimeOffset at) => Local(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
