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

    /// <summary>A filing was submitted to the unit's head for approval (hand-off).</summary>
    public const string Submitted = "submitted";

    /// <summary>The head approved a filing and it went to the office (hand-off).</summary>
    public const string Approved = "approved";

    /// <summary>A co-unit's part, approved by its head, was handed to the lead unit (hand-off).</summary>
    public const string HandedOver = "handed-over";

    /// <summary>A filing was returned with a comment by the head, the lead unit or the office (hand-off).</summary>
    public const string Returned = "returned";

    /// <summary>The office accepted a filing, or the lead unit a co-unit's part (hand-off).</summary>
    public const string Accepted = "accepted";

    /// <summary>The office reopened an accepted or locked filing (hand-off).</summary>
    public const string Reopened = "reopened";

    /// <summary>An issued circular (通报) delivered to a unit it names, or to the district's office.</summary>
    public const string Circular = "circular";

    /// <summary>The office reminded a unit at once from its supervision list (催报): not a sweep's reminder, not capped.</summary>
    public const string Urge = "urge";

    public static string Label(string kind) => kind switch
    {
        Submitted => "待审定",
        Approved => "待接收",
        HandedOver => "配合单位报送",
        Returned => "退回",
        Accepted => "已接收",
        Reopened => "重新开放",
        BeforeDue => "到期提醒",
        Overdue => "逾期催办",
        Order => "督办单",
        Unreachable => "无法提醒",
        PlanChange => "计划调整",
        Circular => "通报",
        Urge => "催报",
        _ => "通知",
    };
}
