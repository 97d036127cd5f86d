using Luoshi.Core.Features.Imports;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Tests.Forms;
using Luoshi.Parsing;
using Luoshi.Parsing.Catalogue;

namespace Luoshi.Core.Tests.Imports;

/// <summary>The draft made from a notice keeps what publishing needs: the calendar the reader found and the header's year.</summary>
public class DraftPlanTests
{
    public static TheoryData<string> Seeds => new("000_4e4f19e7498f2113", "001_b07d873149f44e2f", "002_4ba397864c4b7ffe");

    private static string Seed(string name) => File.ReadAllText(Path.Combine(Samples.RepoRoot, "tests", "seeds", name + ".txt"));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void From_Seed_KeepsTheCalendarAsReadingTheNoticeAgainWouldGiveIt(string seed)
    {
        string text = Seed(seed);
        var draft = DraftPlan.From(NoticeUnderstanding.Understand(text, new CatalogueSet([])), 1999);

        // Stored and loaded again as the draft row holds it, the calendar is the one publishing used to read from the text.
        var kept = DraftPlan.FromJson(draft.ToJson()).Calendar;
        kept.ShouldNotBeNull();
        kept.Deadlines.ShouldNotBeEmpty();
        kept.ToJson().ShouldBe(PlanCalendar.Read(text).ToJson());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void From_Seed_YearIsTheDocumentNumbersAndItemsComeInOrder(string seed)
    {
        string text = Seed(seed);
        var understood = NoticeUnderstanding.Understand(text, new CatalogueSet([]));
        var draft = DraftPlan.From(understood, 1999);

        draft.Year.ShouldBe(2026);
        draft.Items.Select(i => i.Key).ShouldBe(Enumerable.Range(1, understood.Items.Count));
        draft.Items.Select(i => (i.Part, i.Number, i.Text)).ShouldBe(understood.Notice.Items.Select(i => (i.Part, i.Number, i.Text)));
        draft.Items.Select(i => i.Indicators.Count).ShouldBe(understood.Items.Select(x => x.Targets.Count));
    }

    [Fact]
    public void From_NoYearInHeader_TakesTheFallback()
    {
        const string text = "一、重点工作\n1. 建成口袋公园 3 个。（责任单位：区园林局）\n2. 新增停车泊位 100 个。（责任单位：区住房和城市更新局）\n";
        DraftPlan.From(NoticeUnderstanding.Understand(text, new CatalogueSet([])), 2031).Year.ShouldBe(2031);
    }

    [Fact]
    public void FromJson_DraftMadeBeforeTheCalendarWasKept_HasNoCalendar()
    {
        DraftPlan.FromJson("""{"year":2026,"parts":[],"items":[],"diagnostics":[]}""").Calendar.ShouldBeNull();
    }
}
