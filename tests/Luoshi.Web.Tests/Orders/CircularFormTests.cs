using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Circulars;
using Luoshi.Core.Features.Supervision;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Tests.Reminders;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Orders;

/// <summary>
/// Issue 12.3, the 文件 form: the district's 发文形式 setting decides the circular's red issuer mark, the first paragraph of the
/// .docx: 普通 prints the issuer's name (武汉市江岸区人民政府办公室, the issuer of Jiang'an's notice), 文件式 the name followed by
/// 文件 (as the notice's own head reads, 武汉市江岸区人民政府办公室文件). The .docx is opened and its first paragraph read.
/// </summary>
public sealed class CircularFormTests
{
    [Fact]
    public async Task IssuerMark_FollowsTheDistrictsCircularForm()
    {
        await using var host = await ReminderHost.StartAsync(new DateOnly(2026, 7, 15), mail: false);
        var office = new Actor("jiangan.office", "督查室", AppRole.Office, host.Jiangan, null);

        // Each step in its own scope (its own context), as each would be its own request.
        var (draftId, plain) = await host.WithDbAsync(async (db, sp) =>
        {
            var service = sp.GetRequiredService<CircularService>();
            var draft = await service.CreateDraftAsync(host.Jiangan, ReportPeriod.Q2, office);
            draft.Failure.ShouldBeNull();
            return (draft.Value!.Id, Mark(OfficialDocumentWriter.WriteDocx(await service.DocumentAsync(draft.Value!))));
        });
        async Task<Core.Common.Failure?> SaveFormAsync(string form) => await host.WithDbAsync(async (db, _) =>
        {
            var current = DistrictSettingsInput.From(await DistrictSettingsDefaults.LoadAsync(db, host.Jiangan));
            return (await new DistrictSettingsService(db, TimeProvider.System).SaveAsync(host.Jiangan, current with { CircularForm = form }, "jiangan.office", default)).Failure;
        });
        string? refused = (await SaveFormAsync("Red"))?.Message;
        (await SaveFormAsync("File")).ShouldBeNull();
        var file = await host.WithDbAsync(async (db, sp) =>
        {
            var circular = await db.Circulars.FindAsync(draftId);
            return Mark(OfficialDocumentWriter.WriteDocx(await sp.GetRequiredService<CircularService>().DocumentAsync(circular!)));
        });
        (await host.WithDbAsync(async (db, _) => DistrictSettingsInput.From(await DistrictSettingsDefaults.LoadAsync(db, host.Jiangan)).CircularForm)).ShouldBe("File");

        plain.Text.ShouldBe("武汉市江岸区人民政府办公室");
        file.Text.ShouldBe("武汉市江岸区人民政府办公室文件");
        plain.Color.ShouldBe(file.Color);
        file.Color.ShouldBe("FF0000", "the mark is printed in red (GbFormat.Red)");
        refused.ShouldBe("“发文形式”的取值无效。");
    }

    private static (string Text, string? Color) Mark(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var doc = WordprocessingDocument.Open(stream, false);
        var first = doc.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().First(p => !string.IsNullOrWhiteSpace(p.InnerText));
        string? color = first.Descendants<Run>().First().RunProperties?.Color?.Val?.Value;
        return (first.InnerText, color);
    }
}
