namespace Luoshi.Web.Features.Plans;

/// <summary>The 责任清单: every item against every unit involved, 牵头 or 配合; also as .xlsx.</summary>
public sealed class MatrixModel(LuoshiDb db, TimeProvider clock) : WholePlanList<ResponsibilityMatrix>(db, clock)
{
    public ResponsibilityMatrix? Matrix => Shown;

    protected override Task<ResponsibilityMatrix?> LoadAsync(PlanQueries queries, DistrictInfo district, int? year, CancellationToken ct) =>
        queries.MatrixAsync(district, ct, year);

    protected override ExportFile Export(ResponsibilityMatrix view) => ListExports.Matrix(view);
}
