using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Luoshi.Core.Features.Circulars;

namespace Luoshi.Core.Tests.Circulars;

public class SupervisionOrderComposerTests
{
    internal static readonly SupervisionOrderFacts Facts = new(
        Issuer: "江岸区人民政府督查室",
        OrderNumber: "岸政督〔2026〕5号",
        Unit: "区住房和城市更新局",
        Basis: "江岸区2026年政府工作报告目标任务责任分解方案",
        Tasks:
        [
            new("重点工作第88项：新增停车泊位1万个、充电桩5000个（第二季度进度滞后）", "区住房和城市更新局、各街道办事处", "分析滞后原因，制定赶超措施，明确完成时限"),
        ],
        ReplyBy: new DateOnly(2026, 7, 25),
        Date: new DateOnly(2026, 7, 16),
        Contact: "张三，82345678");

    [Fact]
    public void Compose_Body_IsTheTextAroundTheForm()
    {
        var draft = SupervisionOrderComposer.Compose(Facts);
        draft.Title.ShouldBe("督办单");
        var blocks = OfficialDocumentText.Parse(draft.Body);
        blocks[0].ShouldBeOfType<ParagraphBlock>().Text.ShouldContain("并于2026年7月25日前将办理情况书面反馈江岸区人民政府督查室");
        blocks.OfType<TableBlock>().ShouldBeEmpty("the matters are in the form, not in a table of the text");
    }

    [Fact]
    public void Form_HasTheSixRows_ContactFromTheFactsOrBlanks()
    {
        var form = SupervisionOrderComposer.Form(Facts);
        form.Select(r => r.Label).ShouldBe(["督办事项", "责任单位", "办理要求", "反馈时限", "督办单位", "联系人及电话"]);
        form[0].Value.ShouldBe("重点工作第88项：新增停车泊位1万个、充电桩5000个（第二季度进度滞后）");
        form[1].Value.ShouldBe("区住房和城市更新局、各街道办事处");
        form[3].Value.ShouldBe("2026年7月25日前");
        form[4].Value.ShouldBe("江岸区人民政府督查室");
        form[5].Value.ShouldBe("张三，82345678");
        SupervisionOrderComposer.Form(Facts with { Contact = null })[5].Value.ShouldBe(SupervisionOrderComposer.ContactBlanks);
    }

    [Fact]
    public void ToDocument_TheFormTable_LabelsOnOneLineInANarrowColumn_RowsNeverSplit()
    {
        var doc = SupervisionOrderComposer.ToDocument(Facts with { Contact = null }, SupervisionOrderComposer.Compose(Facts));
        using var docx = WordprocessingDocument.Open(new MemoryStream(OfficialDocumentWriter.WriteDocx(doc)), false);
        var table = docx.MainDocumentPart!.Document!.Body!.Elements<Table>().Where(t => t.GetFirstChild<TableProperties>()?.TablePositionProperties is null).ShouldHaveSingleItem();
        var rows = table.Elements<TableRow>().ToList();
        rows.Select(r => r.Elements<TableCell>().First().InnerText).ShouldBe(SupervisionOrderComposer.Labels);
        rows.ShouldAllBe(r => r.TableRowProperties!.GetFirstChild<CantSplit>() != null);

        int[] grid = [.. table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Select(c => int.Parse(c.Width!.Value!, System.Globalization.CultureInfo.InvariantCulture))];
        grid.Length.ShouldBe(2);
        grid.Sum().ShouldBe(8845, "the text block's 156 mm");
        // 四号 14 pt = 280 twips a character; cell margins 2 × 85 twips: six characters on one line need 1850.
        grid[0].ShouldBeGreaterThanOrEqualTo(6 * 280 + 2 * 85);
        grid[0].ShouldBeLessThan(8 * 280 + 2 * 85, "the label column stays narrow");
        grid[1].ShouldBeGreaterThan(3 * grid[0], "the values get the width");
        rows.ShouldAllBe(r => r.Elements<TableCell>().First().TableCellProperties!.GetFirstChild<NoWrap>() != null);

        // No contact given: blanks to fill by hand, underlined.
        var contact = rows[5].Elements<TableCell>().Last();
        contact.InnerText.ShouldStartWith("联系人：");
        contact.Descendants<Run>().Count(r => r.RunProperties?.Underline?.Val?.Value == UnderlineValues.Single).ShouldBe(2);
    }

    [Fact]
    public void ToDocument_WritesADocxWithRedMarkTitleAddresseeAndTable()
    {
        var doc = SupervisionOrderComposer.ToDocument(Facts, SupervisionOrderComposer.Compose(Facts));
        using var docx = WordprocessingDocument.Open(new MemoryStream(OfficialDocumentWriter.WriteDocx(doc)), false);
        var body = docx.MainDocumentPart!.Document!.Body!;
        var texts = body.Elements<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList();

        texts[0].ShouldBe("江岸区人民政府督查室");
        texts[1].ShouldBe("岸政督〔2026〕5号");
        texts[2].ShouldBe("督办单");
        texts[3].ShouldBe("区住房和城市更新局：");
        texts.ShouldContain("2026年7月16日");
        body.Elements<Table>().Where(t => t.GetFirstChild<TableProperties>()?.TablePositionProperties is null).ShouldHaveSingleItem().Elements<TableRow>().Count().ShouldBe(6);
    }
}
