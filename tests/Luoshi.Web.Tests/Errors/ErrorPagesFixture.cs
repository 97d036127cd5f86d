using Luoshi.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Errors;

/// <summary>
/// One seeded application for the error page tests, with a test-only fault filter: a page or endpoint asked for with
/// ?fault=throw throws an exception whose message must not reach anyone, and ?fault=403 (or another status) answers
/// with that bare status, as a page's own refusal would.
/// </summary>
public sealed class ErrorPagesFixture : IDisposable
{
    public const string SecretMessage = "secret-fault-detail-7f3a";

    private readonly LuoshiWebFactory _base;
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lock = new(1, 1);

    public ErrorPagesFixture()
    {
        _base = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        Factory = _base.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.Configure<MvcOptions>(o => o.Filters.Add(new Faults()))));
        _ = Factory.Server;
    }

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<HttpClient> ClientAsync(string userName)
    {
        await _lock.WaitAsync();
        try
        {
            if (!_clients.TryGetValue(userName, out var client))
            {
                client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
                var r = await LuoshiWebFactory.SignInAsync(client, userName, Infrastructure.DemoData.DemoPassword);
                r.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, "sign-in as " + userName);
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

        Factory.Dispose();
        _base.Dispose();
        _lock.Dispose();
    }

    private sealed class Faults : IAsyncResourceFilter
    {
        public Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
        {
            // Not on the error page itself, which is re-executed with the same query string.
            string? fault = context.HttpContext.Request.Path.StartsWithSegments("/Errors", StringComparison.Ordinal)
                ? null : context.HttpContext.Request.Query["fault"].ToString();
            if (fault == "throw")
            {
                throw new InvalidOperationException(SecretMessage);
            }

            if (int.TryParse(fault, System.Globalization.CultureInfo.InvariantCulture, out int status))
            {
                context.Result = new StatusCodeResult(status);
                return Task.CompletedTask;
            }

            return next();
        }
    }
}
