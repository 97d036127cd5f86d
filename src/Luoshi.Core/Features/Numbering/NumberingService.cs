namespace Luoshi.Core.Features.Numbering;

/// <summary>A series as the settings page shows it: saved or the default, with the number the next document will get.</summary>
public sealed record SeriesView(string Kind, string Name, string Prefix, bool Saved, int Version, string Next, int IssuedThisYear);

/// <summary>
/// Document numbers (发文字号) per district, kind and year: 岸政督通〔2026〕3号, 岸督办〔2026〕12号. The next number is proposed
/// from what was given out; <see cref="TakeAsync"/> gives it inside the caller's transaction after bumping the district's
/// revision (which makes two issuers of one district wait for each other), and the unique indexes of
/// <see cref="IssuedNumber"/> refuse a duplicate whatever happens. Never the notice's own number.
/// </summary>
public sealed class NumberingService(LuoshiDb db, TimeProvider clock)
{
    /// <summary>The built-in kinds: name and the suffix after the district's short name (岸 + 政督通).</summary>
    private static readonly (string Kind, string Name, string Suffix)[] BuiltIn =
    [
        (NumberKinds.Circular, "督查通报", "政督通"),
        (NumberKinds.Order, "督办单", "督办"),
    ];

    /// <summary>"岸政督通〔2026〕3号".</summary>
    public static string Format(string prefix, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}〔{year}〕{sequence}号");

    /// <summary>
    /// The district's short name (简称) as its own documents use it: the first character of the notice's number (岸政办〔2026〕1号
    /// → 岸, 洪政办 → 洪); without one, the first character of the district's name.
    /// </summary>
    public static string ShortName(string districtName, string? planDocNumber)
    {
        ArgumentNullException.ThrowIfNull(districtName);
        string doc = planDocNumber?.Trim() ?? "";
        if (doc.Length > 0 && doc.IndexOf('〔', StringComparison.Ordinal) > 0 && char.IsLetter(doc[0]) && !char.IsAscii(doc[0]))
        {
            return doc[..1];
        }

        return districtName.Length > 0 ? districtName[..1] : "区";
    }

    /// <summary>The default prefix of a built-in kind (岸政督通, 岸督办), or null for a kind the office added.</summary>
    public static string? DefaultPrefix(string kind, string shortName) =>
        BuiltIn.FirstOrDefault(b => b.Kind == kind) is { Kind: not null } b ? shortName + b.Suffix : null;

    public async Task<IReadOnlyList<SeriesView>> SeriesAsync(int districtId, int year, CancellationToken ct = default)
    {
        var saved = await db.Set<NumberSeries>().AsNoTracking().Where(s => s.DistrictId == districtId).ToListAsync(ct);
        var counts = await db.Set<IssuedNumber>().AsNoTracking().Where(n => n.DistrictId == districtId && n.Year == year)
            .GroupBy(n => n.Kind).Select(g => new { Kind = g.Key, Count = g.Count(), Max = g.Max(n => n.Sequence) }).ToListAsync(ct);
        string shortName = await ShortNameAsync(districtId, ct);
        var views = new List<SeriesView>();
        foreach (var (kind, name, suffix) in BuiltIn)
        {
            var s = saved.FirstOrDefault(x => x.Kind == kind);
            views.Add(View(kind, s?.Name ?? name, s?.Prefix ?? shortName + suffix, s));
        }

        views.AddRange(saved.Where(s => BuiltIn.All(b => b.Kind != s.Kind)).OrderBy(s => s.Id).Select(s => View(s.Kind, s.Name, s.Prefix, s)));
        return views;

        SeriesView View(string kind, string name, string prefix, NumberSeries? s)
        {
            var c = counts.FirstOrDefault(x => x.Kind == kind);
            return new SeriesView(kind, name, prefix, s is not null, s?.Version ?? 0, Format(prefix, year, (c?.Max ?? 0) + 1), c?.Count ?? 0);
        }
    }

    /// <summary>The number the next document of this kind would get (not reserved).</summary>
    public async Task<string> ProposeAsync(int districtId, string kind, int year, CancellationToken ct = default)
    {
        string prefix = await PrefixAsync(districtId, kind, ct);
        return Format(prefix, year, await NextSequenceAsync(districtId, kind, year, ct));
    }

    /// <summary>
    /// Gives the next number of the series to <paramref name="reference"/>. Call inside the transaction that saves the
    /// document: the district's revision is bumped first (the row lock orders concurrent issuers), the row is saved at once.
    /// </summary>
    public async Task<IssuedNumber> TakeAsync(int districtId, string kind, int year, string reference, string issuedBy, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("TakeAsync runs inside the transaction that saves the document.");
        }

        await DistrictRevision.BumpAsync(db, districtId, ct);
        string prefix = await PrefixAsync(districtId, kind, ct);
        int sequence = await NextSequenceAsync(districtId, kind, year, ct);
        var number = new IssuedNumber
        {
            DistrictId = districtId,
            Kind = kind,
            Year = year,
            Sequence = sequence,
            Number = Format(prefix, year, sequence),
            Reference = reference,
            IssuedAt = clock.GetUtcNow(),
            IssuedBy = issuedBy,
        };
        db.Add(number);
        await db.SaveChangesAsync(ct);
        return number;
    }

    /// <summary>Saves a series' name and prefix (a new kind when <paramref name="kind"/> is not yet known); refused on a stale version.</summary>
    public async Task<Outcome<NumberSeries>> SaveAsync(int districtId, string kind, string? name, string? prefix, int version, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.CanSupervise(districtId))
        {
            return new Failure(FailureKind.NotFound, "找不到该区。");
        }

        string k = kind?.Trim() ?? "";
        string n = name?.Trim() ?? "";
        string p = prefix?.Trim() ?? "";
        if (k.Length is 0 or > 32 || !k.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return new Failure(FailureKind.Invalid, "类别代码只能由字母、数字和“-”组成（不超过 32 个字符）。");
        }

        if (n.Length is 0 or > 64)
        {
            return new Failure(FailureKind.Invalid, "请填写文种名称（不超过 64 字）。");
        }

        if (p.Length is 0 or > 32 || p.Any(c => char.IsWhiteSpace(c) || c is '〔' or '〕' or '[' or ']' or '号' || char.IsAsciiDigit(c)))
        {
            return new Failure(FailureKind.Invalid, "请填写发文机关代字（不超过 32 字，不含空格、数字、〔〕和“号”），如“岸政督通”。");
        }

        var row = await db.Set<NumberSeries>().FirstOrDefaultAsync(s => s.DistrictId == districtId && s.Kind == k, ct);
        if ((row?.Version ?? 0) != version)
        {
            return new Failure(FailureKind.Conflict, "编号设置已被他人修改，您的修改没有保存。请刷新页面后再修改。");
        }

        var others = await SeriesAsync(districtId, Supervision.DistrictClock.Today(clock).Year, ct);
        if (others.Any(s => s.Kind != k && s.Prefix == p))
        {
            return new Failure(FailureKind.Invalid, "该代字已被本区其他文种使用，请换一个。");
        }

        var before = row is null ? null : new { row.Name, row.Prefix };
        if (row is null)
        {
            row = new NumberSeries { DistrictId = districtId, Kind = k, Name = n, Prefix = p, Version = 1 };
            db.Add(row);
        }
        else
        {
            row.Name = n;
            row.Prefix = p;
            db.Entry(row).Property(x => x.Version).OriginalValue = version;
            row.Version = version + 1;
        }

        AuditLog.Record(db, clock, actor.UserName, AuditActions.SaveNumberSeries, nameof(NumberSeries), k, districtId, before, new { n, p });
        try
        {
            await DistrictRevision.SaveChangesAsync(db, districtId, ct);
        }
        catch (DbUpdateException)
        {
            return new Failure(FailureKind.Conflict, "编号设置已被他人修改，您的修改没有保存。请刷新页面后再修改。");
        }

        return row;
    }

    private async Task<string> PrefixAsync(int districtId, string kind, CancellationToken ct)
    {
        string? saved = await db.Set<NumberSeries>().AsNoTracking().Where(s => s.DistrictId == districtId && s.Kind == kind).Select(s => s.Prefix).FirstOrDefaultAsync(ct);
        return saved ?? DefaultPrefix(kind, await ShortNameAsync(districtId, ct))
            ?? throw new InvalidOperationException("unknown number series " + kind);
    }

    private async Task<int> NextSequenceAsync(int districtId, string kind, int year, CancellationToken ct) =>
        (await db.Set<IssuedNumber>().AsNoTracking().Where(n => n.DistrictId == districtId && n.Kind == kind && n.Year == year)
            .MaxAsync(n => (int?)n.Sequence, ct) ?? 0) + 1;

    private async Task<string> ShortNameAsync(int districtId, CancellationToken ct)
    {
        string name = await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => d.Name).FirstAsync(ct);
        string? doc = await db.Plans.AsNoTracking().Where(p => p.DistrictId == districtId).OrderByDescending(p => p.Year).Select(p => p.DocNumber).FirstOrDefaultAsync(ct);
        return ShortName(name, doc);
    }
}
