namespace Luoshi.Core.Features.Notifications;

/// <summary>
/// The address people reach the system at ("Luoshi:PublicAddress", e.g. https://luoshi.jiangan.gov.cn/), from which the links
/// in messages are made absolute. Not set: the links stay paths (/Work/…), which a mail client cannot open.
/// </summary>
public sealed record PublicAddress(Uri? Base)
{
    public const string Key = "Luoshi:PublicAddress";

    public static PublicAddress From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? text = configuration[Key]?.Trim();
        return new PublicAddress(Parse(text));
    }

    /// <summary>An http(s) address without query or fragment; anything else is not an address (null).</summary>
    public static Uri? Parse(string? text) =>
        !string.IsNullOrWhiteSpace(text) && Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            ? uri : null;

    /// <summary>The absolute link to <paramref name="path"/> (an application path such as /Work/Filing?item=1).</summary>
    public string Link(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Base is null ? path : new Uri(Base, path.TrimStart('/')).ToString();
    }
}
