namespace Luoshi.Parsing.Tests;

/// <summary>Jiang'an states each part's count in its heading ("（共 131 项）"); the reader checks itself against it.</summary>
public class DeclaredCountTests
{
    private const string JiangAn = "000_4e4f19e7498f2113.txt";

    [Fact]
    public void JiangAn_Parsed_EveryPartMatchesItsDeclaredCount()
    {
        var notice = NoticeParser.Parse(TestPaths.ReadSeed(JiangAn));
        notice.Parts.Select(p => p.DeclaredCount).ShouldBe([6, 131, 6, 41]);
        foreach (var part in notice.Parts)
        {
            notice.Items.Count(i => i.Part == part.Index).ShouldBe(part.DeclaredCount!.Value);
        }

        notice.Diagnostics.ShouldNotContain(d => d.Code == "declared-count-mismatch");
    }

    [Fact]
    public void JiangAn_OneItemRemoved_ReportsTheMismatchOnThePartHeading()
    {
        // Remove key work item 88 and its unit line: the part still declares 131.
        var lines = TestPaths.ReadSeed(JiangAn).Split('\n').ToList();
        int at = lines.FindIndex(l => l.StartsWith("88. ", StringComparison.Ordinal));
        at.ShouldBeGreaterThan(0);
        int unitLine = lines.FindIndex(at, l => l.StartsWith("责任单位", StringComparison.Ordinal));
        lines.RemoveRange(at, unitLine - at + 1);

        var notice = NoticeParser.Parse(string.Join('\n', lines));
        var keyWork = notice.Parts.Single(p => p.Kind == PartKind.KeyWork);
        notice.Items.Count(i => i.Part == keyWork.Index).ShouldBe(130);
        var d = notice.Diagnostics.Single(x => x.Code == "declared-count-mismatch");
        d.Line.ShouldBe(keyWork.Line);
        d.Severity.ShouldBe(Severity.Error);
        d.Message.ShouldContain("131");
        d.Message.ShouldContain("130");
        notice.Diagnostics.ShouldContain(x => x.Code == "numbering-gap");
    }
}
