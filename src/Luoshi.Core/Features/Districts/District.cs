namespace Luoshi.Core.Features.Districts;

/// <summary>A district (区/县) that runs its own plan: the unit of tenancy.</summary>
public sealed class District
{
    public int Id { get; set; }

    /// <summary>ASCII code, e.g. jiangan; the catalogue's code.</summary>
    public required string Code { get; set; }

    /// <summary>e.g. 江岸区.</summary>
    public required string Name { get; set; }

    /// <summary>e.g. 武汉市.</summary>
    public string? City { get; set; }

    /// <summary>Bumped (in the same transaction) by every change to the district's year of work, so each web instance knows when its cached views are stale.</summary>
    public long Revision { get; set; }
}

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.Lengths(64, x => x.Code, x => x.Name, x => x.City);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

/// <summary>Bumps a district's <see cref="District.Revision"/>; call inside the transaction of the change.</summary>
public static class DistrictRevision
{
    public static Task<int> BumpAsync(Data.LuoshiDb db, int districtId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Districts.Where(d => d.Id == districtId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Revision, d => d.Revision + 1), ct);
    }

    /// <summary>Saves the context's changes and bumps the district's revision in one transaction.</summary>
    public static async Task SaveChangesAsync(Data.LuoshiDb db, int districtId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await BumpAsync(db, districtId, ct);
            await tx.CommitAsync(ct);
        });
    }
}
