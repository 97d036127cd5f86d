using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Circulars;
using Luoshi.Core.Features.Imports;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Imports;

/// <summary>Publishing a corrected version of a plan during the year keeps the work units have filed; a version that drops an item with filings is refused.</summary>
public class RepublishKeepsWorkTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Republish_CarriesFilingsActualsAndCircularsOver_AndRefusesDroppingAFiledItem(DatabaseProvider provider)
    {
        await using var app = new LuoshiWebFactory(provider);
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<LuoshiDb>();
        int district = await db.Districts.Where(d => d.Code == "jiangan").Select(d => d.Id).SingleAsync();
        // An item with a numeric target and its (first) lead unit.
        var item = await db.PlanItems.Where(i => i.Indicators.Any() && i.Units.Any(u => u.Role == Luoshi.Core.Features.Plans.UnitRole.Lead))
            .OrderBy(i => i.Seq).Select(i => new { i.Id, i.Seq, i.Number, i.PlanId, Unit = i.Units.First(u => u.Role == Luoshi.Core.Features.Plans.UnitRole.Lead).UnitId, Target = i.Indicators.OrderBy(x => x.Seq).First().Id })
            .FirstAsync(i => db.Plans.Any(p => p.Id == i.PlanId && p.DistrictId == district));
        var clerk = new Actor("t.clerk", "填报人", AppRole.Clerk, district, item.Unit);
        var editing = sp.GetRequiredService<FilingEditing>();
        var f = (await editing.OpenAsync(item.Id, item.Unit, ReportPeriod.Q1, clerk)).Value!;
        (await editing.SaveAsync(f.Id, f.Version, new FilingEdit(Progress: "已完成阶段任务。", Actuals: new Dictionary<int, decimal?> { [item.Target] = 1234m }), clerk)).Ok.ShouldBeTrue();
        db.Circulars.Add(new Circular { DistrictId = district, PlanId = item.PlanId, Period = ReportPeriod.Q1, Title = "通报", Body = "正文", CreatedBy = "t", AsOf = new DateOnly(2026, 4, 12) });
        await db.SaveChangesAsync();

        // The same notice again (a corrected version would differ in text only): the filing moves to the new item.
        byte[] seed = await File.ReadAllBytesAsync(Path.Combine(RepoRoot(), "tests", "seeds", "000_4e4f19e7498f2113.txt"));
        var imports = sp.GetRequiredService<ImportService>();
        var draft = (await imports.CreateDraftAsync(district, "again.txt", seed, "t.office")).Value!;
        var published = await sp.GetRequiredService<PlanPublisher>().PublishAsync(draft.Id, district, draft.Version, "t.office");
        published.Failure.ShouldBeNull();
        db.ChangeTracker.Clear();
        var moved = await db.Filings.Include(x => x.Actuals).SingleAsync(x => x.Id == f.Id);
        moved.PlanId.ShouldBe(published.Value!.Id);
        var newItem = await db.PlanItems.SingleAsync(i => i.Id == moved.ItemId);
        newItem.PlanId.ShouldBe(published.Value!.Id);
        newItem.Number.ShouldBe(item.Number);
        moved.Progress.ShouldBe("已完成阶段任务。");
        moved.Actuals.Single().Value.ShouldBe(1234m);
        (await db.ItemIndicators.SingleAsync(x => x.Id == moved.Actuals.Single().IndicatorId)).ItemId.ShouldBe(newItem.Id);
        (await db.Circulars.SingleAsync()).PlanId.ShouldBe(published.Value!.Id);
        (await db.Plans.CountAsync(p => p.DistrictId == district)).ShouldBe(1);

        // A version without that item is refused and changes nothing.
        string text = System.Text.Encoding.UTF8.GetString(seed);
        var parsed = Luoshi.Parsing.NoticeParser.Parse(text);
        var lines = text.Split('\n').ToList();
        int part = await db.PlanItems.Where(i => i.Id == newItem.Id).Join(db.PlanParts, i => i.PartId, p => p.Id, (i, p) => p.Index).SingleAsync();
        var source = parsed.Items.First(i => i.Part == part && i.Number == item.Number);
        var cut = string.Join('\n', lines.Where((_, k) => k + 1 < source.FirstLine || k + 1 > source.LastLine));
        var draft2 = (await imports.CreateDraftAsync(district, "cut.txt", System.Text.Encoding.UTF8.GetBytes(cut), "t.office")).Value!;
        var refused = await sp.GetRequiredService<PlanPublisher>().PublishAsync(draft2.Id, district, draft2.Version, "t.office");
        refused.Ok.ShouldBeFalse("item " + item.Number + " has a filing and is not in the cut version");
        refused.Failure!.Message.ShouldContain("已有单位报送");
        refused.Failure!.Message.ShouldContain(item.Number);
        db.ChangeTracker.Clear();
        (await db.Filings.SingleAsync(x => x.Id == f.Id)).ItemId.ShouldBe(newItem.Id);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Luoshi.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
