using System.Collections.Concurrent;
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

    private static readonly ConcurrentDictionary<string, string> SnakeNames = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes the plan's JSON (UTF-8, indented, no final newline) to <paramref name="output"/> as it goes: the items and
    /// the diagnostics one by one, so neither the whole text nor every item's shape is held at once.
    /// </summary>
    public static void Write(UnderstoodNotice notice, Stream output)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var n = notice.Notice;
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = Options.Encoder });
        writer.WriteStartObject();
        writer.WritePropertyName("document");
        JsonSerializer.Serialize(writer, Document(notice), Options);
        writer.WritePropertyName("parts");
        JsonSerializer.Serialize(writer, Parts(n), Options);
        writer.WriteStartArray("items");
        foreach (var item in notice.Items)
        {
            JsonSerializer.Serialize(writer, Item(item), Options);
            FlushWhenFull(writer);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("definitions");
        JsonSerializer.Serialize(writer, Definitions(n), Options);
        writer.WritePropertyName("schedule");
        JsonSerializer.Serialize(writer, Schedule(notice.Schedule), Options);
        writer.WritePropertyName("repeatedTargets");
        JsonSerializer.Serialize(writer, RepeatedTargets(notice), Options);
        writer.WriteStartArray("diagnostics");
        foreach (var d in notice.Diagnostics)
        {
            JsonSerializer.Serialize(writer, Diagnostic(d), Options);
            FlushWhenFull(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>The whole plan as one object (for callers that want it in memory; <see cref="Write"/> gives the same JSON).</summary>
    public static PlanDto ToDto(UnderstoodNotice u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return new PlanDto(Document(u), Parts(u.Notice), [.. u.Items.Select(Item)], Definitions(u.Notice), Schedule(u.Schedule),
            RepeatedTargets(u), [.. u.Diagnostics.Select(Diagnostic)]);
    }

    private static void FlushWhenFull(Utf8JsonWriter writer)
    {
        if (writer.BytesPending > 1 << 16)
        {
            writer.Flush();
        }
    }

    private static DocumentDto Document(UnderstoodNotice u)
    {
        var d = u.Notice.Document;
        return new DocumentDto(d.Issuer, d.DocNumber, d.Title,
            d.SignedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Snake(d.LeadRule.ToString()),
            d.LeadRuleAt > 0 ? d.LeadRuleAt : null, d.LeadRuleText,
            u.Resolved?.Catalogue.District, u.Resolved?.UnitsInvolved.Count);
    }

    private static List<PartDto> Parts(ParsedNotice n) =>
        [.. n.Parts.Select(p => new PartDto(p.Index, KindName(p.Kind), p.Title, p.DeclaredCount, p.Line, p.Leader))];

    private static ItemDto Item(UnderstoodItem item)
    {
        var (i, r, targets) = item;
        var indicators = new IndicatorDto[targets.Count];
        for (int k = 0; k < indicators.Length; k++)
        {
            var x = targets[k];
            indicators[k] = new IndicatorDto(x.Measure, x.Value, x.Unit, Snake(x.Sense.ToString()), x.Printed, [x.Start, x.Start + x.Length]);
        }

        return new ItemDto(i.Part, KindName(i.PartKind), i.Number, i.Ordinal, i.Group, i.Theme, i.Text,
            Units(i.Lead, r?.Lead), Units(i.Responsible, r?.Responsible), r?.LeadUnits, r?.CoUnits,
            r is null ? null : Snake(r.LeadSource.ToString()), i.Leaders, i.Deadline, [i.FirstLine, i.LastLine], indicators);
    }

    private static List<DefinitionDto> Definitions(ParsedNotice n) =>
        [.. n.Definitions.Select(d => new DefinitionDto(Snake(d.Kind.ToString()), d.Name, d.Values, d.Line))];

    private static List<RepeatedTargetDto> RepeatedTargets(UnderstoodNotice u) =>
        [.. u.RepeatedTargets.Select(t => new RepeatedTargetDto(t.Measure, t.Value, t.Unit, [.. t.Items.Select(x => new ItemRefDto(x.Part, x.Number))]))];

    private static DiagnosticDto Diagnostic(Diagnostic d) => new(d.Line, d.Column, SeverityName(d.Severity), d.Code, d.Message);

    private static string SeverityName(Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => severity.ToString().ToLowerInvariant(),
    };

    private static ScheduleDto Schedule(ReportingSchedule s)
    {
        static DeadlineDto D(Deadline d) => new(Snake(d.Period.ToString()), d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Printed, d.Line, d.Inferred, d.Recipient);
        return new ScheduleDto(s.WorkPlan is null ? null : D(s.WorkPlan), [.. s.Reports.Select(D)], s.Recipient,
            s.Reporters is null ? null : Snake(s.Reporters.Value.ToString()), s.CoUnitsReportToLead,
            [.. s.Forms.Select(f => new FormDto(Snake(f.Purpose.ToString()), f.Attachment, f.Title, f.Line))]);
    }

    /// <summary>Printed mentions with their resolution; a mention can resolve to two ("区住建局等有关部门").</summary>
    private static UnitDto[] Units(IReadOnlyList<UnitMention> printed, IReadOnlyList<ResolvedMention>? resolved)
    {
        if (resolved is null)
        {
            var plain = new UnitDto[printed.Count];
            for (int k = 0; k < plain.Length; k++)
            {
                var m = printed[k];
                plain[k] = new UnitDto(m.Printed, m.Name, m.Label, null, null, null);
            }

            return plain;
        }

        var units = new UnitDto[resolved.Count];
        for (int k = 0; k < units.Length; k++)
        {
            var r = resolved[k];
            units[k] = new UnitDto(r.Printed, r.Canonical ?? r.Name, LabelOf(printed, r.Printed), KindName(r.Kind),
                r.Kind == ResolutionKind.Collective ? r.Members : null,
                r.Kind == ResolutionKind.Unknown ? r.Candidates : null);
        }

        return units;
    }

    /// <summary>The label of the printed mention a resolution came from (the lists are short: a scan, not a dictionary per item).</summary>
    private static string LabelOf(IReadOnlyList<UnitMention> printed, string mention)
    {
        foreach (var m in printed)
        {
            if (string.Equals(m.Printed, mention, StringComparison.Ordinal))
            {
                return m.Label;
            }
        }

        return string.Empty;
    }

    private static string KindName(ResolutionKind kind) => kind switch
    {
        ResolutionKind.Unit => "unit",
        ResolutionKind.Collective => "collective",
        ResolutionKind.Unknown => "unknown",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string KindName(PartKind kind) => kind.Code();

    /// <summary>"ResponsibleUnitsLead" → "responsible_units_lead"; enum names are few, so each is worked out once.</summary>
    private static string Snake(string pascal) => SnakeNames.GetOrAdd(pascal, static p =>
        string.Concat(p.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())));
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
