namespace Luoshi.Core.Features.Plans;

// Read models of the browse pages and the JSON API: plain records, filled by LINQ projections in PlanQueries.
// Enums are written as names in JSON (the API's readers are people and spreadsheets, not only programs).

/// <summary>A district as the browse pages name it.</summary>
public sealed record DistrictInfo(int Id, string Code, string Name, string? City);

/// <summary>A district and the summary of its latest plan, if it has one.</summary>
public sealed record DistrictSummary(DistrictInfo District, PlanHeader? Plan, int Items);

/// <summary>The header of a published plan.</summary>
public sealed record PlanHeader(int Id, int Year, string? DocNumber, string? Title, string? Issuer, DateOnly? SignedOn, DateTimeOffset PublishedAt);

/// <summary>A measurable target of an item.</summary>
public sealed record IndicatorView(
    string Measure,
    decimal Value,
    string Unit,
    [property: JsonConverter(typeof(JsonStringEnumConverter<IndicatorSense>))] IndicatorSense Sense,
    string Printed);

/// <summary>A view of one plan year of a district (the tree, 时间清单, 责任清单).</summary>
public interface IPlanYearView
{
    PlanHeader Plan { get; }
}

/// <summary>The plan as a tree: parts, groups (（一）…), themes (——…), items.</summary>
public sealed record PlanTree(DistrictInfo District, PlanHeader Plan, IReadOnlyList<TreePart> Parts) : IPlanYearView
{
    public int ItemCount => Parts.Sum(p => p.ItemCount);
}

public sealed record TreePart(
    int Index,
    [property: JsonConverter(typeof(JsonStringEnumConverter<PartKind>))] PartKind Kind,
    string Title,
    int? DeclaredCount,
    IReadOnlyList<TreeGroup> Groups)
{
    public int ItemCount => Groups.Sum(g => g.Themes.Sum(t => t.Items.Count));
}

/// <summary>A run of items under one group title (null: the part has no groups).</summary>
public sealed record TreeGroup(string? Title, IReadOnlyList<TreeTheme> Themes);

/// <summary>A run of items under one theme (null: no theme).</summary>
public sealed record TreeTheme(string? Title, IReadOnlyList<TreeItem> Items);

/// <remarks><c>CarriedFromYear</c>/<c>CarriedFromNumber</c>: an unfinished item carried over (结转) from that year's plan, where it had that number.</remarks>
public sealed record TreeItem(int Seq, string Number, string Text, IReadOnlyList<string> LeadUnits, int CoUnits, int Indicators, string? Deadline,
    int? CarriedFromYear = null, string? CarriedFromNumber = null);

/// <summary>A unit's part in an item, with its name.</summary>
public sealed record ItemUnitView(
    int UnitId,
    string Name,
    [property: JsonConverter(typeof(JsonStringEnumConverter<UnitRole>))] UnitRole Role,
    string? Printed);

/// <summary>One line of the notice as imported (1-based number).</summary>
public sealed record SourceLineView(int Number, string Text);

/// <summary>An item with everything its page shows, and what the access check needs (district, unit ids).</summary>
public sealed record ItemDetail(
    DistrictInfo District,
    PlanHeader Plan,
    int Seq,
    string Number,
    int PartIndex,
    [property: JsonConverter(typeof(JsonStringEnumConverter<PartKind>))] PartKind PartKind,
    string PartTitle,
    string? Group,
    string? Theme,
    string Text,
    string? Deadline,
    string? Leaders,
    IReadOnlyList<ItemUnitView> Units,
    IReadOnlyList<IndicatorView> Indicators,
    int FirstLine,
    int LastLine,
    IReadOnlyList<SourceLineView> Source,
    int? CarriedFromYear = null,
    string? CarriedFromNumber = null)
{
    [JsonIgnore]
    public IEnumerable<int> UnitIds => Units.Select(u => u.UnitId);
}

public sealed record UnitView(
    int Id,
    string Name,
    [property: JsonConverter(typeof(JsonStringEnumConverter<UnitKind>))] UnitKind Kind,
    IReadOnlyList<string> Aliases);

/// <summary>A unit's 任务清单: every item of the plan it leads or works on.</summary>
public sealed record UnitTasks(DistrictInfo District, PlanHeader Plan, UnitView Unit, IReadOnlyList<UnitTask> Tasks) : ISizedValue
{
    public int LeadCount => Tasks.Count(t => t.Role == UnitRole.Lead);

    /// <summary>About the bytes the list holds, for the <see cref="RevisionCache"/>'s budget (explicit: not serialised).</summary>
    long ISizedValue.ApproximateBytes => 400 + Sizes.OfList(Tasks.Count) + Tasks.Sum(t => 112 + Sizes.Of(t.Number) + Sizes.Of(t.PartTitle) + Sizes.Of(t.Text)
        + Sizes.Of(t.Deadline) + Sizes.OfList(t.Indicators.Count) + t.Indicators.Sum(i => 64 + Sizes.Of(i.Measure) + Sizes.Of(i.Unit) + Sizes.Of(i.Printed))
        + Sizes.OfList(t.LeadUnits.Count) + t.LeadUnits.Sum(s => Sizes.Of(s)));
}

public sealed record UnitTask(
    int Seq,
    string Number,
    int PartIndex,
    [property: JsonConverter(typeof(JsonStringEnumConverter<PartKind>))] PartKind PartKind,
    string PartTitle,
    string Text,
    [property: JsonConverter(typeof(JsonStringEnumConverter<UnitRole>))] UnitRole Role,
    string? Deadline,
    IReadOnlyList<IndicatorView> Indicators,
    IReadOnlyList<string> LeadUnits);

/// <summary>The 责任清单: items × the units involved, each cell lead or co.</summary>
public sealed record ResponsibilityMatrix(DistrictInfo District, PlanHeader Plan, IReadOnlyList<MatrixUnit> Units, IReadOnlyList<MatrixRow> Rows) : IPlanYearView;

public sealed record MatrixUnit(int Id, string Name, int Lead, int Co);

public sealed record MatrixRow(int Seq, string Number, int PartIndex, string PartTitle, string Text, IReadOnlyList<MatrixCell> Cells);

public sealed record MatrixCell(int UnitId, [property: JsonConverter(typeof(JsonStringEnumConverter<UnitRole>))] UnitRole Role);

/// <summary>The 时间清单: the calendar the notice's body sets, and the items' own deadlines.</summary>
public sealed record DeadlineList(
    DistrictInfo District,
    PlanHeader Plan,
    IReadOnlyList<CalendarDeadline> Calendar,
    string? Recipient,
    string Reporters,
    IReadOnlyList<ItemDeadline> Items,
    IReadOnlyList<CalendarNote> Notes) : IPlanYearView;

public sealed record CalendarDeadline(
    [property: JsonConverter(typeof(JsonStringEnumConverter<ReportPeriod>))] ReportPeriod Period,
    string Label,
    DateOnly Date,
    string Printed,
    int Line,
    bool Inferred,
    string? Recipient);

public sealed record ItemDeadline(int Seq, string Number, string PartTitle, string Text, string Deadline, IReadOnlyList<string> Units);

/// <summary>A doubt of the calendar reader (a damaged date read as its likeliest value, say).</summary>
public sealed record CalendarNote(int Line, [property: JsonConverter(typeof(JsonStringEnumConverter<Severity>))] Severity Severity, string Message);

/// <summary>What a search may look at: every district (null), one district, and within it only one unit's items (non-null unit).</summary>
public sealed record SearchLimits(int? DistrictId, int? UnitId);

public sealed record SearchResults(string Query, IReadOnlyList<UnitHit> Units, IReadOnlyList<ItemHit> Items, bool Truncated);

public sealed record UnitHit(DistrictInfo District, int UnitId, string Name, int Items);

public sealed record ItemHit(DistrictInfo District, int Seq, string Number, string PartTitle, string Text, IReadOnlyList<ItemUnitView> Units)
{
    [JsonIgnore]
    public IEnumerable<int> UnitIds => Units.Select(u => u.UnitId);
}

/// <summary>Districts side by side, for a city-level reader.</summary>
public sealed record CityComparison(IReadOnlyList<CityDistrict> Districts, IReadOnlyList<SharedTarget> Targets)
{
    /// <summary>The shared kind of target labelled (measure, unit), or null.</summary>
    public SharedTarget? Target(string? measure, string? unit) =>
        Targets.FirstOrDefault(t => string.Equals(t.Measure, measure, StringComparison.Ordinal) && string.Equals(t.Unit, unit ?? "", StringComparison.Ordinal));

    /// <summary>
    /// The comparison limited to the districts <paramref name="visible"/> lets through: a shared kind stays when it is still
    /// in more than one of them. Itself when every district passes (no copy).
    /// </summary>
    public CityComparison VisibleTo(Func<int, bool> visible)
    {
        ArgumentNullException.ThrowIfNull(visible);
        var ids = Districts.Where(d => visible(d.District.Id)).Select(d => d.District.Id).ToHashSet();
        if (ids.Count == Districts.Count)
        {
            return this;
        }

        return new CityComparison([.. Districts.Where(d => ids.Contains(d.District.Id))],
            [.. Targets.Select(t => t with { Targets = [.. t.Targets.Where(x => ids.Contains(x.District.Id))] }).Where(t => t.DistrictCount > 1)]);
    }
}

public sealed record CityDistrict(DistrictInfo District, PlanHeader? Plan, int Items, IReadOnlyList<PartCount> Parts, int UnitsInvolved);

public sealed record PartCount([property: JsonConverter(typeof(JsonStringEnumConverter<PartKind>))] PartKind Kind, int Items);

/// <summary>One kind of target found in several districts (新增停车泊位 in all three, say).</summary>
public sealed record SharedTarget(string Measure, string Unit, IReadOnlyList<DistrictTarget> Targets)
{
    /// <summary>In how many districts.</summary>
    [JsonIgnore]
    public int DistrictCount => Targets.Select(t => t.District.Id).Distinct().Count();

    /// <summary>The targets of the first <paramref name="districts"/> districts that have one (a row's preview).</summary>
    public IReadOnlyList<DistrictTarget> Preview(int districts)
    {
        var first = Targets.Select(t => t.District.Id).Distinct().Take(districts).ToHashSet();
        return [.. Targets.Where(t => first.Contains(t.District.Id))];
    }
}

public sealed record DistrictTarget(DistrictInfo District, int Seq, string Number, string Measure, decimal Value, [property: JsonConverter(typeof(JsonStringEnumConverter<IndicatorSense>))] IndicatorSense Sense, string Printed);
