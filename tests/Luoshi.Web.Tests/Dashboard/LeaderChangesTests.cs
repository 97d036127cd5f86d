using System.Net;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Dashboard;

/// <summary>
/// 分管领导的页面, 近一周变化 (issue 16: the week ago is kept per revision and day, and only the week's events are read): a filing
/// step of today shows at once on a page asked before it; a week later it has left the list.
/// </summary>
public abstract class LeaderChangesTests(YearFixture year)
{
    [Fact]
    public async Task Leader_ChangesOfTheWeek_ShowAStepAtOnce_AndNotAfterAWeek()
    {
        using var leader = await year.ClientAsync("jiangan.leader");
        string before = await PageAsync(leader);
        before.ShouldNotContain("data-kind=\"Filing\"", customMessage: "the fixture's last step was months ago");
        string number = await NumberAsync(year.B.Id);

        await FileQ1Async(year.B);
        string after = await PageAsync(leader);
        after.ShouldContain($"data-unit=\"{year.FgjId}\" data-kind=\"Filing\"");
        after.ShouldContain($"第{number}项{ReportPeriodLabels.Of(ReportPeriod.Q1)}：填报人提交单位负责人审定");
        after.ShouldContain($"第{number}项{ReportPeriodLabels.Of(ReportPeriod.Q1)}：单位负责人审定通过，报送督查室");

        year.MoveTo(year.CheckDate.AddDays(8));
        try
        {
            using var later = await year.ClientAsync("jiangan.leader");
            string week = await PageAsync(later);
            week.ShouldNotContain("data-kind=\"Filing\"");
            week.ShouldNotContain("填报人提交单位负责人审定");
        }
        finally
        {
            year.MoveTo(year.CheckDate);
        }
    }

    private static async Task<string> PageAsync(HttpClient client)
    {
        var r = await client.GetAsync("/Leader");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await r.Content.ReadAsStringAsync();
    }

    private async Task<string> NumberAsync(int itemId)
    {
        using var scope = year.Clocked.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LuoshiDb>().PlanItems.Where(i => i.Id == itemId).Select(i => i.Number).SingleAsync();
    }

    // FGJ's clerk writes and submits B's first-quarter report today (half of each target), its head approves.
    private async Task FileQ1Async(YearFixture.ItemFacts item)
    {
        using var scope = year.Clocked.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
        var editing = scope.ServiceProvider.GetRequiredService<FilingEditing>();
        var handOffs = scope.ServiceProvider.GetRequiredService<FilingHandOffs>();
        int districtId = await db.Districts.Where(d => d.Code == YearFixture.District).Select(d => d.Id).SingleAsync();
        var clerk = new Actor("jiangan.fgj.clerk", "填报人", AppRole.Clerk, districtId, year.FgjId);
        var head = clerk with { UserName = "jiangan.fgj.head", Role = AppRole.UnitHead };
        var opened = await editing.OpenAsync(item.Id, year.FgjId, ReportPeriod.Q1, clerk);
        opened.Ok.ShouldBeTrue(opened.Failure?.Message);
        var edit = new FilingEdit(Progress: "按计划推进。", Problems: "无。", Actuals: item.Targets.ToDictionary(t => t.Id, t => (decimal?)(t.Value / 2)));
        var saved = await editing.SaveAsync(opened.Value!.Id, opened.Value.Version, edit, clerk);
        saved.Ok.ShouldBeTrue(saved.Failure?.Message);
        var submitted = await handOffs.ActAsync(saved.Value!.Id, saved.Value.Version, FilingAction.Submit, null, clerk);
        submitted.Ok.ShouldBeTrue(submitted.Failure?.Message);
        var approved = await handOffs.ActAsync(submitted.Value!.Id, submitted.Value.Version, FilingAction.Approve, null, head);
        approved.Ok.ShouldBeTrue(approved.Failure?.Message);
    }
}

public sealed class LeaderChangesSqliteTests(SqliteYearFixture year) : LeaderChangesTests(year), IClassFixture<SqliteYearFixture>;

public sealed class LeaderChangesPostgresTests(PostgresYearFixture year) : LeaderChangesTests(year), IClassFixture<PostgresYearFixture>;
