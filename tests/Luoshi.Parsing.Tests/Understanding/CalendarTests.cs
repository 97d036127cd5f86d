using System.Globalization;
using Luoshi.Parsing.Calendar;

namespace Luoshi.Parsing.Tests.Understanding;

/// <summary>
/// The reporting calendar read from a notice's body. The seed expectations are written from the
/// notices' own sentences and DOMAIN.md section 2, not from the reader's output.
/// </summary>
public class CalendarTests
{
    private const string Title2026 = "区人民政府办公室关于印发2026年区《政府工作报告》目标任务责任分解方案的通知";

    // Body line 21: "…于1月20日前报区人民政府办公室。各责任单位于2026年4月10日、7月10日、10月10日及
    // 2027年1月10日前，将第一、第二、第三季度及全年责任事项完成情况…报区人民政府办公室。"
    // Line 30 of the attachment list: "2. (单位) 区《政府工作报告》办理工作方案 (样表)".
    [Fact]
    public void JiangAnSeed_Read_MatchesDomainTable()
    {
        var s = ReadSeed("000_4e4f19e7498f2113");

        Render(s.WorkPlan!).ShouldBe("WorkPlan 2026-01-20 “1月20日” L21 printed → 区人民政府办公室");
        s.Reports.Select(Render).ShouldBe(
        [
            "Q1 2026-04-10 “2026年4月10日” L21 printed → 区人民政府办公室",
            "Q2 2026-07-10 “7月10日” L21 printed → 区人民政府办公室",
            "Q3 2026-10-10 “10月10日” L21 printed → 区人民政府办公室",
            "Annual 2027-01-10 “2027年1月10日” L21 printed → 区人民政府办公室",
        ]);
        s.Recipient.ShouldBe("区人民政府办公室");
        s.Reporters.ShouldBe(ReporterRole.AllResponsibleUnits);
        s.CoUnitsReportToLead.ShouldBeFalse();
        s.Forms.ShouldBe([new ReportForm(FormPurpose.WorkPlan, "附件2", "(单位) 区《政府工作报告》办理工作方案 (样表)", 30)]);
        s.Diagnostics.ShouldNotContain(d => d.Severity != Severity.Info);
    }

    // Body line 17: "各责任事项牵头单位（责任单位）…于2026年1月30日前…书面报区政府督查室（填写附件1）。同时，将主要目标任务
    // 各季度及全年完成情况于2026年4月8日、7月8日、10月8日及12月8日前…报送至区政府督查室（填写附件2）。
    // 其它责任单位将责任落实情况提前报送牵头单位。" The attachment list after the plan, lines 411 and 413.
    [Fact]
    public void HongshanSeed_Read_MatchesDomainTable()
    {
        var s = ReadSeed("001_b07d873149f44e2f");

        Render(s.WorkPlan!).ShouldBe("WorkPlan 2026-01-30 “2026年1月30日” L17 printed → 区政府督查室");
        s.Reports.Select(Render).ShouldBe(
        [
            "Q1 2026-04-08 “2026年4月8日” L17 printed → 区政府督查室",
            "Q2 2026-07-08 “7月8日” L17 printed → 区政府督查室",
            "Q3 2026-10-08 “10月8日” L17 printed → 区政府督查室",
            "Annual 2026-12-08 “12月8日” L17 printed → 区政府督查室",
        ]);
        s.Recipient.ShouldBe("区政府督查室");
        s.Reporters.ShouldBe(ReporterRole.LeadUnits);
        s.CoUnitsReportToLead.ShouldBeTrue();
        s.Forms.ShouldBe(
        [
            new ReportForm(FormPurpose.WorkPlan, "附件1", "×××（单位）办理工作方案", 411),
            new ReportForm(FormPurpose.QuarterlyReport, "附件2", "×××（单位）×季度工作目标完成情况表", 413),
        ]);
        s.Diagnostics.ShouldNotContain(d => d.Severity != Severity.Info);
    }

    // Body line 21: "各牵头单位(…)细化任务清单形成后,于2026115日前报区政府办公室备案。" Signed 2026-01-04 (发文日期).
    // Line 25: "自2026年第一季度开始,各牵头单位要在每季度末月底之前,将本季度…进展情况报区政府办公室". "附件:" is empty.
    [Fact]
    public void CaidianSeed_Read_MatchesDomainTable()
    {
        var s = ReadSeed("002_4ba397864c4b7ffe");

        Render(s.WorkPlan!).ShouldBe("WorkPlan 2026-01-15 “2026115日” L21 printed → 区政府办公室");
        s.Reports.Select(Render).ShouldBe(
        [
            "Q1 2026-03-31 “每季度末月底之前” L25 inferred → 区政府办公室",
            "Q2 2026-06-30 “每季度末月底之前” L25 inferred → 区政府办公室",
            "Q3 2026-09-30 “每季度末月底之前” L25 inferred → 区政府办公室",
            "Q4 2026-12-31 “每季度末月底之前” L25 inferred → 区政府办公室",
        ]);
        s.Recipient.ShouldBe("区政府办公室");
        s.Reporters.ShouldBe(ReporterRole.LeadUnits);
        s.CoUnitsReportToLead.ShouldBeFalse();
        s.Forms.ShouldBeEmpty();
    }

    [Fact]
    public void CaidianSeed_DamagedWorkPlanDate_WarnsWithOtherReadingAndReason()
    {
        var s = ReadSeed("002_4ba397864c4b7ffe");

        var d = s.Diagnostics.Single(x => x.Code == "schedule-date-damaged");
        d.Line.ShouldBe(21);
        d.Column.ShouldBeGreaterThan(0);
        d.Severity.ShouldBe(Severity.Warning);
        d.Message.ShouldContain("2026115日");
        d.Message.ShouldContain("2026年11月5日");
        d.Message.ShouldContain("取 2026年1月15日");
        d.Message.ShouldContain("落款日期 2026年1月4日");
    }

    [Fact]
    public void ScheduleReader_DamagedDateOnThirdLine_DiagnosticCarriesLine()
    {
        string text = "通知\n\n各牵头单位于2026115日前将工作方案报区政府办公室备案。\n";

        var s = ScheduleReader.Read(text, Notice(new DateOnly(2026, 6, 1)));

        s.WorkPlan!.Date.ShouldBe(new DateOnly(2026, 11, 5));
        var d = s.Diagnostics.Single(x => x.Code == "schedule-date-damaged");
        d.Line.ShouldBe(3);
        d.Message.ShouldContain("2026年1月15日");
    }

    [Fact]
    public void ScheduleReader_DamagedSingleReading_InformsNeverSilent()
    {
        string text = "各责任单位于202614日前将工作方案报区政府办公室。";

        var s = ScheduleReader.Read(text, Notice(null));

        s.WorkPlan!.Date.ShouldBe(new DateOnly(2026, 1, 4));
        s.Diagnostics.ShouldContain(x => x.Code == "schedule-date-damaged" && x.Severity == Severity.Info && x.Line == 1);
    }

    [Fact]
    public void ScheduleReader_NoticeWithoutDates_EmptyScheduleAndDiagnostic()
    {
        string text = "各责任单位要高度重视，认真落实。\n区政府督查室将定期通报。\n";

        var s = ScheduleReader.Read(text, Notice(new DateOnly(2026, 1, 4)));

        s.WorkPlan.ShouldBeNull();
        s.Reports.ShouldBeEmpty();
        s.Forms.ShouldBeEmpty();
        s.Diagnostics.ShouldContain(x => x.Code == "schedule-not-found" && x.Severity == Severity.Warning);
    }

    [Fact]
    public void ScheduleReader_EmptyText_EmptyScheduleAndDiagnostic()
    {
        var s = ScheduleReader.Read(string.Empty, Notice(null, null));

        s.Reports.ShouldBeEmpty();
        s.Diagnostics.Single().Code.ShouldBe("schedule-not-found");
    }

    [Fact]
    public void ScheduleReader_InventedPlanAndTwoReportListsInOneSentence_EachListGetsItsWords()
    {
        string text = "各责任单位于2月1日前报送工作方案。各责任单位于2026年4月15日、7月15日、10月15日前报送第一、二、三季度完成情况，"
            + "2027年1月15日前报送全年工作总结，均报区政府督查室（填写附件2）。\n附件：1. 2026年分解方案\n2. ×××单位季度工作完成情况表\n";

        var s = ScheduleReader.Read(text, Notice(new DateOnly(2026, 1, 10)));

        Render(s.WorkPlan!).ShouldBe("WorkPlan 2026-02-01 “2月1日” L1 printed → ");
        s.Reports.Select(x => $"{x.Period} {Iso(x.Date)}").ShouldBe(["Q1 2026-04-15", "Q2 2026-07-15", "Q3 2026-10-15", "Annual 2027-01-15"]);
        s.Recipient.ShouldBe("区政府督查室");
        s.Forms.ShouldBe([new ReportForm(FormPurpose.QuarterlyReport, "附件2", "×××单位季度工作完成情况表", 3)]);
        s.Diagnostics.ShouldNotContain(d => d.Code == "schedule-period-guessed");
    }

    [Fact]
    public void ScheduleReader_InventedRuleAfterQuarterEnd_InferredDatesAndCoUnits()
    {
        string text = "请各单位于每季度结束后10日内将本季度工作进展情况报区政府督查室，由牵头单位汇总后统一报送。";

        var s = ScheduleReader.Read(text, Notice(new DateOnly(2026, 1, 4)));

        s.Reports.Select(x => $"{x.Period} {Iso(x.Date)} {x.Inferred}").ShouldBe(
            ["Q1 2026-04-10 True", "Q2 2026-07-10 True", "Q3 2026-10-10 True", "Q4 2027-01-10 True"]);
        s.Reporters.ShouldBe(ReporterRole.AllResponsibleUnits);
        s.CoUnitsReportToLead.ShouldBeTrue();
        s.Diagnostics.ShouldContain(x => x.Code == "schedule-rule-inferred" && x.Line == 1);
    }

    [Fact]
    public void ScheduleReader_InventedPlanRuleAndYearInOneSentence_EachReadForWhatItIs()
    {
        string text = "请各责任单位于2026年2月10日前将工作方案（附件1）报送区政府督查室，并于每季度结束后5个工作日内报送季度工作进展情况（附件2），"
            + "12月10日前报送全年工作完成情况。\n附件：1. 工作方案模板\n2. 季度进展情况表\n";

        var s = ScheduleReader.Read(text, Notice(new DateOnly(2026, 1, 10)));

        s.WorkPlan!.Date.ShouldBe(new DateOnly(2026, 2, 10));
        s.Reports.Select(x => $"{x.Period} {Iso(x.Date)} {x.Inferred}").ShouldBe(
            ["Q1 2026-04-07 True", "Q2 2026-07-07 True", "Q3 2026-10-07 True", "Annual 2026-12-10 False", "Q4 2027-01-07 True"]);
        s.Forms.Select(f => $"{f.Attachment} {f.Purpose}").ShouldBe(["附件1 WorkPlan", "附件2 QuarterlyReport"]);
        s.Diagnostics.ShouldContain(x => x.Code == "schedule-rule-inferred" && x.Message.Contains("法定节假日", StringComparison.Ordinal));
    }

    [Fact]
    public void ScheduleReader_InventedHalfYearThenYear_WordsOfOwnClause()
    {
        string text = "各牵头单位于2026年7月10日前报送上半年工作总结，2027年1月10日前报送全年工作总结，报区政府办公室。";

        var s = ScheduleReader.Read(text, Notice(new DateOnly(2026, 1, 10)));

        s.Reports.Select(x => $"{x.Period} {Iso(x.Date)}").ShouldBe(["Q2 2026-07-10", "Annual 2027-01-10"]);
        s.Reporters.ShouldBe(ReporterRole.LeadUnits);
        s.Diagnostics.ShouldNotContain(d => d.Severity == Severity.Warning);
    }

    [Fact]
    public void ScheduleReader_MonthlyReporting_SaysItIsNotRead()
    {
        string text = "各责任单位于2026年1月31日前将工作方案报区政府办公室。\n各责任单位每月5日前报送上月工作进展情况。";

        var s = ScheduleReader.Read(text, Notice(new DateOnly(2026, 1, 10)));

        s.WorkPlan!.Date.ShouldBe(new DateOnly(2026, 1, 31));
        s.Reports.ShouldBeEmpty();
        s.Diagnostics.ShouldContain(x => x.Code == "schedule-monthly-not-read" && x.Line == 2);
    }

    [Fact]
    public void ScheduleReader_DatesWithoutPeriodWords_GuessesFromMonthWithWarning()
    {
        string text = "各责任单位于2026年4月10日、7月10日前将完成情况报区政府办公室。";

        var s = ScheduleReader.Read(text, Notice(new DateOnly(2026, 1, 4)));

        s.Reports.Select(x => x.Period).ShouldBe([ReportPeriod.Q1, ReportPeriod.Q2]);
        s.Diagnostics.ShouldContain(x => x.Code == "schedule-period-guessed" && x.Severity == Severity.Warning);
    }

    [Fact]
    public void ScheduleReader_DatedSentenceWithoutReporting_Ignored()
    {
        string text = "本通知自2026年2月1日起施行。";

        var s = ScheduleReader.Read(text, Notice(new DateOnly(2026, 1, 4)));

        s.WorkPlan.ShouldBeNull();
        s.Reports.ShouldBeEmpty();
    }

    [Fact]
    public void ScheduleReader_PlanStartsAtPart_DatesInPlanNotRead()
    {
        string text = "各责任单位于1月20日前报送工作方案至区政府办公室。\n附件 1\n一、重点工作\n1. 于2026年6月底前报送季度完成情况。（责任单位：区发改局）\n";
        var part = new NoticePart(1, PartKind.KeyWork, "一、重点工作", null, 3);

        var s = ScheduleReader.Read(text, Notice(new DateOnly(2026, 1, 4)) with { Parts = [part] });

        s.WorkPlan!.Date.ShouldBe(new DateOnly(2026, 1, 20));
        s.Reports.ShouldBeEmpty();
    }

    [Fact]
    public void ScheduleReader_RandomText_NeverThrows()
    {
        const string alphabet = "0123456789０１２３４５６７８９〇一二三四十年月日号底末前之以及和与、，,。；季度第全年半上前每各末结束后个工作日内次首报送至区政府办公室督查室附件：:.1\n \t（）()#*牵头责任单位其它汇总方案清单完成情况";
        var random = new Random(20260104);
        var notice = Notice(new DateOnly(2026, 1, 4));
        for (int i = 0; i < 3000; i++)
        {
            var chars = new char[random.Next(0, 120)];
            for (int k = 0; k < chars.Length; k++)
            {
                chars[k] = random.Next(20) == 0 ? (char)random.Next(0, 0xFFFF) : alphabet[random.Next(alphabet.Length)];
            }

            string text = new(chars);
            Should.NotThrow(() => ScheduleReader.Read(text, notice), text);
        }
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public bool ScheduleReader_ArbitraryString_NeverThrows(string? text)
    {
        var s = ScheduleReader.Read(text ?? string.Empty, Notice(new DateOnly(2026, 1, 4)));
        return s.Reports.Count <= 64;
    }

    [Fact]
    public void ScheduleReader_LongRepetitiveDateText_Finishes()
    {
        string text = string.Concat(Enumerable.Repeat("于2026年4月10日、7月10日、2026115日及每季度末报区政府办公室，", 20_000));

        var s = ScheduleReader.Read(text, Notice(new DateOnly(2026, 1, 4)));

        s.ShouldNotBeNull();
    }

    private static ReportingSchedule ReadSeed(string seed)
    {
        string text = TestPaths.ReadSeed(seed + ".txt");
        return ScheduleReader.Read(text, NoticeParser.Parse(text));
    }

    private static ParsedNotice Notice(DateOnly? signedOn, string? title = Title2026) =>
        new(new NoticeDocument(null, null, title, signedOn, LeadRule.Unstated, signedOn?.Year), [], [], [], []);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Render(Deadline d) =>
        $"{d.Period} {Iso(d.Date)} “{d.Printed}” L{d.Line} {(d.Inferred ? "inferred" : "printed")} → {d.Recipient}";
}
