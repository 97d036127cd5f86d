using Luoshi.Core.Data;
using Luoshi.Core.Features.Imports;
using Luoshi.Core.Features.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Luoshi.Web.Tests.Imports.ImportClient;

namespace Luoshi.Web.Tests.Imports;

/// <summary>The draft keeps the reporting calendar the reader found, so publishing reads nothing of the notice again.</summary>
public class DraftKeepsScheduleTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Publish_TheDraftsKeptCalendar_NotOneReadAgainFromTheText(DatabaseProvider provider)
    {
        await using var app = new LuoshiWebFactory(provider);
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<LuoshiDb>();
        int district = await db.Districts.Where(d => d.Code == "hongshan").Select(d => d.Id).SingleAsync();
        var draft = (await sp.GetRequiredService<ImportService>().CreateDraftAsync(district, "hongshan.txt", System.Text.Encoding.UTF8.GetBytes(Seed(Hongshan)), "t.office")).Value!;
        string expected = PlanCalendar.Read(draft.SourceText).ToJson();
        PlanCalendar.Read(string.Empty).ToJson().ShouldNotBe(expected);

        // Were the text read again at publication, this draft would publish an empty calendar.
        draft.SourceText = string.Empty;
        await db.SaveChangesAsync();
        var published = await sp.GetRequiredService<PlanPublisher>().PublishAsync(draft.Id, district, draft.Version, "t.office");

        published.Failure.ShouldBeNull();
        db.ChangeTracker.Clear();
        var plan = await db.Plans.SingleAsync(p => p.Id == published.Value!.Id);
        plan.Year.ShouldBe(2026);
        plan.CalendarJson.ShouldBe(expected);
    }
}
