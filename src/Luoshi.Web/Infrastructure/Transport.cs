using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Transport and keys (issue 14.6), all read from configuration when first needed (so a test host's settings count):
/// forwarded headers (X-Forwarded-For, X-Forwarded-Proto) honoured only from "Luoshi:Proxy:KnownProxies" (addresses) and
/// "Luoshi:Proxy:KnownNetworks" (CIDR), comma-separated, and from nobody when neither is set; cookies Secure on HTTPS
/// requests (SameAsRequest), always with "Luoshi:Transport:HttpsOnly" (which also redirects plain HTTP to HTTPS); HSTS on HTTPS answers; the data-protection keys
/// encrypted with the certificate at "Luoshi:DataProtection:CertificatePath" (PKCS#12, "…:CertificatePassword"). And
/// response compression (issue 16.4): Brotli and gzip for HTML and JSON, "Luoshi:Compression" (default on).
/// </summary>
public static class Transport
{
    public static IServiceCollection AddTransport(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (string p in List(configuration["Luoshi:Proxy:KnownProxies"]))
            {
                o.KnownProxies.Add(IPAddress.Parse(p));
            }

            foreach (string n in List(configuration["Luoshi:Proxy:KnownNetworks"]))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n));
            }

            // Nobody configured: no forwarded header is believed (an empty list would mean "believe everyone").
            o.ForwardedHeaders = o.KnownProxies.Count + o.KnownIPNetworks.Count > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            o.ForwardLimit = 1;
        });

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IConfiguration>((c, configuration) =>
            c.Cookie.SecurePolicy = Secure(configuration));
        services.AddOptions<AntiforgeryOptions>().Configure<IConfiguration>((o, configuration) => o.Cookie.SecurePolicy = Secure(configuration));
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
            o.ExcludedHosts.Clear(); // also an intranet name such as "localhost" behind the proxy
        });

        services.AddOptions<KeyManagementOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            if (CertificateKeyEncryptor.Load(configuration) is { } cert)
            {
                o.XmlEncryptor = new CertificateKeyEncryptor(cert);
            }
        });

        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // antiforgery tokens differ on every answer, so compression does not leak them (BREACH)
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return services;
    }

    /// <summary>The middleware, in order: compression (outermost), forwarded headers, HSTS.</summary>
    public static void UseTransport(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue("Luoshi:Compression", true))
        {
            // Pages that may show a password (sign-in, password change, the accounts' pages and API with initial passwords)
            // are sent uncompressed: no compressed answer carries a password next to text an attacker could choose (BREACH;
            // docs/security.md). The middleware reads Accept-Encoding when the request arrives, so it is dropped before.
            app.Use((ctx, next) =>
            {
                string path = ctx.Request.Path.Value ?? string.Empty;
                if (path.StartsWith("/Account", StringComparison.OrdinalIgnoreCase) || path.Contains("/accounts", StringComparison.OrdinalIgnoreCase))
                {
                    ctx.Request.Headers.AcceptEncoding = default;
                }

                return next(ctx);
            });
            app.UseResponseCompression();
        }

        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // HTTPS only: a plain request (not forwarded as HTTPS by a known proxy) is sent to the same address over HTTPS.
        if (app.Configuration.GetValue("Luoshi:Transport:HttpsOnly", false))
        {
            app.Use((ctx, next) =>
            {
                if (ctx.Request.IsHttps)
                {
                    return next(ctx);
                }

                var r = ctx.Request;
                ctx.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
                ctx.Response.Headers.Location = "https://" + r.Host.Host + r.PathBase + r.Path + r.QueryString;
                return Task.CompletedTask;
            });
        }
    }

    private static CookieSecurePolicy Secure(IConfiguration configuration) =>
        configuration.GetValue("Luoshi:Transport:HttpsOnly", false) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    private static string[] List(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
