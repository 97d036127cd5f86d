namespace Luoshi.Core.Features.Imports;

/// <summary>
/// The catalogue the reader proposes from the notice for a district that has none yet (<see cref="CatalogueProposer"/>), kept in
/// the draft until the office confirms or edits it (<see cref="ImportService.ConfirmCatalogueAsync"/>).
/// </summary>
public sealed class DraftCatalogueProposal
{
    public List<DraftProposedUnit> Units { get; set; } = [];

    public List<DraftProposedCollective> Collectives { get; set; } = [];

    public static DraftCatalogueProposal From(CatalogueProposal p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new DraftCatalogueProposal
        {
            Units = [.. p.Units.Select(u => new DraftProposedUnit { Name = u.Name, Kind = u.Kind, Aliases = [.. u.Aliases], Mentions = u.Mentions, FirstLine = u.FirstLine })],
            Collectives = [.. p.Collectives.Select(c => new DraftProposedCollective
            {
                Name = c.Name, Aliases = [.. c.Aliases], Open = c.Open, MemberKinds = [.. c.MemberKinds], Include = [.. c.Include],
                Mentions = c.Mentions, FirstLine = c.FirstLine,
            })],
        };
    }
}

public sealed class DraftProposedUnit
{
    public string Name { get; set; } = string.Empty;

    public UnitKind Kind { get; set; }

    public List<string> Aliases { get; set; } = [];

    public int Mentions { get; set; }

    public int FirstLine { get; set; }
}

public sealed class DraftProposedCollective
{
    public string Name { get; set; } = string.Empty;

    public List<string> Aliases { get; set; } = [];

    public bool Open { get; set; }

    public List<UnitKind> MemberKinds { get; set; } = [];

    public List<string> Include { get; set; } = [];

    public int Mentions { get; set; }

    public int FirstLine { get; set; }
}

/// <summary>A unit as the office confirms it: the proposed name or its correction, the kind and the printed forms.</summary>
public sealed record ConfirmedUnit(string Name, UnitKind Kind, IReadOnlyList<string> Aliases);

/// <summary>A collective as the office confirms it.</summary>
public sealed record ConfirmedCollective(string Name, IReadOnlyList<string> Aliases, bool Open, IReadOnlyList<UnitKind> MemberKinds, IReadOnlyList<string> Include);
