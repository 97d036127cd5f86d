namespace Luoshi.Core.Features.Scores;

/// <summary>The four weights of a scheme as entered (points out of 100).</summary>
public sealed record SchemeWeights(decimal Timeliness, decimal Completeness, decimal Progress, decimal Quality)
{
    public decimal Total => Timeliness + Completeness + Progress + Quality;
}

/// <summary>
/// A district's scores for one window, with what the page needs around them: the windows the calendar offers, the scheme,
/// and the office's grades for the window's <see cref="ScoreWindow.GradePeriod"/> by unit (empty for the year).
/// </summary>
public sealed record ScoreBoard(
    DistrictInfo District,
    PlanHeader Plan,
    ScoreWindow Window,
    IReadOnlyList<ScoreWindow> Windows,
    ScoreScheme Scheme,
    IReadOnlyList<UnitScore> Scores,
    IReadOnlyDictionary<int, QualityGrade> Grades);

/// <summary>A grade as it stands after a change (null <paramref name="Grade"/>: removed).</summary>
public sealed record GradeChange(string UnitName, ReportPeriod Period, string? Grade);

/// <summary>
/// The scores of a district (<see cref="ScoreRules"/> over the year snapshot at the window's date), the office's scheme and
/// its quality grades. Changes are the office's only, refused on a stale version, audited, and bump the district's revision
/// in the same transaction.
/// </summary>
public sealed class ScoreService(LuoshiDb db, TimeProvider clock, YearQueries year)
{
    private static readonly string[] Grades = ["A", "B", "C", "D"];

    /// <summary>The scores for the window <paramref name="key"/> (null: <see cref="ScoreWindows.Default"/>); null when there is no plan or no such window.</summary>
    public async Task<ScoreBoard?> BoardAsync(DistrictInfo district, string? key, CancellationToken ct = default, int? planYear = null)
    {
        ArgumentNullException.ThrowIfNull(district);
        var plan = await new PlanQueries(db, clock).PlanAsync(district.Id, ct, planYear);
        if (plan is null)
        {
            return null;
        }

        var rules = await YearRules.LoadAsync(db, district.Id, plan.Id, ct);
        var today = DistrictClock.Today(clock);
        var window = string.IsNullOrWhiteSpace(key) ? ScoreWindows.Default(rules.Calendar, today) : ScoreWindows.For(key, rules.Calendar, today);
        var snapshot = window is null ? null : await year.SnapshotAsync(district.Id, ct, window.AsOf, plan.Year);
        if (window is null || snapshot is null)
        {
            return null;
        }

        var scheme = await SchemeAsync(district.Id, ct);
        var grades = (await db.QualityGrades.AsNoTracking().Where(g => g.PlanId == plan.Id).ToListAsync(ct))
            .Where(g => window.Periods.Contains(g.Period)).ToList();
        var scores = ScoreRules.Compute(snapshot, scheme, window.Periods, grades);
        var current = window.GradePeriod is { } gp ? grades.Where(g => g.Period == gp).ToDictionary(g => g.UnitId) : [];
        return new ScoreBoard(district, plan, window, ScoreWindows.All(rules.Calendar, today), scheme, scores, current);
    }

    /// <summary>The district's scheme, or the default one (30/20/30/20, version 0) when the office has not set it.</summary>
    public async Task<ScoreScheme> SchemeAsync(int districtId, CancellationToken ct = default) =>
        await db.ScoreSchemes.AsNoTracking().FirstOrDefaultAsync(s => s.DistrictId == districtId, ct) ?? new ScoreScheme { DistrictId = districtId };

    /// <summary>Sets the four weights (each 0–100, two decimals at most, summing to 100).</summary>
    public async Task<Outcome<ScoreScheme>> SaveSchemeAsync(int districtId, int expectedVersion, SchemeWeights weights, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.CanSupervise(districtId) || !await db.Districts.AnyAsync(d => d.Id == districtId, ct))
        {
            return new Failure(FailureKind.NotFound, "找不到该区。");
        }

        decimal[] all = [weights.Timeliness, weights.Completeness, weights.Progress, weights.Quality];
        if (all.Any(w => w is < 0 or > 100 || decimal.Round(w, 2) != w))
        {
            return new Failure(FailureKind.Invalid, "每项权重须在 0 到 100 之间，最多两位小数。");
        }

        if (weights.Total != 100)
        {
            return new Failure(FailureKind.Invalid, F($"四项权重之和须为 100，现为 {weights.Total:0.##}。方案没有保存。"));
        }

        var scheme = await db.ScoreSchemes.FirstOrDefaultAsync(s => s.DistrictId == districtId, ct);
        if ((scheme?.Version ?? 0) != expectedVersion)
        {
            return await SchemeConflictAsync(districtId, ct);
        }

        var before = scheme is null ? null : new SchemeWeights(scheme.TimelinessWeight, scheme.CompletenessWeight, scheme.ProgressWeight, scheme.QualityWeight);
        if (scheme is null)
        {
            scheme = new ScoreScheme { DistrictId = districtId };
            db.ScoreSchemes.Add(scheme);
        }

        scheme.TimelinessWeight = weights.Timeliness;
        scheme.CompletenessWeight = weights.Completeness;
        scheme.ProgressWeight = weights.Progress;
        scheme.QualityWeight = weights.Quality;
        scheme.Version = expectedVersion + 1;
        if (before is not null)
        {
            // The UPDATE matches only if nobody saved since the caller read the scheme.
            db.Entry(scheme).Property(s => s.Version).OriginalValue = expectedVersion;
        }

        AuditLog.Record(db, clock, actor.UserName, AuditActions.EditScoreScheme, nameof(ScoreScheme), Id(districtId), districtId, before, weights);
        return await SaveAsync(districtId, ct) ? scheme : await SchemeConflictAsync(districtId, ct);
    }

    /// <summary>Sets (A–D) or removes (null or empty) a unit's quality grade for a report period of the district's plan.</summary>
    public async Task<Outcome<GradeChange>> GradeAsync(int districtId, int unitId, ReportPeriod period, string? grade, string? note, int expectedVersion, Actor actor, CancellationToken ct = default, int? planYear = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var plan = actor.CanSupervise(districtId) ? await new PlanQueries(db, clock).PlanAsync(districtId, ct, planYear) : null;
        string? unitName = plan is null ? null : await db.Units.AsNoTracking().Where(u => u.Id == unitId && u.DistrictId == districtId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        if (plan is null || unitName is null)
        {
            return new Failure(FailureKind.NotFound, "找不到该单位。");
        }

        if (await Years.PlanYears.RefuseIfClosedAsync(db, plan.Id, ct) is { } closed) return closed;
        var rules = await YearRules.LoadAsync(db, districtId, plan.Id, ct);
        if (period == ReportPeriod.WorkPlan || rules.Calendar.For(period) is null)
        {
            return new Failure(FailureKind.Invalid, "只能评定本区通知规定的季度或全年报告。");
        }

        grade = string.IsNullOrWhiteSpace(grade) ? null : grade.Trim().ToUpperInvariant();
        if (grade is not null && !Grades.Contains(grade, StringComparer.Ordinal))
        {
            return new Failure(FailureKind.Invalid, "评定只能是 A、B、C、D 之一。");
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > 1000 })
        {
            return new Failure(FailureKind.Invalid, "评定说明最多 1000 字。");
        }

        var row = await db.QualityGrades.FirstOrDefaultAsync(g => g.PlanId == plan.Id && g.UnitId == unitId && g.Period == period, ct);
        if ((row?.Version ?? 0) != expectedVersion)
        {
            return await GradeConflictAsync(plan.Id, unitId, unitName, period, ct);
        }

        var before = row is null ? null : new { row.Grade, row.Note };
        if (row is null && grade is null)
        {
            return new GradeChange(unitName, period, null);
        }

        if (grade is null)
        {
            db.QualityGrades.Remove(row!);
        }
        else
        {
            if (row is null)
            {
                row = new QualityGrade { PlanId = plan.Id, UnitId = unitId, Period = period, Grade = grade, GradedBy = actor.UserName };
                db.QualityGrades.Add(row);
            }

            row.Grade = grade;
            row.Note = note;
            row.GradedBy = actor.UserName;
            row.GradedAt = clock.GetUtcNow();
            row.Version = expectedVersion + 1;
        }

        if (before is not null)
        {
            db.Entry(row!).Property(g => g.Version).OriginalValue = expectedVersion;
        }

        AuditLog.Record(db, clock, actor.UserName, AuditActions.GradeUnit, nameof(QualityGrade), F($"{plan.Id}:{unitId}:{period}"), districtId,
            before, grade is null ? null : new { Grade = grade, Note = note });
        return await SaveAsync(districtId, ct) ? new GradeChange(unitName, period, grade) : await GradeConflictAsync(plan.Id, unitId, unitName, period, ct);
    }

    /// <summary>Saves and bumps the district's revision in one transaction; false (nothing saved) when someone else saved first.</summary>
    private async Task<bool> SaveAsync(int districtId, CancellationToken ct)
    {
        try
        {
            await Districts.DistrictRevision.SaveChangesAsync(db, districtId, ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // A concurrency miss, or a row inserted at the same moment by someone else (the unique index).
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<Failure> SchemeConflictAsync(int districtId, CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(ScoreScheme) && a.EntityId == Id(districtId))
            .OrderByDescending(a => a.Id).Select(a => new { a.Actor, a.At }).FirstOrDefaultAsync(ct);
        string who = last is null ? "他人" : F($"{last.Actor} 于 {DistrictClock.Minute(last.At)} ");
        return new Failure(FailureKind.Conflict, $"评分方案已被{who}修改，您的修改没有保存。请刷新页面查看最新方案后再修改。");
    }

    private async Task<Failure> GradeConflictAsync(int planId, int unitId, string unitName, ReportPeriod period, CancellationToken ct)
    {
        var current = await db.QualityGrades.AsNoTracking().FirstOrDefaultAsync(g => g.PlanId == planId && g.UnitId == unitId && g.Period == period, ct);
        string now = current is null ? "现已取消评定" : F($"现为 {current.Grade}（{current.GradedBy} 于 {DistrictClock.Minute(current.GradedAt)} 评定）");
        return new Failure(FailureKind.Conflict, $"{unitName}{ReportPeriodLabels.Of(period)}的评定已被他人修改，{now}，您的修改没有保存。请刷新页面后再评定。");
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
