namespace Luoshi.Parsing.Calendar;

/// <summary>What a reporting sentence is about: the work plan, or progress reports.</summary>
internal enum ClauseKind
{
    /// <summary>Neither can be told.</summary>
    Unknown,

    /// <summary>Filing the work plan or task list.</summary>
    WorkPlan,

    /// <summary>Quarterly or annual progress reports.</summary>
    Report,
}

/// <summary>Who reports, to whom, and about what, read from the words of a sentence.</summary>
internal static partial class Participants
{
    private const string Office = @"(?:办公室|督查室|督查科|督办室|督查局|督查办|督考办|督办处|目标办|考评办|绩效办)";

    [GeneratedRegex(@"(?:报送至|报送到|报送给|报至|报到|报给|上报|报送|呈报|报)\s*(?<r>[区市县省][\u4e00-\u9fff〈〉《》()（）]{0,20}?" + Office + ")")]
    private static partial Regex Recipient();

    [GeneratedRegex(@"(?:各|由各?)(?:责任事项|相关|有关)?(?<who>牵头单位|责任单位|单位|部门)")]
    private static partial Regex Subject();

    [GeneratedRegex(
        @"(?:责任|配合|协办|参与|其它|其他|其余)单位[^。；;]{0,30}?(?:报送|报告|提交|提供|反馈|报)(?:给|至|到)?各?牵头单位" +
        @"|向各?牵头单位(?:报送|报告|提交|提供|反馈)|牵头单位[^。；;，,]{0,8}汇总")]
    private static partial Regex CoUnitsToLead();

    [GeneratedRegex(@"附件\s*(?<n>[0-9０-９]{1,2})")]
    private static partial Regex AttachmentReference();

    /// <summary>True when the sentence sends something somewhere (报, 报送, 备案, 提交).</summary>
    public static bool IsReporting(string s) =>
        s.Contains('报', StringComparison.Ordinal) || s.Contains("备案", StringComparison.Ordinal) || s.Contains("提交", StringComparison.Ordinal);

    /// <summary>
    /// What the dates at [<paramref name="start"/>, <paramref name="end"/>) of a clause are for: the
    /// nearer of the report words (季度, 完成情况, 进展情况, 落实情况, 半年) and the plan words (方案, 清单,
    /// 计划, 台账), so that "于2月10日前将工作方案报送…，并于每季度…报送进展情况" files a plan; failing
    /// both, the year alone (全年, 年度, 年终) makes a report. "制定全年办理工作方案" is a plan.
    /// </summary>
    public static ClauseKind Classify(string clause, int start, int end)
    {
        int report = Distance(clause, start, end, "季度", "完成情况", "进展情况", "落实情况", "半年");
        int plan = Distance(clause, start, end, "方案", "清单", "计划", "台账");
        if (report < int.MaxValue || plan < int.MaxValue)
        {
            return report <= plan ? ClauseKind.Report : ClauseKind.WorkPlan;
        }

        return Distance(clause, start, end, "全年", "年度", "年终") < int.MaxValue ? ClauseKind.Report : ClauseKind.Unknown;
    }

    /// <summary>Every office named after a reporting verb, with its index, in order.</summary>
    public static List<(int Index, string Name)> Recipients(string s) =>
        [.. Recipient().Matches(s).Select(m => (m.Index, m.Groups["r"].Value))];

    /// <summary>
    /// The office for a clause [<paramref name="from"/>, <paramref name="to"/>) whose dates end at
    /// <paramref name="after"/>: the first named after the dates inside the clause, else any inside
    /// it, else the first after it in the sentence ("…前报送…，均报区政府督查室").
    /// </summary>
    public static string? RecipientOf(IReadOnlyList<(int Index, string Name)> recipients, int from, int to, int after)
    {
        // Binary search for the first office at or after the clause: a sentence may hold many lists.
        int lo = 0;
        int hi = recipients.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            (lo, hi) = recipients[mid].Index < from ? (mid + 1, hi) : (lo, mid);
        }

        string? inside = null;
        for (int k = lo; k < recipients.Count; k++)
        {
            var (index, name) = recipients[k];
            if (index < to)
            {
                if (index >= after)
                {
                    return name;
                }

                inside ??= name;
            }
            else
            {
                return inside ?? name;
            }
        }

        return inside;
    }

    /// <summary>The office named in <paramref name="s"/>, preferring one at or after <paramref name="after"/>.</summary>
    public static string? RecipientOf(string s, int after) => RecipientOf(Recipients(s), 0, s.Length, after);

    /// <summary>The first subject of the sentence: 各牵头单位 (and 各责任事项牵头单位（责任单位）) are lead units; 各责任单位, 各单位 are all.</summary>
    public static ReporterRole? SubjectOf(string s) =>
        Subject().Match(s) is { Success: true } m
            ? m.Groups["who"].Value == "牵头单位" ? ReporterRole.LeadUnits : ReporterRole.AllResponsibleUnits
            : null;

    /// <summary>"其它责任单位将责任落实情况提前报送牵头单位", "向牵头单位报送", "由牵头单位汇总".</summary>
    public static bool SaysCoUnitsReportToLead(string s) => CoUnitsToLead().IsMatch(s);

    /// <summary>Attachment numbers the clause refers to ("填写附件1").</summary>
    public static IEnumerable<(int Number, int Index)> AttachmentsIn(string clause)
    {
        foreach (Match m in AttachmentReference().Matches(clause))
        {
            int n = m.Groups["n"].Value.Aggregate(0, (v, c) => (v * 10) + Text.Chars.DigitValue(c));
            yield return (n, m.Index);
        }
    }

    /// <summary>Characters between [<paramref name="start"/>, <paramref name="end"/>) and the nearest of the words; int.MaxValue when none occurs.</summary>
    private static int Distance(string s, int start, int end, params string[] words)
    {
        int best = int.MaxValue;
        foreach (string w in words)
        {
            int before = start <= 0 ? -1 : s.LastIndexOf(w, start - 1, StringComparison.Ordinal);
            if (before >= 0)
            {
                best = Math.Min(best, Math.Max(0, start - (before + w.Length)));
            }

            int after = end >= s.Length ? -1 : s.IndexOf(w, end, StringComparison.Ordinal);
            if (after >= 0)
            {
                best = Math.Min(best, after - end);
            }
        }

        return best;
    }
}
