namespace Luoshi.Core.Features.Units;

/// <summary>Moves a district's unit catalogue between its YAML form and the database, and builds the reader's catalogue from the database.</summary>
public static class DistrictCatalogue
{
    /// <summary>Creates or updates the district and its units and collectives from a catalogue file's content.</summary>
    public static async Task<District> SyncAsync(LuoshiDb db, UnitCatalogue catalogue, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalogue);
        var district = await db.Districts.FirstOrDefaultAsync(d => d.Code == catalogue.Code, ct);
        if (district is null)
        {
            district = new District { Code = catalogue.Code, Name = catalogue.District, City = catalogue.City };
            db.Districts.Add(district);
            await db.SaveChangesAsync(ct);
        }

        var existing = await db.Units.Where(u => u.DistrictId == district.Id).ToDictionaryAsync(u => u.Name, StringComparer.Ordinal, ct);
        foreach (var u in catalogue.Units)
        {
            if (!existing.TryGetValue(u.Name, out var unit))
            {
                unit = new Unit { Name = u.Name, DistrictId = district.Id };
                db.Units.Add(unit);
            }

            unit.Kind = u.Kind;
            unit.Aliases = string.Join('|', u.Aliases);
            unit.Unsure = u.Unsure;
        }

        var collectives = await db.UnitCollectives.Where(c => c.DistrictId == district.Id).ToDictionaryAsync(c => c.Name, StringComparer.Ordinal, ct);
        foreach (var c in catalogue.Collectives)
        {
            if (!collectives.TryGetValue(c.Name, out var col))
            {
                col = new UnitCollective { Name = c.Name, DistrictId = district.Id };
                db.UnitCollectives.Add(col);
            }

            col.Aliases = string.Join('|', c.Aliases);
            col.Open = c.Open;
            col.Members = string.Join('|', catalogue.MembersOf(c));
        }

        // A unit renamed or added changes what pages show: the revision moves with it (UnitTasksCache and the year snapshot read it).
        await Districts.DistrictRevision.SaveChangesAsync(db, district.Id, ct);
        return district;
    }

    /// <summary>The reader's catalogue for a district, from the database (units as the office keeps them in <see cref="UnitService"/>).</summary>
    public static async Task<UnitCatalogue> LoadAsync(LuoshiDb db, int districtId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var d = await db.Districts.AsNoTracking().SingleAsync(x => x.Id == districtId, ct);
        // Retired and merged units are not offered: a merged unit's names are the survivor's aliases, a renamed one's old name its own.
        var units = await db.Units.AsNoTracking().Where(u => u.DistrictId == districtId && u.RetiredAt == null).OrderBy(u => u.Id).ToListAsync(ct);
        var active = units.Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        var cols = await db.UnitCollectives.AsNoTracking().Where(c => c.DistrictId == districtId).OrderBy(c => c.Id).ToListAsync(ct);
        return new UnitCatalogue(d.Name, d.Code, d.City,
            [.. units.Select(u => new CatalogueUnit(u.Name, u.Kind, [.. u.AliasList], u.Unsure, null))],
            [.. cols.Select(c => new CollectiveName(c.Name, c.Aliases.Split('|', StringSplitOptions.RemoveEmptyEntries), c.Open, [],
                [.. c.Members.Split('|', StringSplitOptions.RemoveEmptyEntries).Where(active.Contains)], []))]);
    }
}
