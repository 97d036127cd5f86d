using Luoshi.Web.Features.Work;

namespace Luoshi.Web.Tests.Work;

/// <summary>How the evidence lists print a file's size: a file of a few bytes once read "0 KB" on the lead's co-unit table.</summary>
public sealed class WorkLabelsTests
{
    [Theory]
    [InlineData(0L, "0 字节")]
    [InlineData(37L, "37 字节")]
    [InlineData(1023L, "1023 字节")]
    [InlineData(1024L, "1 KB")]
    [InlineData(12_800L, "12.5 KB")]
    [InlineData(3_355_443L, "3.2 MB")]
    public void Size_SmallFilesInBytes_LargerInKbAndMb(long bytes, string expected) => WorkLabels.Size(bytes).ShouldBe(expected);
}
