using System.Linq.Expressions;

namespace Luoshi.Core.Data;

/// <summary>The column setups the entity configurations share (one place for each, so a length or a cascade is said once).</summary>
internal static class EntityConfiguration
{
    /// <summary>The length of a column holding a user name (who issued, replied, published …).</summary>
    public const int UserName = 128;

    /// <summary>Text columns of at most <paramref name="maxLength"/> characters.</summary>
    public static EntityTypeBuilder<T> Lengths<T>(this EntityTypeBuilder<T> b, int maxLength, params Expression<Func<T, string?>>[] columns)
        where T : class
    {
        foreach (var column in columns)
        {
            b.Property(column).HasMaxLength(maxLength);
        }

        return b;
    }

    /// <summary>An enum stored as its member's name (so members are never renamed), at most <paramref name="maxLength"/> characters.</summary>
    public static PropertyBuilder<TEnum> StoredAsName<TEnum>(this PropertyBuilder<TEnum> property, int maxLength) =>
        property.HasConversion<string>().HasMaxLength(maxLength);

    /// <summary>The row belongs to a district (<paramref name="districtId"/>) and goes with it.</summary>
    public static void InDistrict<T>(this EntityTypeBuilder<T> b, Expression<Func<T, object?>> districtId)
        where T : class =>
        b.HasOne<Features.Districts.District>().WithMany().HasForeignKey(districtId).OnDelete(DeleteBehavior.Cascade);
}
