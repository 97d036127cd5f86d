using System.Text;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Imports;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Luoshi.Web.Tests.Imports.ImportClient;

namespace Luoshi.Web.Tests.Imports;

/// <summary>
/// A draft read before the office renamed, merged or retired a unit, published after it (issue 10): the draft's names are
/// followed to the units that carry them now; a retired unit stops the publish with its name and nothing changes.
/// </summary>
public class DraftAfterReorganisationTests
{
    private const string Office = "jiangan.office";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RenamedAndMergedUnits_AreFollowed_RetiredUnitRefusesThePublish(DatabaseProvider provider)
    {
        await using var app = new LuoshiWebFactory(provider);
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<LuoshiDb>();
        var imports = sp.GetRequiredService<ImportService>();
        var units = sp.GetRequiredService<UnitService>();
        var publisher = sp.GetRequiredService<PlanPublisher>();
        int district = await db.Districts.Where(d => d.Code == "jiangan").Select(d => d.Id).SingleAsync();
        var office = new Actor(Office, "督查室", AppRole.Office, district, null);

        var draft = (await imports.CreateDraftAsync(district, "岸政办〔2026〕1号.txt", Encoding.UTF8.GetBytes(Seed(JiangAn)), Office)).Value!;
        var plan = DraftPlan.FromJson(draft.PlanJson);
        plan.Unresolved.ShouldBeEmpty();

        // An item with two units: the second is merged into the first (a lead), so the item must end with that lead once.
        var shared = plan.Items.First(i => i.Lead.Count >= 1 && i.Lead.Concat(i.Co).Any(c => c.Name != i.Lead[0].Name));
        string survivorName = shared.Lead[0].Name!;
        string absorbedName = shared.Lead.Concat(shared.Co).First(c => c.Name != survivorName).Name!;
        // Another unit of the draft is renamed; a third is retired later.
        string renamedName = plan.Items.SelectMany(i => i.Lead).Select(u => u.Name!).First(n => n != survivorName && n != absorbedName);
        string newName = renamedName + "（新）";
        string retiredName = plan.Items.SelectMany(i => i.Lead.Concat(i.Co)).Select(u => u.Name!)
            .First(n => n != survivorName && n != absorbedName && n != renamedName);

        Unit Find(string name) => db.Units.AsNoTracking().Single(u => u.DistrictId == district && u.Name == name);
        var renamed = Find(renamedName);
        (await units.EditAsync(office, district, renamed.Id, renamed.Version, new UnitInput(newName, renamed.Kind, null, renamed.LeaderUserId))).Ok.ShouldBeTrue();
        var absorbed = Find(absorbedName);
        var survivor = Find(survivorName);
        var merge = await units.MergeAsync(office, district, absorbed.Id, absorbed.Version, survivor.Id, survivor.Version);
        merge.Failure.ShouldBeNull();

        int version = db.ImportDrafts.AsNoTracking().Single(d => d.Id == draft.Id).Version;
        var published = await publisher.PublishAsync(draft.Id, district, version, Office);
        published.Failure.ShouldBeNull();
        int planId = published.Value!.Id;

        var roles = await db.ItemUnits.AsNoTracking().Where(u => db.PlanItems.Any(i => i.Id == u.ItemId && i.PlanId == planId)).ToListAsync();
        roles.ShouldNotContain(r => r.UnitId == absorbed.Id, "no work is given to the unit merged away");
        var renamedItems = plan.Items.Where(i => i.Lead.Any(u => u.Name == renamedName)).Select(i => i.Number).ToList();
        var live = await db.PlanItems.AsNoTracking().Where(i => i.PlanId == planId).Select(i => new { i.Id, i.Number, i.PartId }).ToListAsync();
        renamedItems.ShouldNotBeEmpty();
        roles.Count(r => r.UnitId == renamed.Id && r.Role == UnitRole.Lead).ShouldBe(plan.Items.Count(i => i.Lead.Any(u => u.Name == renamedName)));
        int sharedItem = live.Single(i => i.Number == shared.Number && db.PlanParts.Any(p => p.Id == i.PartId && p.Index == shared.Part)).Id;
        roles.Where(r => r.ItemId == sharedItem && r.UnitId == survivor.Id).ShouldHaveSingleItem().Role.ShouldBe(UnitRole.Lead);

        // A second draft, then a unit of it retired: refused with the unit's name, the live plan untouched.
        var second = (await imports.CreateDraftAsync(district, "岸政办〔2026〕1号.txt", Encoding.UTF8.GetBytes(Seed(JiangAn)), Office)).Value!;
        var retired = Find(retiredName);
        (await units.RetireAsync(office, district, retired.Id, retired.Version)).Ok.ShouldBeTrue();
        int secondVersion = db.ImportDrafts.AsNoTracking().Single(d => d.Id == second.Id).Version;
        var refused = await publisher.PublishAsync(second.Id, district, secondVersion, Office);
        refused.Failure.ShouldNotBeNull();
        refused.Failure!.Message.ShouldContain($"“{retiredName}”已撤销");
        refused.Failure.Message.ShouldContain("请重新导入该通知");
        (await db.Plans.AsNoTracking().SingleAsync(p => p.DistrictId == district && p.Year == 2026)).Id.ShouldBe(planId);
        db.ImportDrafts.AsNoTracking().Single(d => d.Id == second.Id).Status.ShouldBe(DraftStatus.Draft);
    }
}
