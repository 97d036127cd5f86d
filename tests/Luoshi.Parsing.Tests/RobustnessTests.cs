using System.Text;

namespace Luoshi.Parsing.Tests;

/// <summary>Bad input gets a clear answer: never a crash, never a hang.</summary>
public class RobustnessTests
{
    [Theory]
    [InlineData("", "an empty file")]
    [InlineData("   \n\t\n\u3000\r\n  ", "white space only")]
    [InlineData("\n\n\n\n", "blank lines only")]
    [InlineData("一、", "a lone part number")]
    [InlineData("（", "a lone bracket")]
    [InlineData("牵头单位：", "a lone label")]
    [InlineData("| 序号 | 任务 | 牵头单位 |\n|---|---|---|\n| 1 | | |", "a table header with an empty template row")]
    [InlineData("序号\n工作任务\n牵头单位\n1", "a flattened table cut after its first number")]
    public void Parse_DegenerateInput_ReturnsWithoutItems(string text, string reason)
    {
        var notice = NoticeParser.Parse(text);

        notice.ShouldNotBeNull(reason);
        notice.Items.ShouldBeEmpty(reason);
        Invariants.Check(text, notice);
    }

    [Fact]
    public void Parse_ClauseNeverClosed_ReadsTheItem()
    {
        string text = "1. 任务（牵头单位：";

        var notice = NoticeParser.Parse(text);

        Invariants.Check(text, notice);
        notice.Items.Single().Text.ShouldBe("任务");
    }

    [Fact]
    public void Parse_EmptyText_SaysNoPlan()
    {
        var notice = NoticeParser.Parse(string.Empty);

        notice.Diagnostics.ShouldContain(d => d.Code == "no-plan");
        notice.Parts.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_BinaryLookingText_ReturnsNoPlan()
    {
        var random = new Random(20260101);
        var sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++)
        {
            sb.Append((char)random.Next(0, 0x10000));
        }

        string text = sb.ToString();
        var notice = NoticeParser.Parse(text);

        Invariants.Check(text, notice);
        notice.Items.Count.ShouldBeLessThan(10);
    }

    [Fact]
    public void Parse_BytesDecodedAsLatin1_ReturnsNoPlan()
    {
        var random = new Random(7);
        byte[] bytes = new byte[100_000];
        random.NextBytes(bytes);
        string text = Encoding.Latin1.GetString(bytes);

        var notice = NoticeParser.Parse(text);

        Invariants.Check(text, notice);
        notice.Items.ShouldBeEmpty();
        notice.Diagnostics.ShouldContain(d => d.Code == "no-plan");
    }

    [Fact]
    public void Parse_TextWithoutPlan_SaysNoPlanAndReadsNoItems()
    {
        string text = "关于做好春节期间安全生产工作的通知\n\n各街道办事处：\n\n一、提高认识。\n\n二、压实责任。\n\n三、加强值守。\n\n区人民政府办公室\n\n2026年1月5日\n";

        var notice = NoticeParser.Parse(text);

        notice.Items.ShouldBeEmpty();
        notice.Diagnostics.ShouldContain(d => d.Code == "no-plan" && d.Severity == Severity.Error);
        notice.Document.SignedOn.ShouldBe(new DateOnly(2026, 1, 5));
    }

    [Fact]
    public void Parse_TwentyMegabytes_CompletesWithSaneCounts()
    {
        string[] seeds = [.. new[] { "000_4e4f19e7498f2113.txt", "001_b07d873149f44e2f.txt", "002_4ba397864c4b7ffe.txt" }
            .Select(TestPaths.ReadSeed)];
        var sb = new StringBuilder(21 * 1024 * 1024);
        int copies = 0;
        while (sb.Length < 20 * 1024 * 1024)
        {
            sb.Append(seeds[copies % seeds.Length]).Append('\n');
            copies++;
        }

        string text = sb.ToString();
        var notice = NoticeParser.Parse(text);

        Invariants.Check(text, notice);
        notice.Items.Count.ShouldBeGreaterThan(0);
        notice.Items.Count.ShouldBeLessThanOrEqualTo(copies * 203);
    }

    [Fact]
    public void Parse_LongerThanMaxLength_ReadsThePrefixAndSaysSo()
    {
        string text = new string('字', NoticeParser.MaxLength + 10);

        var notice = NoticeParser.Parse(text);

        notice.Diagnostics.ShouldContain(d => d.Code == "input-truncated");
    }

    [Fact]
    public void Parse_OneVeryLongLine_Returns()
    {
        string text = "1. " + string.Concat(Enumerable.Repeat("推进（牵头单位：区发改局、", 50_000));

        var notice = NoticeParser.Parse(text);

        Invariants.Check(text, notice);
    }
}
