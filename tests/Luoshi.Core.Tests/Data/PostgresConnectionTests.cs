using Luoshi.Core.Data;

namespace Luoshi.Core.Tests.Data;

/// <summary>The PostgreSQL connection string the app uses prepares frequent statements, unless the operator set it otherwise.</summary>
public sealed class PostgresConnectionTests
{
    [Fact]
    public void WithoutMaxAutoPrepare_TheAppsDefaultIsAdded()
    {
        DatabaseSetup.PostgresConnection("Host=db1;Database=luoshi;Username=luoshi;Password=x;")
            .ShouldBe("Host=db1;Database=luoshi;Username=luoshi;Password=x;Max Auto Prepare=" + DatabaseSetup.AutoPreparedStatements);
    }

    [Theory]
    [InlineData("Host=db1;Database=luoshi;Max Auto Prepare=0")]
    [InlineData("Host=db1;Database=luoshi;MaxAutoPrepare=10")]
    [InlineData("Host=db1;Database=luoshi;max auto prepare=3")]
    public void TheOperatorsOwnValue_IsKept(string given)
    {
        DatabaseSetup.PostgresConnection(given).ShouldBe(given);
    }
}
