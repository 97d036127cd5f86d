using Luoshi.Parsing.Resolution;

namespace Luoshi.Core.Features.Imports;

/// <summary>The editable form of a plan read from a notice, stored as JSON in <see cref="ImportDraft.PlanJson"/>.</summary>
public sealed class DraftPlan
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string? Issuer { get; set; }

    public string? DocNumber { get; set; }

    public string? Title { get; set; }

    public DateOnly? SignedOn { get; set; }

    public LeadRule LeadRule { get; set; }

    /// <summary>1-based source line where the lead convention is stated; 0 when unstated.</summary>
    public int LeadRuleAt { get; set; }

    /// <summary>The lead convention as printed.</summary>
    public string? LeadRuleText { get; set; }

    /// <summary>
    /// The catalogue proposed from the notice when the district had none at import (issue 15); null otherwise and once the
    /// office has confirmed it.
    /// </summary>
    public DraftCatalogueProposal? ProposedCatalogue { get; set; }

    public int Year { get; set; }

    public List<DraftPart> Parts { get; set; } = [];

    public List<DraftItem> Items { get; set; } = [];

    public List<Diagnostic> Diagnostics { get; set; } = [];

    /// <summary>
    /// The reporting calendar the reader found in the notice, kept so that publishing reads nothing again;
    /// null in a draft made before the draft kept it.
    /// </summary>
    public PlanCalendar? Calendar { get; set; }

    /// <summary>
    /// Fragments the reader took for units that the office marked 不是单位 (issue 10.6): removed from the items' units and
    /// kept out of them when the draft is read again (after the catalogue is confirmed).
    /// </summary>
    public List<string> NotUnits { get; set; } = [];

    /// <summary>Removes every mention printed as one of <see cref="NotUnits"/> and not mapped to a unit; returns how many.</summary>
    public int DropNotUnits()
    {
        int removed = 0;
        foreach (var i in Items)
        {
            removed += i.Lead.RemoveAll(u => u.Name is null && NotUnits.Contains(u.Printed, StringComparer.Ordinal));
            removed += i.Co.RemoveAll(u => u.Name is null && NotUnits.Contains(u.Printed, StringComparer.Ordinal));
        }

        return removed;
    }

    /// <summary>Unit mentions that resolve to nothing yet: publish waits until each is mapped or added.</summary>
    public IEnumerable<(DraftItem Item, DraftUnit Unit)> Unresolved =>
        Items.SelectMany(i => i.Lead.Concat(i.Co).Where(u => u.Name is null).Select(u => (i, u)));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DraftPlan FromJson(string json) => JsonSerializer.Deserialize<DraftPlan>(json, Json) ?? new DraftPlan();

    /// <summary>Builds the draft from a notice read and resolved against the district's catalogue.</summary>
    public static DraftPlan From(UnderstoodNotice u, int fallbackYear)
    {
        ArgumentNullException.ThrowIfNull(u);
        var n = u.Notice;
        var draft = new DraftPlan
        {
            Issuer = n.Document.Issuer,
            DocNumber = n.Document.DocNumber,
            Title = n.Document.Title,
            SignedOn = n.Document.SignedOn,
            LeadRule = n.Document.LeadRule,
            LeadRuleAt = n.Document.LeadRuleAt,
            LeadRuleText = n.Document.LeadRuleText,
            Year = n.Document.Year ?? fallbackYear,
            Parts = [.. n.Parts.Select(p => new DraftPart { Index = p.Index, Kind = p.Kind, Title = p.Title, DeclaredCount = p.DeclaredCount })],
            Diagnostics = [.. u.Diagnostics],
            Calendar = PlanCalendar.From(u.Schedule),
        };
        foreach (var (i, r, targets) in u.Items)
        {
            var item = new DraftItem
            {
                Key = draft.Items.Count + 1,
                Part = i.Part,
                Number = i.Number,
                Group = i.Group,
                Theme = i.Theme,
                Text = i.Text,
                Deadline = i.Deadline,
                Leaders = string.Join("、", i.Leaders),
                FirstLine = i.FirstLine,
                LastLine = i.LastLine,
                Indicators = DraftIndicator.From(targets),
            };
            if (r is null)
            {
                item.Lead = [.. i.Lead.Select(m => new DraftUnit { Printed = m.Printed })];
                item.Co = [.. i.Responsible.Select(m => new DraftUnit { Printed = m.Printed })];
            }
            else
            {
                item.Lead = [.. r.LeadUnits.Select(x => new DraftUnit { Printed = PrintedFor(r, x), Name = x })];
                item.Co = [.. r.CoUnits.Select(x => new DraftUnit { Printed = PrintedFor(r, x), Name = x })];
                foreach (var m in r.Lead.Where(m => m.Kind == ResolutionKind.Unknown))
                {
                    item.Lead.Add(new DraftUnit { Printed = m.Printed, Candidates = [.. m.Candidates] });
                }

                bool respLead = r.LeadSource is LeadSource.ResponsibleUnitsLead or LeadSource.NoConvention;
                foreach (var m in r.Responsible.Where(m => m.Kind == ResolutionKind.Unknown))
                {
                    (respLead ? item.Lead : item.Co).Add(new DraftUnit { Printed = m.Printed, Candidates = [.. m.Candidates] });
                }
            }

            draft.Items.Add(item);
        }

        return draft;
    }

    private static string PrintedFor(ResolvedItem r, string unit) =>
        r.Lead.Concat(r.Responsible).FirstOrDefault(m => m.Members.Contains(unit, StringComparer.Ordinal))?.Printed ?? unit;
}

public sealed class DraftPart
{
    public int Index { get; set; }

    public PartKind Kind { get; set; }

    public string Title { get; set; } = string.Empty;

    public int? DeclaredCount { get; set; }
}

public sealed class DraftItem : IItemWording
{
    /// <summary>Position in the plan, from 1.</summary>
    public int Key { get; set; }

    public int Part { get; set; }

    public string Number { get; set; } = string.Empty;

    public string? Group { get; set; }

    public string? Theme { get; set; }

    public string Text { get; set; } = string.Empty;

    public string? Deadline { get; set; }

    public string? Leaders { get; set; }

    public int FirstLine { get; set; }

    public int LastLine { get; set; }

    public List<DraftUnit> Lead { get; set; } = [];

    public List<DraftUnit> Co { get; set; } = [];

    public List<DraftIndicator> Indicators { get; set; } = [];
}

/// <summary>A unit of a draft item: resolved (Name set) or waiting to be mapped (Name null, candidates given).</summary>
public sealed class DraftUnit
{
    public string Printed { get; set; } = string.Empty;

    public string? Name { get; set; }

    public List<string> Candidates { get; set; } = [];
}

public sealed class DraftIndicator
{
    public string Measure { get; set; } = string.Empty;

    public decimal Value { get; set; }

    public string Unit { get; set; } = string.Empty;

    public Parsing.Indicators.IndicatorSense Sense { get; set; }

    public string Printed { get; set; } = string.Empty;

    /// <summary>The draft's form of the targets the reader found in an item's text.</summary>
    public static List<DraftIndicator> From(IEnumerable<Parsing.Indicators.Indicator> targets) =>
        [.. targets.Select(x => new DraftIndicator { Measure = x.Measure, Value = x.Value, Unit = x.Unit, Sense = x.Sense, Printed = x.Printed })];

    /// <summary>The targets in <paramref name="text"/>, read by the reader the import reads them with (after a split or a join).</summary>
    public static List<DraftIndicator> Read(string text) => From(Parsing.Indicators.IndicatorReader.Read(text));
}
