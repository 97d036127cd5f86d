namespace Luoshi.Core.Features.Work;

/// <summary>A specific work item of a work plan (具体工作内容) with its own deadline; <paramref name="Quarter"/> 1–4 in a per-quarter plan (洪山 季度工作安排).</summary>
public sealed record WorkStep(int? Quarter, string Content, string? Due);

/// <summary>Reads and writes the steps of a work plan as JSON.</summary>
public static class WorkSteps
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlyList<WorkStep> Parse(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<WorkStep>>(json, Json) ?? [];

    public static string ToJson(IEnumerable<WorkStep> steps) =>
        JsonSerializer.Serialize(steps.Where(s => !string.IsNullOrWhiteSpace(s.Content)).Select(s => s with { Content = s.Content.Trim(), Due = string.IsNullOrWhiteSpace(s.Due) ? null : s.Due.Trim() }).ToList(), Json);
}
