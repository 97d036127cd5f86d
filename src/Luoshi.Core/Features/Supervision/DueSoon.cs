namespace Luoshi.Core.Features.Supervision;

/// <summary>"Due soon" (即将到期): an obligation not yet due and not filed whose deadline falls within <see cref="Days"/> days; the home page's queue and the office's list count the same.</summary>
public static class DueSoon
{
    /// <summary>How many days ahead "due soon" looks.</summary>
    public const int Days = 7;

    /// <summary>Whether <paramref name="o"/> is pending and due between <paramref name="today"/> and <see cref="Days"/> days after it.</summary>
    public static bool Is(ObligationRow o, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.Status == ObligationStatus.Pending && o.Due >= today && o.Due <= today.AddDays(Days);
    }
}
