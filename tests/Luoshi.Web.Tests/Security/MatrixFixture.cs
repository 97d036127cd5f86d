using Luoshi.Core.Data;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Luoshi.Web.Tests.Security;

/// <summary>A signed-in (or anonymous) browser: its cookies, and the antiforgery token that goes with them.</summary>
public sealed record Session(Caller Caller, HttpClient Client, string Token);

/// <summary>
/// One app and one database for the whole matrix (loading the demo data takes seconds), the targets read from it, and one
/// session per caller, signed in once.
/// </summary>
public class MatrixFixture : IAsyncLifetime
{
    private readonly Dictionary<Caller, Session> _sessions = [];

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public LuoshiWebFactory Factory { get; private set; } = null!;

    public MatrixTargets Targets { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new LuoshiWebFactory(Provider);
        _ = Factory.Server;
        Targets = await MatrixTargets.LoadAsync(Factory);

        // An audit entry of Hongshan's own, for the audit log's filter.
        using var hongshan = await Factory.SignedInClientAsync("hongshan.office");
    }

    public Task DisposeAsync()
    {
        foreach (var s in _sessions.Values)
        {
            s.Client.Dispose();
        }

        Factory.Dispose();
        TestDatabases.Drop(Factory);
        return Task.CompletedTask;
    }

    /// <summary>The caller's shared session.</summary>
    public async Task<Session> SessionAsync(Caller caller)
    {
        if (!_sessions.TryGetValue(caller, out var s))
        {
            s = await NewSessionAsync(caller);
            _sessions[caller] = s;
        }

        return s;
    }

    /// <summary>A session of its own (for a request that ends it).</summary>
    public async Task<Session> NewSessionAsync(Caller caller)
    {
        if (caller == Caller.Anonymous)
        {
            var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            return new Session(caller, client, await LuoshiWebFactory.AntiforgeryTokenAsync(client, "/Account/Login"));
        }

        var signedIn = await Factory.SignedInClientAsync(MatrixTargets.UserName(caller));

        // Every page's layout carries the sign-out form, so the home page gives the caller's token.
        return new Session(caller, signedIn, await LuoshiWebFactory.AntiforgeryTokenAsync(signedIn, "/"));
    }
}

/// <summary>The same matrix on PostgreSQL.</summary>
public sealed class PostgresMatrixFixture : MatrixFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>The tests that share the SQLite matrix's app and database (one seeding for all of them).</summary>
[CollectionDefinition(Name)]
public sealed class MatrixCollection : ICollectionFixture<MatrixFixture>
{
    public const string Name = "Access matrix (SQLite)";
}
