using Luoshi.Core.Features.Circulars;

namespace Luoshi.Core.Tests.Circulars;

public class OfficialDocumentTextTests
{
    [Theory]
    [InlineData("一、总体情况", typeof(Heading1Block), "Chinese numeral and 、")]
    [InlineData("十二、其他", typeof(Heading1Block), "two numerals")]
    [InlineData("（三）严格按时报送。各单位要…", typeof(Heading2Block), "full-width brackets, run-in text kept")]
    [InlineData("　　一、总体情况", typeof(Heading1Block), "full-width indent typed by the user is trimmed first")]
    [InlineData("(一)半角括号", typeof(ParagraphBlock), "half-width brackets are not the heading form")]
    [InlineData("第一、第二季度均已报送", typeof(ParagraphBlock), "一、 not at the start")]
    [InlineData("1.区发展和改革局：第12项", typeof(ParagraphBlock), "Arabic numbering is body text")]
    [InlineData("**一、加粗**", typeof(ParagraphBlock), "markdown is not markup here")]
    public void Parse_OneLine_IsClassifiedByItsStart(string line, Type expected, string reason)
    {
        var blocks = OfficialDocumentText.Parse(line);
        blocks.Count.ShouldBe(1, reason);
        blocks[0].ShouldBeOfType(expected, reason);
    }

    [Fact]
    public void Parse_BlankLines_SeparateParagraphsAndConsecutiveLinesJoin()
    {
        var blocks = OfficialDocumentText.Parse("根据方案要求，\n现将有关情况通报如下：\n\n\n第二段。\r\nsecond line\r\nwraps here");
        blocks.ShouldBe([new ParagraphBlock("根据方案要求，现将有关情况通报如下："), new ParagraphBlock("第二段。second line wraps here")]);
    }

    [Fact]
    public void Parse_PipeLines_MakeATableWithHeaderTrimmedCellsAndNoSeparatorRow()
    {
        var blocks = OfficialDocumentText.Parse("各部分情况如下：\n| 部分 | 事项数 |\n|---|:---:|\n| 重点工作 |131|\n民生实事 | 41 | 多余\n说明文字。");

        blocks.Count.ShouldBe(3);
        blocks[0].ShouldBe(new ParagraphBlock("各部分情况如下："));
        var table = blocks[1].ShouldBeOfType<TableBlock>();
        table.Header.ShouldBe(["部分", "事项数", string.Empty]);
        table.Rows.Count.ShouldBe(2);
        table.Rows[0].ShouldBe(["重点工作", "131", string.Empty]);
        table.Rows[1].ShouldBe(["民生实事", "41", "多余"]);
        blocks[2].ShouldBe(new ParagraphBlock("说明文字。"));
    }

    [Fact]
    public void Parse_RowStartingLikeAHeadingInsideATable_StaysARow()
    {
        var blocks = OfficialDocumentText.Parse("部分 | 事项数\n一、主要预期目标 | 6\n二、重点工作\n");
        var table = blocks[0].ShouldBeOfType<TableBlock>();
        table.Rows.ShouldHaveSingleItem().ShouldBe(["一、主要预期目标", "6"]);
        blocks[1].ShouldBe(new Heading1Block("二、重点工作"));
    }

    [Fact]
    public void Parse_MarkupLookingText_IsKeptLiterally()
    {
        var blocks = OfficialDocumentText.Parse("<b>x</b> &amp; **y** <w:p/>");
        blocks.ShouldBe([new ParagraphBlock("<b>x</b> &amp; **y** <w:p/>")]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    [InlineData("|---|---|")]
    public void Parse_NothingToShow_GivesNoBlocks(string body) => OfficialDocumentText.Parse(body).ShouldBeEmpty();
}
