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
    public void Compose_Body_HasTheFourColumnTableWithTheReplyDate()
    {
        var draft = SupervisionOrderComposer.Compose(Facts);
        draft.Title.ShouldBe("督办单");
        var blocks = OfficialDocumentText.Parse(draft.Body);
        blocks[0].ShouldBeOfType<ParagraphBlock>().Text.ShouldContain("并于2026年7月25日前将办理情况书面反馈江岸区人民政府督查室");
        var table = blocks.OfType<TableBlock>().ShouldHaveSingleItem();
        table.Header.ShouldBe(["督办事项", "责任单位", "办理要求", "反馈时限"]);
        table.Rows.ShouldHaveSingleItem().ShouldBe(
            ["重点工作第88项：新增停车泊位1万个、充电桩5000个（第二季度进度滞后）", "区住房和城市更新局、各街道办事处", "分析滞后原因，制定赶超措施，明确完成时限", "2026年7月25日前"]);
        blocks[^1].ShouldBe(new ParagraphBlock("联系人：张三，82345678"));
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
        body.Elements<Table>().ShouldHaveSingleItem().Elements<TableRow>().Count().ShouldBe(2);
    }
}
