using Luoshi.Core.Features.Work;

namespace Luoshi.Core.Tests.Year;

public class ReportTextTests
{
    [Fact]
    public void Flags_VerbatimRepeat_IgnoringWhitespace()
    {
        var flags = ReportChecks.Flags(new ReportText("已完成立项。正在招标。", "无"), new ReportText("已完成立项。\n正在招标。 ", "无"), [], new HashSet<int>());
        flags.ShouldBe("与上期报告完全相同");
    }

    [Fact]
    public void Flags_MissingNumberAgainstANumericTarget_NamesTheTarget()
    {
        var flags = ReportChecks.Flags(null, new ReportText("推进中。", null), [new TargetRef(1, "新增停车泊位"), new TargetRef(2, "充电桩")], new HashSet<int> { 2 });
        flags.ShouldBe("未填写指标实际值：新增停车泊位");
    }

    [Fact]
    public void Flags_NoneForANewTextWithNumbers()
    {
        ReportChecks.Flags(new ReportText("已完成立项。", null), new ReportText("已完成立项。已开工。", null), [new TargetRef(1, "x")], new HashSet<int> { 1 }).ShouldBeNull();
    }

    [Fact]
    public void Diff_ShowsAddedAndRemovedSentences()
    {
        var d = TextDiff.Compare("完成立项。正在招标。", "完成立项。招标完成；已开工。");
        d.ShouldBe([
            new DiffPiece(DiffKind.Same, "完成立项。"),
            new DiffPiece(DiffKind.Removed, "正在招标。"),
            new DiffPiece(DiffKind.Added, "招标完成；"),
            new DiffPiece(DiffKind.Added, "已开工。"),
        ]);
    }

    [Theory]
    [InlineData("报告.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, true)]
    [InlineData("照片.PNG", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, true)]
    [InlineData("病毒.pdf", new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, false)]
    [InlineData("脚本.exe", new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, false)]
    [InlineData("空.pdf", new byte[0], false)]
    public void Evidence_TypeCheckedByContentAndName(string name, byte[] content, bool ok) =>
        EvidenceTypes.Check(name, content, 1024).Ok.ShouldBe(ok);

    [Fact]
    public void Evidence_TooBigIsRefusedWithTheLimit()
    {
        var r = EvidenceTypes.Check("a.pdf", [.. "%PDF"u8, .. new byte[2000]], 1024);
        r.Ok.ShouldBeFalse();
        r.Failure!.Message.ShouldContain("不能超过");
    }
}
