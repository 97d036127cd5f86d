using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Circulars;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Tests.Reminders;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Orders;

/// <summary>
/// A circular drafted before the office has saved any settings takes its issuer and number from the district's own notice,
/// as the settings page shows them (DistrictSettingsDefaults): Jiang'an's notice is headed 武汉市江岸区人民政府办公室文件 and
/// numbered 岸政办〔2026〕1号 (shared/seeds/000_4e4f19e7498f2113.txt, its first lines).
/// </summary>
public sealed class CircularDefaultsTests
{
    [Fact]
    public async Task Draft_NoSavedSettings_IssuerAndNumberFromTheNotice()
    {
        await using var host = await ReminderHost.StartAsync(new DateOnly(2026, 7, 15), mail: false);
        var office = new Actor("jiangan.office", "督查室", AppRole.Office, host.Jiangan, null);

        var (number, issuer) = await host.WithDbAsync(async (db, sp) =>
        {
            var service = sp.GetRequiredService<CircularService>();
            var draft = await service.CreateDraftAsync(host.Jiangan, ReportPeriod.Q2, office);
            draft.Failure.ShouldBeNull();
            var document = await service.DocumentAsync(draft.Value!);
            document.IssuerMark.ShouldBe(document.Signatory);
            return (draft.Value!.DocNumber, document.Signatory);
        });

        number.ShouldBe("岸政督通〔2026〕1号", "the circular series, not the notice's own number 岸政办〔2026〕1号");
        issuer.ShouldBe("武汉市江岸区人民政府办公室");
    }
}
