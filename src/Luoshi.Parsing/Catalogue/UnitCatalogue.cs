using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Luoshi.Parsing.Catalogue;

/// <summary>The kind of a unit in a district's catalogue.</summary>
public enum UnitKind
{
    /// <summary>A department of the district government (区…局/委/办).</summary>
    Department,

    /// <summary>A sub-district office (街道办事处) or township (乡/镇).</summary>
    Subdistrict,

    /// <summary>A management committee (管委会).</summary>
    ManagementCommittee,

    /// <summary>A district-owned company (区…集团/公司).</summary>
    StateCompany,

    /// <summary>A Party organ or mass organisation (区委…部, 团区委, 区妇联 …).</summary>
    PartyMass,

    /// <summary>A unit under vertical management (公安分局, 税务局, 消防救援局 …).</summary>
    Vertical,

    /// <summary>A task force (专班, 指挥部).</summary>
    TaskForce,
}

/// <summary>One unit of a district.</summary>
/// <param name="Name">Canonical name.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Aliases">Other printed forms.</param>
/// <param name="Unsure">The catalogue's author was not sure of this entry.</param>
/// <param name="Note">Why unsure, or where the name comes from.</param>
public sealed record CatalogueUnit(string Name, UnitKind Kind, IReadOnlyList<string> Aliases, bool Unsure, string? Note);

/// <summary>A collective name standing for many units (各街道, 区有关部门).</summary>
/// <param name="Name">The name as printed.</param>
/// <param name="Aliases">Other printed forms.</param>
/// <param name="Open">The notice leaves the choice of members to the office ("有关", "相关"): the members are candidates.</param>
/// <param name="MemberKinds">All units of these kinds are members.</param>
/// <param name="Include">Named members in addition to the kinds.</param>
/// <param name="Exclude">Named units taken out of the kinds.</param>
public sealed record CollectiveName(
    string Name, IReadOnlyList<string> Aliases, bool Open, IReadOnlyList<UnitKind> MemberKinds,
    IReadOnlyList<string> Include, IReadOnlyList<string> Exclude);

/// <summary>A district's catalogue of units, read from the YAML files in data/catalogues.</summary>
public sealed class UnitCatalogue
{
    /// <summary>Creates a catalogue.</summary>
    public UnitCatalogue(string district, string code, string? city, IReadOnlyList<CatalogueUnit> units, IReadOnlyList<CollectiveName> collectives)
    {
        District = district;
        Code = code;
        City = city;
        Units = units;
        Collectives = collectives;
    }

    /// <summary>The district's name, e.g. 江岸区.</summary>
    public string District { get; }

    /// <summary>A short ASCII code, e.g. jiangan.</summary>
    public string Code { get; }

    /// <summary>The city, e.g. 武汉市.</summary>
    public string? City { get; }

    /// <summary>The units.</summary>
    public IReadOnlyList<CatalogueUnit> Units { get; }

    /// <summary>The collective names.</summary>
    public IReadOnlyList<CollectiveName> Collectives { get; }

    /// <summary>The units a collective name stands for, before any in-place definition.</summary>
    public IReadOnlyList<string> MembersOf(CollectiveName c)
    {
        var names = new List<string>();
        foreach (var u in Units)
        {
            if (c.MemberKinds.Contains(u.Kind) && !c.Exclude.Contains(u.Name, StringComparer.Ordinal))
            {
                names.Add(u.Name);
            }
        }

        foreach (string inc in c.Include)
        {
            string canonical = Units.FirstOrDefault(u => u.Name == inc || u.Aliases.Contains(inc, StringComparer.Ordinal))?.Name ?? inc;
            if (!names.Contains(canonical, StringComparer.Ordinal))
            {
                names.Add(canonical);
            }
        }

        return names;
    }

    /// <summary>One deserializer for every catalogue: building one reflects over the file's types (tens of milliseconds per catalogue).</summary>
    private static readonly Lazy<IDeserializer> Yaml = new(() => new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build());

    /// <summary>Reads a catalogue from YAML text. Throws <see cref="CatalogueFormatException"/> with the line when the file is malformed.</summary>
    public static UnitCatalogue Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        CatalogueFile file;
        try
        {
            file = Yaml.Value.Deserialize<CatalogueFile>(yaml) ?? new CatalogueFile();
        }
        catch (YamlException e)
        {
            throw new CatalogueFormatException($"单位名录格式错误（第 {e.Start.Line} 行）：{e.InnerException?.Message ?? e.Message}", e);
        }

        if (string.IsNullOrWhiteSpace(file.District))
        {
            throw new CatalogueFormatException("单位名录缺少 district（区名）。");
        }

        var units = new List<CatalogueUnit>();
        foreach (var u in file.Units ?? [])
        {
            if (string.IsNullOrWhiteSpace(u.Name))
            {
                throw new CatalogueFormatException($"{file.District} 单位名录中有一个单位没有 name。");
            }

            units.Add(new CatalogueUnit(u.Name.Trim(), ParseKind(u.Kind, u.Name), [.. (u.Aliases ?? []).Select(a => a.Trim())], u.Unsure, u.Note));
        }

        var collectives = new List<CollectiveName>();
        foreach (var c in file.Collectives ?? [])
        {
            if (string.IsNullOrWhiteSpace(c.Name))
            {
                throw new CatalogueFormatException($"{file.District} 单位名录中有一个集合名称没有 name。");
            }

            var kinds = (c.Members?.Kinds ?? []).Select(k => ParseKind(k, c.Name)).ToList();
            collectives.Add(new CollectiveName(c.Name.Trim(), [.. (c.Aliases ?? []).Select(a => a.Trim())], c.Open, kinds,
                c.Members?.Include ?? [], c.Members?.Exclude ?? []));
        }

        return new UnitCatalogue(file.District.Trim(), file.Code ?? string.Empty, file.City, units, collectives);
    }

    private static UnitKind ParseKind(string? kind, string name) => kind switch
    {
        "department" => UnitKind.Department,
        "subdistrict" => UnitKind.Subdistrict,
        "management_committee" => UnitKind.ManagementCommittee,
        "state_company" => UnitKind.StateCompany,
        "party_mass" => UnitKind.PartyMass,
        "vertical" => UnitKind.Vertical,
        "task_force" => UnitKind.TaskForce,
        _ => throw new CatalogueFormatException($"“{name}”的 kind “{kind}” 不是已知类别（department, subdistrict, management_committee, state_company, party_mass, vertical, task_force）。"),
    };

    private sealed class CatalogueFile
    {
        public string? District { get; set; }

        public string? Code { get; set; }

        public string? City { get; set; }

        public List<UnitEntry>? Units { get; set; }

        public List<CollectiveEntry>? Collectives { get; set; }
    }

    private sealed class UnitEntry
    {
        public string? Name { get; set; }

        public string? Kind { get; set; }

        public List<string>? Aliases { get; set; }

        public bool Unsure { get; set; }

        public string? Note { get; set; }
    }

    private sealed class CollectiveEntry
    {
        public string? Name { get; set; }

        public List<string>? Aliases { get; set; }

        public bool Open { get; set; }

        public MembersEntry? Members { get; set; }

        public string? Note { get; set; }

        public bool Unsure { get; set; }
    }

    private sealed class MembersEntry
    {
        public List<string>? Kinds { get; set; }

        public List<string>? Include { get; set; }

        public List<string>? Exclude { get; set; }
    }
}

/// <summary>A catalogue file that cannot be read; the message says where and why, in Chinese.</summary>
public sealed class CatalogueFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CatalogueFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public CatalogueFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
