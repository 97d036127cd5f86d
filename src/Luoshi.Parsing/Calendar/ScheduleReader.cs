namespace Luoshi.Parsing.Calendar;

/// <summary>
/// Reads the reporting calendar from the body of a notice (the text before the plan): the work-plan
/// deadline, the quarterly and annual report deadlines, the office they go to, who reports, whether
/// co-units report to the lead unit first, and the template forms. Pure: no I/O; never throws on
/// any text. Damaged dates are read as their most likely date, always with a diagnostic.
/// </summary>
public static partial class ScheduleReader
{
    [GeneratedRegex(@"(?<y>(?:19|20)[0-9]{2})\s*年")]
    private static partial Regex TitleYear();

    [GeneratedRegex(@"^附件\s*[0-9０-９]{1,2}$")]
    private static partial Regex AttachmentHeading();

    /// <summary>Reads the calendar of a notice.</summary>
    /// <param name="text">The notice's text, as given to <see cref="NoticeParser.Parse(string)"/>.</param>
    /// <param name="notice">The notice parsed from the same text: its signing date and title give the year, its plan marks where the body ends.</param>
    /// <returns>The calendar; empty, with a diagnostic, when the body states none.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static ReportingSchedule Read(string text, ParsedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(notice);
        if (text.Length > NoticeParser.MaxLength)
        {
            text = text[..NoticeParser.MaxLength];
        }

        var lines = LineSplitter.Split(text);
        var context = new DateContext(PlanYear(notice.Document.Title), notice.Document.SignedOn);
        var collector = new ScheduleCollector(context);
        foreach (var sentence in BodySentences.Split(lines, 0, BodyEnd(lines, notice)))
        {
            collector.Add(sentence);
        }

        var forms = FormReader.Read(lines, collector.References, collector.Diagnostics);
        return collector.Build(forms);
    }

    /// <summary>The year the notice is about, from its title ("关于印发2026年区《政府工作报告》…").</summary>
    internal static int? PlanYear(string? title) =>
        title is not null && TitleYear().Match(title) is { Success: true } m
            ? int.Parse(m.Groups["y"].ValueSpan, provider: CultureInfo.InvariantCulture)
            : null;

    /// <summary>Index of the first line of the plan: its first part or item, or the first "附件 N" heading.</summary>
    private static int BodyEnd(List<SourceLine> lines, ParsedNotice notice)
    {
        int end = lines.Count;
        foreach (var part in notice.Parts)
        {
            if (part.Line > 0)
            {
                end = Math.Min(end, part.Line - 1);
            }
        }

        foreach (var item in notice.Items)
        {
            if (item.FirstLine > 0)
            {
                end = Math.Min(end, item.FirstLine - 1);
            }
        }

        for (int i = 0; i < end; i++)
        {
            if (AttachmentHeading().IsMatch(lines[i].Text))
            {
                return i;
            }
        }

        return end;
    }
}
