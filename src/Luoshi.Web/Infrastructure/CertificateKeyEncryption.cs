using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// The data-protection keys encrypted at rest with the certificate of "Luoshi:DataProtection:CertificatePath" (PKCS#12,
/// password "…:CertificatePassword"): each key element is sealed with AES-256-GCM under a fresh key, which is wrapped with
/// the certificate's RSA public key (OAEP, SHA-256). Every web instance configured with the same certificate reads the
/// others' keys; without it the stored keys are useless.
/// </summary>
public sealed class CertificateKeyEncryptor(X509Certificate2 certificate) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        using var rsa = certificate.GetRSAPublicKey() ?? throw new InvalidOperationException("数据保护证书不含 RSA 公钥。");
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] nonce = RandomNumberGenerator.GetBytes(12);
        byte[] plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        byte[] cipher = new byte[plain.Length];
        byte[] tag = new byte[16];
        using (var gcm = new AesGcm(key, tag.Length))
        {
            gcm.Encrypt(nonce, plain, cipher, tag);
        }

        var element = new XElement("certificateEncryptedKey",
            new XAttribute("thumbprint", certificate.Thumbprint),
            new XElement("wrappedKey", Convert.ToBase64String(rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA256))),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("data", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(CertificateKeyDecryptor));
    }

    /// <summary>The configured certificate, or null when none is configured.</summary>
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? path = configuration["Luoshi:DataProtection:CertificatePath"];
        return string.IsNullOrWhiteSpace(path)
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(path, configuration["Luoshi:DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
    }
}

/// <summary>Opens what <see cref="CertificateKeyEncryptor"/> sealed, with the configured certificate's private key (made by the data-protection system by type name).</summary>
public sealed class CertificateKeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        using var certificate = CertificateKeyEncryptor.Load(services.GetRequiredService<IConfiguration>())
            ?? throw new InvalidOperationException("数据保护密钥已用证书加密，但未配置 Luoshi:DataProtection:CertificatePath。");
        if (!string.Equals((string?)encryptedElement.Attribute("thumbprint"), certificate.Thumbprint, StringComparison.OrdinalIgnoreCase))
        {
            throw new CryptographicException("数据保护密钥是用另一张证书加密的。");
        }

        using var rsa = certificate.GetRSAPrivateKey() ?? throw new CryptographicException("数据保护证书不含私钥。");
        byte[] key = rsa.Decrypt(Convert.FromBase64String((string)encryptedElement.Element("wrappedKey")!), RSAEncryptionPadding.OaepSHA256);
        byte[] nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        byte[] tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        byte[] cipher = Convert.FromBase64String((string)encryptedElement.Element("data")!);
        byte[] plain = new byte[cipher.Length];
        using (var gcm = new AesGcm(key, tag.Length))
        {
            gcm.Decrypt(nonce, cipher, tag, plain);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
