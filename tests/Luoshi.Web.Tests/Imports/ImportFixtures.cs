using Luoshi.Core.Data;

namespace Luoshi.Web.Tests.Imports;

/// <summary>One web app per provider for all the import tests of a class (seeding the three districts takes seconds).</summary>
public abstract class ImportFixture : IDisposable
{
    protected ImportFixture(DatabaseProvider provider)
    {
        Factory = new LuoshiWebFactory(provider);
        _ = Factory.Server;
    }

    public LuoshiWebFactory Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteImportFixture() : ImportFixture(DatabaseProvider.Sqlite);

public sealed class PostgresImportFixture() : ImportFixture(DatabaseProvider.Postgres);
