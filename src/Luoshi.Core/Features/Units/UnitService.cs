namespace Luoshi.Core.Features.Units;

/// <summary>One unit as the organisation pages list it.</summary>
public sealed record UnitRow(
    int Id, string Name, UnitKind Kind, IReadOnlyList<string> Aliases, string? LeaderUserId, string? Leader, DateTimeOffset? RetiredAt,
    int? MergedIntoId, string? MergedInto, int Items, int Accounts, int Version)
{
    public bool Retired => RetiredAt is not null;
}

/// <summary>What the office fills in for a unit (aliases one per line or separated by 、，;).</summary>
public sealed record UnitInput(string? Name, UnitKind Kind, string? Aliases, string? LeaderUserId);

/// <summary>A unit's page: the unit, the collectives that stand for it, and its history (the audit entries about it).</summary>
public sealed record UnitDetail(UnitRow Unit, IReadOnlyList<string> Collectives, IReadOnlyList<AuditEntry> History);

/// <summary>What a merge will do (shown before the office confirms) or did.</summary>
public sealed record MergeSummary(
    UnitRow Absorbed, UnitRow Survivor, int Items, int SharedItems, int Filings, int Accounts, int Orders, int Grades, IReadOnlyList<string> Conflicts)
{
    public bool Possible => Conflicts.Count == 0;
}

/// <summary>A district leader (区领导) who may be in charge of units.</summary>
public sealed record LeaderChoice(string UserId, string UserName, string DisplayName);

/// <summary>What became of a catalogue import: every row's errors (and nothing stored), or how many units were added and changed.</summary>
public sealed record CatalogueImport(IReadOnlyList<RowError> Errors, int Added, int Changed, int Collectives)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// The organisation of a district as its office keeps it: units added, edited, renamed (the old name kept as an alias, so
/// the reader still finds it), merged (the absorbed unit's tasks, filings, accounts, orders and names go to the survivor; it
/// stays, retired, for history), retired; the catalogue exported and imported as .xlsx (every row checked, nothing stored
/// unless all are right). Each change is audited and moves the district revision in the same transaction, so cached views
/// drop stale names; the reader's catalogue (<see cref="DistrictCatalogue.LoadAsync"/>) is read from what is kept here.
/// </summary>
public sealed class UnitService(LuoshiDb db, TimeProvider clock)
{
    public const int MaxBytes = 5 * 1024 * 1024;

    private static readonly Failure NotFound = new(FailureKind.NotFound, "没有找到该单位。");
    private static readonly Failure Stale = new(FailureKind.Conflict, "该单位刚被他人修改过，您的修改没有保存。请刷新页面后重试。");
    private static readonly char[] AliasSeparators = ['、', '，', ',', ';', '；', '|', '\n', '\r'];

    public static readonly string[] UnitHeader = ["单位名称", "类别", "简称或别称", "分管领导（用户名）", "状态"];
    public static readonly string[] CollectiveHeader = ["集合称谓", "别称", "包含单位", "由督查室选定"];

    public static bool MayManage(Actor? actor, int districtId) => actor is not null && actor.Has(Permission.ManageUnits, districtId);

    /// <summary>The units of the district, filtered by text (name or alias), kind and state ("active", "retired").</summary>
    public async Task<Outcome<List<UnitRow>>> ListAsync(Actor actor, int districtId, string? q = null, UnitKind? kind = null, string? state = null, CancellationToken ct = default)
    {
        if (!MayManage(actor, districtId))
        {
            return NotFound;
        }

        var rows = await RowsAsync(districtId, null, ct);
        string? text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        return rows.Where(r => (text is null || r.Name.Contains(text, StringComparison.Ordinal) || r.Aliases.Any(a => a.Contains(text, StringComparison.Ordinal)))
                && (kind is null || r.Kind == kind)
                && (state switch { "active" => !r.Retired, "retired" => r.Retired, _ => true }))
            .ToList();
    }

    public async Task<Outcome<UnitDetail>> GetAsync(Actor actor, int districtId, int unitId, CancellationToken ct = default)
    {
        if (!MayManage(actor, districtId))
        {
            return NotFound;
        }

        var row = (await RowsAsync(districtId, unitId, ct)).FirstOrDefault();
        if (row is null)
        {
            return NotFound;
        }

        var cols = await db.UnitCollectives.AsNoTracking().Where(c => c.DistrictId == districtId).OrderBy(c => c.Id).ToListAsync(ct);
        string id = unitId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var history = await db.AuditEntries.AsNoTracking()
            .Where(a => a.DistrictId == districtId && a.EntityType == nameof(Unit) && (a.EntityId == id || a.EntityId == row.Name))
            .OrderByDescending(a => a.Id).Take(100).ToListAsync(ct);
        return new UnitDetail(row, [.. cols.Where(c => Split(c.Members).Contains(row.Name, StringComparer.Ordinal)).Select(c => c.Name)], history);
    }

    /// <summary>The district's leaders, whom a unit may have in charge.</summary>
    public Task<List<LeaderChoice>> LeadersAsync(int districtId, CancellationToken ct = default) =>
        db.Users.AsNoTracking().Where(u => u.DistrictId == districtId && u.Role == AppRole.Leader).OrderBy(u => u.UserName)
            .Select(u => new LeaderChoice(u.Id, u.UserName!, u.DisplayName)).ToListAsync(ct);

    public async Task<Outcome<Unit>> AddAsync(Actor actor, int districtId, UnitInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!MayManage(actor, districtId))
        {
            return NotFound;
        }

        var names = await NamesAsync(districtId, ct);
        var leaders = await LeadersAsync(districtId, ct);
        var (name, aliases, errors) = Check(input.Name, input.Aliases, null, names);
        string? leader = CheckLeader(input.LeaderUserId, leaders, errors);
        if (errors.Count > 0)
        {
            return new Failure(FailureKind.Invalid, string.Join(" ", errors));
        }

        var unit = new Unit { DistrictId = districtId, Name = name, Kind = input.Kind, Aliases = string.Join('|', aliases), LeaderUserId = leader, Version = 1 };
        db.Units.Add(unit);
        AuditLog.Record(db, clock, actor.UserName, AuditActions.AddUnit, nameof(Unit), name, districtId, after: Copy(unit));
        return await SaveAsync(districtId, ct) ?? (Outcome<Unit>)unit;
    }

    /// <summary>Edits a unit; a new name keeps the old one as an alias (and in the collectives that named it).</summary>
    public async Task<Outcome<Unit>> EditAsync(Actor actor, int districtId, int unitId, int version, UnitInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var found = await ChangeableAsync(actor, districtId, unitId, version, "已撤销，不能再修改。", ct);
        if (!found.Ok)
        {
            return found.Failure!;
        }

        var unit = found.Value!;
        var before = Copy(unit);
        var names = await NamesAsync(districtId, ct);
        var (name, aliases, errors) = Check(input.Name, input.Aliases, unit, names);
        string? leader = CheckLeader(input.LeaderUserId, await LeadersAsync(districtId, ct), errors);
        if (errors.Count > 0)
        {
            return new Failure(FailureKind.Invalid, string.Join(" ", errors));
        }

        bool renamed = !string.Equals(name, unit.Name, StringComparison.Ordinal);
        if (renamed)
        {
            // The old name stays findable: an alias of the unit (notices and rosters still print it) and in the audit history.
            aliases = [.. aliases.Where(a => a != name).Prepend(unit.Name).Distinct(StringComparer.Ordinal)];
            await RenameInCollectivesAsync(districtId, unit.Name, name, ct);
        }

        unit.Name = name;
        unit.Kind = input.Kind;
        unit.Aliases = string.Join('|', aliases);
        unit.LeaderUserId = leader;
        unit.Version++;
        AuditLog.Record(db, clock, actor.UserName, renamed ? AuditActions.RenameUnit : AuditActions.EditUnit, nameof(Unit), Id(unit.Id), districtId, before, Copy(unit));
        return await SaveAsync(districtId, ct) ?? (Outcome<Unit>)unit;
    }

    /// <summary>Retires a unit: kept with its history and its work, no longer offered (to the reader, to rosters, to new items).</summary>
    public async Task<Outcome<Unit>> RetireAsync(Actor actor, int districtId, int unitId, int version, CancellationToken ct = default)
    {
        var found = await ChangeableAsync(actor, districtId, unitId, version, "已撤销。", ct);
        if (!found.Ok)
        {
            return found.Failure!;
        }

        var unit = found.Value!;
        var before = Copy(unit);
        unit.RetiredAt = clock.GetUtcNow();
        unit.Version++;
        AuditLog.Record(db, clock, actor.UserName, AuditActions.RetireUnit, nameof(Unit), Id(unit.Id), districtId, before, Copy(unit));
        return await SaveAsync(districtId, ct) ?? (Outcome<Unit>)unit;
    }

    /// <summary>What merging <paramref name="absorbedId"/> into <paramref name="survivorId"/> would move, and what stops it.</summary>
    public async Task<Outcome<MergeSummary>> PreviewMergeAsync(Actor actor, int districtId, int absorbedId, int survivorId, CancellationToken ct = default)
    {
        if (!MayManage(actor, districtId))
        {
            return NotFound;
        }

        var rows = await RowsAsync(districtId, null, ct);
        var absorbed = rows.FirstOrDefault(r => r.Id == absorbedId);
        var survivor = rows.FirstOrDefault(r => r.Id == survivorId);
        if (absorbed is null || survivor is null)
        {
            return NotFound;
        }

        var conflicts = new List<string>();
        if (absorbedId == survivorId)
        {
            conflicts.Add("不能把单位并入它自己。");
        }

        if (absorbed.Retired)
        {
            conflicts.Add($"“{absorbed.Name}”已撤销，不能再合并。");
        }

        if (survivor.Retired)
        {
            conflicts.Add($"“{survivor.Name}”已撤销，不能作为合并后的单位。");
        }

        var items = await db.ItemUnits.AsNoTracking().Where(u => u.UnitId == absorbedId).Select(u => u.ItemId).ToListAsync(ct);
        var survivorItems = await db.ItemUnits.AsNoTracking().Where(u => u.UnitId == survivorId).Select(u => u.ItemId).ToListAsync(ct);
        var filings = await db.Filings.AsNoTracking().Where(f => f.UnitId == absorbedId).Select(f => new { f.ItemId, f.Period }).ToListAsync(ct);
        var survivorFilings = await db.Filings.AsNoTracking().Where(f => f.UnitId == survivorId).Select(f => new { f.ItemId, f.Period }).ToListAsync(ct);
        var clash = filings.Intersect(survivorFilings).ToList();
        if (clash.Count > 0)
        {
            var clashItems = clash.Select(c => c.ItemId).Distinct().ToList();
            var numbers = await db.PlanItems.AsNoTracking().Where(i => clashItems.Contains(i.Id)).Select(i => i.Number).ToListAsync(ct);
            conflicts.Add($"两个单位对同一事项的同一期次都已填报（事项 {string.Join("、", numbers.Order(StringComparer.Ordinal))}），无法合并：请先由督查室退回其中一份或与单位核对后再合并。");
        }

        int accounts = await db.Users.CountAsync(u => u.UnitId == absorbedId, ct);
        int orders = await db.SupervisionOrders.CountAsync(o => o.UnitId == absorbedId, ct);
        int grades = await db.QualityGrades.CountAsync(g => g.UnitId == absorbedId, ct);
        return new MergeSummary(absorbed, survivor, items.Count, items.Intersect(survivorItems).Count(), filings.Count, accounts, orders, grades, conflicts);
    }

    /// <summary>
    /// Merges a unit into another (并入): its item roles, filings, accounts, orders and grades go to the survivor (a role both
    /// hold on one item is kept once, lead winning), its names become the survivor's aliases, and it stays, retired, with a
    /// pointer to the survivor. Refused, with nothing changed, when both filed the same item's same period or either page is stale.
    /// </summary>
    public async Task<Outcome<MergeSummary>> MergeAsync(Actor actor, int districtId, int absorbedId, int absorbedVersion, int survivorId, int survivorVersion, CancellationToken ct = default)
    {
        var preview = await PreviewMergeAsync(actor, districtId, absorbedId, survivorId, ct);
        if (!preview.Ok)
        {
            return preview.Failure!;
        }

        var summary = preview.Value!;
        if (summary.Absorbed.Version != absorbedVersion || summary.Survivor.Version != survivorVersion)
        {
            return Stale;
        }

        if (!summary.Possible)
        {
            return new Failure(FailureKind.NotAllowed, string.Join(" ", summary.Conflicts));
        }

        var absorbed = await db.Units.SingleAsync(u => u.Id == absorbedId, ct);
        var survivor = await db.Units.SingleAsync(u => u.Id == survivorId, ct);
        var before = new { absorbed = Copy(absorbed), survivor = Copy(survivor) };

        var roles = await db.ItemUnits.Where(u => u.UnitId == absorbedId || u.UnitId == survivorId).ToListAsync(ct);
        foreach (var role in roles.Where(r => r.UnitId == absorbedId))
        {
            var kept = roles.FirstOrDefault(r => r.UnitId == survivorId && r.ItemId == role.ItemId);
            if (kept is null)
            {
                role.UnitId = survivorId;
            }
            else
            {
                if (role.Role == Plans.UnitRole.Lead)
                {
                    kept.Role = Plans.UnitRole.Lead;
                }

                db.ItemUnits.Remove(role);
            }
        }

        await db.Filings.Where(f => f.UnitId == absorbedId).ChangeEachAsync(f => f.UnitId = survivorId, ct);
        // Shares and quarterly values set for the absorbed unit (in a lead unit's work plan, or its own) follow it.
        await db.PlannedTargets.Where(p => p.UnitId == absorbedId).ChangeEachAsync(p => p.UnitId = survivorId, ct);
        await db.Users.Where(u => u.UnitId == absorbedId).ChangeEachAsync(u => u.UnitId = survivorId, ct);
        await db.SupervisionOrders.Where(o => o.UnitId == absorbedId).ChangeEachAsync(o => o.UnitId = survivorId, ct);

        // A grade the survivor already has for the period stays with the absorbed unit (history); the others follow.
        var survivorGrades = await db.QualityGrades.AsNoTracking().Where(g => g.UnitId == survivorId).Select(g => new { g.PlanId, g.Period }).ToListAsync(ct);
        foreach (var g in await db.QualityGrades.Where(g => g.UnitId == absorbedId).ToListAsync(ct))
        {
            if (!survivorGrades.Contains(new { g.PlanId, g.Period }))
            {
                g.UnitId = survivorId;
            }
        }

        survivor.Aliases = string.Join('|', survivor.AliasList.Append(absorbed.Name).Concat(absorbed.AliasList)
            .Where(a => a != survivor.Name).Distinct(StringComparer.Ordinal));
        survivor.LeaderUserId ??= absorbed.LeaderUserId;
        survivor.Version++;
        absorbed.RetiredAt = clock.GetUtcNow();
        absorbed.MergedIntoId = survivorId;
        absorbed.Version++;
        await RenameInCollectivesAsync(districtId, absorbed.Name, survivor.Name, ct);
        AuditLog.Record(db, clock, actor.UserName, AuditActions.MergeUnits, nameof(Unit), Id(absorbedId), districtId, before, new
        {
            absorbed = Copy(absorbed),
            survivor = Copy(survivor),
            moved = new { items = summary.Items, sharedItems = summary.SharedItems, filings = summary.Filings, accounts = summary.Accounts, orders = summary.Orders },
        });
        // The survivor's history shows the merge too.
        AuditLog.Record(db, clock, actor.UserName, AuditActions.MergeUnits, nameof(Unit), Id(survivorId), districtId, null, new { merged = absorbed.Name, into = survivor.Name });
        var failure = await SaveAsync(districtId, ct);
        return failure is null ? summary : failure;
    }

    /// <summary>The catalogue as .xlsx: a sheet of units (retired ones marked) and a sheet of collectives, in the form <see cref="ImportAsync"/> reads.</summary>
    public async Task<Outcome<byte[]>> ExportAsync(Actor actor, int districtId, CancellationToken ct = default)
    {
        var list = await ListAsync(actor, districtId, ct: ct);
        if (!list.Ok)
        {
            return list.Failure!;
        }

        var district = await db.Districts.AsNoTracking().SingleAsync(d => d.Id == districtId, ct);
        var leaders = (await LeadersAsync(districtId, ct)).ToDictionary(l => l.UserId, l => l.UserName, StringComparer.Ordinal);
        var units = new Forms.SheetModel("单位名录", [32, 20, 48, 24, 20]);
        Header(units, UnitHeader);
        int r = 2;
        foreach (var u in list.Value!)
        {
            units.Text(r, 1, u.Name, Forms.CellLook.Text);
            units.Text(r, 2, UnitKindLabels.Of(u.Kind), Forms.CellLook.Text);
            units.Text(r, 3, string.Join("、", u.Aliases), Forms.CellLook.Text);
            units.Text(r, 4, u.LeaderUserId is null ? null : leaders.GetValueOrDefault(u.LeaderUserId), Forms.CellLook.Text);
            units.Text(r, 5, StateText(u), Forms.CellLook.Text);
            r++;
        }

        var cols = new Forms.SheetModel("集合称谓", [24, 32, 80, 14]);
        Header(cols, CollectiveHeader);
        r = 2;
        foreach (var c in await db.UnitCollectives.AsNoTracking().Where(c => c.DistrictId == districtId).OrderBy(c => c.Id).ToListAsync(ct))
        {
            cols.Text(r, 1, c.Name, Forms.CellLook.Text);
            cols.Text(r, 2, string.Join("、", Split(c.Aliases)), Forms.CellLook.Text);
            cols.Text(r, 3, string.Join("、", Split(c.Members)), Forms.CellLook.Text);
            cols.Text(r, 4, c.Open ? "是" : "否", Forms.CellLook.Text);
            r++;
        }

        return Forms.XlsxWriter.Write([units, cols], district.Name + "单位名录");
    }

    /// <summary>
    /// Imports a catalogue (.xlsx as <see cref="ExportAsync"/> writes it): a row naming an existing unit (by its name) updates
    /// its kind, aliases and leader; a new name adds a unit; collectives are set from the second sheet when it is there. Every
    /// row is checked first; with any error, every error is returned by sheet and row and nothing is stored.
    /// </summary>
    public async Task<Outcome<CatalogueImport>> ImportAsync(Actor actor, int districtId, string fileName, byte[] bytes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!MayManage(actor, districtId))
        {
            return NotFound;
        }

        if (bytes.Length == 0)
        {
            return new Failure(FailureKind.Invalid, "文件是空的。");
        }

        if (bytes.Length > MaxBytes)
        {
            return new Failure(FailureKind.Invalid, "文件超过 5 MB。");
        }

        List<(string Name, List<string[]> Rows)> sheets;
        try
        {
            if (!string.Equals(Path.GetExtension(fileName ?? string.Empty), ".xlsx", StringComparison.OrdinalIgnoreCase) && !(bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K'))
            {
                return new Failure(FailureKind.Invalid, "请上传 .xlsx 格式的单位名录（可先导出名录作为模板）。");
            }

            sheets = RosterFile.ReadXlsxSheets(bytes);
        }
        catch (Exception e) when (e is InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or FormatException or IOException or InvalidOperationException)
        {
            return new Failure(FailureKind.Invalid, "无法读取该文件，请上传 .xlsx 格式的单位名录。");
        }

        var unitSheet = sheets[0].Rows;
        var colSheet = sheets.Skip(1).FirstOrDefault(s => s.Name == "集合称谓").Rows;
        if (unitSheet.Count == 0 || !HeaderMatches(unitSheet[0], UnitHeader.Take(3)))
        {
            return new Failure(FailureKind.Invalid, "第 1 行（表头）应为：" + string.Join("、", UnitHeader) + "。可先导出名录作为模板。");
        }

        var errors = new List<RowError>();
        var existing = await db.Units.Where(u => u.DistrictId == districtId).ToListAsync(ct);
        var byName = existing.ToDictionary(u => u.Name, StringComparer.Ordinal);
        var leaders = await LeadersAsync(districtId, ct);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var planned = new List<(int Row, Unit? Unit, string Name, UnitKind Kind, List<string> Aliases, string? Leader)>();
        for (int i = 1; i < unitSheet.Count; i++)
        {
            var row = unitSheet[i];
            if (row.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            int number = i + 1;
            void Error(string message) => errors.Add(new RowError(number, message));
            string? Cell(int c) => c < row.Length && !string.IsNullOrWhiteSpace(row[c]) ? row[c].Trim() : null;
            string? name = Cell(0);
            byName.TryGetValue(name ?? string.Empty, out var unit);
            var (checkedName, aliases, problems) = Check(name, Cell(2), unit, null);
            problems.ForEach(Error);
            UnitKind? kind = ParseKind(Cell(1));
            if (kind is null)
            {
                Error(Cell(1) is null ? "缺少类别。" : $"类别“{Cell(1)}”不认识，应为：{string.Join("、", UnitKindLabels.All.Select(UnitKindLabels.Of))}。");
            }

            string? leader = null;
            if (Cell(3) is { } l)
            {
                var match = leaders.Where(x => x.UserName == l || x.DisplayName == l).ToList();
                if (match.Count == 1)
                {
                    leader = match[0].UserId;
                }
                else
                {
                    Error(match.Count == 0 ? $"分管领导“{l}”不是本区的区领导账号。" : $"分管领导“{l}”有重名，请填用户名。");
                }
            }

            string? state = Cell(4);
            if (unit is { Retired: true } && (state is null || state == "在用"))
            {
                Error($"“{unit.Name}”已撤销，不能通过导入恢复。");
            }
            else if (state is not null && state != "在用" && unit is not { Retired: true })
            {
                Error($"状态“{state}”：撤销或合并单位请在单位页面操作，导入只接受“在用”或留空。");
            }

            if (checkedName.Length > 0)
            {
                if (seen.TryGetValue(checkedName, out int first))
                {
                    Error($"单位“{checkedName}”与第 {first} 行重复。");
                }
                else
                {
                    seen[checkedName] = number;
                }
            }

            if (unit is { Retired: true })
            {
                continue; // a retired unit's row is kept in the file for reference and changes nothing
            }

            planned.Add((number, unit, checkedName, kind ?? UnitKind.Department, aliases, leader));
        }

        // Each alias names one unit only: against the file's names and aliases, and the units the file does not mention.
        var owner = new Dictionary<string, (int Row, string Unit)>(StringComparer.Ordinal);
        foreach (var u in existing.Where(u => !u.Retired && !seen.ContainsKey(u.Name)))
        {
            foreach (string n in u.AliasList.Prepend(u.Name))
            {
                owner.TryAdd(n, (0, u.Name));
            }
        }

        foreach (var p in planned)
        {
            owner.TryAdd(p.Name, (p.Row, p.Name));
        }

        foreach (var p in planned)
        {
            foreach (string a in p.Aliases)
            {
                if (owner.TryGetValue(a, out var o) && o.Unit != p.Name)
                {
                    errors.Add(new RowError(p.Row, o.Row == 0 ? $"别称“{a}”已是“{o.Unit}”的名称或别称。" : $"别称“{a}”与第 {o.Row} 行的“{o.Unit}”重复。"));
                }
                else
                {
                    owner.TryAdd(a, (p.Row, p.Name));
                }
            }
        }

        var retiredNames = existing.Where(u => u.Retired).Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        var newCollectives = new List<(string Name, List<string> Aliases, List<string> Members, bool Open)>();
        if (colSheet is not null && colSheet.Count > 0)
        {
            if (!HeaderMatches(colSheet[0], CollectiveHeader.Take(3)))
            {
                errors.Add(new RowError(1, "“集合称谓”工作表第 1 行（表头）应为：" + string.Join("、", CollectiveHeader) + "。"));
            }
            else
            {
                var activeNames = planned.Select(p => p.Name).Concat(existing.Where(u => !u.Retired).Select(u => u.Name)).ToHashSet(StringComparer.Ordinal);
                var colSeen = new HashSet<string>(StringComparer.Ordinal);
                for (int i = 1; i < colSheet.Count; i++)
                {
                    var row = colSheet[i];
                    if (row.All(string.IsNullOrWhiteSpace))
                    {
                        continue;
                    }

                    int number = i + 1;
                    void Error(string message) => errors.Add(new RowError(number, "“集合称谓”工作表：" + message));
                    string? Cell(int c) => c < row.Length && !string.IsNullOrWhiteSpace(row[c]) ? row[c].Trim() : null;
                    string name = Cell(0) ?? string.Empty;
                    if (name.Length is < 2 or > 64)
                    {
                        Error("集合称谓应为 2 到 64 个字。");
                    }
                    else if (!colSeen.Add(name))
                    {
                        Error($"集合称谓“{name}”重复。");
                    }

                    var members = SplitList(Cell(2));
                    foreach (string m in members.Where(m => !activeNames.Contains(m)))
                    {
                        Error(retiredNames.Contains(m) ? $"“{m}”已撤销，不能再列为成员。" : $"成员“{m}”不在单位名录中。");
                    }

                    if (members.Count == 0)
                    {
                        Error("缺少包含单位。");
                    }

                    string? open = Cell(3);
                    if (open is not null && open is not ("是" or "否"))
                    {
                        Error($"“由督查室选定”应填“是”或“否”，不是“{open}”。");
                    }

                    newCollectives.Add((name, SplitList(Cell(1)), members, open == "是"));
                }
            }
        }

        if (errors.Count > 0)
        {
            return new CatalogueImport([.. errors.OrderBy(e => e.Row)], 0, 0, 0);
        }

        int added = 0, changed = 0;
        var changes = new List<object>();
        foreach (var p in planned)
        {
            if (p.Unit is null)
            {
                db.Units.Add(new Unit { DistrictId = districtId, Name = p.Name, Kind = p.Kind, Aliases = string.Join('|', p.Aliases), LeaderUserId = p.Leader, Version = 1 });
                changes.Add(new { unit = p.Name, added = true });
                added++;
            }
            else
            {
                string aliases = string.Join('|', p.Aliases);
                if (p.Unit.Kind != p.Kind || p.Unit.Aliases != aliases || p.Unit.LeaderUserId != p.Leader)
                {
                    changes.Add(new { unit = p.Name, before = Copy(p.Unit) });
                    p.Unit.Kind = p.Kind;
                    p.Unit.Aliases = aliases;
                    p.Unit.LeaderUserId = p.Leader;
                    p.Unit.Version++;
                    changed++;
                }
            }
        }

        if (colSheet is not null && colSheet.Count > 0)
        {
            var cols = await db.UnitCollectives.Where(c => c.DistrictId == districtId).ToDictionaryAsync(c => c.Name, StringComparer.Ordinal, ct);
            foreach (var c in newCollectives)
            {
                if (!cols.TryGetValue(c.Name, out var col))
                {
                    col = new UnitCollective { Name = c.Name, DistrictId = districtId };
                    db.UnitCollectives.Add(col);
                }

                col.Aliases = string.Join('|', c.Aliases);
                col.Members = string.Join('|', c.Members);
                col.Open = c.Open;
            }
        }

        AuditLog.Record(db, clock, actor.UserName, AuditActions.ImportUnits, nameof(Unit), null, districtId, null,
            new { file = Path.GetFileName(fileName), added, changed, collectives = newCollectives.Count, changes });
        var failure = await SaveAsync(districtId, ct);
        return failure is null ? new CatalogueImport([], added, changed, newCollectives.Count) : failure;
    }

    public static string StateText(UnitRow u) => u.MergedInto is not null ? "已并入" + u.MergedInto : u.Retired ? "已撤销" : "在用";

    /// <summary>The kind a cell names: its Chinese name (or one half of it, "街道"), or the enum name.</summary>
    public static UnitKind? ParseKind(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        foreach (var k in UnitKindLabels.All)
        {
            string label = UnitKindLabels.Of(k);
            if (label == text || label.Split('、').Contains(text, StringComparer.Ordinal) || string.Equals(k.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return k;
            }
        }

        return null;
    }

    private static bool HeaderMatches(string[] header, IEnumerable<string> expected) =>
        expected.Select((h, i) => i < header.Length && (header[i] ?? string.Empty).Trim() == h).All(x => x);

    private static void Header(Forms.SheetModel sheet, string[] header)
    {
        for (int c = 0; c < header.Length; c++)
        {
            sheet.Text(1, c + 1, header[c], Forms.CellLook.ColumnHeader);
        }

        sheet.HeaderRows = (1, 1);
    }

    /// <summary>Checks a name and aliases; <paramref name="names"/> (name or alias → unit id) finds clashes with other units (null: the caller checks).</summary>
    private static (string Name, List<string> Aliases, List<string> Errors) Check(string? rawName, string? rawAliases, Unit? self, Dictionary<string, int>? names)
    {
        var errors = new List<string>();
        string name = (rawName ?? string.Empty).Trim();
        if (name.Length == 0)
        {
            errors.Add("缺少单位名称。");
        }
        else if (name.Length is < 2 or > 64)
        {
            errors.Add("单位名称应为 2 到 64 个字。");
        }
        else if (name.IndexOfAny(AliasSeparators) >= 0)
        {
            errors.Add("单位名称中不能有、，;| 等分隔符。");
        }

        var aliases = SplitList(rawAliases).Where(a => a != name).ToList();
        foreach (string a in aliases.Where(a => a.Length is < 2 or > 64))
        {
            errors.Add($"别称“{a}”应为 2 到 64 个字。");
        }

        if (string.Join('|', aliases).Length > 2000)
        {
            errors.Add("别称太多（合计超过 2000 字）。");
        }

        if (names is not null)
        {
            foreach (string n in aliases.Prepend(name).Where(n => n.Length > 0))
            {
                if (names.TryGetValue(n, out int other) && other != self?.Id)
                {
                    errors.Add(n == name ? $"名录中已有“{n}”（或它是其他单位的别称、已撤销单位的名称）。" : $"别称“{n}”已是其他单位的名称或别称。");
                }
            }
        }

        return (name, aliases, errors);
    }

    private static string? CheckLeader(string? leaderUserId, List<LeaderChoice> leaders, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(leaderUserId))
        {
            return null;
        }

        if (!leaders.Any(l => l.UserId == leaderUserId))
        {
            errors.Add("所选分管领导不是本区的区领导账号。");
            return null;
        }

        return leaderUserId;
    }

    /// <summary>Every name and alias in use in the district → the unit holding it (retired units: their names only, which the database keeps unique).</summary>
    private async Task<Dictionary<string, int>> NamesAsync(int districtId, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.DistrictId == districtId).Select(u => new { u.Id, u.Name, u.Aliases, u.RetiredAt, u.MergedIntoId }).ToListAsync(ct);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var u in units)
        {
            // A merged unit's name is the survivor's alias: it belongs to the survivor.
            names.TryAdd(u.Name, u.MergedIntoId ?? u.Id);
        }

        foreach (var u in units.Where(u => u.RetiredAt is null))
        {
            foreach (string a in Split(u.Aliases))
            {
                names.TryAdd(a, u.Id);
            }
        }

        return names;
    }

    private async Task RenameInCollectivesAsync(int districtId, string from, string to, CancellationToken ct)
    {
        foreach (var c in await db.UnitCollectives.Where(c => c.DistrictId == districtId).ToListAsync(ct))
        {
            var members = Split(c.Members).ToList();
            if (members.Contains(from, StringComparer.Ordinal))
            {
                c.Members = string.Join('|', members.Select(m => m == from ? to : m).Distinct(StringComparer.Ordinal));
            }
        }
    }

    private async Task<Unit?> FindAsync(Actor actor, int districtId, int unitId, CancellationToken ct) =>
        MayManage(actor, districtId) ? await db.Units.FirstOrDefaultAsync(u => u.Id == unitId && u.DistrictId == districtId, ct) : null;

    /// <summary>The unit to change: found, as the caller saw it (<paramref name="version"/>), and not retired (else “name” + <paramref name="retired"/>).</summary>
    private async Task<Outcome<Unit>> ChangeableAsync(Actor actor, int districtId, int unitId, int version, string retired, CancellationToken ct)
    {
        var unit = await FindAsync(actor, districtId, unitId, ct);
        if (unit is null)
        {
            return NotFound;
        }

        if (unit.Version != version)
        {
            return Stale;
        }

        return unit.Retired ? new Failure(FailureKind.NotAllowed, $"“{unit.Name}”{retired}") : unit;
    }

    private async Task<List<UnitRow>> RowsAsync(int districtId, int? unitId, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.DistrictId == districtId && (unitId == null || u.Id == unitId)).OrderBy(u => u.Id).ToListAsync(ct);
        var ids = units.Select(u => u.Id).ToList();
        var items = await db.ItemUnits.AsNoTracking().Where(i => ids.Contains(i.UnitId)).GroupBy(i => i.UnitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var accounts = await db.Users.AsNoTracking().Where(u => u.UnitId != null && ids.Contains(u.UnitId.Value)).GroupBy(u => u.UnitId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var leaders = await db.Users.AsNoTracking().Where(u => u.DistrictId == districtId && u.Role == AppRole.Leader).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var mergedIds = units.Where(u => u.MergedIntoId != null).Select(u => u.MergedIntoId!.Value).ToList();
        var merged = await db.Units.AsNoTracking().Where(u => mergedIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return [.. units.Select(u => new UnitRow(u.Id, u.Name, u.Kind, [.. u.AliasList], u.LeaderUserId,
            u.LeaderUserId is null ? null : leaders.GetValueOrDefault(u.LeaderUserId), u.RetiredAt, u.MergedIntoId,
            u.MergedIntoId is int m ? merged.GetValueOrDefault(m) : null, items.GetValueOrDefault(u.Id), accounts.GetValueOrDefault(u.Id), u.Version))];
    }

    /// <summary>Saves with the revision bump; a concurrent change or a name taken meanwhile is a conflict, with nothing saved.</summary>
    private async Task<Failure?> SaveAsync(int districtId, CancellationToken ct)
    {
        try
        {
            await DistrictRevision.SaveChangesAsync(db, districtId, ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Stale;
        }
        catch (DbUpdateException ex) when (Supervision.DbErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return new Failure(FailureKind.Conflict, "单位名称刚被他人占用，您的修改没有保存。请刷新页面后重试。");
        }
    }

    private static List<string> SplitList(string? text) =>
        [.. (text ?? string.Empty).Split(AliasSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    private static string[] Split(string text) => text.Split('|', StringSplitOptions.RemoveEmptyEntries);

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static object Copy(Unit u) => new
    {
        u.Name, Kind = u.Kind.ToString(), Aliases = u.AliasList.ToArray(), Leader = u.LeaderUserId, Retired = u.RetiredAt, MergedInto = u.MergedIntoId, u.Version,
    };
}
