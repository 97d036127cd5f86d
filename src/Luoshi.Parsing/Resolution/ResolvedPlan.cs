namespace Luoshi.Parsing.Resolution;

/// <summary>What a printed unit turned out to be.</summary>
public enum ResolutionKind
{
    /// <summary>One unit of the catalogue.</summary>
    Unit,

    /// <summary>A collective name standing for several units.</summary>
    Collective,

    /// <summary>Not in the catalogue; see the candidates.</summary>
    Unknown,
}

/// <summary>How a lead unit was decided for an item.</summary>
public enum LeadSource
{
    /// <summary>The item names its lead units.</summary>
    Printed,

    /// <summary>No lead is named and the notice says the responsible units then lead.</summary>
    ResponsibleUnitsLead,

    /// <summary>No lead is named and the notice says the first unit listed leads.</summary>
    FirstListed,

    /// <summary>No lead is named and the notice states no convention: every responsible unit answers for the item itself.</summary>
    NoConvention,
}

/// <summary>One unit mention, resolved against the district's catalogue.</summary>
/// <param name="Printed">The mention as printed.</param>
/// <param name="Name">The mention as the reader named it.</param>
/// <param name="Kind">Unit, collective or unknown.</param>
/// <param name="Canonical">The catalogue's name for it (unit or collective); null when unknown.</param>
/// <param name="Members">The units it stands for: itself for a unit, the members for a collective, empty when unknown.</param>
/// <param name="Open">For a collective whose members the office chooses ("区有关部门"): the members are candidates.</param>
/// <param name="Candidates">For an unknown unit: the closest catalogue names.</param>
/// <param name="How">How it was matched: name, alias, abbreviation, without-prefix, definition, second-name, unknown.</param>
public sealed record ResolvedMention(
    string Printed, string Name, ResolutionKind Kind, string? Canonical, IReadOnlyList<string> Members, bool Open,
    IReadOnlyList<string> Candidates, string How);

/// <summary>An item with its units resolved and its leads decided.</summary>
/// <param name="Item">The item as read.</param>
/// <param name="Lead">Resolved lead mentions.</param>
/// <param name="Responsible">Resolved responsible mentions.</param>
/// <param name="LeadUnits">The canonical units that lead the item.</param>
/// <param name="CoUnits">The canonical units that work with the lead (responsible units that do not lead).</param>
/// <param name="LeadSource">How the leads were decided.</param>
public sealed record ResolvedItem(
    NoticeItem Item, IReadOnlyList<ResolvedMention> Lead, IReadOnlyList<ResolvedMention> Responsible,
    IReadOnlyList<string> LeadUnits, IReadOnlyList<string> CoUnits, LeadSource LeadSource);

/// <summary>A plan whose units are resolved against a district catalogue.</summary>
/// <param name="Notice">The notice as read.</param>
/// <param name="Catalogue">The catalogue used.</param>
/// <param name="Items">Every item, resolved.</param>
/// <param name="Diagnostics">Unknown units, ambiguous abbreviations, and the lead convention applied.</param>
public sealed record ResolvedPlan(ParsedNotice Notice, UnitCatalogue Catalogue, IReadOnlyList<ResolvedItem> Items, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The distinct catalogue units the plan involves (named, or members of a closed collective), in catalogue order.</summary>
    public IReadOnlyList<string> UnitsInvolved
    {
        get
        {
            // Loops, not LINQ: this runs over every mention of the plan (tens of thousands in a large one).
            var set = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < Items.Count; i++)
            {
                AddMembers(set, Items[i].Lead);
                AddMembers(set, Items[i].Responsible);
            }

            return [.. Catalogue.Units.Select(u => u.Name).Where(set.Contains)];
        }
    }

    private static void AddMembers(HashSet<string> set, IReadOnlyList<ResolvedMention> mentions)
    {
        for (int k = 0; k < mentions.Count; k++)
        {
            var m = mentions[k];
            if (!m.Open)
            {
                for (int j = 0; j < m.Members.Count; j++)
                {
                    set.Add(m.Members[j]);
                }
            }
        }
    }

    /// <summary>Mentions that did not resolve.</summary>
    public IEnumerable<ResolvedMention> Unknown => Items.SelectMany(i => i.Lead.Concat(i.Responsible)).Where(m => m.Kind == ResolutionKind.Unknown);
}
