using Luoshi.Core.Data;

namespace Luoshi.Web.Tests.Accounts;

/// <summary>One app over SQLite with the demo data for the account tests (each test uses user names of its own).</summary>
public sealed class AccountsFixture : IAsyncLifetime
{
    public LuoshiWebFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
