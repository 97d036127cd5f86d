namespace Luoshi.Parsing.Catalogue;

/// <summary>The catalogues of several districts, and the choice of the one a notice belongs to.</summary>
public sealed class CatalogueSet
{
    /// <summary>Creates a set.</summary>
    public CatalogueSet(IReadOnlyList<UnitCatalogue> catalogues) => Catalogues = catalogues;

    /// <summary>The catalogues.</summary>
    public IReadOnlyList<UnitCatalogue> Catalogues { get; }

    /// <summary>The catalogue by code (jiangan) or district name (江岸区), or null.</summary>
    public UnitCatalogue? Find(string codeOrName) =>
        Catalogues.FirstOrDefault(c => string.Equals(c.Code, codeOrName, StringComparison.OrdinalIgnoreCase) || c.District == codeOrName);

    /// <summary>The catalogue whose district the notice's issuer or title names, or null.</summary>
    public UnitCatalogue? For(NoticeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        string text = (document.Issuer ?? string.Empty) + "|" + (document.Title ?? string.Empty);
        return Catalogues.FirstOrDefault(c => text.Contains(c.District, StringComparison.Ordinal));
    }
}
