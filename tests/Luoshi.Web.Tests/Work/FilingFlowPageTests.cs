using System.Net;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Audit;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;
using static Luoshi.Web.Tests.Work.WorkClient;

namespace Luoshi.Web.Tests.Work;

/// <summary>
/// A report's way through the pages over HTTP: clerk, head, office (Jiang'an); a co-unit's part to its lead unit and into the
/// lead's report (Hongshan); a return with a comment and the resubmission; a closed period reopened with a reason.
/// </summary>
public abstract class FilingFlowPageTests(WorkFixture fixture)
{
    private LuoshiWebFactory Factory => fixture.Factory;

    [Fact]
    public async Task JiangAnReport_ClerkSubmitsHeadApprovesOfficeAccepts_EachStepRecordedWithWhoAndWhen()
    {
        int item = fixture.JiangAnFgjItems(withTargets: true)[0];
        int fgj = fixture.UnitId("jiangan", "区发展和改革局");
        var target = Factory.WithDb(db => db.ItemIndicators.AsNoTracking().Where(x => x.ItemId == item).OrderBy(x => x.Seq).First());
        using var clerk = await Factory.SignedInClientAsync("jiangan.fgj.clerk");
        using var head = await Factory.SignedInClientAsync("jiangan.fgj.head");
        using var office = await Factory.SignedInClientAsync("jiangan.office");
        string url = Url(item, fgj, "Q1");

        // The clerk finds the report on 我的工作 and opens it: the target is shown with its value.
        Text(await clerk.GetStringAsync("/Work")).ShouldContain(url);
        string form = Text(await clerk.GetStringAsync(url));
        form.ShouldContain("完成情况");
        form.ShouldContain("存在主要问题及下步工作打算");
        form.ShouldContain(target.Measure);
        form.ShouldContain("序时进度");
        string v = Version(form);

        await StepAsync(clerk, Url(item, fgj, "Q1", "Save"), ("version", v), ("Input.Progress", "一季度完成年度任务的三成。"),
            ("Input.Problems", "要素保障仍需加强。"), ($"Input.Actuals[{target.Id}]", "30"));
        var saved = fixture.Filing(item, fgj, ReportPeriod.Q1);
        saved.State.ShouldBe(FilingState.Draft);
        saved.Progress.ShouldBe("一季度完成年度任务的三成。");
        saved.Actuals.Single(a => a.IndicatorId == target.Id).Value.ShouldBe(30m);

        await StepAsync(clerk, Url(item, fgj, "Q1", "Submit"), ("version", Version(await clerk.GetStringAsync(url))),
            ("Input.Progress", "一季度完成年度任务的三成。"), ("Input.Problems", "要素保障仍需加强。"), ($"Input.Actuals[{target.Id}]", "30"));
        fixture.Filing(item, fgj, ReportPeriod.Q1).State.ShouldBe(FilingState.AwaitingHead);

        // The head sees it first under 待我审定, and approves.
        string headWork = Text(await head.GetStringAsync("/Work"));
        headWork.IndexOf("待我审定", StringComparison.Ordinal).ShouldBeGreaterThan(-1);
        headWork.IndexOf("待我审定", StringComparison.Ordinal).ShouldBeLessThan(headWork.IndexOf("报送期限", StringComparison.Ordinal));
        string headPage = await head.GetStringAsync(url);
        Text(headPage).ShouldContain("审定通过，报送督查室");
        Text(headPage).ShouldNotContain("保存并提交");
        await StepAsync(head, Url(item, fgj, "Q1", "Approve"), ("version", Version(headPage)));
        var approved = fixture.Filing(item, fgj, ReportPeriod.Q1);
        approved.State.ShouldBe(FilingState.AwaitingOffice);
        approved.SubmittedAt.ShouldNotBeNull();

        // The office sees it waiting, and accepts it from 我的工作.
        string officeWork = await office.GetStringAsync("/Work");
        Text(officeWork).ShouldContain("待督查室接收（");
        officeWork.ShouldContain($"data-item=\"{item}\" data-period=\"Q1\"");
        (await StepAsync(office, Url(item, fgj, "Q1", "Accept"), ("version", approved.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("back", "work")))
            .ShouldBe("/Work");
        var accepted = fixture.Filing(item, fgj, ReportPeriod.Q1);
        accepted.State.ShouldBe(FilingState.Accepted);
        accepted.AcceptedAt.ShouldNotBeNull();

        var steps = accepted.Events.Where(e => e.Action is "submit" or "approve" or "accept").OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        steps.Select(e => (e.Action, e.Actor, e.From, e.To)).ShouldBe(
        [
            ("submit", "jiangan.fgj.clerk", FilingState.Draft, FilingState.AwaitingHead),
            ("approve", "jiangan.fgj.head", FilingState.AwaitingHead, FilingState.AwaitingOffice),
            ("accept", "jiangan.office", FilingState.AwaitingOffice, FilingState.Accepted),
        ]);
        steps.ShouldAllBe(e => e.At > DateTimeOffset.UtcNow.AddHours(-1));
        steps[0].Snapshot!.ShouldContain("一季度完成年度任务的三成。");

        // The history on the page names each person and step.
        string history = Text(await office.GetStringAsync(url));
        history.ShouldContain("督查室已接收");
        history.ShouldContain("江岸区发改局填报人");
        history.ShouldContain("江岸区发改局负责人");
        history.ShouldContain("待单位负责人审定 → 已报送督查室");
    }

    [Fact]
    public async Task HongshanCoUnitPart_GoesToTheLeadUnit_WhichConsolidatesIt()
    {
        int fgj = fixture.UnitId("hongshan", "区发展和改革局");
        var (item, lead) = Factory.WithDb(db => db.PlanItems
            .Where(i => i.Units.Any(u => u.UnitId == fgj && u.Role == UnitRole.Co) && i.Units.Any(u => u.Role == UnitRole.Lead && u.UnitId != fgj))
            .OrderBy(i => i.Seq).Select(i => new { i.Id, Lead = i.Units.Where(u => u.Role == UnitRole.Lead).Select(u => u.UnitId).First() })
            .AsEnumerable().Select(x => (x.Id, x.Lead)).First());
        await fixture.EnsureUserAsync("hongshan.fgj.head", "洪山区发改局负责人", AppRole.UnitHead, "hongshan", fgj);
        await fixture.EnsureUserAsync("hongshan.lead.clerk", "洪山区牵头单位填报人", AppRole.Clerk, "hongshan", lead);
        using var clerk = await Factory.SignedInClientAsync("hongshan.fgj.clerk");
        using var head = await Factory.SignedInClientAsync("hongshan.fgj.head");
        using var leadClerk = await Factory.SignedInClientAsync("hongshan.lead.clerk");
        string part = Url(item, fgj, "Q1");

        Text(await clerk.GetStringAsync(part)).ShouldContain("先报牵头单位汇总");
        await StepAsync(clerk, Url(item, fgj, "Q1", "Submit"), ("version", Version(await clerk.GetStringAsync(part))),
            ("Input.Progress", "配合牵头单位完成项目申报。"), ("Input.Problems", "无。"));
        fixture.Filing(item, fgj, ReportPeriod.Q1).IsCoUnitPart.ShouldBeTrue();
        string headPage = await head.GetStringAsync(part);
        Text(headPage).ShouldContain("审定通过，交牵头单位");
        await StepAsync(head, Url(item, fgj, "Q1", "Approve"), ("version", Version(headPage)));
        fixture.Filing(item, fgj, ReportPeriod.Q1).State.ShouldBe(FilingState.WithLeadUnit);

        // The lead unit sees the part on 我的工作 and may read it; the office is not asked yet.
        string leadWork = Text(await leadClerk.GetStringAsync("/Work"));
        leadWork.ShouldContain("配合单位报来的材料");
        leadWork.ShouldContain("区发展和改革局");
        Text(await leadClerk.GetStringAsync(part)).ShouldContain("配合牵头单位完成项目申报。");
        using var office = await Factory.SignedInClientAsync("hongshan.office");
        (await office.GetStringAsync("/Work")).ShouldNotContain($"data-item=\"{item}\" data-period=\"Q1\"");

        // It consolidates from its own report, whose page lists the part.
        string own = Url(item, lead, "Q1");
        string ownPage = await leadClerk.GetStringAsync(own);
        Text(ownPage).ShouldContain("配合单位报来的材料");
        await StepAsync(leadClerk, Url(item, lead, "Q1", "Consolidate"), ("version", Version(ownPage)));
        fixture.Filing(item, fgj, ReportPeriod.Q1).State.ShouldBe(FilingState.Consolidated);
        var leadFiling = fixture.Filing(item, lead, ReportPeriod.Q1);
        leadFiling.Consolidated!.ShouldContain("【区发展和改革局】");
        leadFiling.Consolidated!.ShouldContain("配合牵头单位完成项目申报。");
        fixture.Filing(item, fgj, ReportPeriod.Q1).Events.ShouldContain(e => e.Action == "consolidate" && e.Actor == "hongshan.lead.clerk" && e.To == FilingState.Consolidated);
    }

    [Fact]
    public async Task HongshanWorkPlan_HasOneRowPerQuarterAndItsLeader()
    {
        int fgj = fixture.UnitId("hongshan", "区发展和改革局");
        int item = Factory.WithDb(db => db.PlanItems.Where(i => i.Units.Any(u => u.UnitId == fgj && u.Role == UnitRole.Lead)).OrderBy(i => i.Seq).Select(i => i.Id).First());
        using var clerk = await Factory.SignedInClientAsync("hongshan.fgj.clerk");
        string url = Url(item, fgj, "WorkPlan");
        string page = Text(await clerk.GetStringAsync(url));
        page.ShouldContain("季度工作安排");
        page.ShouldContain("责任领导");
        page.ShouldNotContain("责任科室");
        foreach (string q in new[] { "一季度", "二季度", "三季度", "四季度" })
        {
            page.ShouldContain(q);
        }

        await StepAsync(clerk, Url(item, fgj, "WorkPlan", "Save"), ("version", Version(page)), ("Input.Leader", "张三"),
            ("Input.Steps[0].Quarter", "1"), ("Input.Steps[0].Content", "完成项目谋划"), ("Input.Steps[0].Due", "3月底前"),
            ("Input.Steps[1].Quarter", "2"), ("Input.Steps[1].Content", "启动建设"), ("Input.Steps[1].Due", "6月底前"),
            ("Input.Steps[2].Quarter", "3"), ("Input.Steps[2].Content", ""), ("Input.Steps[3].Quarter", "4"), ("Input.Steps[3].Content", "竣工验收"));
        var saved = fixture.Filing(item, fgj, ReportPeriod.WorkPlan);
        WorkSteps.Parse(saved.StepsJson).ShouldBe([new WorkStep(1, "完成项目谋划", "3月底前"), new WorkStep(2, "启动建设", "6月底前"), new WorkStep(4, "竣工验收", null)]);
        saved.Leader.ShouldBe("张三");
    }

    [Fact]
    public async Task Return_WithoutComment_IsRefused_WithComment_GoesBackAndIsResubmitted()
    {
        int item = fixture.JiangAnFgjItems(withTargets: false)[0];
        int fgj = fixture.UnitId("jiangan", "区发展和改革局");
        using var clerk = await Factory.SignedInClientAsync("jiangan.fgj.clerk");
        using var head = await Factory.SignedInClientAsync("jiangan.fgj.head");
        string url = Url(item, fgj, "Q2");
        await StepAsync(clerk, Url(item, fgj, "Q2", "Submit"), ("version", Version(await clerk.GetStringAsync(url))), ("Input.Progress", "二季度推进顺利。"));
        string v = Version(await head.GetStringAsync(url));

        using (var refused = await PostAsync(head, Url(item, fgj, "Q2", "Return"), ("version", v), ("comment", "  ")))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.OK);
            Error(await refused.Content.ReadAsStringAsync()).ShouldBe("退回时请填写退回意见。");
        }

        fixture.Filing(item, fgj, ReportPeriod.Q2).State.ShouldBe(FilingState.AwaitingHead);
        await StepAsync(head, Url(item, fgj, "Q2", "Return"), ("version", v), ("comment", "请补充具体数据。"));
        var returned = fixture.Filing(item, fgj, ReportPeriod.Q2);
        returned.State.ShouldBe(FilingState.ReturnedByHead);
        returned.Events.ShouldContain(e => e.Action == "return" && e.Comment == "请补充具体数据。" && e.Actor == "jiangan.fgj.head");

        string page = Text(await clerk.GetStringAsync(url));
        page.ShouldContain("单位负责人已退回");
        page.ShouldContain("请补充具体数据。");
        await StepAsync(clerk, Url(item, fgj, "Q2", "Submit"), ("version", Version(page)), ("Input.Progress", "二季度推进顺利，完成投资 5 亿元。"));
        var again = fixture.Filing(item, fgj, ReportPeriod.Q2);
        again.State.ShouldBe(FilingState.AwaitingHead);
        again.Progress.ShouldBe("二季度推进顺利，完成投资 5 亿元。");
        again.Events.Count(e => e.Action == "submit").ShouldBe(2);
    }

    [Fact]
    public async Task LockedPeriod_RefusesSaving_UntilTheOfficeReopensItWithAReason()
    {
        int item = fixture.JiangAnFgjItems(withTargets: false)[1];
        int fgj = fixture.UnitId("jiangan", "区发展和改革局");
        using var clerk = await Factory.SignedInClientAsync("jiangan.fgj.clerk");
        using var office = await Factory.SignedInClientAsync("jiangan.office");
        string url = Url(item, fgj, "Q3");
        await StepAsync(clerk, Url(item, fgj, "Q3", "Save"), ("version", Version(await clerk.GetStringAsync(url))), ("Input.Progress", "三季度原文。"));

        string open = Version(await clerk.GetStringAsync(url));
        int plan = Factory.WithDb(db => db.Filings.Where(f => f.ItemId == item).Select(f => f.PlanId).First());

        // Issue 13.4: the POST without confirm shows what closing would lock and closes nothing.
        using (var unconfirmed = await PostAsync(office, "/Work?handler=Lock&district=jiangan", ("period", "Q3")))
        {
            unconfirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
            string summary = await unconfirmed.Content.ReadAsStringAsync();
            summary.ShouldContain("确认关闭报送期");
            summary.ShouldContain("将关闭江岸区2026年第三季度完成情况的报送（2026年10月10日前报送）");
            summary.ShouldContain("name=\"confirm\" value=\"true\"");
        }

        Factory.WithDb(db => db.PeriodLocks.Count(l => l.PlanId == plan && l.Period == ReportPeriod.Q3)).ShouldBe(0);
        (await StepAsync(office, "/Work?handler=Lock&district=jiangan", ("period", "Q3"), ("confirm", "true"))).ShouldBe("/Work?year=2026");
        Factory.WithDb(db => db.PeriodLocks.Count(l => l.PlanId == plan && l.Period == ReportPeriod.Q3)).ShouldBe(1);
        Factory.WithDb(db => db.AuditEntries.Count(a => a.Action == AuditActions.LockPeriod && a.Actor == "jiangan.office")).ShouldBe(1);

        // The page no longer offers the form; a form still open from before is refused with the person's text kept.
        string locked = await clerk.GetStringAsync(url);
        Text(locked).ShouldContain("本期已关闭");
        locked.ShouldNotContain("handler=Save");
        using (var refused = await PostAsync(clerk, Url(item, fgj, "Q3", "Save"), ("version", open), ("Input.Progress", "关闭后改写。")))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.OK);
            string html = await refused.Content.ReadAsStringAsync();
            Error(html)!.ShouldContain("该季度已关闭");
            Text(html).ShouldContain("关闭后改写。");
        }

        fixture.Filing(item, fgj, ReportPeriod.Q3).Progress.ShouldBe("三季度原文。");

        string officePage = await office.GetStringAsync(url);
        Text(officePage).ShouldContain("重新开放的原因");
        using (var noReason = await PostAsync(office, Url(item, fgj, "Q3", "Reopen"), ("version", Version(officePage)), ("comment", "")))
        {
            Error(await noReason.Content.ReadAsStringAsync())!.ShouldContain("请填写原因");
        }

        await StepAsync(office, Url(item, fgj, "Q3", "Reopen"), ("version", Version(officePage)), ("comment", "单位申请更正数据"));
        fixture.Filing(item, fgj, ReportPeriod.Q3).Reopened.ShouldBeTrue();
        var audit = Factory.WithDb(db => db.AuditEntries.AsNoTracking().Single(a => a.Action == AuditActions.ReopenFiling && a.Actor == "jiangan.office"));
        audit.After!.ShouldContain("单位申请更正数据");

        await StepAsync(clerk, Url(item, fgj, "Q3", "Save"), ("version", Version(await clerk.GetStringAsync(url))), ("Input.Progress", "更正后的三季度情况。"));
        fixture.Filing(item, fgj, ReportPeriod.Q3).Progress.ShouldBe("更正后的三季度情况。");
    }
}

public sealed class FilingFlowPageTestsSqlite(SqliteWorkFixture fixture) : FilingFlowPageTests(fixture), IClassFixture<SqliteWorkFixture>;

public sealed class FilingFlowPageTestsPostgres(PostgresWorkFixture fixture) : FilingFlowPageTests(fixture), IClassFixture<PostgresWorkFixture>;
