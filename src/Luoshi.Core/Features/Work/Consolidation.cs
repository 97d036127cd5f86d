using Luoshi.Core.Common;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Core.Features.Work;

/// <summary>The lead unit's 汇总: it takes the parts its co-units handed over into its own work plan or report.</summary>
public sealed class Consolidation(LuoshiDb db, TimeProvider clock)
{
    private readonly FilingWrites writes = new(db, clock);

    /// <summary>The lead unit takes its co-units' parts into its own report: their text is gathered under each unit's name and the parts are marked consolidated.</summary>
    public async Task<Outcome<Filing>> ConsolidateAsync(int leadFilingId, int expectedVersion, Actor actor, CancellationToken ct = default)
    {
        if (await Years.PlanYears.RefuseIfFilingClosedAsync(db, leadFilingId, ct) is { } closed) return closed;
        ArgumentNullException.ThrowIfNull(actor);
        var lead = await db.Filings.Include(f => f.Actuals).FirstOrDefaultAsync(f => f.Id == leadFilingId, ct);
        if (lead is null || !FilingAccess.MayWrite(actor, lead))
        {
            return new Failure(FailureKind.NotFound, "找不到该材料，或您无权修改。");
        }

        if (lead.Version != expectedVersion)
        {
            return FilingWrites.Conflict(lead);
        }

        if (!FilingFlow.Editable(lead.State))
        {
            return new Failure(FailureKind.NotAllowed, $"当前状态（{FilingFlow.Label(lead.State)}）不能汇总。");
        }

        var parts = await db.Filings.Where(f => f.ItemId == lead.ItemId && f.Period == lead.Period && f.IsCoUnitPart
            && (f.State == FilingState.WithLeadUnit || f.State == FilingState.Consolidated)).ToListAsync(ct);
        if (parts.Count == 0)
        {
            return new Failure(FailureKind.NotAllowed, "还没有配合单位报来的材料。");
        }

        var names = await db.Units.AsNoTracking().Where(u => parts.Select(p => p.UnitId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        lead.Consolidated = string.Join("\n\n", parts.OrderBy(p => names[p.UnitId], StringComparer.Ordinal).Select(p => p.Period == ReportPeriod.WorkPlan
            ? $"【{names[p.UnitId]}】\n{string.Join("\n", WorkSteps.Parse(p.StepsJson).Select(s => $"{s.Content}（{s.Due ?? "未定时限"}）"))}"
            : $"【{names[p.UnitId]}】\n完成情况：{p.Progress}\n存在问题及下步打算：{p.Problems}"));
        var leads = await FilingWrites.LeadUnitsAsync(db, lead.ItemId, ct);
        foreach (var p in parts.Where(p => p.State == FilingState.WithLeadUnit))
        {
            var ctx = new FilingContext(actor, p.UnitId, leads, p.DistrictId, true, false);
            var next = FilingFlow.Apply(p.State, FilingAction.Accept, ctx);
            if (next.Ok)
            {
                p.Events.Add(writes.Event(actor, FilingEventActions.Consolidate, p.State, next.Value, null));
                p.State = next.Value;
                writes.Touch(p, actor);
            }
        }

        writes.Touch(lead, actor);
        lead.Events.Add(writes.Event(actor, FilingEventActions.Consolidate, lead.State, lead.State, $"汇总 {parts.Count} 个配合单位的材料"));
        return await writes.SaveOrConflictAsync(lead, ct);
    }
}
