namespace Luoshi.Core.Features.Notifications;

/// <summary>The kinds of notification (stored in <c>Notification.Kind</c>, so never renamed) and their Chinese names.</summary>
public static class NotificationKinds
{
    /// <summary>A reminder before a deadline.</summary>
    public const string BeforeDue = "before-due";

    /// <summary>A reminder after a deadline that passed without a filing.</summary>
    public const string Overdue = "overdue";

    /// <summary>The office's summary of a sweep (webhook).</summary>
    public const string Summary = "summary";

    /// <summary>The office is told that some units have nobody to remind.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>A supervision order (督办单) was issued to the unit.</summary>
    public const string Order = "order";

    /// <summary>The office changed the plan (added, split, merged, handed over or deferred an item) and tells the units concerned.</summary>
    public const string PlanChange = "plan-change";

    public static string Label(string kind) => kind switch
    {
        PlanChange => "计划调整",
        BeforeDue => "到期提醒",
        Overdue => "逾期催办",
        Order => "督办单",
        Unreachable => "无法提醒",
        _ => "通知",
    };
}
