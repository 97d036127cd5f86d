namespace Luoshi.Core.Features.Audit;

/// <summary>Adds audit entries to the same unit of work as the change they record, so both are saved or neither.</summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Record(LuoshiDb db, TimeProvider clock, string actor, string action, string? entityType = null, string? entityId = null,
        int? districtId = null, object? before = null, object? after = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            DistrictId = districtId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
    }
}
