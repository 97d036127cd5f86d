using DocumentFormat.OpenXml.Spreadsheet;
using Luoshi.Core.Features.Forms;

namespace Luoshi.Core.Tests.Forms;

/// <summary>What every generated workbook must satisfy: valid OpenXml, print set-up, text kept as text, sheet names Excel accepts.</summary>
public sealed class WorkbookRulesTests
{
    public static TheoryData<string> WorkbookNames => ["jiangan", "hongshan-plan", "hongshan-report", "progress", "scores"];

    internal static byte[] Build(string name) => name switch
    {
        "jiangan" => FormWorkbooks.JianganWorkPlan(2026, Samples.JianganRows()),
        "hongshan-plan" => FormWorkbooks.HongshanWorkPlan(2026, Samples.HongshanRows()),
        "hongshan-report" => FormWorkbooks.HongshanQuarterReport("区总工会", 2026, "二季度", [new("28", "开展职工心理关爱活动", "完成 30 场", "无", "区总工会")]),
        "progress" => FormWorkbooks.PlanProgress("2026年洪山区目标任务推进情况", OfficeTableTests.ProgressRows()),
        "scores" => FormWorkbooks.Scores("2026年度目标任务考评得分", OfficeTableTests.ScoreRows()),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(WorkbookNames))]
    public void EveryWorkbook_PassesTheOpenXmlValidator(string name)
    {
        using var book = new Workbook(Build(name));
        book.ValidationErrors().ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(WorkbookNames))]
    public void EveryWorkbook_A4LandscapeOnePageWide_HeaderRowRepeated_TitleBoldAndMergedAcrossTheTable(string name)
    {
        using var book = new Workbook(Build(name));
        for (int i = 0; i < book.SheetNames.Count; i++)
        {
            string sheet = book.SheetNames[i];
            var ws = book.Sheet(sheet);
            var setup = ws.GetFirstChild<PageSetup>()!;
            setup.PaperSize!.Value.ShouldBe(9U, "A4");
            setup.Orientation!.Value.ShouldBe(OrientationValues.Landscape);
            setup.FitToWidth!.Value.ShouldBe(1U);
            ws.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value.ShouldBeTrue();

            int headerRow = name is "progress" or "scores" ? 2 : 3;
            book.DefinedNames.ShouldContain(d => d.Name == "_xlnm.Print_Titles" && d.SheetIndex == (uint)i && d.Text == $"'{sheet}'!${headerRow}:${headerRow}");

            int columns = ws.GetFirstChild<Columns>()!.Elements<Column>().Count();
            book.Merges(sheet).ShouldContain($"A1:{Workbook.ColumnName(columns)}1");
            var title = book.Cell(sheet, "A1")!;
            book.FontOf(title).Bold.ShouldNotBeNull();
            book.StyleOf(title).Alignment!.Horizontal!.Value.ShouldBe(HorizontalAlignmentValues.Center);
            book.FontOf(book.Cell(sheet, $"A{headerRow}")!).Bold.ShouldNotBeNull();
            book.StyleOf(book.Cell(sheet, $"B{headerRow + 1}")!).Alignment!.WrapText!.Value.ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://example.com\",\"点击\")")]
    [InlineData("+86 027 1234")]
    [InlineData("-1+2")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("=1+1")]
    public void FormulaLookingValue_StoredAsQuotePrefixedTextNotAFormula(string value)
    {
        ReportRow[] rows = [new(value, value, value, "正常文本", "区甲局")];
        using var book = new Workbook(FormWorkbooks.HongshanQuarterReport("区甲局", 2026, "一季度", rows));

        foreach (var reference in (string[])["A4", "B4", "C4"])
        {
            var cell = book.Cell("区甲局", reference)!;
            cell.CellFormula.ShouldBeNull();
            cell.DataType!.Value.ShouldBe(CellValues.SharedString);
            book.Text("区甲局", reference).ShouldBe(value);
            (book.StyleOf(cell).QuotePrefix?.Value ?? false).ShouldBeTrue();
        }

        book.Sheet("区甲局").Descendants<CellFormula>().ShouldBeEmpty();
        (book.StyleOf(book.Cell("区甲局", "D4")!).QuotePrefix?.Value ?? false).ShouldBeFalse("plain text keeps the plain style");
    }

    [Fact]
    public void FormulaLookingUnitName_InTitleAndSheetName_StaysText()
    {
        ReportRow[] rows = [new("1", "甲", "完成", "无", "=cmd|' /C calc'!A0")];
        using var book = new Workbook(FormWorkbooks.HongshanQuarterReport(2026, "一季度", rows));

        string sheet = book.SheetNames.Single();
        sheet.ShouldBe("=cmd|' _C calc'!A0");
        book.Text(sheet, "A1").ShouldBe("=cmd|' /C calc'!A0一季度工作目标完成情况表");
        (book.StyleOf(book.Cell(sheet, "A1")!).QuotePrefix?.Value ?? false).ShouldBeTrue();
        book.ValidationErrors().ShouldBeEmpty();
    }

    [Fact]
    public void SeveralUnits_SheetNamesValidUniqueAndAtMost31Characters_TitlesKeepFullNames()
    {
        string longName = "武汉市江岸区人民政府办公室督查室（区政务服务和大数据管理局）综合科";
        string[] units =
        [
            longName,
            longName + "二",
            "区[发展]改革:局*?/\\",
            "区发改局",
            "区发改局 ",
            "History",
            "'区科技局'",
        ];
        var rows = units.Select((u, i) => new ReportRow((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "事项", "完成", "无", u)).ToList();
        using var book = new Workbook(FormWorkbooks.HongshanQuarterReport(2026, "三季度", rows));

        var names = book.SheetNames;
        names.Count.ShouldBe(units.Length);
        names.ShouldAllBe(n => n.Length >= 1 && n.Length <= 31);
        names.ShouldAllBe(n => n.IndexOfAny(new[] { '[', ']', ':', '*', '?', '/', '\\' }) < 0);
        names.ShouldAllBe(n => !n.StartsWith('\'') && !n.EndsWith('\''));
        names.Select(n => n.ToUpperInvariant()).Distinct().Count().ShouldBe(units.Length);
        names[0].ShouldBe(longName[..31]);
        names[1].ShouldBe(longName[..28] + "(2)");
        names[2].ShouldBe("区_发展_改革_局____");
        names[3].ShouldBe("区发改局");
        names[4].ShouldBe("区发改局(2)");
        names[5].ShouldNotBe("History");
        names[6].ShouldBe("区科技局");

        book.Text(names[1], "A1").ShouldBe(longName + "二三季度工作目标完成情况表");
        book.Text(names[2], "A1").ShouldBe("区[发展]改革:局*?/\\三季度工作目标完成情况表");
        book.ValidationErrors().ShouldBeEmpty();
    }

    [Fact]
    public void ChineseText_RareCharactersAndLineBreaksIntact_ControlCharactersDropped()
    {
        // 𪚥 is outside the BMP (a surrogate pair); 「」﹝﹞ and full-width digits are as the units type them.
        string progress = "完成「𪚥」项目１２个﹝含续建﹞\r\n第二行\u0001\u000b";
        ReportRow[] rows = [new("１", "责任事项：甲", progress, "  前后空格保留  ", "区甲局")];
        using var book = new Workbook(FormWorkbooks.HongshanQuarterReport("区甲局", 2026, "一季度", rows));

        book.Text("区甲局", "A4").ShouldBe("１");
        book.Text("区甲局", "C4").ShouldBe("完成「𪚥」项目１２个﹝含续建﹞\n第二行");
        book.Text("区甲局", "D4").ShouldBe("  前后空格保留  ");
        book.ValidationErrors().ShouldBeEmpty();
    }

    [Fact]
    public void OverlongText_CutToExcelsCellLimit()
    {
        string huge = new('文', 40_000);
        ReportRow[] rows = [new("1", "甲", huge, "无", "区甲局")];
        using var book = new Workbook(FormWorkbooks.HongshanQuarterReport("区甲局", 2026, "一季度", rows));

        string text = book.Text("区甲局", "C4")!;
        text.Length.ShouldBe(32_767);
        text[^1].ShouldBe('…');
    }
}
