using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Luoshi.Core.Data;
using Xunit.Abstractions;

namespace Luoshi.Web.Tests;

/// <summary>Issue 14.6 (transport and keys) and 16.4 (response compression).</summary>
public partial class TransportTests(ITestOutputHelper output)
{
    private static IEnumerable<string> Cookies(HttpResponseMessage r) => r.Headers.TryGetValues("Set-Cookie", out var v) ? v : [];

    private static HttpClient Plain(LuoshiWebFactory factory, string address)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    [Fact]
    public async Task BehindAKnownProxy_ForwardedHttps_GivesSecureCookiesAndHsts_AnUnknownSenderIsNotBelieved()
    {
        using var factory = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        factory.Settings["Luoshi:Proxy:KnownProxies"] = "10.9.9.9";
        factory.Settings["Luoshi:Proxy:KnownNetworks"] = "172.30.0.0/16";

        foreach (string proxy in new[] { "10.9.9.9", "172.30.4.5" })
        {
            using var viaProxy = Plain(factory, proxy);
            viaProxy.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            viaProxy.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.77");
            var r = await viaProxy.GetAsync("/Account/Login");
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            Cookies(r).ShouldContain(c => c.StartsWith("luoshi.csrf=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
            r.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=31536000");
        }

        using var spoofer = Plain(factory, "10.8.8.8");
        spoofer.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        spoofer.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.78");
        var spoofed = await spoofer.GetAsync("/Account/Login");
        Cookies(spoofed).ShouldContain(c => c.StartsWith("luoshi.csrf=", StringComparison.Ordinal));
        Cookies(spoofed).ShouldNotContain(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        spoofed.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();

        // The sign-in guard sees the forwarded client address from the proxy, and the real one from anybody else.
        using var viaProxyClient = TestClientAddress.From(factory, "10.9.9.9");
        viaProxyClient.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.79");
        await LuoshiWebFactory.SignInAsync(viaProxyClient, "nobody.here", "x");
        using var direct = TestClientAddress.From(factory, "10.8.8.8");
        direct.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.80");
        await LuoshiWebFactory.SignInAsync(direct, "nobody.here", "x");
        factory.WithDb(db => db.SignInFailures.Select(f => f.Client).OrderBy(c => c).ToList()).ShouldBe(["10.8.8.8", "198.51.100.79"]);
    }

    [Fact]
    public async Task SignInOverHttps_AuthCookieSecure_HttpsOnlyRedirectsPlainHttp_PermissionsPolicySent()
    {
        using var factory = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        var https = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(https, "/Account/Login");
        var signedIn = await https.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "admin", ["password"] = Infrastructure.DemoData.DemoPassword, ["__RequestVerificationToken"] = token,
        }));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Cookies(signedIn).ShouldContain(c => c.StartsWith("luoshi.auth=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        signedIn.Headers.GetValues("Permissions-Policy").Single().ShouldContain("camera=()");

        using var plain = Plain(factory, "192.0.2.1");
        var http = await plain.GetAsync("/Account/Login");
        Cookies(http).ShouldNotContain(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        using var strict = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        strict.Settings["Luoshi:Transport:HttpsOnly"] = "true";
        using var plainStrict = Plain(strict, "192.0.2.1");
        var redirected = await plainStrict.GetAsync("/Account/Login?returnUrl=%2FAccounts");
        redirected.StatusCode.ShouldBe(HttpStatusCode.PermanentRedirect);
        redirected.Headers.Location!.ToString().ShouldBe("https://localhost/Account/Login?returnUrl=%2FAccounts");
        var strictHttps = strict.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        Cookies(await strictHttps.GetAsync("/Account/Login")).ShouldContain(c => c.StartsWith("luoshi.csrf=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task DataProtectionKeys_WithACertificate_AreStoredEncrypted_AndStillWork()
    {
        string pfx = Path.Combine(Path.GetTempPath(), "luoshi-tests", Guid.NewGuid().ToString("N") + ".pfx");
        Directory.CreateDirectory(Path.GetDirectoryName(pfx)!);
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Luoshi data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, cert.Export(X509ContentType.Pfx, "pfx-pass"));
        }

        using var plainFactory = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        using (await plainFactory.SignedInClientAsync("admin"))
        {
            plainFactory.WithDb(db => db.DataProtectionKeys.Select(k => k.Xml).ToList()).ShouldContain(x => x!.Contains("unencrypted form", StringComparison.Ordinal));
        }

        using var factory = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        factory.Settings["Luoshi:DataProtection:CertificatePath"] = pfx;
        factory.Settings["Luoshi:DataProtection:CertificatePassword"] = "pfx-pass";
        using var client = await factory.SignedInClientAsync("admin");
        (await client.GetAsync("/Accounts")).StatusCode.ShouldBe(HttpStatusCode.OK); // the cookie reads back with the key
        var keys = factory.WithDb(db => db.DataProtectionKeys.Select(k => k.Xml).ToList());
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(x => x!.Contains("certificateEncryptedKey") && x.Contains("CertificateKeyDecryptor") && !x.Contains("unencrypted form"));
    }

    [Fact]
    public async Task Compression_SupervisionPageAndDashboardJson_BrotliAndGzip_DecodeToTheSameContent_AndOffByConfiguration()
    {
        using var factory = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        using var office = await factory.SignedInClientAsync("jiangan.office");
        foreach (string url in new[] { "/Supervision?district=jiangan", "/Dashboard?district=jiangan", "/api/districts/jiangan/dashboard" })
        {
            var sizes = new Dictionary<string, long>();
            var texts = new Dictionary<string, string>();
            foreach (string encoding in new[] { "identity", "gzip", "br" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
                var r = await office.SendAsync(request);
                r.StatusCode.ShouldBe(HttpStatusCode.OK);
                (r.Content.Headers.ContentEncoding.SingleOrDefault() ?? "identity").ShouldBe(encoding);
                r.Headers.Vary.ShouldContain("Accept-Encoding");
                byte[] body = await r.Content.ReadAsByteArrayAsync();
                sizes[encoding] = body.LongLength;
                texts[encoding] = Antiforgery().Replace(System.Text.Encoding.UTF8.GetString(Decode(encoding, body)), "TOKEN");
            }

            output.WriteLine($"{url}: identity {sizes["identity"]} B, gzip {sizes["gzip"]} B, br {sizes["br"]} B");
            sizes["gzip"].ShouldBeLessThan(sizes["identity"] / 3);
            sizes["br"].ShouldBeLessThan(sizes["identity"] / 3);
            // The same page or JSON once decoded (the antiforgery token of the layout's forms differs on every answer).
            texts["gzip"].ShouldBe(texts["identity"]);
            texts["br"].ShouldBe(texts["identity"]);
            if (url.StartsWith("/api", StringComparison.Ordinal))
            {
                using var json = System.Text.Json.JsonDocument.Parse(texts["identity"]);
                json.RootElement.ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Object);
            }
            else
            {
                texts["identity"].ShouldContain("江岸区");
            }
        }

        // Pages that may carry a password (sign-in, password change, account notices) are sent uncompressed (docs/security.md, BREACH).
        foreach (string url in new[] { "/Account/Login", "/Account/Password" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
            var r = await office.SendAsync(request);
            r.Content.Headers.ContentEncoding.ShouldBeEmpty(url);
        }

        using var off = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        off.Settings["Luoshi:Compression"] = "false";
        using var offClient = await off.SignedInClientAsync("jiangan.office");
        using var req = new HttpRequestMessage(HttpMethod.Get, "/Supervision?district=jiangan");
        req.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        (await offClient.SendAsync(req)).Content.Headers.ContentEncoding.ShouldBeEmpty();
    }

    private static byte[] Decode(string encoding, byte[] body)
    {
        if (encoding == "identity")
        {
            return body;
        }

        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br"
            ? new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial System.Text.RegularExpressions.Regex Antiforgery();
}
