namespace Luoshi.Core.Features.Work;

/// <summary>
/// The rows a filing step writes, one rule each: the stamp (who, when, the version), the event, a new filing, the clerk's text
/// and values, the submit's checks, snapshot and office notes, the state a step moves to with its dates, and the refusal of a
/// stale or non-editable filing. The use cases (<see cref="FilingEditing"/>, <see cref="FilingHandOffs"/>,
/// <see cref="Consolidation"/>, <see cref="EvidenceStore"/>) build their rows here and so does the demo's year built in memory
/// (Web's DemoFilings), so that a rule changed here cannot stay old in the demo. Nothing here reads or saves.
/// </summary>
public static class FilingRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Stamps who changed the filing and when, and raises its version.</summary>
    public static void Touch(TimeProvider clock, Filing filing, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(filing);
        ArgumentNullException.ThrowIfNull(actor);
        filing.UpdatedAt = clock.GetUtcNow();
        filing.UpdatedBy = actor.UserName;
        filing.Version++;
    }

    /// <summary>An event of the filing's history (the comment cut to 2000 characters).</summary>
    public static FilingEvent Event(TimeProvider clock, Actor actor, string action, FilingState from, FilingState to, string? comment, string? snapshot = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(actor);
        return new()
        {
            At = clock.GetUtcNow(),
            Actor = actor.UserName,
            ActorName = actor.DisplayName,
            Action = action,
            From = from,
            To = to,
            Comment = comment is { Length: > 2000 } ? comment[..2000] : comment,
            Snapshot = snapshot,
        };
    }

    /// <summary>A unit's new filing (a draft) for an item and period, started from its last report's text (<paramref name="last"/>), with its open event.</summary>
    public static Filing Start(TimeProvider clock, FilingKey key, Participation part, Filing? last, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.GetUtcNow();
        var filing = new Filing
        {
            DistrictId = key.DistrictId,
            PlanId = key.PlanId,
            ItemId = key.ItemId,
            UnitId = key.UnitId,
            Period = key.Period,
            State = FilingState.Draft,
            IsCoUnitPart = part == Participation.PartToLead,
            Progress = last?.Progress,
            Problems = last?.Problems,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = actor.UserName,
        };
        filing.Events.Add(Event(clock, actor, FilingEventActions.Open, FilingState.Draft, FilingState.Draft, last is null ? null : $"以{ReportPeriodLabels.Of(last.Period)}报告为起点"));
        return filing;
    }

    /// <summary>The refusal of a change to a filing someone saved since the caller read it: who saved it and when (<paramref name="current"/>: the stored filing).</summary>
    public static Failure Conflict(Filing current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return new(FailureKind.Conflict, $"该材料已被 {current.UpdatedBy} 于 {DistrictClock.Minute(current.UpdatedAt)} 修改，您的修改没有保存。请先复制您的内容，刷新页面查看最新版本后再修改。");
    }

    /// <summary>The refusal of a change to a filing someone saved since <paramref name="expectedVersion"/>, or one whose state does not allow <paramref name="doing"/> (修改, 汇总); null when it may go on.</summary>
    public static Failure? Refusal(Filing filing, int expectedVersion, string doing)
    {
        ArgumentNullException.ThrowIfNull(filing);
        if (filing.Version != expectedVersion)
        {
            return Conflict(filing);
        }

        return FilingFlow.Editable(filing.State) ? null : new Failure(FailureKind.NotAllowed, $"当前状态（{FilingFlow.Label(filing.State)}）不能{doing}。");
    }

    /// <summary>Writes the clerk's text and values into the filing (a value only for one of the item's targets, <paramref name="targetIds"/>); null lists leave what is stored.</summary>
    public static void Write(Filing filing, FilingEdit edit, IReadOnlyCollection<int> targetIds)
    {
        ArgumentNullException.ThrowIfNull(filing);
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(targetIds);
        filing.Leader = Trim(edit.Leader, 128);
        filing.Section = Trim(edit.Section, 128);
        if (edit.Steps is not null)
        {
            filing.StepsJson = WorkSteps.ToJson(edit.Steps);
        }

        filing.Progress = Trim(edit.Progress, 16000);
        filing.Problems = Trim(edit.Problems, 16000);
        filing.Completed = edit.Completed;
        if (edit.Actuals is not null)
        {
            foreach (var (indicatorId, value) in edit.Actuals.Where(a => targetIds.Contains(a.Key)))
            {
                var row = filing.Actuals.FirstOrDefault(a => a.IndicatorId == indicatorId);
                if (row is null)
                {
                    filing.Actuals.Add(new ReportActual { IndicatorId = indicatorId, Value = value });
                }
                else
                {
                    row.Value = value;
                }
            }
        }
    }

    /// <summary>Why the filing cannot be submitted yet (a report without its text, a work plan without a step), or null.</summary>
    public static Failure? Unsubmittable(Filing filing)
    {
        ArgumentNullException.ThrowIfNull(filing);
        if (filing.Period != ReportPeriod.WorkPlan && string.IsNullOrWhiteSpace(filing.Progress))
        {
            return new Failure(FailureKind.Invalid, "请先填写完成情况再提交。");
        }

        if (filing.Period == ReportPeriod.WorkPlan && WorkSteps.Parse(filing.StepsJson).Count == 0)
        {
            return new Failure(FailureKind.Invalid, "请至少填写一条具体工作内容再提交。");
        }

        return null;
    }

    /// <summary>
    /// The office's notes on a submitted report (<see cref="ReportChecks.Flags"/>) against the unit's last report (<paramref name="last"/>)
    /// and the item's targets (ignored for a co-unit's part, which reports no targets of its own); none for a work plan.
    /// </summary>
    public static string? Flags(Filing filing, ReportText? last, IReadOnlyList<TargetRef> itemTargets)
    {
        ArgumentNullException.ThrowIfNull(filing);
        ArgumentNullException.ThrowIfNull(itemTargets);
        if (filing.Period == ReportPeriod.WorkPlan)
        {
            return null;
        }

        return ReportChecks.Flags(last, new ReportText(filing.Progress, filing.Problems), filing.IsCoUnitPart ? [] : itemTargets,
            filing.Actuals.Where(a => a.Value is not null).Select(a => a.IndicatorId).ToHashSet());
    }

    /// <summary>Moves the filing to <paramref name="to"/> with the dates the step sets: approved → submitted; accepted by the office → accepted (no longer reopened); reopened → reopened, not accepted.</summary>
    public static void Move(TimeProvider clock, Filing filing, FilingAction action, FilingState to)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(filing);
        filing.State = to;
        var now = clock.GetUtcNow();
        if (action == FilingAction.Approve)
        {
            filing.SubmittedAt = now;
        }

        if (action == FilingAction.Accept && filing.State == FilingState.Accepted)
        {
            filing.AcceptedAt = now;
            filing.Reopened = false;
        }

        if (action == FilingAction.Reopen)
        {
            filing.Reopened = true;
            filing.AcceptedAt = null;
        }
    }

    /// <summary>What the submit event keeps of the filing (its text, steps and values as JSON).</summary>
    public static string Snapshot(Filing f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return JsonSerializer.Serialize(new
        {
            f.Leader,
            f.Section,
            Steps = WorkSteps.Parse(f.StepsJson),
            f.Progress,
            f.Problems,
            f.Completed,
            Actuals = f.Actuals.Select(a => new { a.IndicatorId, a.Value }),
        }, Json);
    }

    private static string? Trim(string? s, int max) => string.IsNullOrWhiteSpace(s) ? null : (s.Trim().Length <= max ? s.Trim() : s.Trim()[..max]);
}

/// <summary>Which filing: the district, plan, item, unit and period it is for.</summary>
public sealed record FilingKey(int DistrictId, int PlanId, int ItemId, int UnitId, ReportPeriod Period);
