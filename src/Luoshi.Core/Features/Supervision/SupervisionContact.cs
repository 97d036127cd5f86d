namespace Luoshi.Core.Features.Supervision;

/// <summary>How the office reached a unit: a 催报 sent from the list, a phone call, a 约谈. Stored as these names.</summary>
public enum ContactKind
{
    Reminder,
    Phone,
    Interview,
}

/// <summary>
/// The office's contact log (督办记录): one entry per 催报, phone call or 约谈 with a unit, about one item and period or the
/// unit as a whole; shown as the history of a supervision row and on the item's page.
/// </summary>
public sealed class SupervisionContact
{
    public long Id { get; set; }

    public int DistrictId { get; set; }

    public int UnitId { get; set; }

    public int? ItemId { get; set; }

    public ReportPeriod? Period { get; set; }

    public ContactKind Kind { get; set; }

    /// <summary>The day of the call or talk (the district's calendar); for a 催报, the day it was sent.</summary>
    public DateOnly On { get; set; }

    /// <summary>Who was spoken to (a call or talk), or who was reminded (a 催报).</summary>
    public required string Person { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public required string RecordedBy { get; set; }
}

/// <summary>The Chinese names of the contact kinds.</summary>
public static class ContactKindLabels
{
    public static string Of(ContactKind kind) => kind switch
    {
        ContactKind.Reminder => "催报",
        ContactKind.Phone => "电话督办",
        ContactKind.Interview => "约谈",
        _ => kind.ToString(),
    };
}

internal sealed class SupervisionContactConfiguration : IEntityTypeConfiguration<SupervisionContact>
{
    public void Configure(EntityTypeBuilder<SupervisionContact> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Period).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Person).HasMaxLength(200);
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.RecordedBy).HasMaxLength(128);
        b.HasIndex(x => new { x.DistrictId, x.UnitId, x.ItemId });
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Plans.PlanItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.SetNull);
    }
}
