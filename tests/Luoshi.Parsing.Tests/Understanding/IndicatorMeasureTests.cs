using Luoshi.Parsing.Indicators;

namespace Luoshi.Parsing.Tests.Understanding;

/// <summary>
/// The measure of a target: the words before the number, less the leading verbs (力争, 确保, 全年, 实现 …) and the tail of
/// sense words (达到, 总量, 控制在 …), however many stand there. Expected values worked out by hand from those two word lists.
/// </summary>
public class IndicatorMeasureTests
{
    [Fact]
    public void Read_LeadVerbAndSenseWord_CutFromTheMeasure()
    {
        var target = IndicatorReader.Read("力争新增停车泊位达到500个。").ShouldHaveSingleItem();
        target.Measure.ShouldBe("新增停车泊位");
        target.Value.ShouldBe(500m);
        target.Unit.ShouldBe("个");
        target.Sense.ShouldBe(IndicatorSense.Target);
        // The printed span starts after the leading verb, not after the sense word.
        target.Printed.ShouldBe("新增停车泊位达到500个");
        target.Start.ShouldBe(2);
    }

    [Fact]
    public void Read_SeveralLeadingVerbs_AllCut()
    {
        var target = IndicatorReader.Read("确保全年实现新增就业岗位达到1万个").ShouldHaveSingleItem();
        target.Measure.ShouldBe("新增就业岗位");
        target.Value.ShouldBe(10000m);
        target.Printed.ShouldBe("新增就业岗位达到1万个");
        target.Start.ShouldBe(6);
    }

    [Fact]
    public void Read_TailOfSeveralSenseWords_CutWhole()
    {
        // 规模 + 总量 + 达到: the whole tail goes, leaving 城市.
        var target = IndicatorReader.Read("城市规模总量达到30万人。").ShouldHaveSingleItem();
        target.Measure.ShouldBe("城市");
        target.Value.ShouldBe(300000m);
        target.Unit.ShouldBe("人");
        target.Printed.ShouldBe("城市规模总量达到30万人");
    }

    [Fact]
    public void Read_ThreeCharacterSenseWordInTheTail_CutWithTheWordBeforeIt()
    {
        // 总量 + 控制在 (three characters): 年排放 stays; 以内 makes it a ceiling.
        var target = IndicatorReader.Read("年排放总量控制在100吨以内。").ShouldHaveSingleItem();
        target.Measure.ShouldBe("年排放");
        target.Sense.ShouldBe(IndicatorSense.AtMost);
        target.Printed.ShouldBe("年排放总量控制在100吨以内");
    }

    [Fact]
    public void Read_SenseWordInsideTheMeasure_Kept()
    {
        // 增加 stands inside the measure, not at its end: only the tail 达到 is cut.
        var target = IndicatorReader.Read("增加绿地面积的项目达到12个").ShouldHaveSingleItem();
        target.Measure.ShouldBe("增加绿地面积的项目");
    }
}
