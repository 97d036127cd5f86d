using Luoshi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Luoshi.Migrations.Postgres;

/// <summary>Lets dotnet-ef build the context for PostgreSQL without the web host or a server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LuoshiDb>
{
    public LuoshiDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<LuoshiDb>();
        DatabaseSetup.Configure(options, DatabaseProvider.Postgres, "Host=localhost;Database=luoshi_design;Username=luoshi;Password=design");
        return new LuoshiDb(options.Options);
    }
}
