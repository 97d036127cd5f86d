using Luoshi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Luoshi.Migrations.Sqlite;

/// <summary>Lets dotnet-ef build the context for SQLite without the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LuoshiDb>
{
    public LuoshiDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<LuoshiDb>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new LuoshiDb(options.Options);
    }
}
