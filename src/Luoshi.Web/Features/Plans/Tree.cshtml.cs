namespace Luoshi.Web.Features.Plans;

/// <summary>The plan as a tree: parts, groups, themes, items. For those who may read the whole plan.</summary>
public sealed class TreeModel(LuoshiDb db, TimeProvider clock) : WholePlanPage<PlanTree>(db, clock)
{
    public PlanTree? Tree => Shown;

    protected override Task<PlanTree?> LoadAsync(PlanQueries queries, DistrictInfo district, int? year, CancellationToken ct) =>
        queries.TreeAsync(district, ct, year);
}
