using System.Text.Encodings.Web;

namespace Luoshi.Web.Features.Dashboard;

/// <summary>
/// The dashboard's numbers as JSON for a <c>&lt;script type="application/json"&gt;</c> data block. The encoder (not the
/// "unsafe relaxed" one) escapes &lt; &gt; &amp; ' " and + as \uXXXX whatever ranges it allows, so no text (a unit's name,
/// say) can close the element or start markup; Chinese is written as itself to keep the page small. The browser's
/// JSON.parse turns the escapes back. The CSP forbids running inline script, not reading data.
/// </summary>
public static class DashboardJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    public static string ForScript(DashboardData data) => JsonSerializer.Serialize(data, Options);
}

/// <summary>A progress table on the page: its rows, the first column's header, and where a row links to.</summary>
public sealed record ProgressTable(string Kind, string Header, IReadOnlyList<ProgressRow> Rows, Func<ProgressRow, string>? Link = null);

/// <summary>Chinese labels of the dashboard's values.</summary>
public static class DashboardLabels
{
    /// <summary>The colour's name (<see cref="ItemStateLabels"/>), — for none.</summary>
    public static string Rag(string rag) =>
        Enum.TryParse<Luoshi.Core.Features.Supervision.Rag>(rag, out var r) ? ItemStateLabels.Of(r) ?? "—" : "—";

    public static string RagClass(string rag) => rag switch
    {
        "Red" => "rag-red",
        "Amber" => "rag-amber",
        "Green" => "rag-green",
        _ => "rag-none",
    };
}
