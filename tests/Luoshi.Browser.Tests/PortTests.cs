using System.Net;
using System.Net.Sockets;

namespace Luoshi.Browser.Tests;

/// <summary>The browser tests' server takes a port of its own: the product may run on its README port (5000) beside them.</summary>
public class PortTests
{
    [Fact]
    public async Task BrowserApp_WhilePort5000IsTaken_ListensOnAnotherPortAndServes()
    {
        // Hold 5000 unless something (the product, say) already does; either way it is taken while the app starts.
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            holder.Bind(new IPEndPoint(IPAddress.Loopback, 5000));
            holder.Listen();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
        }

        await using var app = new BrowserApp(seed: false);
        app.StartServer();

        app.BaseAddress.Host.ShouldBe("127.0.0.1");
        app.BaseAddress.Port.ShouldNotBe(5000);
        app.BaseAddress.Port.ShouldNotBe(0);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var login = await http.GetAsync(new Uri("/Account/Login", UriKind.Relative));
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
