using System.Text;

namespace Luoshi.Documents.Tests;

/// <summary>The one CSV writer (the CLI's lists, the web's scores): BOM, CRLF, RFC 4180 quoting, formulas guarded.</summary>
public class CsvWriterTests
{
    [Theory]
    [InlineData("=SUM(A1:A9)", "\"'=SUM(A1:A9)\"")]
    [InlineData("+86 27 1234", "\"'+86 27 1234\"")]
    [InlineData("-5%", "\"'-5%\"")]
    [InlineData("@cmd", "\"'@cmd\"")]
    [InlineData("\t=1+1", "\"'\t=1+1\"")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    public void Field_StartingLikeAFormula_GetsAnApostropheAndQuotes(string value, string written)
    {
        CsvWriter.RunsAsFormula(value).ShouldBeTrue();
        CsvWriter.Field(value).ShouldBe(written);
        CsvWriter.Field(value, CsvQuoting.All).ShouldBe(written);
    }

    [Theory]
    [InlineData("区发改局", "区发改局")]
    [InlineData("", "")]
    [InlineData("6%左右", "6%左右")]
    [InlineData("a=b", "a=b")]
    [InlineData("甲,乙", "\"甲,乙\"")]
    [InlineData("说\"明\"", "\"说\"\"明\"\"\"")]
    [InlineData("一行\n二行", "\"一行\n二行\"")]
    [InlineData("一行\r\n二行", "\"一行\r\n二行\"")]
    public void Field_QuotedOnlyWhenRfc4180AsksForIt(string value, string written)
    {
        CsvWriter.RunsAsFormula(value).ShouldBeFalse();
        CsvWriter.Field(value).ShouldBe(written);
    }

    [Fact]
    public void Field_QuotingAll_QuotesEveryField()
    {
        CsvWriter.Field("77").ShouldBe("77");
        CsvWriter.Field("77", CsvQuoting.All).ShouldBe("\"77\"");
        CsvWriter.Field(string.Empty, CsvQuoting.All).ShouldBe("\"\"");
    }

    [Fact]
    public void Bytes_ByteOrderMark_ThenCrlfAfterEveryRecord()
    {
        byte[] bytes = CsvWriter.Bytes([["名次", "单位"], ["1", "=HYPERLINK(\"x\")"]]);

        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).ShouldBe("名次,单位\r\n1,\"'=HYPERLINK(\"\"x\"\")\"\r\n");
    }
}
