using System.Net;
using System.Text;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Features.Work;
using static Luoshi.Web.Tests.Work.WorkClient;

namespace Luoshi.Web.Tests.Work;

/// <summary>
/// The filing page's other duties: evidence files (type by content, size, download byte for byte, delete), 404 for another
/// unit, the two clerks who save the same report, and Jiang'an's work-plan rows.
/// </summary>
public abstract class FilingPageTests(WorkFixture fixture)
{
    private LuoshiWebFactory Factory => fixture.Factory;

    private int Fgj => fixture.UnitId("jiangan", "区发展和改革局");

    private int EvidenceCount(int item) => Factory.WithDb(db => db.Evidence.Count(e => db.Filings.Any(f => f.Id == e.FilingId && f.ItemId == item)));

    [Fact]
    public async Task Evidence_RenamedExeAndWrongTypeAndTooBigAreRefused_RealPdfIsKeptAndDownloadedByteForByte()
    {
        int item = fixture.JiangAnFgjItems(withTargets: false)[0];
        using var clerk = await Factory.SignedInClientAsync("jiangan.fgj.clerk");
        string url = Url(item, Fgj, "WorkPlan");
        (await clerk.GetStringAsync(url)).ShouldContain("handler=Upload");

        byte[] exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, .. Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.")];
        foreach (var (name, content, message) in new[]
        {
            ("工作方案.pdf", exe, "文件内容与扩展名 .pdf 不符"),
            ("setup.exe", exe, "不支持该文件类型（.exe）"),
            ("大文件.pdf", [.. "%PDF-1.4\n"u8, .. new byte[EvidenceStore.MaxEvidenceBytes]], "文件过大"),
        })
        {
            using var r = await UploadAsync(clerk, Url(item, Fgj, "WorkPlan", "Upload"), name, content);
            r.StatusCode.ShouldBe(HttpStatusCode.OK, name);
            Error(await r.Content.ReadAsStringAsync())!.ShouldContain(message, Case.Sensitive, name);
        }

        EvidenceCount(item).ShouldBe(0);
        fixture.Filing(item, Fgj, ReportPeriod.WorkPlan).Events.ShouldNotContain(e => e.Action == "attach");

        byte[] pdf = TestPdf.WithText("Luoshi evidence 2026");
        (await TestPdf.ReadAsync(pdf)).ShouldContain("Luoshi evidence 2026");
        using (var none = await PostAsync(clerk, Url(item, Fgj, "WorkPlan", "Upload")))
        {
            Error(await none.Content.ReadAsStringAsync()).ShouldBe("请选择要上传的佐证材料。");
        }

        using (var ok = await UploadAsync(clerk, Url(item, Fgj, "WorkPlan", "Upload"), "佐证材料 一季度.pdf", pdf))
        {
            ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, Error(await ok.Content.ReadAsStringAsync()));
        }

        int id = Factory.WithDb(db => db.Evidence.Where(e => db.Filings.Any(f => f.Id == e.FilingId && f.ItemId == item)).Select(e => e.Id).Single());
        Text(await clerk.GetStringAsync(url)).ShouldContain("佐证材料 一季度.pdf");

        foreach (string user in new[] { "jiangan.fgj.clerk", "jiangan.fgj.head", "jiangan.office", "jiangan.leader", "city" })
        {
            using var client = user == "jiangan.fgj.clerk" ? null : await Factory.SignedInClientAsync(user);
            using var download = await (client ?? clerk).GetAsync("/Work/Evidence/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            download.StatusCode.ShouldBe(HttpStatusCode.OK, user);
            download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
            download.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("佐证材料 一季度.pdf");
            byte[] got = await download.Content.ReadAsByteArrayAsync();
            got.ShouldBe(pdf, user);
            (await TestPdf.ReadAsync(got)).ShouldContain("Luoshi evidence 2026");
        }

        // Deleted by the clerk with the page's version.
        await StepAsync(clerk, Url(item, Fgj, "WorkPlan", "Detach"), ("version", Version(await clerk.GetStringAsync(url))), ("evidenceId", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        EvidenceCount(item).ShouldBe(0);
        fixture.Filing(item, Fgj, ReportPeriod.WorkPlan).Events.Select(e => e.Action).ShouldBe(["open", "attach", "detach"]);
    }

    [Fact]
    public async Task ClerkOfAnotherUnitOrDistrict_GetsNotFound_ForTheFilingItsStepsAndItsEvidence()
    {
        int item = fixture.JiangAnFgjItems(withTargets: false)[1];
        using var clerk = await Factory.SignedInClientAsync("jiangan.fgj.clerk");
        string url = Url(item, Fgj, "WorkPlan");
        await StepAsync(clerk, Url(item, Fgj, "WorkPlan", "Save"), ("version", Version(await clerk.GetStringAsync(url))), ("Input.Steps[0].Content", "本单位的工作安排"));
        using (var up = await UploadAsync(clerk, Url(item, Fgj, "WorkPlan", "Upload"), "a.pdf", TestPdf.WithText("secret")))
        {
            up.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        string evidence = "/Work/Evidence/" + Factory.WithDb(db => db.Evidence.Where(e => db.Filings.Any(f => f.Id == e.FilingId && f.ItemId == item)).Select(e => e.Id).Single())
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string other in new[] { "jiangan.swj.clerk", "hongshan.fgj.clerk" })
        {
            using var c = await Factory.SignedInClientAsync(other);
            using (var page = await c.GetAsync(url))
            {
                page.StatusCode.ShouldBe(HttpStatusCode.NotFound, other);
                (await page.Content.ReadAsStringAsync()).ShouldNotContain("本单位的工作安排");
            }

            (await c.GetAsync(evidence)).StatusCode.ShouldBe(HttpStatusCode.NotFound, other);
            foreach (string handler in new[] { "Save", "Submit", "Upload", "Detach", "Approve", "Accept" })
            {
                using var post = await PostAsync(c, Url(item, Fgj, "WorkPlan", handler), ("version", "1"), ("Input.Steps[0].Content", "别人的改写"));
                post.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{other} {handler}");
            }
        }

        WorkSteps.Parse(fixture.Filing(item, Fgj, ReportPeriod.WorkPlan).StepsJson).Single().Content.ShouldBe("本单位的工作安排");
    }

    [Fact]
    public async Task TwoSessions_SaveTheSameReport_SecondIsRefusedWithItsTextKeptAndTheSavedVersionBesideIt()
    {
        int item = fixture.JiangAnFgjItems(withTargets: true)[0];
        using var first = await Factory.SignedInClientAsync("jiangan.fgj.clerk");
        using var second = await Factory.SignedInClientAsync("jiangan.fgj.clerk");
        string url = Url(item, Fgj, "Annual");
        string v1 = Version(await first.GetStringAsync(url));
        string v2 = Version(await second.GetStringAsync(url));
        v2.ShouldBe(v1);

        await StepAsync(first, Url(item, Fgj, "Annual", "Save"), ("version", v1), ("Input.Progress", "甲：全年完成投资一百亿元。"));
        using var refused = await PostAsync(second, Url(item, Fgj, "Annual", "Save"), ("version", v2), ("Input.Progress", "乙：全年任务超额完成。"), ("Input.Problems", "乙写的问题。"));

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        string html = await refused.Content.ReadAsStringAsync();
        Error(html)!.ShouldContain("您的修改没有保存");
        Error(html)!.ShouldContain("jiangan.fgj.clerk");
        string text = Text(html);
        text.ShouldContain(">乙：全年任务超额完成。</textarea>");
        text.ShouldContain(">乙写的问题。</textarea>");
        text.ShouldContain("当前已保存的版本");
        text.ShouldContain("甲：全年完成投资一百亿元。");
        var stored = fixture.Filing(item, Fgj, ReportPeriod.Annual);
        stored.Progress.ShouldBe("甲：全年完成投资一百亿元。");
        Version(html).ShouldBe(stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        stored.Events.Count(e => e.Action == "save").ShouldBe(1);
    }

    [Fact]
    public async Task JiangAnWorkPlan_RowsGrowWithoutScript_AndSaveWithLeaderAndSection()
    {
        int item = fixture.JiangAnFgjItems(withTargets: false)[2];
        using var clerk = await Factory.SignedInClientAsync("jiangan.fgj.clerk");
        string url = Url(item, Fgj, "WorkPlan");
        string page = await clerk.GetStringAsync(url);
        Text(page).ShouldContain("具体工作内容");
        Text(page).ShouldContain("分管领导");
        Text(page).ShouldContain("责任科室");
        ImportsCount(page, "name=\"Input.Steps[").ShouldBe(FilingInput.BlankRows * 2);
        string v = Version(page);

        (string, string)[] rows = [("version", v), ("Input.Steps[0].Content", "制定实施方案"), ("Input.Steps[0].Due", "2月底前"),
            ("Input.Steps[1].Content", "组织项目申报"), ("Input.Steps[1].Due", "6月底前"), ("Input.Steps[2].Content", ""), ("Input.Leader", "李四"), ("Input.Section", "投资科")];
        using (var more = await PostAsync(clerk, Url(item, Fgj, "WorkPlan", "Save"), [.. rows, ("addRow", "true")]))
        {
            more.StatusCode.ShouldBe(HttpStatusCode.OK);
            string html = await more.Content.ReadAsStringAsync();
            ImportsCount(html, "name=\"Input.Steps[").ShouldBe(4 * 2);
            Text(html).ShouldContain(">组织项目申报</textarea>");
            Text(html).ShouldContain("value=\"投资科\"");
        }

        fixture.Filing(item, Fgj, ReportPeriod.WorkPlan).Version.ShouldBe(int.Parse(v, System.Globalization.CultureInfo.InvariantCulture), "adding a row saves nothing");
        await StepAsync(clerk, Url(item, Fgj, "WorkPlan", "Save"), [.. rows, ("Input.Steps[3].Content", "年底总结"), ("Input.Steps[3].Due", "12月底前")]);
        var saved = fixture.Filing(item, Fgj, ReportPeriod.WorkPlan);
        WorkSteps.Parse(saved.StepsJson).ShouldBe([new WorkStep(null, "制定实施方案", "2月底前"), new WorkStep(null, "组织项目申报", "6月底前"), new WorkStep(null, "年底总结", "12月底前")]);
        (saved.Leader, saved.Section).ShouldBe(("李四", "投资科"));
    }

    private static int ImportsCount(string html, string fragment) => Imports.ImportClient.Count(html, fragment);

    [Fact]
    public async Task LongHistory_ShowsTheLatestSteps_WithALinkToEveryStep_WithoutScript()
    {
        int item = fixture.JiangAnFgjItems(withTargets: false)[3];
        using var clerk = await Factory.SignedInClientAsync("jiangan.fgj.clerk");
        string url = Url(item, Fgj, "WorkPlan");
        string page = await clerk.GetStringAsync(url);
        ImportsCount(page, "<tr class=\"event ").ShouldBe(1);
        page.ShouldNotContain("history=all");

        // Opened (1 step) and saved 21 times: 22 steps, more than the page lists.
        int saves = FilingView.RecentEvents + 1;
        for (int n = 1; n <= saves; n++)
        {
            await StepAsync(clerk, Url(item, Fgj, "WorkPlan", "Save"), ("version", Version(page)), ("Input.Steps[0].Content", $"第 {n} 次修改"));
            page = await clerk.GetStringAsync(url);
        }

        int steps = saves + 1;
        fixture.Filing(item, Fgj, ReportPeriod.WorkPlan).Events.Count.ShouldBe(steps);
        ImportsCount(page, "<tr class=\"event ").ShouldBe(FilingView.RecentEvents);
        page.ShouldNotContain("event-open", Case.Sensitive, "the oldest step is not among the latest");
        Text(page).ShouldContain($"共 {steps} 条记录，下面是最近的 {FilingView.RecentEvents} 条。");
        Text(page).ShouldContain($"显示全部 {steps} 条记录");
        Text(page).ShouldContain(url + "&history=all#history");

        string all = await clerk.GetStringAsync(url + "&history=all");
        ImportsCount(all, "<tr class=\"event ").ShouldBe(steps);
        all.ShouldContain("<tr class=\"event event-open\">");
        Text(all).ShouldContain($"共 {steps} 条记录，已全部显示。");
        Text(all).ShouldContain($"只显示最近 {FilingView.RecentEvents} 条");
        // The oldest first, as on the short page: the opening step, then the saves.
        all.IndexOf("event-open", StringComparison.Ordinal).ShouldBeLessThan(all.IndexOf("event-save", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evidence_SixteenUploadsAtOnce_NeverPassTheLimit_AndNamesLoseSeparatorsAndControlCharacters()
    {
        int item = fixture.JiangAnFgjItems(withTargets: false)[5];
        using var clerk = await Factory.SignedInClientAsync("jiangan.fgj.clerk");
        string url = Url(item, Fgj, "WorkPlan");
        await clerk.GetStringAsync(url);
        byte[] pdf = TestPdf.WithText("Luoshi evidence limit");

        // A name with both separators, a control character and a right-to-left override keeps only its last part, cleaned.
        using (var named = await UploadAsync(clerk, Url(item, Fgj, "WorkPlan", "Upload"), "..\\..\\a/evil\u0001\u202e名单.pdf", pdf))
        {
            named.StatusCode.ShouldBe(HttpStatusCode.Redirect, Error(await named.Content.ReadAsStringAsync()));
        }

        Factory.WithDb(db => db.Evidence.Where(e => db.Filings.Any(f => f.Id == e.FilingId && f.ItemId == item)).Select(e => e.FileName).Single()).ShouldBe("evil名单.pdf");
        for (int i = 1; i < 10; i++)
        {
            using var r = await UploadAsync(clerk, Url(item, Fgj, "WorkPlan", "Upload"), $"材料{i}.pdf", pdf);
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        // Ten in; sixteen at once for the last ten places (before: 26 stored with 16 at once).
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            using var r = await UploadAsync(clerk, Url(item, Fgj, "WorkPlan", "Upload"), $"并发{i}.pdf", pdf);
            return (r.StatusCode, Error: r.StatusCode == HttpStatusCode.OK ? Error(await r.Content.ReadAsStringAsync()) : null);
        }));
        answers.Count(a => a.StatusCode == HttpStatusCode.Redirect).ShouldBe(10);
        answers.Where(a => a.StatusCode != HttpStatusCode.Redirect).ShouldAllBe(a => a.Error!.Contains("最多 20 个佐证文件"));
        EvidenceCount(item).ShouldBe(EvidenceStore.MaxEvidenceFiles);
        fixture.Filing(item, Fgj, ReportPeriod.WorkPlan).EvidenceCount.ShouldBe(EvidenceStore.MaxEvidenceFiles);
    }
}

public sealed class FilingPageTestsSqlite(SqliteWorkFixture fixture) : FilingPageTests(fixture), IClassFixture<SqliteWorkFixture>;

public sealed class FilingPageTestsPostgres(PostgresWorkFixture fixture) : FilingPageTests(fixture), IClassFixture<PostgresWorkFixture>;
