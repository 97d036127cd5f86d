using DocumentFormat.OpenXml.Spreadsheet;
using Luoshi.Core.Features.Forms;
using Luoshi.Parsing.Lists;

namespace Luoshi.Core.Tests.Forms;

/// <summary>The three lists as printable sheets: title row, widths by content, landscape, header repeated, one page wide.</summary>
public sealed class ListWorkbookTests
{
    private static readonly ListTable Matrix = new(
        "责任清单",
        ["部分", "序号", "任务内容", "区发展和改革局", "区住房和城市更新局"],
        [
            ["重点工作", "1", "推进长江新区建设，全年完成固定资产投资增长 8%。", "牵头", ""],
            ["民生实事", "88", "新增机动车停车泊位 1 万个。", "配合", "牵头"],
        ]);

    [Fact]
    public void List_TitleHeadersRowsAndWidths()
    {
        using var book = new Workbook(FormWorkbooks.List("江岸区2026年责任清单", Matrix));
        book.ValidationErrors().ShouldBeEmpty();
        book.SheetNames.ShouldBe(["责任清单"]);
        const string s = "责任清单";
        book.Text(s, "A1").ShouldBe("江岸区2026年责任清单");
        book.Merges(s).ShouldContain("A1:E1");
        book.RowTexts(s, 2, 5).ShouldBe(["部分", "序号", "任务内容", "区发展和改革局", "区住房和城市更新局"]);
        book.RowTexts(s, 3, 5).ShouldBe(["重点工作", "1", "推进长江新区建设，全年完成固定资产投资增长 8%。", "牵头", null]);
        book.RowTexts(s, 4, 5).ShouldBe(["民生实事", "88", "新增机动车停车泊位 1 万个。", "配合", "牵头"]);

        var widths = book.Sheet(s).GetFirstChild<Columns>()!.Elements<Column>().Select(c => c.Width!.Value).ToList();
        widths[0].ShouldBe(10, "重点工作: four CJK characters (8) and 2 of air");
        widths[1].ShouldBe(6, "a number: the narrowest column");
        widths[2].ShouldBe(44, "the item's text: wide and wrapped");
        widths[3].ShouldBe(9, "a unit column: its name wrapped over two lines (7 characters → 7 units a line) and 2 of air");
        widths[4].ShouldBe(11);
    }

    [Fact]
    public void List_PrintsLandscapeOnePageWideWithTheHeaderRowRepeated()
    {
        using var book = new Workbook(FormWorkbooks.List("江岸区2026年责任清单", Matrix));
        var sheet = book.Sheet("责任清单");
        var setup = sheet.GetFirstChild<PageSetup>()!;
        setup.Orientation!.Value.ShouldBe(OrientationValues.Landscape);
        setup.PaperSize!.Value.ShouldBe(9U, "A4");
        setup.FitToWidth!.Value.ShouldBe(1U);
        setup.FitToHeight!.Value.ShouldBe(0U, "as many pages down as needed");
        sheet.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value.ShouldBeTrue();
        book.DefinedNames.ShouldContain(n => n.Name == "_xlnm.Print_Titles" && n.Text.EndsWith("$2:$2", StringComparison.Ordinal));
    }

    [Fact]
    public void List_FormulaLookingTextStaysText()
    {
        var table = new ListTable("时间清单", ["事项", "截止日期", "报送单位", "报送对象", "原文"], [["=1+1", "2026-04-10", "各责任单位", "区政府办公室", "4月10日前"]]);
        using var book = new Workbook(FormWorkbooks.List("江岸区2026年时间清单", table));
        book.Text("时间清单", "A3").ShouldBe("=1+1");
        book.Cell("时间清单", "A3")!.CellFormula.ShouldBeNull();
    }
}
