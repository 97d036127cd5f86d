using Luoshi.Core.Data;

namespace Luoshi.Web.Tests.Security;

/// <summary>
/// The access-control matrix: every endpoint × every role × own / other unit / other district, on SQLite. The table is
/// <see cref="RouteTable"/>; the rules are <see cref="Rules"/>; what a cell asserts is <see cref="MatrixRunner"/>.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed class AccessMatrixTests(MatrixFixture fixture)
{
    public static TheoryData<string, Caller, Scope> Cells()
    {
        var data = new TheoryData<string, Caller, Scope>();
        foreach (var row in RouteTable.Rows)
        {
            foreach (var scope in row.Rule.Scopes)
            {
                foreach (var caller in Enum.GetValues<Caller>())
                {
                    data.Add(row.Key, caller, scope);
                }
            }
        }

        return data;
    }

    [Fact]
    public async Task RouteTable_EveryEndpointOfTheApp_HasARow()
    {
        var endpoints = await EndpointInventory.KeysAsync(fixture.Factory.Services);
        var table = RouteTable.Rows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = endpoints.Where(e => !table.Contains(e)).ToList();
        missing.ShouldBeEmpty("endpoints with no row in Security/RouteTable.cs (add each with its access rule): " + string.Join(", ", missing));
    }

    [Fact]
    public async Task RouteTable_EveryRow_IsAnEndpointOfTheApp()
    {
        var endpoints = await EndpointInventory.KeysAsync(fixture.Factory.Services);
        var stale = RouteTable.Rows.Select(r => r.Key).Where(k => !endpoints.Contains(k)).ToList();
        stale.ShouldBeEmpty("rows of Security/RouteTable.cs for endpoints the app no longer has: " + string.Join(", ", stale));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public Task Matrix_Cell_FollowsItsRule(string route, Caller caller, Scope scope) => MatrixRunner.RunAsync(fixture, route, caller, scope);
}

/// <summary>
/// A subset of the matrix on PostgreSQL: every route, for anonymous callers and for the two roles whose scope is narrowest
/// and widest within a district (Clerk, Office).
/// </summary>
public sealed class AccessMatrixPostgresTests(PostgresMatrixFixture fixture) : IClassFixture<PostgresMatrixFixture>
{
    public static TheoryData<string, Caller, Scope> Cells()
    {
        var data = new TheoryData<string, Caller, Scope>();
        foreach (var (route, caller, scope) in AccessMatrixTests.Cells().Select(c => ((string)c[0], (Caller)c[1], (Scope)c[2])))
        {
            if (caller is Caller.Anonymous or Caller.Clerk or Caller.Office)
            {
                data.Add(route, caller, scope);
            }
        }

        return data;
    }

    [Fact]
    public async Task RouteTable_EveryEndpointOfTheApp_HasARow()
    {
        var endpoints = await EndpointInventory.KeysAsync(fixture.Factory.Services);
        endpoints.Where(e => !RouteTable.Rows.Any(r => r.Key == e)).ShouldBeEmpty();
        fixture.Factory.Provider.ShouldBe(DatabaseProvider.Postgres);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public Task Matrix_Cell_FollowsItsRule(string route, Caller caller, Scope scope) => MatrixRunner.RunAsync(fixture, route, caller, scope);
}
