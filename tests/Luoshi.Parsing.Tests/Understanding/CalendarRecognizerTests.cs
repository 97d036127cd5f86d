using System.Globalization;
using Luoshi.Parsing.Calendar;

namespace Luoshi.Parsing.Tests.Understanding;

/// <summary>Table-driven cases for the small recognisers of the calendar: dates, period words, quarterly rules.</summary>
public class CalendarRecognizerTests
{
    private static readonly DateContext Plan2026SignedJan4 = new(2026, new DateOnly(2026, 1, 4));

    public static TheoryData<string, string, string> DateRows => new()
    {
        { "于2026年4月10日前报送", "2026-04-10", "a full date" },
        { "于1月20日前报区人民政府办公室", "2026-01-20", "no year: the notice's year (江岸)" },
        { "于2026年4月10日、7月10日、10月10日及2027年1月10日前", "2026-04-10,2026-07-10,2026-10-10,2027-01-10", "a list sharing its year; a later year printed (江岸)" },
        { "于2026年4月8日、7月8日、10月8日及12月8日前", "2026-04-08,2026-07-08,2026-10-08,2026-12-08", "the year carries through the list (洪山)" },
        { "于4月10日、7月10日、10月10日及1月10日前", "2026-04-10,2026-07-10,2026-10-10,2027-01-10", "a list going backwards rolls into the next year" },
        { "于2026年3月5日、15日前", "2026-03-05,2026-03-15", "a day alone takes the month of the previous date" },
        { "于2026115日前报区政府办公室备案", "2026-01-15", "damaged: 01-15 is the first reading after signing 2026-01-04 (蔡甸)" },
        { "202614日", "2026-01-04", "damaged with one reading only (蔡甸 signature)" },
        { "于2026年115日前", "2026-01-15", "月 lost after a marked year" },
        { "于20264月10日前", "2026-04-10", "年 lost before a marked month" },
        { "于20261215日前", "2026-12-15", "damaged with four digits after the year: 12-15 only" },
        { "于2026年6月底前", "2026-06-30", "month end" },
        { "于2月底前", "2026-02-28", "month end without a year" },
        { "于2026年底前", "2026-12-31", "year end" },
        { "于年底前报送全年工作总结", "2026-12-31", "year end without a year" },
        { "于二〇二六年一月二十日前", "2026-01-20", "Chinese numerals" },
        { "于２０２６年４月１０日前", "2026-04-10", "full-width digits" },
        { "2026 年 1 月 13 日", "2026-01-13", "spaces from a PDF" },
        { "于2026年1月15前", "2026-01-15", "日 lost before 前 still reads one way" },
        { "于12月10日及1月10日前", "2026-12-10,2027-01-10", "January after December is the next year" },
        { "于2026年2月30日前", "", "no such day: not read (a warning says so)" },
        { "将第一、第二、第三季度及全年责任事项完成情况", "", "quarter ordinals are not dates" },
        { "新增1.7万人次，30日内完成", "", "a number with 日 alone is no date" },
        { "于20265日前", "", "too few digits to split into month and day" },
        { "2026年度工作", "", "a year alone is no date" },
    };

    [Theory]
    [MemberData(nameof(DateRows))]
    public void DateRecognizer_Sentence_ReadsDates(string sentence, string expected, string reason)
    {
        var notes = new List<DateNote>();

        var dates = DateRecognizer.Find(sentence, Plan2026SignedJan4, notes).SelectMany(g => g.Dates).Select(d => Iso(d.Date));

        string.Join(",", dates).ShouldBe(expected, reason);
    }

    public static TheoryData<string, string, string, string> DamagedRows => new()
    {
        { "2026115日", "2026-01-04", "2026-01-15", "01-15 is closest after signing" },
        { "2026115日", "2026-06-01", "2026-11-05", "after June only 11-05 follows" },
        { "2026115日", "2026-12-01", "2026-11-05", "no reading after signing: the latest" },
        { "2026年4月10日、2026111日", "2026-01-04", "2026-04-10,2026-11-01", "in a list, measured from the previous date: 11-01, not 01-11" },
    };

    [Theory]
    [MemberData(nameof(DamagedRows))]
    public void DateRecognizer_DamagedDate_ChoosesReadingAndNotes(string sentence, string signedOn, string expected, string reason)
    {
        var notes = new List<DateNote>();
        var context = new DateContext(2026, DateOnly.ParseExact(signedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture));

        var dates = DateRecognizer.Find(sentence, context, notes).SelectMany(g => g.Dates).Select(d => Iso(d.Date));

        string.Join(",", dates).ShouldBe(expected, reason);
        notes.ShouldContain(n => n.Code == "schedule-date-damaged", reason);
    }

    [Fact]
    public void DamagedDates_Ambiguous_ListsEveryReading()
    {
        DamagedDates.Readings(2026, "115", 0, 0).Select(Iso).ShouldBe(["2026-01-15", "2026-11-05"]);
        DamagedDates.Readings(2026, "14", 0, 0).Select(Iso).ShouldBe(["2026-01-04"]);
        DamagedDates.Readings(2026, "111", 0, 0).Select(Iso).ShouldBe(["2026-01-11", "2026-11-01"]);
        DamagedDates.Readings(2026, "230", 0, 0).ShouldBeEmpty();
    }

    [Fact]
    public void DateRecognizer_ImpliedYearBeforeSigning_Warns()
    {
        var notes = new List<DateNote>();

        DateRecognizer.Find("于1月10日前", new DateContext(2026, new DateOnly(2026, 1, 20)), notes);

        notes.ShouldContain(n => n.Code == "schedule-date-before-signing" && n.Severity == Severity.Warning);
    }

    [Fact]
    public void DateRecognizer_NoYearAnywhere_WarnsAndSkips()
    {
        var notes = new List<DateNote>();

        var groups = DateRecognizer.Find("于1月20日前", new DateContext(null, null), notes);

        groups.ShouldBeEmpty();
        notes.ShouldContain(n => n.Code == "schedule-year-unknown");
    }

    public static TheoryData<string, int, string, string> PeriodRows => new()
    {
        { "将第一、第二、第三季度及全年责任事项完成情况", 4, "Q1,Q2,Q3,Annual", "ordinals in order, then the year (江岸)" },
        { "将主要目标任务各季度及全年完成情况", 4, "Q1,Q2,Q3,Annual", "each quarter and the year, four dates (洪山)" },
        { "各季度完成情况", 4, "Q1,Q2,Q3,Q4", "each quarter, four dates" },
        { "一季度、上半年、前三季度及全年工作情况", 4, "Q1,Q2,Q3,Annual", "cumulative periods" },
        { "一至三季度完成情况", 3, "Q1,Q2,Q3", "a range" },
        { "第一、二、三季度完成情况", 3, "Q1,Q2,Q3", "第 once for the list" },
        { "第四季度及全年", 2, "Q4,Annual", "the last quarter and the year apart" },
        { "第２季度", 1, "Q2", "full-width digit" },
        { "2026年度目标的完成情况", 1, "", "a year number with 度 is not the year report" },
        { "完成情况", 2, "", "no period words" },
        { "第一、第二季度", 3, "", "three dates for two periods do not pair" },
    };

    [Theory]
    [MemberData(nameof(PeriodRows))]
    public void PeriodWordReader_Clause_PairsPeriods(string clause, int dates, string expected, string reason)
    {
        var periods = PeriodWordReader.Pair(PeriodWordReader.Read(clause), dates);

        string.Join(",", periods ?? []).ShouldBe(expected, reason);
    }

    public static TheoryData<string, string, string> RuleRows => new()
    {
        { "各牵头单位要在每季度末月底之前,将本季度进展情况报区政府办公室", "Q1 2026-03-31,Q2 2026-06-30,Q3 2026-09-30,Q4 2026-12-31", "quarter's last day (蔡甸)" },
        { "每季末前报送", "Q1 2026-03-31,Q2 2026-06-30,Q3 2026-09-30,Q4 2026-12-31", "short form 每季末" },
        { "每季度最后一个月月底前报送", "Q1 2026-03-31,Q2 2026-06-30,Q3 2026-09-30,Q4 2026-12-31", "spelt out" },
        { "每季度结束后10日内报送", "Q1 2026-04-10,Q2 2026-07-10,Q3 2026-10-10,Q4 2027-01-10", "N days after the quarter" },
        { "每季度结束后5个工作日内报送", "Q1 2026-04-07,Q2 2026-07-07,Q3 2026-10-07,Q4 2027-01-07", "working days, weekends skipped" },
        { "每季度第一个月10日前报送上季度完成情况", "Q1 2026-04-10,Q2 2026-07-10,Q3 2026-10-10,Q4 2027-01-10", "first month of the next quarter" },
        { "每季度首月5日前报送", "Q1 2026-04-05,Q2 2026-07-05,Q3 2026-10-05,Q4 2027-01-05", "首月" },
        { "于每季度结束后次月十日前报送", "Q1 2026-04-10,Q2 2026-07-10,Q3 2026-10-10,Q4 2027-01-10", "次月 with a Chinese numeral" },
        { "自2026年第二季度开始，每季度末报送", "Q2 2026-06-30,Q3 2026-09-30,Q4 2026-12-31", "a later starting quarter" },
        { "自2027年第一季度起，每季度末报送", "Q1 2027-03-31,Q2 2027-06-30,Q3 2027-09-30,Q4 2027-12-31", "the starting year overrides the plan's" },
        { "每月次月5日前报送", "", "monthly, not quarterly" },
        { "每季度通报一次", "", "a circular is no deadline" },
    };

    [Theory]
    [MemberData(nameof(RuleRows))]
    public void QuarterRules_Sentence_GivesDates(string sentence, string expected, string reason)
    {
        var rule = QuarterRules.Find(sentence, 2026);

        string.Join(",", rule?.Dates.Select(x => $"{x.Period} {Iso(x.Date)}") ?? []).ShouldBe(expected, reason);
    }

    public static TheoryData<string, string?, string> RecipientRows => new()
    {
        { "于1月20日前报区人民政府办公室", "区人民政府办公室", "报 + office (江岸)" },
        { "书面报区政府督查室（填写附件1）", "区政府督查室", "督查室 (洪山)" },
        { "以书面及电子版形式报送至区政府督查室", "区政府督查室", "报送至" },
        { "于2026115日前报区政府办公室备案", "区政府办公室", "报…备案 (蔡甸)" },
        { "报区委〈区政府〉办公室", "区委〈区政府〉办公室", "a second name in brackets" },
        { "及时报告推进落实过程中存在的困难", null, "报告 names no office" },
    };

    [Theory]
    [MemberData(nameof(RecipientRows))]
    public void Participants_Sentence_ReadsRecipient(string sentence, string? expected, string reason) =>
        Participants.RecipientOf(sentence, 0).ShouldBe(expected, reason);

    [Theory]
    [InlineData("各责任单位于2026年4月10日前报送", ReporterRole.AllResponsibleUnits)]
    [InlineData("各责任事项牵头单位（责任单位）对照目标任务要求", ReporterRole.LeadUnits)]
    [InlineData("各牵头单位(无牵头单位的,责任单位即为牵头单位,下同)细化任务清单", ReporterRole.LeadUnits)]
    [InlineData("由牵头单位汇总后报送", ReporterRole.LeadUnits)]
    public void Participants_Sentence_ReadsReporters(string sentence, ReporterRole expected) =>
        Participants.SubjectOf(sentence).ShouldBe(expected);

    [Theory]
    [InlineData("其它责任单位将责任落实情况提前报送牵头单位", true)]
    [InlineData("配合单位要向牵头单位报送进展情况", true)]
    [InlineData("各责任单位要树立大局意识，主动作为、积极对接，密切配合牵头单位抓好各项工作落实", false)]
    [InlineData("各牵头单位(无牵头单位的,责任单位即为牵头单位,下同)细化任务清单形成后,于2026115日前报区政府办公室备案", false)]
    public void Participants_Sentence_ReadsCoUnitRule(string sentence, bool expected) =>
        Participants.SaysCoUnitsReportToLead(sentence).ShouldBe(expected);

    [Theory]
    [InlineData("×××（单位）办理工作方案", FormPurpose.WorkPlan)]
    [InlineData("(单位) 区《政府工作报告》办理工作方案 (样表)", FormPurpose.WorkPlan)]
    [InlineData("×××（单位）×季度工作目标完成情况表", FormPurpose.QuarterlyReport)]
    [InlineData("2026 年江岸区政府工作报告目标任务责任分解方案", null)]
    public void FormReader_Title_ReadsPurpose(string title, FormPurpose? expected) =>
        FormReader.PurposeOf(title).ShouldBe(expected);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
