namespace Luoshi.Core.Features.Supervision;

/// <summary>A unit with the people reminders can reach: its clerks and heads (with e-mail or not), and its leader in charge.</summary>
public sealed record UnitContactsView(int UnitId, string Name, string? LeaderUserId, IReadOnlyList<ContactView> Clerks, IReadOnlyList<ContactView> Heads);

public sealed record ContactView(string UserName, string DisplayName, string? Email);

public sealed record LeaderOption(string UserId, string DisplayName);

/// <summary>
/// Saves a district's settings (validated; refused when the version the office read is not the current one) and the leader in
/// charge of each unit. Each save writes an audit entry and bumps the district's revision in the same transaction.
/// </summary>
public sealed class DistrictSettingsService(LuoshiDb db, TimeProvider clock)
{
    public async Task<Outcome<DistrictSettings>> SaveAsync(int districtId, DistrictSettingsInput form, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await DistrictSettingsDefaults.SavedAsync(db, districtId, ct);
        int current = row?.Version ?? 0;
        if (form.Version != current)
        {
            return Conflict(current);
        }

        var before = row is null ? null : Copy(row);
        if (row is null)
        {
            row = await DistrictSettingsDefaults.LoadAsync(db, districtId, ct);
            db.DistrictSettings.Add(row);
        }

        if (form.ApplyTo(row) is { } invalid)
        {
            return invalid;
        }

        row.Version = current + 1;
        AuditLog.Record(db, clock, actor, AuditActions.EditDistrictSettings, nameof(DistrictSettings), districtId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            districtId, before, Copy(row));
        try
        {
            await db.SaveChangesAsync(ct);
            await DistrictRevision.BumpAsync(db, districtId, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict(current + 1);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Two first saves at once: the other one created the row.
            return Conflict(1);
        }

        return row;
    }

    /// <summary>Sets the leader in charge of the units named in <paramref name="leaders"/> (unit id → Leader account id, "" for none).</summary>
    public async Task<Outcome<int>> SetLeadersAsync(int districtId, IReadOnlyDictionary<int, string> leaders, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(leaders);
        var allowed = (await LeadersAsync(districtId, ct)).Select(l => l.UserId).ToHashSet(StringComparer.Ordinal);
        foreach (var (_, leader) in leaders)
        {
            if (!string.IsNullOrEmpty(leader) && !allowed.Contains(leader))
            {
                return new Failure(FailureKind.Invalid, "所选分管领导不是本区的区领导账号。");
            }
        }

        var ids = leaders.Keys.ToList();
        var units = await db.Units.Where(u => u.DistrictId == districtId && ids.Contains(u.Id)).ToListAsync(ct);
        if (units.Count != ids.Count)
        {
            return new Failure(FailureKind.NotFound, "所选单位不属于本区。");
        }

        var changes = new List<object>();
        foreach (var unit in units)
        {
            string? leader = string.IsNullOrEmpty(leaders[unit.Id]) ? null : leaders[unit.Id];
            if (!string.Equals(unit.LeaderUserId, leader, StringComparison.Ordinal))
            {
                changes.Add(new { unit = unit.Name, before = unit.LeaderUserId, after = leader });
                unit.LeaderUserId = leader;
            }
        }

        if (changes.Count == 0)
        {
            return 0;
        }

        AuditLog.Record(db, clock, actor, AuditActions.SetUnitLeaders, "Unit", null, districtId, null, changes);
        await DistrictRevision.SaveChangesAsync(db, districtId, ct);
        return changes.Count;
    }

    public Task<List<LeaderOption>> LeadersAsync(int districtId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.DistrictId == districtId && u.Role == AppRole.Leader).OrderBy(u => u.UserName)
            .Select(u => new LeaderOption(u.Id, u.DisplayName)).ToListAsync(ct);

    public async Task<List<UnitContactsView>> ContactsAsync(int districtId, CancellationToken ct)
    {
        var people = await db.Users.AsNoTracking()
            .Where(u => u.DistrictId == districtId && u.UnitId != null && (u.Role == AppRole.Clerk || u.Role == AppRole.UnitHead))
            .OrderBy(u => u.UserName)
            .Select(u => new { u.UnitId, u.Role, u.UserName, u.DisplayName, u.Email })
            .ToListAsync(ct);
        var byUnit = people.ToLookup(p => p.UnitId!.Value);
        var units = await db.Units.AsNoTracking().Where(u => u.DistrictId == districtId).OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.Name, u.LeaderUserId }).ToListAsync(ct);
        return [.. units.Select(u => new UnitContactsView(u.Id, u.Name, u.LeaderUserId,
            [.. byUnit[u.Id].Where(p => p.Role == AppRole.Clerk).Select(p => new ContactView(p.UserName!, p.DisplayName, p.Email))],
            [.. byUnit[u.Id].Where(p => p.Role == AppRole.UnitHead).Select(p => new ContactView(p.UserName!, p.DisplayName, p.Email))]))];
    }

    private static Failure Conflict(int current) => new(FailureKind.Conflict,
        $"设置已被他人修改（当前为第 {current.ToString(System.Globalization.CultureInfo.InvariantCulture)} 版），您的修改没有保存。请查看下面的最新设置后重新修改。");

    private static object Copy(DistrictSettings s) => new
    {
        s.AmberPoints, s.RedPoints, s.CoUnitsReportToLead, FormStyle = s.FormStyle.ToString(), s.RemindDaysBefore, s.RepeatEveryDaysAfter,
        s.EscalateToHeadAfterDays, s.EscalateToLeaderAfterDays, s.MaxNudgesPerPersonPerWeek, s.WebhookUrl, s.WebhookFormat,
        s.CircularIssuer, s.CircularPrefix, CircularForm = s.CircularForm.ToString(), s.Version,
    };
}
