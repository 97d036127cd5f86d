using static Luoshi.Documents.PdfLayout;

namespace Luoshi.Documents.Tests;

/// <summary>Line and paragraph reconstruction on positioned glyphs, as PdfPig reports them (12 pt, text block 90–505).</summary>
public class PdfLayoutTests
{
    private const double Size = 12;
    private const double Left = 90;
    private const double Right = 505.3;
    private const double PageWidth = 595.3;

    [Fact]
    public void Layout_JustifiedCjkGlyphsSpreadApart_NoSpaceInserted()
    {
        List<Line> lines = PdfLayout.Lines(Cjk("责任单位：区商务局", 700, Left, spacing: 0.5));

        lines.ShouldHaveSingleItem().Text.ShouldBe("责任单位：区商务局");
    }

    [Fact]
    public void Layout_LettersWithGapsButNoSpaceGlyphs_SpacesFromGaps()
    {
        var glyphs = new List<Glyph>();
        double x = Left;
        foreach (string word in new[] { "Page", "one" })
        {
            foreach (char c in word)
            {
                glyphs.Add(new Glyph(c.ToString(), x, x + 6, 700, Size));
                x += 6;
            }

            x += 3.5;
        }

        PdfLayout.Lines(glyphs).ShouldHaveSingleItem().Text.ShouldBe("Page one");
    }

    [Fact]
    public void Layout_DrawnSpacesBetweenCjk_Kept()
    {
        var glyphs = new List<Glyph>
        {
            new("文", Left, Left + 12, 700, Size),
            new(" ", Left + 12, Left + 15, 700, Size),
            new(" ", Left + 15, Left + 18, 700, Size),
            new("号", Left + 18, Left + 30, 700, Size),
        };

        PdfLayout.Lines(glyphs).ShouldHaveSingleItem().Text.ShouldBe("文  号");
    }

    [Fact]
    public void Layout_GapWiderThanOneAndAHalfEm_Tab()
    {
        var glyphs = Cjk("序号", 700, Left).Concat(Cjk("任务", 700, Left + 24 + 30)).ToList();

        PdfLayout.Lines(glyphs).ShouldHaveSingleItem().Text.ShouldBe("序号\t任务");
    }

    [Fact]
    public void Layout_LettersOutOfOrderAndOnTwoBaselines_TwoOrderedLines()
    {
        var glyphs = Cjk("第一行", 700, Left).Concat(Cjk("第二行", 683, Left)).Reverse().ToList();

        PdfLayout.Lines(glyphs).Select(l => l.Text).ShouldBe(["第一行", "第二行"]);
    }

    [Fact]
    public void Compose_LineFilledToRightEdge_JoinedWithNextLine()
    {
        string text = Compose(Page(
            ("7．支持在岸金融总部拓展业务布局，加强持牌类金融机构招引，丰富财", Left + 24),
            ("富管理、基金等业态。", Left),
            ("责任单位：区政府办（金融）", Left + 24)));

        text.ShouldBe("7．支持在岸金融总部拓展业务布局，加强持牌类金融机构招引，丰富财富管理、基金等业态。\n责任单位：区政府办（金融）");
    }

    [Fact]
    public void Compose_FullLineFollowedByIndentedLine_NewParagraph()
    {
        string text = Compose(Page(
            ("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五", Left),
            ("新的段落", Left + 24),
            ("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五", Left),
            ("续行", Left)));

        text.ShouldBe("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五\n新的段落\n"
            + "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五续行");
    }

    [Fact]
    public void Compose_WiderGapThanLinePitch_BlankLine()
    {
        var lines = new List<Line>
        {
            Line("第一段", Left + 24, 700),
            Line("第二段", Left + 24, 700 - 34.5),
            Line("第三段", Left + 24, 700 - 51.75),
        };

        PdfLayout.Compose([new PageLines(lines, 0, PageWidth)], out _).ShouldBe("第一段\n\n第二段\n第三段");
    }

    [Fact]
    public void Compose_ParagraphRunningOnToNextPage_JoinedElseBlankLineBetweenPages()
    {
        PageLines page1 = Page(
            ("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五", Left + 24),
            ("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五", Left),
            ("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五", Left));
        PageLines page2 = Page(("技创新局", Left), ("短行", Left + 24));
        PageLines page3 = Page(("新页新段", Left + 24));

        string text = PdfLayout.Compose([page1, page2, page3], out _);

        text.ShouldEndWith("一二三四五技创新局\n短行\n\n新页新段");
        text.Split('\n').Length.ShouldBe(4);
    }

    [Fact]
    public void Compose_PageNumberLinesApartFromText_Dropped()
    {
        var lines = new List<Line>
        {
            Line("正文第一行", Left + 24, 700),
            Line("正文第二行", Left + 24, 682.75),
            Line("— 3 —", 280, 100),
        };

        PdfLayout.Compose([new PageLines(lines, 0, PageWidth)], out int dropped).ShouldBe("正文第一行\n正文第二行");
        dropped.ShouldBe(1);
    }

    [Fact]
    public void Compose_ShortLinesOnShortPages_NotJoined()
    {
        PdfLayout.Compose([Page(("第一页", Left)), Page(("第三页内容", Left))], out _).ShouldBe("第一页\n\n第三页内容");
    }

    [Fact]
    public void Compose_PageExtentUnknownAndNoEvidenceOfWrapping_NotJoined()
    {
        var one = new PageLines([Line("第一页", Left, 700)]);
        var two = new PageLines([Line("第三页内容", Left, 700)]);

        PdfLayout.Compose([one, two], out _).ShouldBe("第一页\n\n第三页内容");
    }

    /// <summary>CJK glyphs one em wide, with extra spacing (in em) as justification adds.</summary>
    private static List<Glyph> Cjk(string s, double v, double x, double spacing = 0)
    {
        var glyphs = new List<Glyph>();
        foreach (char c in s)
        {
            glyphs.Add(new Glyph(c.ToString(), x, x + Size, v, Size));
            x += Size * (1 + spacing);
        }

        return glyphs;
    }

    /// <summary>A line of CJK text set solid from <paramref name="start"/>; 35 characters from the left edge fill the block.</summary>
    private static Line Line(string text, double start, double v)
    {
        double end = Math.Min(start + (text.Length * Size), Right);
        return new Line(text, start, end, v, Size, Size);
    }

    /// <summary>Lines at single spacing (1.4375 em, as LibreOffice sets Noto CJK), top down.</summary>
    private static PageLines Page(params (string Text, double Start)[] lines)
    {
        var result = new List<Line>();
        double v = 760;
        foreach ((string text, double start) in lines)
        {
            result.Add(Line(text, start, v));
            v -= Size * 1.4375;
        }

        return new PageLines(result, 0, PageWidth);
    }

    private static string Compose(PageLines page) => PdfLayout.Compose([page], out _);
}
