using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Circulars;
using Luoshi.Core.Features.Numbering;
using Luoshi.Core.Features.Orders;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Tests.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Orders;

/// <summary>
/// Document numbers come from the district's number series, never from its notice (岸政办〔2026〕1号): Jiang'an's short name
/// is 岸 (the first character of its notice's number), so its circulars are 岸政督通〔2026〕N号 and its orders 岸督办〔2026〕N号.
/// Two offices issuing at once get two numbers, on SQLite and on PostgreSQL.
/// </summary>
public sealed class DocumentNumberTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Fact]
    public async Task Draft_NoSavedSeries_ProposesTheCircularSeriesNumberAndTheNoticesAddressee()
    {
        await using var host = await ReminderHost.StartAsync(new DateOnly(2026, 7, 15), mail: false);
        var office = Office(host.Jiangan);

        var draft = await host.WithDbAsync(async (_, sp) => await sp.GetRequiredService<CircularService>().CreateDraftAsync(host.Jiangan, ReportPeriod.Q2, office));
        draft.Failure.ShouldBeNull();
        draft.Value!.DocNumber.ShouldBe("岸政督通〔2026〕1号");
        // shared/seeds/000_4e4f19e7498f2113.txt: "各街道办事处，区人民政府各部门，各有关单位：" under the title.
        draft.Value.Addressee.ShouldBe("各街道办事处，区人民政府各部门，各有关单位：");
        // The notice's title as its text has it (no marks around 政府工作报告 there), without the spaces of its layout.
        draft.Value.Body.ShouldStartWith("根据《区人民政府办公室关于印发2026年区政府工作报告确定的主要目标任务责任分解方案的通知》（岸政办〔2026〕1号）要求，");
        draft.Value.Body.ShouldContain("重点工作第", customMessage: "item numbers qualified by their part");
        draft.Value.Body.ShouldNotContain("2026年重点工作第", customMessage: "the part's short name, not its heading");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoOfficesIssuingAtOnce_GetTwoNumbersOfTheSeries(DatabaseProvider provider)
    {
        await using var host = await ReminderHost.StartAsync(new DateOnly(2026, 7, 15), mail: false, provider: provider);
        var office = Office(host.Jiangan);

        // Two orders at once, from two requests (two contexts).
        var orders = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => host.WithDbAsync(async (_, sp) =>
            await sp.GetRequiredService<OrderService>().IssueAsync(host.Jiangan, new IssueForm
            {
                UnitId = i == 0 ? host.Fgj : host.Swj,
                Subject = "加快推进",
                Requirement = "请按期反馈。",
                ReplyBy = new DateOnly(2026, 7, 30),
            }, office, default))));
        orders.ShouldAllBe(o => o.Ok, string.Join(" / ", orders.Select(o => o.Failure?.Message)));
        orders.Select(o => o.Value!.Number).Order(StringComparer.Ordinal).ShouldBe(["岸督办〔2026〕1号", "岸督办〔2026〕2号"]);

        // Two drafts issued at once.
        var drafts = new List<Circular>();
        foreach (var period in new[] { ReportPeriod.Q1, ReportPeriod.Q2 })
        {
            drafts.Add((await host.WithDbAsync(async (_, sp) => await sp.GetRequiredService<CircularService>().CreateDraftAsync(host.Jiangan, period, office))).Value!);
        }

        drafts.Select(d => d.DocNumber).ShouldAllBe(n => n == "岸政督通〔2026〕1号", "a proposal, not a reservation");
        var issued = await Task.WhenAll(drafts.Select(d => host.WithDbAsync(async (_, sp) =>
            await sp.GetRequiredService<CircularService>().IssueAsync(d.Id, d.Version, office, confirmed: true))));
        issued.ShouldAllBe(o => o.Ok, string.Join(" / ", issued.Select(o => o.Failure?.Message)));
        issued.Select(c => c.Value!.DocNumber).Order(StringComparer.Ordinal).ShouldBe(["岸政督通〔2026〕1号", "岸政督通〔2026〕2号"]);

        var rows = await host.WithDbAsync((db, _) => db.IssuedNumbers.AsNoTracking().Where(n => n.DistrictId == host.Jiangan).ToListAsync());
        rows.Count.ShouldBe(4);
        var next = await host.WithDbAsync((_, sp) => sp.GetRequiredService<NumberingService>().ProposeAsync(host.Jiangan, NumberKinds.Order, 2026));
        next.ShouldBe("岸督办〔2026〕3号");

        // The database itself refuses a second row with a number already given.
        await Should.ThrowAsync<DbUpdateException>(() => host.WithDbAsync(async db =>
        {
            db.IssuedNumbers.Add(new IssuedNumber { DistrictId = host.Jiangan, Kind = NumberKinds.Order, Year = 2026, Sequence = 1, Number = "岸督办〔2026〕1号", Reference = "x", IssuedBy = "x", IssuedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task SavedSeries_ItsPrefixNumbersTheNextOrder()
    {
        await using var host = await ReminderHost.StartAsync(new DateOnly(2026, 7, 15), mail: false);
        var office = Office(host.Jiangan);
        var saved = await host.WithDbAsync(async (_, sp) => await sp.GetRequiredService<NumberingService>().SaveAsync(host.Jiangan, NumberKinds.Order, "督办单", "岸政督办", 0, office));
        saved.Failure.ShouldBeNull();
        var bad = await host.WithDbAsync(async (_, sp) => await sp.GetRequiredService<NumberingService>().SaveAsync(host.Jiangan, NumberKinds.Order, "督办单", "岸〔督〕", 1, office));
        bad.Failure!.Message.ShouldContain("代字");
        var stale = await host.WithDbAsync(async (_, sp) => await sp.GetRequiredService<NumberingService>().SaveAsync(host.Jiangan, NumberKinds.Order, "督办单", "岸督", 0, office));
        stale.Failure!.Kind.ShouldBe(Core.Common.FailureKind.Conflict);

        var order = await host.WithDbAsync(async (_, sp) => await sp.GetRequiredService<OrderService>().IssueAsync(host.Jiangan, new IssueForm
        {
            UnitId = host.Fgj, Subject = "事项", Requirement = "要求", ReplyBy = new DateOnly(2026, 7, 30),
        }, office, default));
        order.Value!.Number.ShouldBe("岸政督办〔2026〕1号");
    }

    internal static Actor Office(int district) => new("jiangan.office", "督查室", AppRole.Office, district, null);
}
