using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Audit;
using Luoshi.Core.Features.Notifications;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Plans;

/// <summary>Changing the plan mid-year (issue 10.5): split, hand over, defer, merge, add — each with a reason, audited, the units told, the filed work kept.</summary>
public class PlanChangesTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task HongshanItem57_SplitInTwo_OneHalfHandedOver_KeepsItsQ1Report_TellsTheNewUnit_AndAuditsBothSteps(DatabaseProvider provider)
    {
        await using var app = new LuoshiWebFactory(provider);
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<LuoshiDb>();
        int district = await db.Districts.Where(d => d.Code == "hongshan").Select(d => d.Id).SingleAsync();
        var item = await db.PlanItems.Include(i => i.Units)
            .Where(i => i.Number == "57" && db.Plans.Any(p => p.Id == i.PlanId && p.DistrictId == district)).OrderBy(i => i.Seq).FirstAsync();
        int lead = item.Units.First(u => u.Role == UnitRole.Lead).UnitId;
        string originalText = item.Text;
        int seqAfter = await db.PlanItems.Where(i => i.PlanId == item.PlanId && i.Seq == item.Seq + 1).Select(i => i.Id).FirstOrDefaultAsync();

        // The lead unit files its Q1 report on item 57.
        var clerk = new Actor("hs.lead.clerk", "填报人", AppRole.Clerk, district, lead);
        var filings = sp.GetRequiredService<FilingEditing>();
        var filing = (await filings.OpenAsync(item.Id, lead, ReportPeriod.Q1, clerk)).Value!;
        (await filings.SaveAsync(filing.Id, filing.Version, new FilingEdit(Progress: "一季度完成情况：已按计划推进。"), clerk)).Ok.ShouldBeTrue();

        // The unit that will take the second half, with a clerk to be told.
        int other = await db.Units.Where(u => u.DistrictId == district && u.Id != lead && !item.Units.Select(x => x.UnitId).Contains(u.Id)).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        var otherClerk = new AppUser { UserName = "hs.other.clerk", NormalizedUserName = "HS.OTHER.CLERK", DisplayName = "接收单位填报人", Role = AppRole.Clerk, DistrictId = district, UnitId = other, SecurityStamp = Guid.NewGuid().ToString() };
        db.Users.Add(otherClerk);
        await db.SaveChangesAsync();
        long revision = await db.Districts.Where(d => d.Id == district).Select(d => d.Revision).SingleAsync();

        var office = new Actor("hongshan.office", "洪山区政府督查室", AppRole.Office, district, null);
        var changes = sp.GetRequiredService<PlanChanges>();

        // Without a reason nothing happens; a unit clerk and another district's office cannot change the plan.
        (await changes.SplitAsync(office, item.Id, item.Version, "前半", "后半", null, " ")).Failure!.Message.ShouldBe("请填写调整原因。");
        (await changes.SplitAsync(clerk, item.Id, item.Version, "前半", "后半", null, "原因")).Failure!.Kind.ShouldBe(Luoshi.Core.Common.FailureKind.NotFound);
        (await changes.SplitAsync(new Actor("jiangan.office", "江岸", AppRole.Office, district + 1000, null), item.Id, item.Version, "前半", "后半", null, "原因")).Ok.ShouldBeFalse();

        var split = await changes.SplitAsync(office, item.Id, item.Version, "推进第一阶段工作。", "推进第二阶段工作。", null, "年中调整：任务分两个阶段由不同单位承担");
        split.Failure.ShouldBeNull();
        var (first, second) = split.Value;
        first.Id.ShouldBe(item.Id);
        second.Number.ShouldBe("57之二");
        second.Seq.ShouldBe(first.Seq + 1, "the second half sits right after the first");
        if (seqAfter != 0)
        {
            (await db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == seqAfter)).Seq.ShouldBe(first.Seq + 2);
        }

        var handed = await changes.HandOverAsync(office, second.Id, second.Version, lead, other, "第二阶段由接收单位负责");
        handed.Failure.ShouldBeNull();

        db.ChangeTracker.Clear();
        // The filed Q1 report stays with item 57 and its unit.
        var kept = await db.Filings.AsNoTracking().SingleAsync(f => f.Id == filing.Id);
        kept.ItemId.ShouldBe(item.Id);
        kept.UnitId.ShouldBe(lead);
        kept.Progress.ShouldBe("一季度完成情况：已按计划推进。");
        (await db.Filings.CountAsync(f => f.ItemId == second.Id)).ShouldBe(0);
        (await db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == item.Id)).Text.ShouldBe("推进第一阶段工作。");
        var secondUnits = await db.ItemUnits.AsNoTracking().Where(u => u.ItemId == second.Id).ToListAsync();
        secondUnits.Select(u => u.UnitId).ShouldContain(other);
        secondUnits.Select(u => u.UnitId).ShouldNotContain(lead);
        secondUnits.Single(u => u.UnitId == other).Role.ShouldBe(UnitRole.Lead);

        // The new unit is told, in its inbox.
        var told = await db.Notifications.AsNoTracking().Where(n => n.UserId == otherClerk.Id && n.Kind == NotificationKinds.PlanChange).ToListAsync();
        told.Count.ShouldBe(1);
        told[0].Channel.ShouldBe(Channel.InApp);
        told[0].Subject.ShouldContain("事项移交");
        told[0].Body.ShouldContain("第二阶段由接收单位负责");

        // The audit shows both steps, with their reasons.
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.DistrictId == district && (a.Action == AuditActions.SplitItem || a.Action == AuditActions.HandOverItem)).OrderBy(a => a.Id).ToListAsync();
        audit.Select(a => a.Action).ShouldBe([AuditActions.SplitItem, AuditActions.HandOverItem]);
        audit[0].Before!.ShouldContain(originalText[..Math.Min(10, originalText.Length)]);
        audit[0].After!.ShouldContain("年中调整");
        audit[1].After!.ShouldContain("第二阶段由接收单位负责");
        (await db.Districts.Where(d => d.Id == district).Select(d => d.Revision).SingleAsync()).ShouldBeGreaterThan(revision);

        // Defer and merge back: the merge brings the second item's work to the first, the deferral tells the units.
        var fresh = await db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == item.Id);
        var deferred = await changes.DeferAsync(office, item.Id, fresh.Version, "2026年12月底前", "受汛期影响顺延");
        deferred.Failure.ShouldBeNull();
        (await db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == item.Id)).Deadline.ShouldBe("2026年12月底前");
        var a1 = await db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == item.Id);
        var a2 = await db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == second.Id);
        (await changes.MergeAsync(office, item.Id, a1.Version - 1, second.Id, a2.Version, "合并", "原因")).Failure!.Kind.ShouldBe(Luoshi.Core.Common.FailureKind.Conflict);
        var merged = await changes.MergeAsync(office, item.Id, a1.Version, second.Id, a2.Version, "推进全部工作。", "两阶段合并为一项");
        merged.Failure.ShouldBeNull();
        db.ChangeTracker.Clear();
        (await db.PlanItems.AnyAsync(i => i.Id == second.Id)).ShouldBeFalse();
        (await db.ItemUnits.Where(u => u.ItemId == item.Id).Select(u => u.UnitId).ToListAsync()).ShouldContain(other);
        (await db.Filings.AsNoTracking().SingleAsync(f => f.Id == filing.Id)).ItemId.ShouldBe(item.Id);
        (await db.AuditEntries.CountAsync(a => a.Action == AuditActions.DeferItem || a.Action == AuditActions.MergeItems)).ShouldBe(2);
    }
}
