namespace Luoshi.Parsing.Tests;

/// <summary>The one public line splitter: where lines end, and that the reader's line numbers index it.</summary>
public class NoticeLinesTests
{
    [Theory]
    [InlineData("a\r\nb", new[] { "a", "b" })]
    [InlineData("a\nb\rc\u2028d\u2029e", new[] { "a", "b", "c", "d", "e" })]
    [InlineData("a\r\rb", new[] { "a", "", "b" })]
    [InlineData("a\n\r\nb", new[] { "a", "", "b" })]
    [InlineData("a\n", new[] { "a", "" })]
    [InlineData("", new[] { "" })]
    [InlineData("\r", new[] { "", "" })]
    [InlineData("  **一、目标**  \u200B", new[] { "  **一、目标**  \u200B" })]
    public void Split_EveryLineEnding_EndsOneLineAndTextStaysAsPrinted(string text, string[] expected)
    {
        NoticeLines.Split(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData(2, 3, new[] { "b", "c" })]
    [InlineData(4, 9, new[] { "d" })]
    [InlineData(5, 6, new string[0])]
    [InlineData(0, 2, new string[0])]
    [InlineData(3, 2, new string[0])]
    public void Lines_ARange_IsThoseLinesOfSplit(int first, int last, string[] expected)
    {
        NoticeLines.Lines("a\r\nb\rc\nd", first, last).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(GoldenTests.Seeds), MemberType = typeof(GoldenTests))]
    public void Seed_ItemFirstLine_IsTheLineWhereItsNumberStands(string seed)
    {
        string text = TestPaths.ReadSeed(seed + ".txt");
        var lines = NoticeLines.Split(text);
        var items = NoticeParser.Parse(text).Items;
        items.ShouldNotBeEmpty();
        foreach (var item in items)
        {
            NoticeLines.Lines(text, item.FirstLine, item.LastLine).ShouldBe(lines.Skip(item.FirstLine - 1).Take(item.LastLine - item.FirstLine + 1));
            lines[item.FirstLine - 1].ShouldContain(item.Number.TrimStart('（', '(').TrimEnd('）', ')'), Case.Sensitive, $"item {item.Number}");
        }
    }
}
