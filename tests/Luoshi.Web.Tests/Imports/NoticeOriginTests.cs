using Luoshi.Core.Features.Imports;

namespace Luoshi.Web.Tests.Imports;

/// <summary>NoticeOrigin on its own (Core, no database): which issuers and 文号 name another government than the district.</summary>
public sealed class NoticeOriginTests
{
    [Theory]
    [InlineData("江岸区", "武汉市江岸区人民政府办公室", "岸政办〔2026〕1号")]
    [InlineData("江岸区", "江岸区人民政府办公室", "岸政办〔2026〕1号")]
    [InlineData("江岸区", "区人民政府办公室", null)]
    [InlineData("洪山区", "武汉市洪山区人民政府办公室", "洪政办〔2026〕1号")]
    [InlineData("蔡甸区", null, "蔡政办〔2026〕1号")]
    [InlineData("某县", "某县人民政府办公室", "某政办〔2026〕2号")]
    [InlineData("江岸区", null, null)]
    public void SameDistrict_NotFlagged(string district, string? issuer, string? number) =>
        NoticeOrigin.Flag(district, issuer, number).ShouldBeNull();

    [Fact]
    public void OtherDistrictOfTheSameCity_FlaggedByIssuer()
    {
        string? flag = NoticeOrigin.Flag("江岸区", "武汉市武昌区人民政府办公室", "武政办〔2026〕1号");
        flag.ShouldBe("发文机关“武汉市武昌区人民政府办公室”不是江岸区：该通知似乎来自武昌区。请核对后再发布。");
    }

    [Fact]
    public void County_FlaggedByIssuer()
    {
        string? flag = NoticeOrigin.Flag("江岸区", "湖北省秭归县人民政府办公室", "秭政办〔2026〕3号");
        flag.ShouldNotBeNull();
        flag.ShouldContain("秭归县");
        flag.ShouldStartWith("发文机关“湖北省秭归县人民政府办公室”不是江岸区");
    }

    [Fact]
    public void City_FlaggedByIssuer()
    {
        NoticeOrigin.Flag("江岸区", "武汉市人民政府办公厅", null)
            .ShouldBe("发文机关“武汉市人民政府办公厅”不是江岸区：该通知似乎来自武汉市。请核对后再发布。");
    }

    [Fact]
    public void OtherCode_FlaggedByNumberWhenTheIssuerSaysNothing()
    {
        NoticeOrigin.Flag("江岸区", "区人民政府办公室", "武政办〔2026〕1号")
            .ShouldBe("文号“武政办〔2026〕1号”的代字“武”不是江岸区的简称：该通知似乎来自其他政府。请核对后再发布。");
    }
}
