namespace Luoshi.Core.Features.Audit;

/// <summary>One recorded event: a sign-in, or a change with its before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Who: the user name, or "system".</summary>
    public required string Actor { get; set; }

    /// <summary>What happened, e.g. sign-in, sign-in-failed, publish-plan, edit-item.</summary>
    public required string Action { get; set; }

    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    public int? DistrictId { get; set; }

    /// <summary>JSON of the state before, if any.</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the state after, if any.</summary>
    public string? After { get; set; }

    /// <summary>The place in the chain (1, 2, …), given by <see cref="AuditChain"/>; null until sealed.</summary>
    public long? Seq { get; set; }

    /// <summary>SM3 (hex) over the previous entry's hash and this entry's content; null until sealed.</summary>
    public string? Hash { get; set; }
}

/// <summary>The head of the audit chain (one row): the last sealed place and its hash, so that cutting the tail is seen.</summary>
public sealed class AuditSeal
{
    public int Id { get; set; }

    public long Seq { get; set; }

    public required string Hash { get; set; }

    public DateTimeOffset SealedAt { get; set; }
}

internal sealed class AuditSealConfiguration : IEntityTypeConfiguration<AuditSeal>
{
    public void Configure(EntityTypeBuilder<AuditSeal> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Hash).HasMaxLength(64);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Lengths(EntityConfiguration.UserName, x => x.Actor)
            .Lengths(64, x => x.Action, x => x.EntityType, x => x.EntityId, x => x.Hash);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.DistrictId, x.At });
        b.HasIndex(x => x.Seq).IsUnique();
    }
}
