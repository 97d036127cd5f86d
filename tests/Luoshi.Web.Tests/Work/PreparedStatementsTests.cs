using Luoshi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Work;

/// <summary>
/// On PostgreSQL the app's contexts prepare a statement they send often (DatabaseSetup.PostgresConnection), so that the server
/// plans it once per connection: the filing form's frame query cost more to plan than to run.
/// </summary>
public sealed class PreparedStatementsTests(PostgresWorkFixture fixture) : IClassFixture<PostgresWorkFixture>
{
    [Fact]
    public async Task AQuerySentOften_IsPreparedOnItsConnection()
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
        await db.Database.OpenConnectionAsync();
        try
        {
            for (int k = 0; k < 6; k++)
            {
                (await db.Districts.AsNoTracking().Where(d => d.Code == "jiangan").Select(d => d.Id).ToListAsync()).ShouldHaveSingleItem();
            }

            var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
            prepared.ShouldContain(s => s.Contains("\"Districts\"", StringComparison.Ordinal) && s.Contains("\"Code\"", StringComparison.Ordinal));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
