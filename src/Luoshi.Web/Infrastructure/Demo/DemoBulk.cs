using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Inserts many new rows of one entity type with one prepared command in the caller's transaction: the demo story's filings,
/// events, values and messages (tens of thousands at a first start), where the change tracker's cost per row is most of the
/// time. Columns, conversions and parameters come from the EF model (<see cref="RelationalTypeMapping.CreateParameter"/>, as a
/// save does), so a row is stored as <c>SaveChanges</c> stores it; the key is read back (<c>RETURNING</c>) when asked.
/// </summary>
internal static class DemoBulk
{
    public static async Task InsertAsync<T>(LuoshiDb db, IReadOnlyList<T> rows, bool readKeys, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException("not an entity: " + typeof(T).Name);
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        if (entity.GetProperties().Any(p => p.IsShadowProperty()))
        {
            throw new InvalidOperationException(typeof(T).Name + " has shadow properties: store it through SaveChanges");
        }

        var columns = entity.GetProperties().Where(p => !(p == key && p.ValueGenerated != ValueGenerated.Never)).ToList();
        string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        string sql = $"INSERT INTO {(table.Schema is null ? "" : Quote(table.Schema) + ".")}{Quote(table.Name)} ("
            + string.Join(", ", columns.Select(c => Quote(c.GetColumnName(table)!))) + ") VALUES ("
            + string.Join(", ", columns.Select((_, n) => "@p" + n.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")"
            + (readKeys ? " RETURNING " + Quote(key.GetColumnName(table)!) : "");

        var connection = db.Database.GetDbConnection();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var mappings = columns.Select(c => (Property: c, Mapping: c.GetRelationalTypeMapping(), Getter: c.GetGetter())).ToList();
        var keyMapping = key.GetTypeMapping().Converter;
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (int n = 0; n < mappings.Count; n++)
            {
                var (property, mapping, getter) = mappings[n];
                command.Parameters.Add(mapping.CreateParameter(command, "@p" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), getter.GetClrValue(row), property.IsNullable));
            }

            if (readKeys)
            {
                object? id = await command.ExecuteScalarAsync(ct);
                object value = Convert.ChangeType(id!, key.ClrType, System.Globalization.CultureInfo.InvariantCulture);
                key.PropertyInfo!.SetValue(row, keyMapping is null ? value : keyMapping.ConvertFromProvider(value));
            }
            else
            {
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }
}
