using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Core.Features.Notifications;

/// <summary>
/// Hosts the product may send to although they are internal (a messenger gateway inside the agency's network), from the
/// configuration "Notifications:Webhook:AllowedHosts" (a list of host names or IP addresses, compared without case).
/// </summary>
public sealed class OutboundPolicy(IEnumerable<string> allowedHosts)
{
    public const string Section = "Notifications:Webhook:AllowedHosts";

    /// <summary>No exceptions: internal addresses are all refused.</summary>
    public static OutboundPolicy Strict { get; } = new([]);

    public IReadOnlySet<string> AllowedHosts { get; } = allowedHosts.Select(h => h.Trim().TrimStart('[').TrimEnd(']'))
        .Where(h => h.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static OutboundPolicy From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var hosts = section.GetChildren().Select(c => c.Value).Concat([section.Value])
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries));
        return new OutboundPolicy(hosts);
    }

    public bool Allows(string host) => AllowedHosts.Contains(host.TrimStart('[').TrimEnd(']'));

    public bool Allows(IPAddress address) =>
        AllowedHosts.Contains(address.ToString()) || (address.IsIPv4MappedToIPv6 && AllowedHosts.Contains(address.MapToIPv4().ToString()));
}

/// <summary>Refused: the address is internal (loopback, private, link-local, multicast, unspecified) and not allowed.</summary>
public sealed class OutboundAddressRefusedException(string host, IPAddress? address)
    : IOException($"Outbound address refused: {host}{(address is null ? "" : " (" + address + ")")}")
{
    public string Host { get; } = host;

    public IPAddress? Address { get; } = address;

    /// <summary>The refusal for the office, in Chinese.</summary>
    public string Chinese => OutboundAddress.RefusalMessage(Host, Address);
}

/// <summary>
/// Which addresses the product may send to (SSRF protection for the webhook and any other outbound address): http or https
/// only, and never to an internal address unless it is on the <see cref="OutboundPolicy"/> allow-list. The address is
/// checked after name resolution, at send time, by the connection itself (<see cref="CreateHandler"/>): the socket connects
/// to the very addresses that were checked, so a name that resolves differently the second time (DNS rebinding) gains nothing.
/// </summary>
public static class OutboundAddress
{
    /// <summary>
    /// The check for a form that saves an address: null when it may be saved, else why not (in Chinese). Odd spellings of an
    /// IP address (http://0x7f000001, http://2130706433, http://127.1) are read by <see cref="Uri"/> as the address they
    /// mean. A host name passes here; it is checked again after resolution when something is sent.
    /// </summary>
    public static string? Check(Uri? uri, OutboundPolicy? policy = null)
    {
        if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "消息推送地址应为以 http:// 或 https:// 开头的完整网址。";
        }

        policy ??= OutboundPolicy.Strict;
        string host = uri.IdnHost;
        if (policy.Allows(host))
        {
            return null;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return RefusalMessage(host, IPAddress.Loopback);
        }

        return IPAddress.TryParse(host.TrimStart('[').TrimEnd(']'), out var address) && IsInternal(address) && !policy.Allows(address)
            ? RefusalMessage(host, address)
            : null;
    }

    /// <summary>The refusal for the office, in Chinese.</summary>
    public static string RefusalMessage(string host, IPAddress? address) =>
        $"消息推送地址 {host}{(address is null || address.ToString() == host.TrimStart('[').TrimEnd(']') ? "" : "（" + address + "）")} 是本机或内部网络地址，不允许发送；"
        + $"如确需发往内部的消息网关，请由系统管理员将其加入配置 {OutboundPolicy.Section}。";

    /// <summary>
    /// Loopback, unspecified, private (10/8, 172.16/12, 192.168/16, 100.64/10 shared, fc00::/7), link-local (169.254/16,
    /// fe80::/10), multicast, broadcast and reserved addresses, also written as IPv4-mapped, IPv4-compatible or NAT64 IPv6.
    /// </summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            byte[] b = address.GetAddressBytes();
            bool zero96 = b.Take(10).All(x => x == 0);
            if (address.IsIPv4MappedToIPv6 || (zero96 && b[10] == 0 && b[11] == 0) || IsNat64(b))
            {
                // ::ffff:a.b.c.d, ::a.b.c.d (also :: and ::1), 64:ff9b::a.b.c.d: the IPv4 address inside decides.
                return IsInternalV4(b.AsSpan(12).ToArray());
            }

            return IPAddress.IsLoopback(address)
                || address.Equals(IPAddress.IPv6None)
                || (b[0] & 0xFE) == 0xFC // fc00::/7 unique local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) // fe80::/10 link-local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) // fec0::/10 site-local (deprecated)
                || b[0] == 0xFF; // ff00::/8 multicast
        }

        return address.AddressFamily != AddressFamily.InterNetwork || IsInternalV4(address.GetAddressBytes());
    }

    private static bool IsNat64(byte[] b) =>
        b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.Skip(4).Take(8).All(x => x == 0);

    private static bool IsInternalV4(byte[] b) =>
        b[0] == 0 // 0/8 "this network", 0.0.0.0
        || b[0] == 10
        || b[0] == 127
        || (b[0] == 100 && (b[1] & 0xC0) == 64) // 100.64/10 shared address space
        || (b[0] == 169 && b[1] == 254)
        || (b[0] == 172 && (b[1] & 0xF0) == 16)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 192 && b[1] == 0 && b[2] == 0) // 192.0.0/24 protocol assignments
        || (b[0] == 198 && (b[1] & 0xFE) == 18) // 198.18/15 benchmarking
        || b[0] >= 224; // multicast 224/4, reserved 240/4, broadcast

    /// <summary>
    /// A handler whose every connection resolves the host, refuses it when any of its addresses is internal and not allowed
    /// (<see cref="OutboundAddressRefusedException"/> inside the <see cref="HttpRequestException"/>), and connects to the
    /// addresses it checked. No proxy: a proxy would make the check apply to the proxy instead of the target.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(OutboundPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                string host = context.DnsEndPoint.Host;
                IPAddress[] addresses = IPAddress.TryParse(host.TrimStart('[').TrimEnd(']'), out var literal)
                    ? [literal]
                    : await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
                if (!policy.Allows(host))
                {
                    foreach (var a in addresses)
                    {
                        if (IsInternal(a) && !policy.Allows(a))
                        {
                            throw new OutboundAddressRefusedException(host, a);
                        }
                    }
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }

    /// <summary>Registers the named <see cref="HttpClient"/> with the guarded handler and the policy from configuration.</summary>
    public static IHttpClientBuilder AddGuardedHttpClient(this IServiceCollection services, string name)
    {
        services.AddSingleton(sp => OutboundPolicy.From(sp.GetRequiredService<IConfiguration>()));
        return services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<OutboundPolicy>()));
    }
}
