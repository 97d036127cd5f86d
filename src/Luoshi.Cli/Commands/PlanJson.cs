using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Luoshi.Parsing;

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

    public static string Serialize(ParsedNotice notice) => JsonSerializer.Serialize(ToDto(notice), Options);

    public static PlanDto ToDto(ParsedNotice n) => new(
        new DocumentDto(n.Document.Issuer, n.Document.DocNumber, n.Document.Title,
            n.Document.SignedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Snake(n.Document.LeadRule.ToString())),
        [.. n.Parts.Select(p => new PartDto(p.Index, KindName(p.Kind), p.Title, p.DeclaredCount, p.Line, p.Leader))],
        [.. n.Items.Select(i => new ItemDto(i.Part, KindName(i.PartKind), i.Number, i.Ordinal, i.Group, i.Theme, i.Text,
            [.. i.Lead.Select(Unit)], [.. i.Responsible.Select(Unit)], i.Leaders, i.Deadline, [i.FirstLine, i.LastLine]))],
        [.. n.Definitions.Select(d => new DefinitionDto(Snake(d.Kind.ToString()), d.Name, d.Values, d.Line))],
        [.. n.Diagnostics.Select(d => new DiagnosticDto(d.Line, d.Column, d.Severity.ToString().ToLowerInvariant(), d.Code, d.Message))]);

    private static UnitDto Unit(UnitMention m) => new(m.Printed, m.Name, m.Label);

    public static string KindName(PartKind kind) => kind switch
    {
        PartKind.Targets => "targets",
        PartKind.KeyWork => "key_work",
        PartKind.SelfBuilding => "self_building",
        PartKind.Livelihood => "livelihood",
        PartKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

internal sealed record PlanDto(DocumentDto Document, IReadOnlyList<PartDto> Parts, IReadOnlyList<ItemDto> Items,
    IReadOnlyList<DefinitionDto> Definitions, IReadOnlyList<DiagnosticDto> Diagnostics);

internal sealed record DocumentDto(string? Issuer, string? DocNumber, string? Title, string? SignedOn, string LeadRule);

internal sealed record PartDto(int Index, string Kind, string Title, int? DeclaredCount, int Line, string? Leader);

internal sealed record ItemDto(int Part, string PartKind, string Number, int Ordinal, string? Group, string? Theme, string Text,
    IReadOnlyList<UnitDto> Lead, IReadOnlyList<UnitDto> Responsible, IReadOnlyList<string> Leaders, string? Deadline, int[] Lines);

internal sealed record UnitDto(string Printed, string Name, string Label);

internal sealed record DefinitionDto(string Kind, string Name, IReadOnlyList<string> Values, int Line);

internal sealed record DiagnosticDto(int Line, int Column, string Severity, string Code, string Message);
