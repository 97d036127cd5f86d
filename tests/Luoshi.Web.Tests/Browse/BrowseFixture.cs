using Luoshi.Core.Data;

namespace Luoshi.Web.Tests.Browse;

/// <summary>
/// One seeded web application per provider, shared by every browse test of a class (seeding takes
/// seconds). The browse tests only read, except the markup test, which removes what it adds.
/// Signed-in clients are cached per account: signing in is slow (password hashing).
/// </summary>
public abstract class BrowseFixture : IDisposable
{
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lock = new(1, 1);

    protected BrowseFixture(DatabaseProvider provider)
    {
        Factory = new LuoshiWebFactory(provider);
        _ = Factory.Server;
    }

    public LuoshiWebFactory Factory { get; }

    public async Task<HttpClient> ClientAsync(string userName)
    {
        await _lock.WaitAsync();
        try
        {
            if (!_clients.TryGetValue(userName, out var client))
            {
                client = await Factory.SignedInClientAsync(userName);
                _clients[userName] = client;
            }

            return client;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        foreach (var c in _clients.Values)
        {
            c.Dispose();
        }

        _lock.Dispose();
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteBrowseFixture() : BrowseFixture(DatabaseProvider.Sqlite);

public sealed class PostgresBrowseFixture() : BrowseFixture(DatabaseProvider.Postgres);
