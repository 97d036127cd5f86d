using System.Diagnostics.CodeAnalysis;

namespace Luoshi.Core.Features.Plans;

/// <summary>An item's words as the plan prints them: a draft's item, or a published one.</summary>
public interface IItemWording
{
    string Number { get; }

    string? Group { get; }

    string? Theme { get; }

    string Text { get; }

    string? Deadline { get; }

    string? Leaders { get; }
}

/// <summary>A task (责任事项) of a published plan.</summary>
public sealed class PlanItem : IItemWording
{
    public PlanItem()
    {
    }

    /// <summary>
    /// A new item with the words of <paramref name="source"/> (number, group, theme, text, deadline, leaders in charge): a
    /// draft's item published, an item split off or carried over. The caller places it and changes what differs.
    /// </summary>
    [SetsRequiredMembers]
    public PlanItem(IItemWording source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Number = source.Number;
        Group = source.Group;
        Theme = source.Theme;
        Text = source.Text;
        Deadline = source.Deadline;
        Leaders = source.Leaders;
    }

    public int Id { get; set; }

    public int PlanId { get; set; }

    public int PartId { get; set; }

    /// <summary>Position in the plan, from 1: the order items are shown in.</summary>
    public int Seq { get; set; }

    public required string Number { get; set; }

    public string? Group { get; set; }

    public string? Theme { get; set; }

    public required string Text { get; set; }

    public string? Deadline { get; set; }

    public string? Leaders { get; set; }

    public int FirstLine { get; set; }

    public int LastLine { get; set; }

    /// <summary>Optimistic concurrency: bumped on every change.</summary>
    public int Version { get; set; }

    /// <summary>结转: the year of the plan this unfinished item was carried from (null for the notice's own items).</summary>
    public int? CarriedFromYear { get; set; }

    /// <summary>结转: the item's number in that year's plan.</summary>
    public string? CarriedFromNumber { get; set; }

    public List<ItemUnit> Units { get; set; } = [];

    public List<ItemIndicator> Indicators { get; set; } = [];
}

/// <summary>The role a unit plays for an item.</summary>
public enum UnitRole
{
    /// <summary>牵头单位.</summary>
    Lead,

    /// <summary>责任单位 that does not lead (配合).</summary>
    Co,
}

/// <summary>A unit's part in an item.</summary>
public sealed class ItemUnit
{
    public int Id { get; set; }

    public int ItemId { get; set; }

    public int UnitId { get; set; }

    public UnitRole Role { get; set; }

    /// <summary>How the notice printed the unit (or the collective it came from).</summary>
    public string? Printed { get; set; }
}

/// <summary>A measurable target of an item.</summary>
public sealed class ItemIndicator
{
    public int Id { get; set; }

    public int ItemId { get; set; }

    public int Seq { get; set; }

    public required string Measure { get; set; }

    public decimal Value { get; set; }

    public required string Unit { get; set; }

    public IndicatorSense Sense { get; set; }

    public required string Printed { get; set; }
}

internal sealed class PlanItemConfiguration : IEntityTypeConfiguration<PlanItem>
{
    public void Configure(EntityTypeBuilder<PlanItem> b)
    {
        b.Lengths(16, x => x.Number, x => x.CarriedFromNumber).Lengths(512, x => x.Group, x => x.Theme).Lengths(8000, x => x.Text)
            .Lengths(256, x => x.Deadline, x => x.Leaders);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.PlanId, x.Seq }).IsUnique();
        b.HasOne<PlanPart>().WithMany().HasForeignKey(x => x.PartId).OnDelete(DeleteBehavior.NoAction);
        b.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Indicators).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ItemUnitConfiguration : IEntityTypeConfiguration<ItemUnit>
{
    public void Configure(EntityTypeBuilder<ItemUnit> b)
    {
        b.Property(x => x.Role).StoredAsName(16);
        b.Lengths(256, x => x.Printed);
        b.HasIndex(x => new { x.ItemId, x.UnitId }).IsUnique();
        b.HasIndex(x => x.UnitId);
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ItemIndicatorConfiguration : IEntityTypeConfiguration<ItemIndicator>
{
    public void Configure(EntityTypeBuilder<ItemIndicator> b)
    {
        b.Lengths(256, x => x.Measure).Lengths(32, x => x.Unit).Lengths(512, x => x.Printed);
        b.Property(x => x.Value).HasPrecision(28, 6);
        b.Property(x => x.Sense).StoredAsName(16);
    }
}
