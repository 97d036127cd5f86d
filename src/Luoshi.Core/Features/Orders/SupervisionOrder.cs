namespace Luoshi.Core.Features.Orders;

/// <summary>
/// Where a supervision order stands: issued to the unit (its clerk drafts the reply); the reply awaits the unit head's
/// approval; replied (with the office); returned by the office as not satisfied (back to the unit's clerk); closed (办结).
/// Stored as these names, so never renamed.
/// </summary>
public enum OrderState
{
    Issued,
    Replied,
    Closed,
    AwaitingHead,
    Returned,
}

/// <summary>The Chinese names of <see cref="OrderState"/>, the one wording every page uses.</summary>
public static class OrderStateLabels
{
    public static string Of(OrderState state) => state switch
    {
        OrderState.Issued => "待回复",
        OrderState.AwaitingHead => "待单位负责人审定",
        OrderState.Replied => "已回复",
        OrderState.Returned => "已退回",
        OrderState.Closed => "已办结",
        _ => state.ToString(),
    };
}

/// <summary>A supervision order (督办单) to a unit, with a reply deadline.</summary>
public sealed class SupervisionOrder
{
    public int Id { get; set; }

    public int DistrictId { get; set; }

    public int UnitId { get; set; }

    public int? ItemId { get; set; }

    /// <summary>e.g. 督办〔2026〕3号.</summary>
    public required string Number { get; set; }

    public required string Subject { get; set; }

    public required string Requirement { get; set; }

    public DateOnly ReplyBy { get; set; }

    public OrderState State { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public required string IssuedBy { get; set; }

    public string? Reply { get; set; }

    public DateTimeOffset? RepliedAt { get; set; }

    public string? RepliedBy { get; set; }

    /// <summary>The unit head who approved the reply that went to the office.</summary>
    public string? ApprovedBy { get; set; }

    /// <summary>The last comment of a return (by the head or the office), shown to the unit until the next reply.</summary>
    public string? ReturnComment { get; set; }

    public int Version { get; set; }

    public List<OrderEvent> Events { get; set; } = [];
}

/// <summary>A step of an order's loop (drafted, submitted, approved, returned, closed …), for its history.</summary>
public sealed class OrderEvent
{
    public long Id { get; set; }

    public int OrderId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string By { get; set; }

    /// <summary>One of <see cref="OrderEventActions"/>.</summary>
    public required string Action { get; set; }

    public OrderState ToState { get; set; }

    public string? Comment { get; set; }
}

/// <summary>A file attached to an order's reply (checked like evidence: size, virus scan, type by content).</summary>
public sealed class OrderAttachment : StoredFile
{
    public int OrderId { get; set; }
}

/// <summary>The steps of an order's loop as stored in <see cref="OrderEvent.Action"/> (never renamed) and their names.</summary>
public static class OrderEventActions
{
    public const string Issue = "issue";
    public const string Draft = "draft";
    public const string Attach = "attach";
    public const string Detach = "detach";
    public const string Submit = "submit";
    public const string Approve = "approve";
    public const string HeadReturn = "head-return";
    public const string Return = "return";
    public const string Close = "close";

    public static string Label(string action) => action switch
    {
        Issue => "下发",
        Draft => "保存回复草稿",
        Attach => "添加附件",
        Detach => "删除附件",
        Submit => "提交单位负责人审定",
        Approve => "单位负责人审定报送",
        HeadReturn => "单位负责人退回",
        Return => "督查室退回（未达要求）",
        Close => "办结",
        _ => action,
    };
}

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> b)
    {
        b.Lengths(EntityConfiguration.UserName, x => x.By).Lengths(32, x => x.Action).Lengths(2000, x => x.Comment);
        b.Property(x => x.ToState).StoredAsName(16);
        b.HasIndex(x => x.OrderId);
    }
}

internal sealed class OrderAttachmentConfiguration : IEntityTypeConfiguration<OrderAttachment>
{
    public void Configure(EntityTypeBuilder<OrderAttachment> b)
    {
        StoredFileMapping.Map(b);
        b.HasIndex(x => x.OrderId);
        b.HasOne<SupervisionOrder>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupervisionOrderConfiguration : IEntityTypeConfiguration<SupervisionOrder>
{
    public void Configure(EntityTypeBuilder<SupervisionOrder> b)
    {
        b.Lengths(64, x => x.Number).Lengths(512, x => x.Subject).Lengths(8000, x => x.Requirement, x => x.Reply)
            .Lengths(EntityConfiguration.UserName, x => x.IssuedBy, x => x.RepliedBy, x => x.ApprovedBy).Lengths(2000, x => x.ReturnComment);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.State).StoredAsName(16);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.DistrictId, x.UnitId });
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Plans.PlanItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.SetNull);
    }
}
