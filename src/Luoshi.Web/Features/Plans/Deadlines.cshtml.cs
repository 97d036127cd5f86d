namespace Luoshi.Web.Features.Plans;

/// <summary>The 时间清单: the reporting calendar the notice sets, and items' own deadlines; also as .xlsx.</summary>
public sealed class DeadlinesModel(LuoshiDb db, TimeProvider clock) : WholePlanList<DeadlineList>(db, clock)
{
    public DeadlineList? List => Shown;

    protected override Task<DeadlineList?> LoadAsync(PlanQueries queries, DistrictInfo district, int? year, CancellationToken ct) =>
        queries.DeadlinesAsync(district, ct, year);

    protected override ExportFile Export(DeadlineList view) => ListExports.Deadlines(view);
}
