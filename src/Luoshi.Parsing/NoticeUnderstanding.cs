using Luoshi.Parsing.Calendar;
using Luoshi.Parsing.Indicators;

namespace Luoshi.Parsing;

/// <summary>One item of a notice understood whole: the item as read, its units resolved and its targets.</summary>
/// <param name="Item">The item as read.</param>
/// <param name="Resolved">The item with its units resolved and its leads decided; null when no catalogue fits the notice's district.</param>
/// <param name="Targets">The item's targets as numbers, in the order the text gives them.</param>
public sealed record UnderstoodItem(NoticeItem Item, ResolvedItem? Resolved, IReadOnlyList<Indicator> Targets);

/// <summary>A notice read and understood: units resolved, targets as numbers.</summary>
/// <param name="Notice">The notice as read.</param>
/// <param name="Resolved">The plan with units resolved, or null when no catalogue fits the notice's district.</param>
/// <param name="Items">Every item of <see cref="ParsedNotice.Items"/>, in order, with its resolution and its targets.</param>
/// <param name="RepeatedTargets">Targets that appear in several items.</param>
/// <param name="Schedule">The reporting calendar read from the notice's body.</param>
/// <param name="Diagnostics">The reader's and the resolver's diagnostics together, by line.</param>
public sealed record UnderstoodNotice(
    ParsedNotice Notice,
    ResolvedPlan? Resolved,
    IReadOnlyList<UnderstoodItem> Items,
    IReadOnlyList<RepeatedTarget> RepeatedTargets,
    ReportingSchedule Schedule,
    IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>Reads a notice and understands it in one call: the entry point for the CLI and the web import.</summary>
public static class NoticeUnderstanding
{
    /// <summary>Reads <paramref name="text"/>, resolves its units against <paramref name="catalogue"/> (or the set's catalogue for the notice's district), and reads its targets.</summary>
    public static UnderstoodNotice Understand(string text, CatalogueSet catalogues, UnitCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(catalogues);
        var notice = NoticeParser.Parse(text);
        var diagnostics = new List<Diagnostic>(notice.Diagnostics);
        catalogue ??= catalogues.For(notice.Document);
        ResolvedPlan? resolved = null;
        if (catalogue is null)
        {
            if (notice.Items.Count > 0)
            {
                diagnostics.Add(new Diagnostic(0, 0, Severity.Warning, "no-catalogue",
                    "没有与发文机关对应的单位名录，单位未做核对。请指定区县或先建立单位名录。"));
            }
        }
        else
        {
            resolved = new UnitResolver(catalogue).Resolve(notice);
            diagnostics.AddRange(resolved.Diagnostics);
        }

        var schedule = ScheduleReader.Read(text, notice);
        diagnostics.AddRange(schedule.Diagnostics);
        // The resolver keeps the notice's items in order, one for one; here they are joined once, so no reader of the result matches lists by position.
        var items = notice.Items.Select((i, k) => new UnderstoodItem(i, resolved?.Items[k], IndicatorReader.Read(i.Text))).ToList();
        var repeated = IndicatorReader.FindRepeated(items.Select(x => (x.Item, x.Targets)));
        return new UnderstoodNotice(notice, resolved, items, repeated, schedule, [.. diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)]);
    }
}
