namespace Luoshi.Parsing.Calendar;

/// <summary>A reference to an attachment from a dated clause ("（填写附件1）") and what that clause is about.</summary>
/// <param name="Number">The attachment number.</param>
/// <param name="Purpose">What the clause files with it.</param>
/// <param name="Line">1-based source line of the reference.</param>
internal readonly record struct FormReference(int Number, FormPurpose Purpose, int Line);

/// <summary>
/// Finds the template forms: the attachment list ("附件：1. …" and the numbered lines after it) and
/// the attachment headings ("附件 2" followed by the form's title) give numbers and titles; the
/// body's references ("填写附件1" in the work-plan sentence) give purposes, and titles give them
/// otherwise (办理工作方案 → work plan; 季度…完成情况表 → quarterly report). The plan itself
/// (…责任分解方案) is not a form.
/// </summary>
internal static partial class FormReader
{
    private const int MaxListLines = 12;

    [GeneratedRegex(@"^附件\s*[:：]\s*(?<rest>.*)$")]
    private static partial Regex ListStart();

    [GeneratedRegex(@"^(?<n>[0-9０-９]{1,2})\s*[.．、]\s*(?<title>\S.*)$")]
    private static partial Regex ListEntry();

    [GeneratedRegex(@"^附件\s*(?<n>[0-9０-９]{1,2})$")]
    private static partial Regex Heading();

    public static List<ReportForm> Read(IReadOnlyList<SourceLine> lines, IReadOnlyList<FormReference> references, List<Diagnostic> diagnostics)
    {
        var titles = new SortedDictionary<int, (string Title, int Line)>();
        var headings = new SortedDictionary<int, (string Title, int Line)>();
        for (int i = 0; i < lines.Count; i++)
        {
            string t = lines[i].Text;
            if (!t.StartsWith("附件", StringComparison.Ordinal))
            {
                continue;
            }

            if (ListStart().Match(t) is { Success: true } list)
            {
                ReadList(lines, i, list.Groups["rest"].Value.Trim(), titles);
            }
            else if (Heading().Match(t) is { Success: true } h && NextTitle(lines, i) is { } title)
            {
                headings.TryAdd(Number(h.Groups["n"].Value), title);
            }
        }

        foreach (var (n, title) in headings)
        {
            titles.TryAdd(n, title);
        }

        var purposeByRef = new Dictionary<int, FormReference>();
        foreach (var r in references)
        {
            purposeByRef.TryAdd(r.Number, r);
        }

        var forms = new List<ReportForm>();
        foreach (int n in titles.Keys.Union(purposeByRef.Keys).Order())
        {
            (string Title, int Line)? title = titles.TryGetValue(n, out var found) ? found : null;
            FormPurpose? byTitle = title is { } tt ? PurposeOf(tt.Title) : null;
            FormPurpose? byRef = purposeByRef.TryGetValue(n, out var reference) ? reference.Purpose : null;
            if (byRef is FormPurpose a && byTitle is FormPurpose b && a != b)
            {
                diagnostics.Add(new Diagnostic(title!.Value.Line, 0, Severity.Warning, "schedule-form-purpose-conflict",
                    $"正文要求填写附件{n}报送{Describe(a)}，但附件{n}的标题“{title.Value.Title}”看起来是{Describe(b)}；按正文读取。"));
            }

            if ((byRef ?? byTitle) is not FormPurpose purpose)
            {
                continue;
            }

            if (title is null)
            {
                diagnostics.Add(new Diagnostic(reference.Line, 0, Severity.Warning, "schedule-form-title-missing",
                    $"正文提到附件{n}，但没有找到附件{n}的标题。"));
            }

            forms.Add(new ReportForm(purpose, $"附件{n}", title?.Title, title?.Line ?? reference.Line));
        }

        return forms;
    }

    /// <summary>What a form's title says it is for, or null (the plan itself, or something else).</summary>
    public static FormPurpose? PurposeOf(string title)
    {
        if (title.Contains("分解方案", StringComparison.Ordinal))
        {
            return null;
        }

        bool progress = title.Contains("完成情况", StringComparison.Ordinal) || title.Contains("进展情况", StringComparison.Ordinal)
            || title.Contains("落实情况", StringComparison.Ordinal);
        if (progress || (title.Contains("季度", StringComparison.Ordinal) && title.Contains('表', StringComparison.Ordinal)))
        {
            return FormPurpose.QuarterlyReport;
        }

        string[] plan = ["工作方案", "办理方案", "实施方案", "工作计划", "任务清单", "样表"];
        return plan.Any(w => title.Contains(w, StringComparison.Ordinal)) ? FormPurpose.WorkPlan : null;
    }

    private static void ReadList(IReadOnlyList<SourceLine> lines, int at, string rest, SortedDictionary<int, (string, int)> titles)
    {
        if (rest.Length > 0)
        {
            if (ListEntry().Match(rest) is { Success: true } first)
            {
                titles.TryAdd(Number(first.Groups["n"].Value), (first.Groups["title"].Value.Trim(), lines[at].Number));
            }
            else
            {
                // "附件：xxx" with one attachment and no number.
                titles.TryAdd(1, (rest, lines[at].Number));
                return;
            }
        }

        for (int i = at + 1, seen = 0; i < lines.Count && seen < MaxListLines; i++, seen++)
        {
            string t = lines[i].Text;
            if (t.Length == 0)
            {
                continue;
            }

            if (ListEntry().Match(t) is not { Success: true } entry)
            {
                return;
            }

            titles.TryAdd(Number(entry.Groups["n"].Value), (entry.Groups["title"].Value.Trim(), lines[i].Number));
        }
    }

    private static (string Title, int Line)? NextTitle(IReadOnlyList<SourceLine> lines, int at)
    {
        for (int i = at + 1; i < lines.Count && i <= at + 6; i++)
        {
            string t = lines[i].Text;
            if (t.Length == 0 || t.StartsWith("填报", StringComparison.Ordinal) || t.StartsWith("主要责任人", StringComparison.Ordinal))
            {
                continue;
            }

            return Heading().IsMatch(t) ? null : (t, lines[i].Number);
        }

        return null;
    }

    private static int Number(string digits) => digits.Aggregate(0, (v, c) => (v * 10) + Chars.DigitValue(c));

    private static string Describe(FormPurpose p) => p switch
    {
        FormPurpose.WorkPlan => "工作方案",
        FormPurpose.QuarterlyReport => "季度完成情况",
        _ => p.ToString(),
    };
}
