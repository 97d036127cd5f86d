using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
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
    /// the diagnostics one by one, straight from the understood notice, so neither the whole text nor a copy of every item
    /// is made. The small parts go through the serializer from their records; the items and the diagnostics, which are
    /// most of the output, are written field by field in the order docs/plan-json.md gives, as the serializer wrote them.
    /// </summary>
    public static void Write(UnderstoodNotice notice, Stream output)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var n = notice.Notice;
        // Through a buffer of ours that the writer fills and that goes to the stream when full: the writer's own buffer
        // for a stream is cleared (zeroed) at every flush, which cost about a tenth of the whole understanding.
        using var buffer = new StreamBufferWriter(output);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Options.Encoder });
        writer.WriteStartObject();
        Serialized(writer, "document", Document(notice));
        Serialized(writer, "parts", Parts(n));
        Streamed(writer, "items", notice.Items, WriteItem);
        Serialized(writer, "definitions", Definitions(n));
        Serialized(writer, "schedule", Schedule(notice.Schedule));
        Serialized(writer, "repeatedTargets", RepeatedTargets(notice));
        Streamed(writer, "diagnostics", notice.Diagnostics, WriteDiagnostic);
        writer.WriteEndObject();
        writer.Flush();
        buffer.WriteOut();
    }

    /// <summary>A small part: the property through the serializer.</summary>
    private static void Serialized<T>(Utf8JsonWriter writer, string name, T value)
    {
        writer.WritePropertyName(name);
        JsonSerializer.Serialize(writer, value, Options);
    }

    /// <summary>A large part: an array written element by element (the buffer goes to the stream as it fills).</summary>
    private static void Streamed<T>(Utf8JsonWriter writer, string name, IEnumerable<T> elements, Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartArray(name);
        foreach (var element in elements)
        {
            write(writer, element);
        }

        writer.WriteEndArray();
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

    private static void WriteItem(Utf8JsonWriter w, UnderstoodItem item)
    {
        var (i, r, targets) = item;
        w.WriteStartObject();
        w.WriteNumber(Names.Part, i.Part);
        w.WriteString(Names.PartKind, KindName(i.PartKind));
        w.WriteString(Names.Number, i.Number);
        w.WriteNumber(Names.Ordinal, i.Ordinal);
        WriteStringOrNull(w, Names.Group, i.Group);
        WriteStringOrNull(w, Names.Theme, i.Theme);
        w.WriteString(Names.Text, i.Text);
        WriteUnits(w, Names.Lead, i.Lead, r?.Lead);
        WriteUnits(w, Names.Responsible, i.Responsible, r?.Responsible);
        WriteStringsOrNull(w, Names.LeadUnits, r?.LeadUnits);
        WriteStringsOrNull(w, Names.CoUnits, r?.CoUnits);
        WriteStringOrNull(w, Names.LeadSource, r is null ? null : Snake(r.LeadSource.ToString()));
        WriteStringsOrNull(w, Names.Leaders, i.Leaders);
        WriteStringOrNull(w, Names.Deadline, i.Deadline);
        WritePair(w, Names.Lines, i.FirstLine, i.LastLine);
        w.WriteStartArray(Names.Indicators);
        for (int k = 0; k < targets.Count; k++)
        {
            var x = targets[k];
            w.WriteStartObject();
            w.WriteString(Names.Measure, x.Measure);
            w.WriteNumber(Names.Value, x.Value);
            w.WriteString(Names.Unit, x.Unit);
            w.WriteString(Names.Sense, Snake(x.Sense.ToString()));
            w.WriteString(Names.Printed, x.Printed);
            WritePair(w, Names.Span, x.Start, x.Start + x.Length);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Printed mentions with their resolution; a mention can resolve to two ("区住建局等有关部门").</summary>
    private static void WriteUnits(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<UnitMention> printed, IReadOnlyList<ResolvedMention>? resolved)
    {
        w.WriteStartArray(name);
        if (resolved is null)
        {
            for (int k = 0; k < printed.Count; k++)
            {
                var m = printed[k];
                WriteUnit(w, m.Printed, m.Name, m.Label, null, null, null);
            }
        }
        else
        {
            for (int k = 0; k < resolved.Count; k++)
            {
                var r = resolved[k];
                WriteUnit(w, r.Printed, r.Canonical ?? r.Name, LabelOf(printed, r.Printed), KindName(r.Kind),
                    r.Kind == ResolutionKind.Collective ? r.Members : null,
                    r.Kind == ResolutionKind.Unknown ? r.Candidates : null);
            }
        }

        w.WriteEndArray();
    }

    private static void WriteUnit(Utf8JsonWriter w, string printed, string name, string label, string? resolution,
        IReadOnlyList<string>? members, IReadOnlyList<string>? candidates)
    {
        w.WriteStartObject();
        w.WriteString(Names.Printed, printed);
        w.WriteString(Names.Name, name);
        w.WriteString(Names.Label, label);
        WriteStringOrNull(w, Names.Resolution, resolution);
        WriteStringsOrNull(w, Names.Members, members);
        WriteStringsOrNull(w, Names.Candidates, candidates);
        w.WriteEndObject();
    }

    private static void WriteDiagnostic(Utf8JsonWriter w, Diagnostic d)
    {
        w.WriteStartObject();
        w.WriteNumber(Names.Line, d.Line);
        w.WriteNumber(Names.Column, d.Column);
        w.WriteString(Names.Severity, SeverityName(d.Severity));
        w.WriteString(Names.Code, d.Code);
        w.WriteString(Names.Message, d.Message);
        w.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteStringsOrNull(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartArray(name);
        for (int k = 0; k < values.Count; k++)
        {
            w.WriteStringValue(values[k]);
        }

        w.WriteEndArray();
    }

    // Indexed loops throughout: a foreach over an IReadOnlyList boxes an enumerator, and these run for every item and mention.
    private static void WritePair(Utf8JsonWriter w, JsonEncodedText name, int first, int second)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(first);
        w.WriteNumberValue(second);
        w.WriteEndArray();
    }

    private static List<DefinitionDto> Definitions(ParsedNotice n) =>
        [.. n.Definitions.Select(d => new DefinitionDto(Snake(d.Kind.ToString()), d.Name, d.Values, d.Line))];

    private static List<RepeatedTargetDto> RepeatedTargets(UnderstoodNotice u) =>
        [.. u.RepeatedTargets.Select(t => new RepeatedTargetDto(t.Measure, t.Value, t.Unit, [.. t.Items.Select(x => new ItemRefDto(x.Part, x.Number))]))];

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

    /// <summary>The label of the printed mention a resolution came from (the lists are short: a scan, not a dictionary per item).</summary>
    private static string LabelOf(IReadOnlyList<UnitMention> printed, string mention)
    {
        for (int k = 0; k < printed.Count; k++)
        {
            var m = printed[k];
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

/// <summary>
/// The JSON writer's output: one pooled buffer, written to the stream when the writer asks for more room than is left
/// (the writer has committed everything before it asks), and at the end (<see cref="WriteOut"/>). Nothing is zeroed.
/// </summary>
file sealed class StreamBufferWriter(Stream stream) : IBufferWriter<byte>, IDisposable
{
    private const int Size = 1 << 17;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Size);
    private int _written;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Writes what has been committed to the stream.</summary>
    public void WriteOut()
    {
        if (_written > 0)
        {
            stream.Write(_buffer, 0, _written);
            _written = 0;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Reserve(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        WriteOut();
        if (_buffer.Length < needed)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(needed);
        }
    }
}

internal sealed record DocumentDto(string? Issuer, string? DocNumber, string? Title, string? SignedOn, string LeadRule,
    int? LeadRuleAt, string? LeadRuleText, string? District, int? UnitsInvolved);

internal sealed record PartDto(int Index, string Kind, string Title, int? DeclaredCount, int Line, string? Leader);

internal sealed record ScheduleDto(DeadlineDto? WorkPlan, IReadOnlyList<DeadlineDto> Reports, string? Recipient, string? Reporters,
    bool CoUnitsReportToLead, IReadOnlyList<FormDto> Forms);

internal sealed record DeadlineDto(string Period, string Date, string Printed, int Line, bool Inferred, string? Recipient);

internal sealed record FormDto(string Purpose, string Attachment, string? Title, int Line);

internal sealed record RepeatedTargetDto(string Measure, decimal Value, string Unit, IReadOnlyList<ItemRefDto> Items);

internal sealed record ItemRefDto(int Part, string Number);

internal sealed record DefinitionDto(string Kind, string Name, IReadOnlyList<string> Values, int Line);

/// <summary>The property names of the items and the diagnostics, encoded once (camel case, as the serializer names the other parts).</summary>
file static class Names
{
    public static readonly JsonEncodedText Part = JsonEncodedText.Encode("part");
    public static readonly JsonEncodedText PartKind = JsonEncodedText.Encode("partKind");
    public static readonly JsonEncodedText Number = JsonEncodedText.Encode("number");
    public static readonly JsonEncodedText Ordinal = JsonEncodedText.Encode("ordinal");
    public static readonly JsonEncodedText Group = JsonEncodedText.Encode("group");
    public static readonly JsonEncodedText Theme = JsonEncodedText.Encode("theme");
    public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    public static readonly JsonEncodedText Lead = JsonEncodedText.Encode("lead");
    public static readonly JsonEncodedText Responsible = JsonEncodedText.Encode("responsible");
    public static readonly JsonEncodedText LeadUnits = JsonEncodedText.Encode("leadUnits");
    public static readonly JsonEncodedText CoUnits = JsonEncodedText.Encode("coUnits");
    public static readonly JsonEncodedText LeadSource = JsonEncodedText.Encode("leadSource");
    public static readonly JsonEncodedText Leaders = JsonEncodedText.Encode("leaders");
    public static readonly JsonEncodedText Deadline = JsonEncodedText.Encode("deadline");
    public static readonly JsonEncodedText Lines = JsonEncodedText.Encode("lines");
    public static readonly JsonEncodedText Indicators = JsonEncodedText.Encode("indicators");
    public static readonly JsonEncodedText Measure = JsonEncodedText.Encode("measure");
    public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    public static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
    public static readonly JsonEncodedText Sense = JsonEncodedText.Encode("sense");
    public static readonly JsonEncodedText Printed = JsonEncodedText.Encode("printed");
    public static readonly JsonEncodedText Span = JsonEncodedText.Encode("span");
    public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    public static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    public static readonly JsonEncodedText Resolution = JsonEncodedText.Encode("resolution");
    public static readonly JsonEncodedText Members = JsonEncodedText.Encode("members");
    public static readonly JsonEncodedText Candidates = JsonEncodedText.Encode("candidates");
    public static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
    public static readonly JsonEncodedText Column = JsonEncodedText.Encode("column");
    public static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
    public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
}
