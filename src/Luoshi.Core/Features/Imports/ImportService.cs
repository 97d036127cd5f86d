using Luoshi.Documents;

namespace Luoshi.Core.Features.Imports;

/// <summary>
/// Upload a notice (scanned for viruses when <see cref="VirusScanner"/> is on), read it into a draft, correct the draft. Nothing
/// reaches the live plan here; see <see cref="PlanPublisher"/>.
/// </summary>
public sealed class ImportService(LuoshiDb db, TimeProvider clock, VirusScanner? scanner = null)
{
    /// <summary>The largest notice accepted (a real one is under 1 MB; Word files with images are larger).</summary>
    public const long MaxUploadBytes = 20L * 1024 * 1024;

    /// <summary>The refusal when someone else saved the draft first.</summary>
    public const string ConflictMessage = "草稿已被他人修改，您的修改未保存。请刷新页面查看最新内容后再修改。";

    private static readonly string[] AcceptedExtensions = [".txt", ".md", ".html", ".htm", ".docx", ".pdf"];

    /// <summary>
    /// The checks that need only the file's name and size, so that a page can refuse a file before reading it
    /// (the same checks <see cref="CreateDraftAsync"/> makes).
    /// </summary>
    public static Failure? CheckUpload(string? fileName, long length)
    {
        string ext = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        if (!AcceptedExtensions.Contains(ext))
        {
            return new Failure(FailureKind.Invalid, ext.Length == 0
                ? "无法识别文件类型（文件名没有扩展名）。请上传 .txt、.md、.html、.docx 或 .pdf 格式的通知。"
                : $"不支持“{ext}”类型的文件。请上传 .txt、.md、.html、.docx 或 .pdf 格式的通知。");
        }

        if (length > MaxUploadBytes)
        {
            return new Failure(FailureKind.Invalid, string.Create(CultureInfo.InvariantCulture,
                $"文件过大（{length / 1024.0 / 1024.0:0.0} MB），上限为 {MaxUploadBytes / 1024 / 1024} MB。请删去图片等内容后再上传，或上传通知的文字版（.txt）。"));
        }

        if (length == 0)
        {
            return new Failure(FailureKind.Invalid, "文件是空的。请上传通知的正文。");
        }

        return null;
    }

    public async Task<Outcome<ImportDraft>> CreateDraftAsync(int districtId, string fileName, byte[] content, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (CheckUpload(fileName, content.LongLength) is { } refused)
        {
            return refused;
        }

        // Scanned before it is read: an infected notice is refused with an audit entry, and nothing is stored.
        if (await (scanner ?? VirusScanner.Off).RefuseAsync(content, async signature =>
            {
                AuditLog.Record(db, clock, actor, AuditActions.RefuseInfectedUpload, nameof(ImportDraft), null, districtId,
                    after: new { FileName = Path.GetFileName(fileName), Signature = signature, Size = content.LongLength, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)) });
                await db.SaveChangesAsync(ct);
            }, ct) is { } infected)
        {
            return infected;
        }

        var doc = DocumentReader.Read(content, fileName!, ReadLimits.Default, ct);
        if (!doc.Succeeded)
        {
            return new Failure(FailureKind.Invalid, doc.Message ?? "无法读取该文件。");
        }

        var catalogue = await DistrictCatalogue.LoadAsync(db, districtId, ct);
        var understood = NoticeUnderstanding.Understand(doc.Text!, new CatalogueSet([catalogue]), catalogue);
        if (understood.Notice.Items.Count == 0)
        {
            return new Failure(FailureKind.Invalid, "该文件中没有读到责任分解方案（没有带牵头单位、责任单位的编号任务）。请确认上传的是目标任务责任分解方案的通知。");
        }

        var now = clock.GetUtcNow();
        var plan = DraftPlan.From(understood, now.Year);
        if (catalogue.Units.Count == 0)
        {
            // A government without a catalogue: the notice proposes one, for the office to confirm or edit (issue 15).
            plan.ProposedCatalogue = DraftCatalogueProposal.From(CatalogueProposer.Propose(understood.Notice));
        }

        var draft = new ImportDraft
        {
            DistrictId = districtId,
            FileName = Path.GetFileName(fileName!),
            SourceText = doc.Text!,
            PlanJson = plan.ToJson(),
            Status = DraftStatus.Draft,
            CreatedBy = actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ImportDrafts.Add(draft);
        await db.SaveChangesAsync(ct);
        AuditLog.Record(db, clock, actor, AuditActions.ImportNotice, nameof(ImportDraft), draft.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), districtId,
            after: new { draft.FileName, Items = understood.Notice.Items.Count });
        await db.SaveChangesAsync(ct);
        return draft;
    }

    /// <summary>Applies a change to a draft's plan, refusing when someone saved the draft since <paramref name="expectedVersion"/>.</summary>
    public async Task<Outcome<ImportDraft>> EditAsync(int draftId, int districtId, int expectedVersion, string actor, string action, Func<DraftPlan, Failure?> change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var open = await OpenDraft.LoadAsync(db, draftId, districtId, expectedVersion, "该草稿已发布或已放弃，不能再修改。", ConflictMessage, ct);
        if (!open.Ok)
        {
            return open.Failure!;
        }

        var draft = open.Value!;

        var plan = DraftPlan.FromJson(draft.PlanJson);
        string before = draft.PlanJson;
        if (change(plan) is { } refused)
        {
            return refused;
        }

        draft.PlanJson = plan.ToJson();
        draft.Version++;
        draft.UpdatedAt = clock.GetUtcNow();
        var (changedBefore, changedAfter) = ChangedItems(before, draft.PlanJson);
        AuditLog.Record(db, clock, actor, action, nameof(ImportDraft), draft.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), districtId,
            before: changedBefore, after: changedAfter);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Failure(FailureKind.Conflict, ConflictMessage);
        }

        return draft;
    }

    /// <summary>Corrects an item's text.</summary>
    public static Func<DraftPlan, Failure?> SetText(int key, string text) => plan =>
    {
        var item = plan.Items.FirstOrDefault(i => i.Key == key);
        if (item is null)
        {
            return new Failure(FailureKind.NotFound, "找不到该任务。");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > 4000)
        {
            return new Failure(FailureKind.Invalid, "任务内容不能为空，且不超过 4000 字。");
        }

        item.Text = text.Trim();
        return null;
    };

    /// <summary>Maps every unresolved mention printed as <paramref name="printed"/> to the catalogue unit <paramref name="unitName"/>.</summary>
    public static Func<DraftPlan, Failure?> MapUnit(string printed, string unitName, IReadOnlyCollection<string> catalogueNames) => plan =>
    {
        if (!catalogueNames.Contains(unitName))
        {
            return new Failure(FailureKind.Invalid, $"单位名录中没有“{unitName}”。");
        }

        int changed = 0;
        foreach (var (_, u) in plan.Unresolved.Where(x => x.Unit.Printed == printed).ToList())
        {
            u.Name = unitName;
            u.Candidates = [];
            changed++;
        }

        return changed == 0 ? new Failure(FailureKind.NotFound, $"草稿中没有待确认的单位“{printed}”。") : null;
    };

    /// <summary>
    /// Marks a fragment the reader took for a unit as 不是单位 (issue 10.6): every unmapped mention printed so is removed from
    /// its items, and the draft remembers it. An item left without a lead unit waits for one before publishing.
    /// </summary>
    public static Func<DraftPlan, Failure?> NotAUnit(string printed) => plan =>
    {
        if (!plan.Unresolved.Any(x => x.Unit.Printed == printed))
        {
            return new Failure(FailureKind.NotFound, $"草稿中没有待确认的单位“{printed}”。");
        }

        if (!plan.NotUnits.Contains(printed, StringComparer.Ordinal))
        {
            plan.NotUnits.Add(printed);
        }

        plan.DropNotUnits();
        return null;
    };

    /// <summary>Replaces the units of one item (names must be in the catalogue).</summary>
    public static Func<DraftPlan, Failure?> SetUnits(int key, IReadOnlyList<string> lead, IReadOnlyList<string> co, IReadOnlyCollection<string> catalogueNames) => plan =>
    {
        var item = plan.Items.FirstOrDefault(i => i.Key == key);
        if (item is null)
        {
            return new Failure(FailureKind.NotFound, "找不到该任务。");
        }

        var unknown = lead.Concat(co).Where(n => !catalogueNames.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            return new Failure(FailureKind.Invalid, $"单位名录中没有：{string.Join("、", unknown)}。请先在名录中添加。");
        }

        if (lead.Count == 0)
        {
            return new Failure(FailureKind.Invalid, "每项任务至少要有一个牵头单位。");
        }

        item.Lead = [.. lead.Distinct(StringComparer.Ordinal).Select(n => new DraftUnit { Printed = n, Name = n })];
        item.Co = [.. co.Distinct(StringComparer.Ordinal).Where(n => !lead.Contains(n)).Select(n => new DraftUnit { Printed = n, Name = n })];
        return null;
    };

    /// <summary>Adds a unit to the district's catalogue (for a unit the notice names that the catalogue lacks).</summary>
    public async Task<Outcome<Unit>> AddUnitAsync(int districtId, string name, UnitKind kind, string actor, CancellationToken ct = default)
    {
        name = (name ?? string.Empty).Trim();
        if (name.Length is < 2 or > 64)
        {
            return new Failure(FailureKind.Invalid, "单位名称应为 2 到 64 个字。");
        }

        if (await db.Units.AnyAsync(u => u.DistrictId == districtId && u.Name == name, ct))
        {
            return new Failure(FailureKind.Conflict, $"名录中已有“{name}”。");
        }

        var unit = new Unit { DistrictId = districtId, Name = name, Kind = kind };
        db.Units.Add(unit);
        AuditLog.Record(db, clock, actor, AuditActions.AddUnit, nameof(Unit), name, districtId, after: new { name, kind = kind.ToString() });
        await db.SaveChangesAsync(ct);
        return unit;
    }

    /// <summary>
    /// Adds a unit the notice names to the catalogue and maps the draft's unresolved mentions printed as <paramref name="printed"/>
    /// to it, both or neither: a stale page (someone saved the draft since <paramref name="expectedVersion"/>) adds nothing.
    /// </summary>
    public async Task<Outcome<ImportDraft>> AddUnitAndMapAsync(int draftId, int districtId, int expectedVersion, string printed, string name, UnitKind kind,
        string actor, CancellationToken ct = default)
    {
        var state = await db.ImportDrafts.AsNoTracking().Where(d => d.Id == draftId && d.DistrictId == districtId)
            .Select(d => new { d.Status, d.Version }).FirstOrDefaultAsync(ct);
        if (state is null)
        {
            return new Failure(FailureKind.NotFound, "找不到该导入草稿。");
        }

        if (state.Status != DraftStatus.Draft)
        {
            return new Failure(FailureKind.NotAllowed, "该草稿已发布或已放弃，不能再修改。");
        }

        if (state.Version != expectedVersion)
        {
            return new Failure(FailureKind.Conflict, ConflictMessage);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var added = await AddUnitAsync(districtId, name, kind, actor, ct);
            if (!added.Ok)
            {
                return (Outcome<ImportDraft>)added.Failure!;
            }

            var names = await CatalogueNamesAsync(districtId, ct);
            var mapped = await EditAsync(draftId, districtId, expectedVersion, actor, AuditActions.MapUnit, MapUnit(printed, added.Value!.Name, names), ct);
            if (!mapped.Ok)
            {
                // The transaction rolls back when disposed; forget the unit this context still tracks as saved.
                db.ChangeTracker.Clear();
                return mapped;
            }

            await tx.CommitAsync(ct);
            return mapped;
        });
    }

    /// <summary>
    /// Makes the catalogue the office confirmed (from the proposal read out of the notice, as edited) the district's catalogue, and
    /// reads the draft's notice again against it, both or neither. Refused when the district already has units, when someone saved
    /// the draft since <paramref name="expectedVersion"/>, or when a name is empty, too long or given twice.
    /// </summary>
    public async Task<Outcome<ImportDraft>> ConfirmCatalogueAsync(int draftId, int districtId, int expectedVersion,
        IReadOnlyList<ConfirmedUnit> units, IReadOnlyList<ConfirmedCollective> collectives, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(collectives);
        if (CheckConfirmed(units, collectives) is { } invalid)
        {
            return invalid;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var open = await OpenDraft.LoadAsync(db, draftId, districtId, expectedVersion, "该草稿已发布或已放弃，不能再修改。", ConflictMessage, ct);
            if (!open.Ok)
            {
                return open;
            }

            if (await db.Units.AnyAsync(u => u.DistrictId == districtId, ct))
            {
                return new Failure(FailureKind.Conflict, "该区已有单位名录，不能再按通知生成。请在“待确认的单位”中逐个对应或添加。");
            }

            var draft = open.Value!;
            var old = DraftPlan.FromJson(draft.PlanJson);
            foreach (var u in units)
            {
                db.Units.Add(new Unit { DistrictId = districtId, Name = u.Name, Kind = u.Kind, Aliases = string.Join('|', u.Aliases) });
            }

            foreach (var c in collectives)
            {
                var members = units.Where(u => c.MemberKinds.Contains(u.Kind)).Select(u => u.Name)
                    .Concat(c.Include.Where(n => units.Any(u => u.Name == n))).Distinct(StringComparer.Ordinal);
                db.UnitCollectives.Add(new UnitCollective
                {
                    DistrictId = districtId, Name = c.Name, Aliases = string.Join('|', c.Aliases), Open = c.Open, Members = string.Join('|', members),
                });
            }

            await db.SaveChangesAsync(ct);
            var catalogue = await DistrictCatalogue.LoadAsync(db, districtId, ct);
            var understood = NoticeUnderstanding.Understand(draft.SourceText, new CatalogueSet([catalogue]), catalogue);
            var plan = DraftPlan.From(understood, old.Year);
            plan.Year = old.Year;
            plan.NotUnits = old.NotUnits;
            plan.DropNotUnits();
            draft.PlanJson = plan.ToJson();
            draft.Version++;
            draft.UpdatedAt = clock.GetUtcNow();
            AuditLog.Record(db, clock, actor, AuditActions.ConfirmCatalogue, nameof(ImportDraft), draft.Id.ToString(CultureInfo.InvariantCulture), districtId,
                after: new { Units = units.Select(u => u.Name), Collectives = collectives.Select(c => c.Name), Unresolved = plan.Unresolved.Count() });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return new Failure(FailureKind.Conflict, ConflictMessage);
            }

            await tx.CommitAsync(ct);
            return (Outcome<ImportDraft>)draft;
        });
    }

    /// <summary>The catalogue proposed in a draft of this district, or null when it has none.</summary>
    public async Task<DraftCatalogueProposal?> ProposalAsync(int draftId, int districtId, CancellationToken ct = default)
    {
        string? json = await db.ImportDrafts.AsNoTracking().Where(d => d.Id == draftId && d.DistrictId == districtId).Select(d => d.PlanJson).FirstOrDefaultAsync(ct);
        return json is null ? null : DraftPlan.FromJson(json).ProposedCatalogue;
    }

    /// <summary>The checks of a confirmed catalogue that need no database: every name 2 to 64 characters, no name or printed form twice.</summary>
    public static Failure? CheckConfirmed(IReadOnlyList<ConfirmedUnit> units, IReadOnlyList<ConfirmedCollective> collectives)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(collectives);
        if (units.Count == 0)
        {
            return new Failure(FailureKind.Invalid, "名录中至少要有一个单位。");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string n in units.Select(u => u.Name).Concat(collectives.Select(c => c.Name)))
        {
            if (n.Length is < 2 or > 64)
            {
                return new Failure(FailureKind.Invalid, $"单位名称“{n}”应为 2 到 64 个字。");
            }

            if (!seen.Add(n))
            {
                return new Failure(FailureKind.Invalid, $"“{n}”在名录中出现了两次，请合并或改名。");
            }
        }

        foreach (string a in units.SelectMany(u => u.Aliases).Concat(collectives.SelectMany(c => c.Aliases)))
        {
            if (a.Length is < 2 or > 64 || !seen.Add(a))
            {
                return new Failure(FailureKind.Invalid, $"别名“{a}”应为 2 到 64 个字，且不能与其他名称或别名重复。");
            }
        }

        if (units.Any(u => !Enum.IsDefined(u.Kind)) || units.Any(u => string.Join('|', u.Aliases).Length > 2048))
        {
            return new Failure(FailureKind.Invalid, "单位类别无效或别名过长。");
        }

        return null;
    }

    /// <summary>Throws a draft away (nothing of it was live). Refused when someone saved it since <paramref name="expectedVersion"/>.</summary>
    public async Task<Outcome<ImportDraft>> DiscardAsync(int draftId, int districtId, int expectedVersion, string actor, CancellationToken ct = default)
    {
        var open = await OpenDraft.LoadAsync(db, draftId, districtId, expectedVersion, "该草稿已发布或已放弃。", ConflictMessage, ct);
        if (!open.Ok)
        {
            return open.Failure!;
        }

        var draft = open.Value!;

        draft.Status = DraftStatus.Discarded;
        draft.Version++;
        draft.UpdatedAt = clock.GetUtcNow();
        AuditLog.Record(db, clock, actor, AuditActions.DiscardImport, nameof(ImportDraft), draft.Id.ToString(CultureInfo.InvariantCulture), districtId,
            before: new { draft.FileName, Status = nameof(DraftStatus.Draft) }, after: new { draft.FileName, Status = nameof(DraftStatus.Discarded) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Failure(FailureKind.Conflict, ConflictMessage);
        }

        return draft;
    }

    /// <summary>The canonical names of a district's units, for <see cref="MapUnit"/> and <see cref="SetUnits"/>.</summary>
    public async Task<HashSet<string>> CatalogueNamesAsync(int districtId, CancellationToken ct = default)
    {
        var names = await db.Units.AsNoTracking().Where(u => u.DistrictId == districtId && u.RetiredAt == null).Select(u => u.Name).ToListAsync(ct);
        return names.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Only the items a change touched, before and after (by their order in the draft), for the audit log. An item is untouched
    /// when the other side has it word for word, wherever it stands: a split or a join moves the items after it without changing them.
    /// </summary>
    private static (object Before, object After) ChangedItems(string beforeJson, string afterJson)
    {
        static List<(int Key, string Digest)> Digest(string json) => [.. DraftPlan.FromJson(json).Items.Select(i => (i.Key,
            $"{i.Number} {i.Text} 牵头:{string.Join("、", i.Lead.Select(u => u.Name ?? "?" + u.Printed))} 配合:{string.Join("、", i.Co.Select(u => u.Name ?? "?" + u.Printed))}"))];

        static Dictionary<int, string> Without(List<(int Key, string Digest)> side, List<(int Key, string Digest)> other)
        {
            var pool = other.GroupBy(x => x.Digest, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var result = new Dictionary<int, string>();
            foreach (var (key, digest) in side)
            {
                if (pool.TryGetValue(digest, out int n) && n > 0)
                {
                    pool[digest] = n - 1;
                }
                else
                {
                    result[key] = digest;
                }
            }

            return result;
        }

        var b = Digest(beforeJson);
        var a = Digest(afterJson);
        return (Without(b, a), Without(a, b));
    }
}
