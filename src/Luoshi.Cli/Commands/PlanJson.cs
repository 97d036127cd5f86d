using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Luoshi.Parsing;
using Luoshi.Parsing.Calendar;
using Luoshi.Parsing.Resolution;

namespace Luoshi.Cli.Commands;

/// <summary>The JSON shape of `luoshi parse --format json`, documented in docs/plan-json.md and docs/plan.schema.json.</summary>
internal static class PlanJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(UnderstoodNotice notice) => JsonSerializer.Serialize(ToDto(notice), Options);

    public static PlanDto ToDto(UnderstoodNotice u)
    {
        var n = u.Notice;
        var items = new List<ItemDto>(u.Items.Count);
        foreach (var (i, r, targets) in u.Items)
        {
            items.Add(new ItemDto(i.Part, KindName(i.PartKind), i.Number, i.Ordinal, i.Group, i.Theme, i.Text,
                Units(i.Lead, r?.Lead), Units(i.Responsible, r?.Responsible), r?.LeadUnits, r?.CoUnits,
                r is null ? null : Snake(r.LeadSource.ToString()), i.Leaders, i.Deadline, [i.FirstLine, i.LastLine],
                [.. targets.Select(x => new IndicatorDto(x.Measure, x.Value, x.Unit, Snake(x.Sense.ToString()), x.Printed, [x.Start, x.Start + x.Length]))]));
        }

        return new PlanDto(
            new DocumentDto(n.Document.Issuer, n.Document.DocNumber, n.Document.Title,
                n.Document.SignedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Snake(n.Document.LeadRule.ToString()),
                n.Document.LeadRuleAt > 0 ? n.Document.LeadRuleAt : null, n.Document.LeadRuleText,
                u.Resolved?.Catalogue.District, u.Resolved?.UnitsInvolved.Count),
            [.. n.Parts.Select(p => new PartDto(p.Index, KindName(p.Kind), p.Title, p.DeclaredCount, p.Line, p.Leader))],
            items,
            [.. n.Definitions.Select(d => new DefinitionDto(Snake(d.Kind.ToString()), d.Name, d.Values, d.Line))],
            Schedule(u.Schedule),
            [.. u.RepeatedTargets.Select(t => new RepeatedTargetDto(t.Measure, t.Value, t.Unit, [.. t.Items.Select(x => new ItemRefDto(x.Part, x.Number))]))],
            [.. u.Diagnostics.Select(d => new DiagnosticDto(d.Line, d.Column, d.Severity.ToString().ToLowerInvariant(), d.Code, d.Message))]);
    }

    private static ScheduleDto Schedule(ReportingSchedule s)
    {
        static DeadlineDto D(Deadline d) => new(Snake(d.Period.ToString()), d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Printed, d.Line, d.Inferred, d.Recipient);
        return new ScheduleDto(s.WorkPlan is null ? null : D(s.WorkPlan), [.. s.Reports.Select(D)], s.Recipient,
            s.Reporters is null ? null : Snake(s.Reporters.Value.ToString()), s.CoUnitsReportToLead,
            [.. s.Forms.Select(f => new FormDto(Snake(f.Purpose.ToString()), f.Attachment, f.Title, f.Line))]);
    }

    /// <summary>Printed mentions with their resolution; a mention can resolve to two ("区住建局等有关部门").</summary>
    private static List<UnitDto> Units(IReadOnlyList<UnitMention> printed, IReadOnlyList<ResolvedMention>? resolved)
    {
        if (resolved is null)
        {
            return [.. printed.Select(m => new UnitDto(m.Printed, m.Name, m.Label, null, null, null))];
        }

        var label = printed.ToDictionary(m => m.Printed, m => m.Label, StringComparer.Ordinal);
        return [.. resolved.Select(r => new UnitDto(r.Printed, r.Canonical ?? r.Name, label.GetValueOrDefault(r.Printed, string.Empty),
            r.Kind.ToString().ToLowerInvariant(),
            r.Kind == ResolutionKind.Collective ? r.Members : null,
            r.Kind == ResolutionKind.Unknown ? r.Candidates : null))];
    }

    public static string KindName(PartKind kind) => kind.Code();

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

internal sealed record PlanDto(DocumentDto Document, IReadOnlyList<PartDto> Parts, IReadOnlyList<ItemDto> Items,
    IReadOnlyList<DefinitionDto> Definitions, ScheduleDto Schedule, IReadOnlyList<RepeatedTargetDto> RepeatedTargets, IReadOnlyList<DiagnosticDto> Diagnostics);

internal sealed record DocumentDto(string? Issuer, string? DocNumber, string? Title, string? SignedOn, string LeadRule,
    int? LeadRuleAt, string? LeadRuleText, string? District, int? UnitsInvolved);

internal sealed record PartDto(int Index, string Kind, string Title, int? DeclaredCount, int Line, string? Leader);

internal sealed record ItemDto(int Part, string PartKind, string Number, int Ordinal, string? Group, string? Theme, string Text,
    IReadOnlyList<UnitDto> Lead, IReadOnlyList<UnitDto> Responsible, IReadOnlyList<string>? LeadUnits, IReadOnlyList<string>? CoUnits,
    string? LeadSource, IReadOnlyList<string> Leaders, string? Deadline, int[] Lines, IReadOnlyList<IndicatorDto> Indicators);

internal sealed record UnitDto(string Printed, string Name, string Label, string? Resolution, IReadOnlyList<string>? Members,
    IReadOnlyList<string>? Candidates);

internal sealed record ScheduleDto(DeadlineDto? WorkPlan, IReadOnlyList<DeadlineDto> Reports, string? Recipient, string? Reporters,
    bool CoUnitsReportToLead, IReadOnlyList<FormDto> Forms);

internal sealed record DeadlineDto(string Period, string Date, string Printed, int Line, bool Inferred, string? Recipient);

internal sealed record FormDto(string Purpose, string Attachment, string? Title, int Line);

internal sealed record IndicatorDto(string Measure, decimal Value, string Unit, string Sense, string Printed, int[] Span);

internal sealed record RepeatedTargetDto(string Measure, decimal Value, string Unit, IReadOnlyList<ItemRefDto> Items);

internal sealed record ItemRefDto(int Part, string Number);

internal sealed record DefinitionDto(string Kind, string Name, IReadOnlyList<string> Values, int Line);

internal sealed record DiagnosticDto(int Line, int Column, string Severity, string Code, string Message);
