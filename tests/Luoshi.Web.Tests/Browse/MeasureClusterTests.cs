using Luoshi.Core.Features.Plans;

namespace Luoshi.Web.Tests.Browse;

/// <summary>Which targets the city page puts side by side as one kind.</summary>
public class MeasureClusterTests
{
    [Theory]
    // same words, same unit: one kind
    [InlineData("充电桩", "个", "充电桩", "个", true)]
    // a qualifier inside the longer measure (洪山 writes 机动车)
    [InlineData("新增停车泊位", "个", "新增机动车停车泊位", "个", true)]
    // same verb and head noun, another qualifier (蔡甸 writes 公共泊位)
    [InlineData("新增停车泊位", "个", "新增公共泊位", "个", true)]
    [InlineData("新增学位", "个", "新增义务段学位", "个", true)]
    // another unit of count is another kind
    [InlineData("新增停车泊位", "个", "新增停车泊位", "万个", false)]
    // another head noun is another kind
    [InlineData("新增学位", "个", "新增床位", "个", false)]
    // two characters are too short to say anything
    [InlineData("学位", "个", "新增学位", "个", false)]
    public void MeasureClusters_Pairs_GroupAsExpected(string a, string unitA, string b, string unitB, bool same)
    {
        var map = PlanQueries.MeasureClusters([(a, unitA), (b, unitB)]);
        (map[(a, unitA)] == map[(b, unitB)]).ShouldBe(same);
    }
}
