using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Exports;

/// <summary>Files through the real <see cref="FilingEditing"/> and <see cref="FilingHandOffs"/>: the unit's clerk opens, writes and submits, its head approves (→ the office).</summary>
internal static class FilingSteps
{
    public static Actor Clerk(int districtId, int unitId) => new("test.clerk." + unitId, "测试填报人", AppRole.Clerk, districtId, unitId);

    public static Actor Head(int districtId, int unitId) => new("test.head." + unitId, "测试负责人", AppRole.UnitHead, districtId, unitId);

    /// <summary>Opens and saves a filing, leaving it a draft.</summary>
    public static async Task<Filing> DraftAsync(IServiceProvider services, int districtId, int itemId, int unitId, ReportPeriod period, FilingEdit edit)
    {
        using var scope = services.CreateScope();
        var editing = scope.ServiceProvider.GetRequiredService<FilingEditing>();
        var clerk = Clerk(districtId, unitId);
        var f = Must(await editing.OpenAsync(itemId, unitId, period, clerk), "open");
        return Must(await editing.SaveAsync(f.Id, f.Version, edit, clerk), "save");
    }

    /// <summary>Writes, submits and approves: the filing ends awaiting the office, submitted at the app's clock.</summary>
    public static async Task<Filing> ToOfficeAsync(IServiceProvider services, int districtId, int itemId, int unitId, ReportPeriod period, FilingEdit edit)
    {
        var draft = await DraftAsync(services, districtId, itemId, unitId, period, edit);
        using var scope = services.CreateScope();
        var handOffs = scope.ServiceProvider.GetRequiredService<FilingHandOffs>();
        var f = Must(await handOffs.ActAsync(draft.Id, draft.Version, FilingAction.Submit, null, Clerk(districtId, unitId)), "submit");
        f = Must(await handOffs.ActAsync(f.Id, f.Version, FilingAction.Approve, null, Head(districtId, unitId)), "approve");
        f.State.ShouldBe(FilingState.AwaitingOffice);
        return f;
    }

    private static Filing Must(Luoshi.Core.Common.Outcome<Filing> r, string step) =>
        r.Ok ? r.Value! : throw new InvalidOperationException(step + ": " + r.Failure!.Message);
}
