using Luoshi.Parsing.Text;
using Luoshi.Parsing.Units;

namespace Luoshi.Parsing.Tests;

/// <summary>Table-driven cases for the small recognisers, one reason per row.</summary>
public class RecogniserTests
{
    [Theory]
    [InlineData("1. 地区生产总值增长6%", "ArabicDot", "1", 1, "arabic number with a half-width full stop")]
    [InlineData("12、推进城市更新", "ArabicDot", "12", 12, "two digits with the enumeration comma")]
    [InlineData("１．推进城市更新", "ArabicDot", "１", 1, "full-width digit and full-width full stop; token kept as printed")]
    [InlineData("1﹒推进城市更新", "ArabicDot", "1", 1, "the small full stop ﹒ some offices type")]
    [InlineData("21.65岁以上老人体检", "", "", 0, "21.65 reads as a decimal unless the caller knows item 21 is due")]
    [InlineData("1.7万人次", "", "", 0, "a decimal number is not a numbering")]
    [InlineData("1，推进城市更新", "ArabicDot", "1", 1, "a comma after the number is accepted when Han text follows")]
    [InlineData("1，2，3", "", "", 0, "a list of numbers is not a numbering")]
    [InlineData("0. 开篇", "", "", 0, "items never start at zero")]
    [InlineData("2026年全区经济社会发展", "", "", 0, "a year is not a numbering")]
    [InlineData("1234. 第一千余项", "", "", 0, "four digits are too many for an item number")]
    [InlineData("1", "", "", 0, "a bare digit has no content after it")]
    [InlineData("（一）坚持转型闯关", "ParenChinese", "（一）", 1, "full-width brackets around a Chinese numeral")]
    [InlineData("(十二)推进改革", "ParenChinese", "(十二)", 12, "half-width brackets, numeral with 十")]
    [InlineData("（ 三 ）推进改革", "ParenChinese", "（ 三 ）", 3, "spaces inside the brackets are tolerated")]
    [InlineData("（1）全县地区生产总值", "ParenArabic", "（1）", 1, "arabic number in brackets")]
    [InlineData("（１２）新增学位", "ParenArabic", "（１２）", 12, "full-width arabic number in brackets")]
    [InlineData("（百）推进改革", "", "", 0, "百 is beyond the numerals a plan uses")]
    [InlineData("一、2026年主要预期目标", "ChineseComma", "一", 1, "a part heading")]
    [InlineData("二十一、其他事项", "ChineseComma", "二十一", 21, "a two-place Chinese numeral")]
    [InlineData("一是加强组织领导", "", "", 0, "“一是” opens a sentence, not a heading")]
    [InlineData("第一部分 主要预期目标", "ChineseComma", "第一部分", 1, "a part written as an ordinal is a part heading")]
    [InlineData("第十二部分：其他", "ChineseComma", "第十二部分", 12, "an ordinal part with a colon")]
    [InlineData("第一季度完成", "", "", 0, "an ordinal that is not 部分 is running text")]
    [InlineData("第一、第二季度", "", "", 0, "ordinals in running text are not numbering")]
    public void NumberingReader_TryRead_ReadsTheToken(string line, string style, string token, int value, string reason)
    {
        bool ok = NumberingReader.TryRead(line, out var n);

        ok.ShouldBe(style.Length > 0, reason);
        if (ok)
        {
            n.Style.ToString().ShouldBe(style, reason);
            n.Token.ShouldBe(token, reason);
            n.Value.ShouldBe(value, reason);
        }
    }

    [Theory]
    [InlineData("一", 1, "a single numeral")]
    [InlineData("九", 9, "the last single numeral")]
    [InlineData("十", 10, "十 alone is ten")]
    [InlineData("十二", 12, "十 then a unit")]
    [InlineData("二十", 20, "tens without units")]
    [InlineData("二十三", 23, "tens and units")]
    [InlineData("九十九", 99, "the largest two-place numeral")]
    [InlineData("", -1, "nothing is no number")]
    [InlineData("百", -1, "百 is not read")]
    [InlineData("一二", -1, "two units without 十 are not a numeral")]
    [InlineData("十十", -1, "十 twice is malformed")]
    [InlineData("二十三四", -1, "more than three characters is too long")]
    [InlineData("〇", -1, "〇 is not used in numbering")]
    public void Chars_ChineseNumeralValue_ReadsUpToNinetyNine(string s, int expected, string reason) =>
        Chars.ChineseNumeralValue(s).ShouldBe(expected, reason);

    [Theory]
    [InlineData("区发改局、区商务局", "区发改局|区商务局", "the enumeration comma splits units")]
    [InlineData("区发改局，区财政局；区商务局", "区发改局|区财政局|区商务局", "commas and semicolons split groups of units")]
    [InlineData("区发改局,区财政局;区商务局", "区发改局|区财政局|区商务局", "half-width separators too")]
    [InlineData("珞南、狮子山、和平街道等", "珞南街道|狮子山街道|和平街道", "a shared suffix is distributed and the trailing 等 dropped")]
    [InlineData("区房管局、长丰、古田、汉水街道", "区房管局|长丰街道|古田街道|汉水街道", "the suffix goes only to the bare names before it")]
    [InlineData("青山镇、石门乡", "青山镇|石门乡", "a name with its own ending does not borrow the next suffix")]
    [InlineData("团区委、关山街道办事处", "团区委|关山街道办事处", "a short organ name (…委) is a unit, not a bare place")]
    [InlineData("区妇联、区科协、花山街道", "区妇联|区科协|花山街道", "short names ending in 联 or 协 are units")]
    [InlineData("区委办、梨园、和平街道", "区委办|梨园街道|和平街道", "the suffix still goes to the bare places after an organ")]
    [InlineData("区商务局等", "区商务局", "a trailing 等 is dropped")]
    [InlineData("区直各部门等单位", "区直各部门", "a trailing 等单位 is dropped")]
    [InlineData("区司法局及区人民政府其他部门", "区司法局|区人民政府其他部门", "及 between two units splits them")]
    [InlineData("各街乡(含洪山经济开发区管委会, 下同)", "各街乡", "an in-place “含…下同” definition is removed from the name")]
    [InlineData("武汉航空新材料产业发展研究院〈以下简称“武航院”〉", "武汉航空新材料产业发展研究院", "a “以下简称” definition is removed")]
    [InlineData("各街道含中法生态城管委会、蔡甸经济开发区管委会、消泗乡,下同", "各街道", "an unbracketed 含…下同 definition is one piece")]
    [InlineData("蔡甸经济开发区管委会〈山街道〉区发展和改革局", "蔡甸经济开发区管委会〈山街道〉|区发展和改革局", "two units glued without a separator are split")]
    [InlineData("区财政局〈区国资局〉、区委〈区政府〉办公室", "区财政局〈区国资局〉|区委〈区政府〉办公室", "second names in angle brackets are kept")]
    [InlineData("县发改局(粮食局)、县统计局", "县发改局(粮食局)|县统计局", "a second name in parentheses is kept")]
    [InlineData("各县（市、区）人民政府", "各县（市、区）人民政府", "a 、 inside brackets does not split")]
    [InlineData("区政府办（金融）", "区政府办（金融）", "a qualifier in brackets belongs to the name")]
    [InlineData("  区发改局 。", "区发改局", "stray spaces and a full stop are trimmed")]
    [InlineData("", "", "an empty list names nobody")]
    [InlineData("区发改局 区财政局 区商务局", "区发改局|区财政局|区商务局", "units separated by spaces only, every piece a whole unit")]
    [InlineData("区经济信息化和科 技创新局", "区经济信息化和科技创新局", "a name broken by a space is not split: 区经济信息化和科 is no unit")]
    [InlineData("区住房和城乡建设局等有关部门", "区住房和城乡建设局|有关部门", "a named unit and “the others” are two mentions")]
    public void UnitListReader_Read_SplitsAndNamesUnits(string content, string expected, string reason)
    {
        var read = UnitListReader.Read(content, "责任单位", 1);

        string.Join("|", read.Mentions.Select(m => m.Name)).ShouldBe(expected, reason);
        read.Mentions.ShouldAllBe(m => m.Label == "责任单位");
    }

    [Fact]
    public void UnitListReader_Read_RecordsInPlaceDefinitions()
    {
        var read = UnitListReader.Read("各街乡(含洪山经济开发区管委会, 下同)、武汉航空新材料产业发展研究院〈以下简称“武航院”〉", "责任单位", 7);

        read.Definitions.Count.ShouldBe(2);
        read.Definitions[0].ShouldBe(new InPlaceDefinition(DefinitionKind.Includes, "各街乡", ["洪山经济开发区管委会"], 7), new DefinitionComparer());
        read.Definitions[1].Kind.ShouldBe(DefinitionKind.ShortName);
        read.Definitions[1].Values.ShouldBe(["武航院"]);
    }

    [Theory]
    [InlineData("（牵头单位：区发改局）", 0, "a bracketed clause starts at its bracket")]
    [InlineData("推进工作。（牵头单位：A；责任单位：B）", 5, "an inline clause starts at its bracket after the text")]
    [InlineData("责任单位：区发展和改革局", 0, "a separate 责任单位 line")]
    [InlineData("推进工作。责任单位：区商务局", 5, "a label after a full stop starts a clause without a bracket")]
    [InlineData("[牵头单位：县发改局(粮食局)]", 0, "square brackets, used when names hold parentheses")]
    [InlineData("【牵头单位：县文旅局】", 0, "black lenticular brackets")]
    [InlineData("〈牵头责任单位：区发改局；协同责任单位：区统计局〉", 0, "angle brackets with the longer labels")]
    [InlineData("(牵头单位:区经信和科创局;责任单位:区商务局", 0, "half-width colon and an unclosed bracket")]
    [InlineData("完成时限：2026年12月底", 0, "a deadline alone opens a clause at the line start")]
    [InlineData("牵头负责领导：王志刚", 0, "a leader alone opens a clause at the line start")]
    [InlineData("推进工作。完成时限：6月", -1, "a deadline alone in running text is not a clause")]
    [InlineData("各牵头单位要加强统筹", -1, "a label word without a colon is prose")]
    [InlineData("强化非牵头单位：协同", -1, "a label inside a word is not at a boundary")]
    [InlineData("", -1, "an empty line has no clause")]
    public void ClauseLabels_FindClauseStart_FindsTheClause(string line, int expected, string reason) =>
        ClauseLabels.FindClauseStart(line).ShouldBe(expected, reason);

    [Theory]
    [InlineData("责任单位：区发改局（牵头）、区财政局", "区发改局", "区财政局", "a “（牵头）” marker in a responsible list makes that unit the lead")]
    [InlineData("责任单位：区发改局(牵头),区财政局", "区发改局", "区财政局", "half-width marker and comma")]
    [InlineData("牵头单位：区发改局；责任单位：区财政局、区商务局", "区发改局", "区财政局|区商务局", "the ordinary labelled form")]
    [InlineData("牵头负责领导：王志刚；牵头单位：市发改委；完成时限：2026年12月底", "市发改委", "", "leader and deadline labels beside units")]
    public void ClauseReader_Read_SortsUnitsIntoRoles(string clause, string lead, string responsible, string reason)
    {
        var content = ClauseReader.Read(clause, 1, []);

        string.Join("|", content.Lead.Select(m => m.Name)).ShouldBe(lead, reason);
        string.Join("|", content.Responsible.Select(m => m.Name)).ShouldBe(responsible, reason);
    }

    [Theory]
    [InlineData("  地区生产总值  增长  ", "地区生产总值增长", "runs of spaces between Han characters are removed, edges trimmed")]
    [InlineData("区经济信息化和科 技创新局", "区经济信息化和科技创新局", "a page-break space inside a name is removed")]
    [InlineData("增长 6%左右", "增长 6%左右", "a space between Han and a digit stays, folded to one")]
    [InlineData("增长   6%", "增长 6%", "runs of spaces fold to one")]
    [InlineData("全\u3000年", "全年", "the ideographic space counts as white space")]
    [InlineData("a\u200Bb", "ab", "zero-width characters are dropped")]
    [InlineData("line\nbreak", "line break", "a line break is white space")]
    [InlineData("平合建设", "平合建设", "typos are kept as printed")]
    [InlineData("", "", "empty stays empty")]
    [InlineData(" \t ", "", "white space only folds to nothing")]
    public void TextRules_Fold_RepairsOnlyLayout(string input, string expected, string reason) =>
        TextRules.Fold(input).ShouldBe(expected, reason);

    private sealed class DefinitionComparer : IEqualityComparer<InPlaceDefinition>
    {
        public bool Equals(InPlaceDefinition? x, InPlaceDefinition? y) =>
            x is not null && y is not null && x.Kind == y.Kind && x.Name == y.Name && x.Line == y.Line && x.Values.SequenceEqual(y.Values);

        public int GetHashCode(InPlaceDefinition obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
