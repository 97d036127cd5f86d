namespace Luoshi.Parsing.Tests;

/// <summary>Inputs the fuzz test once broke the reader with, kept as regular tests.</summary>
public class FuzzRegressionTests
{
    [Theory]
    [InlineData(654, "full-width digits in the signing date threw FormatException in int.Parse (\\d matches them)")]
    [InlineData(665, "same: 202６年 in the signature date")]
    [InlineData(1723, "same, another seed")]
    [InlineData(2874, "same: 20２6年")]
    public void Parse_FormerlyFailingFuzzCase_KeepsInvariants(int fuzzCase, string reason)
    {
        string text = FuzzTests.DamagedCase(fuzzCase);

        var notice = Should.NotThrow(() => NoticeParser.Parse(text), reason);

        Invariants.Check(text, notice);
    }

    [Theory]
    [InlineData("20２６年1月5日", "2026-01-05", "full-width digits mixed into the year")]
    [InlineData("２０２６年１月１５日", "2026-01-15", "a date written wholly in full-width digits")]
    [InlineData("2026年2月30日", "", "an impossible date is not a date")]
    public void Parse_SignatureDate_ReadsAsciiAndFullWidthDigits(string dateLine, string expected, string reason)
    {
        string text = $"区人民政府办公室关于印发方案的通知\n\n区人民政府办公室\n\n{dateLine}\n";

        var notice = NoticeParser.Parse(text);

        (notice.Document.SignedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)
            .ShouldBe(expected, reason);
    }
}
