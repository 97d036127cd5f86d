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

    /// <summary>
    /// What the page's charts draw (dashboard.js), for its data block: the totals, the parts, units and leaders, each target's
    /// completion against the expected progress, the late units. Not the groups (a table only; a plan has up to a few hundred)
    /// nor the targets' printed text and values (in the table below): the block was the page's largest part (issue 16).
    /// </summary>
    public static string ForCharts(DashboardData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return JsonSerializer.Serialize(new
        {
            data.DistrictCode, data.Year, data.Today, data.Revision, data.ExpectedPercent, data.Total,
            data.Parts, data.Units, data.Leaders,
            Targets = data.Targets.Select(t => new { t.Number, t.Measure, t.Percent, t.Expected, t.Rag }),
            LateUnits = data.LateUnits.Select(u => new { u.Name, u.Missing, u.Late }),
        }, Options);
    }
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
