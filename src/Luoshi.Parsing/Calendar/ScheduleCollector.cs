namespace Luoshi.Parsing.Calendar;

/// <summary>Collects deadlines, recipients and reporters sentence by sentence, then builds the schedule.</summary>
internal sealed class ScheduleCollector(DateContext context)
{
    private static readonly char[] ClauseBreaks = ['，', ',', '；', ';'];

    private readonly List<Deadline> workPlans = [];
    private readonly List<Deadline> reports = [];
    private readonly List<FormReference> references = [];
    private ReporterRole? lastSubject;
    private ReporterRole? planReporters;
    private ReporterRole? reportReporters;
    private bool coUnitsToLead;

    public List<Diagnostic> Diagnostics { get; } = [];

    public IReadOnlyList<FormReference> References => references;

    public void Add(Sentence sentence)
    {
        string t = sentence.Text;
        lastSubject = Participants.SubjectOf(t) ?? lastSubject;
        coUnitsToLead |= Participants.SaysCoUnitsReportToLead(t);

        // 通报 (a circular naming laggards) is the office's own act, not a unit reporting.
        if (!Participants.IsReporting(t.Replace("通报", string.Empty, StringComparison.Ordinal)))
        {
            return;
        }

        var notes = new List<DateNote>();
        var groups = DateRecognizer.Find(t, context, notes);
        foreach (var note in notes)
        {
            Diagnostics.Add(new Diagnostic(sentence.LineAt(note.Start), sentence.ColumnAt(note.Start, note.Printed),
                note.Severity, note.Code, note.Message));
        }

        // Each dated list or rule is an anchor; a "（填写附件N）" belongs to the last anchor before it.
        var anchors = new List<(int End, FormPurpose Purpose)>();
        var recipients = Participants.Recipients(t);
        for (int g = 0; g < groups.Count; g++)
        {
            int from = g == 0 ? 0 : groups[g - 1].End;
            int to = g + 1 < groups.Count ? groups[g + 1].Start : t.Length;
            if (AddGroup(sentence, groups[g], from, to, Participants.RecipientOf(recipients, from, to, groups[g].End)) is FormPurpose purpose)
            {
                anchors.Add((groups[g].End, purpose));
            }
        }

        if (QuarterRules.Find(t, context.ImpliedYear) is { } rule)
        {
            AddRule(sentence, rule, Participants.RecipientOf(recipients, 0, t.Length, rule.End));
            anchors.Add((rule.End, FormPurpose.QuarterlyReport));
        }
        else if (groups.Count == 0 && t.Contains("每月", StringComparison.Ordinal))
        {
            Diagnostics.Add(new Diagnostic(sentence.LineAt(0), 0, Severity.Info, "schedule-monthly-not-read",
                "正文有按月报送的要求，日程只读取工作方案和季度、年度报送日期，按月报送未读取。"));
        }

        anchors.Sort((a, b) => a.End.CompareTo(b.End));
        int at = 0;
        foreach (var (number, index) in Participants.AttachmentsIn(t))
        {
            while (at + 1 < anchors.Count && anchors[at + 1].End <= index)
            {
                at++;
            }

            if (anchors.Count > 0)
            {
                references.Add(new FormReference(number, anchors[at].Purpose, sentence.LineAt(index)));
            }
        }
    }

    public ReportingSchedule Build(IReadOnlyList<ReportForm> forms)
    {
        var byPeriod = new List<Deadline>();
        foreach (var d in reports)
        {
            if (byPeriod.Find(x => x.Period == d.Period) is { } kept)
            {
                Diagnostics.Add(new Diagnostic(d.Line, 0, Severity.Warning, "schedule-period-duplicate",
                    $"{Name(d.Period)}的报送日期出现两次（{ChineseDates.Day(kept.Date)}，第 {kept.Line} 行；{ChineseDates.Day(d.Date)}），取前者。"));
                continue;
            }

            byPeriod.Add(d);
        }

        var ordered = byPeriod.OrderBy(d => d.Date).ThenBy(d => d.Period).ToList();
        var workPlan = workPlans.Count > 0 ? workPlans[0] : null;
        var recipients = ordered.Select(d => d.Recipient).Append(workPlan?.Recipient).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        string? recipient = ordered.Select(d => d.Recipient).FirstOrDefault(r => r is not null) ?? workPlan?.Recipient;
        if (recipients.Count > 1)
        {
            Diagnostics.Add(new Diagnostic(0, 0, Severity.Info, "schedule-recipients-differ",
                $"正文中的报送对象不止一个（{string.Join("、", recipients)}），以“{recipient}”为准，各日期另记其报送对象。"));
        }

        if (planReporters is { } p && reportReporters is { } r && p != r)
        {
            Diagnostics.Add(new Diagnostic(0, 0, Severity.Info, "schedule-reporters-differ",
                "报送工作方案与报送季度情况的主体不同，以报送季度情况的主体为准。"));
        }

        if (workPlan is null && ordered.Count == 0)
        {
            Diagnostics.Add(new Diagnostic(0, 0, Severity.Warning, "schedule-not-found",
                "正文中没有读到报送工作方案或季度、年度完成情况的日期。"));
        }

        var diagnostics = Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        return new ReportingSchedule(workPlan, ordered, recipient, reportReporters ?? planReporters, coUnitsToLead, forms, diagnostics);
    }

    /// <summary>Reads one dated list as the work plan or as reports; returns what it is for, or null.</summary>
    private FormPurpose? AddGroup(Sentence sentence, DateGroup group, int from, int to, string? recipient)
    {
        string t = sentence.Text;
        switch (Participants.Classify(t[from..to], group.Start - from, group.End - from))
        {
            case ClauseKind.WorkPlan:
                foreach (var d in group.Dates)
                {
                    AddWorkPlan(new Deadline(ReportPeriod.WorkPlan, d.Date, d.Printed, sentence.LineAt(d.Start), false, recipient));
                }

                planReporters ??= lastSubject;
                return FormPurpose.WorkPlan;
            case ClauseKind.Report:
                AddReports(sentence, group, t[from..group.Start], t[group.End..to], recipient);
                reportReporters ??= lastSubject;
                return FormPurpose.QuarterlyReport;
            case ClauseKind.Unknown:
            default:
                Diagnostics.Add(new Diagnostic(sentence.LineAt(group.Start), sentence.ColumnAt(group.Start, group.Dates[0].Printed),
                    Severity.Warning, "schedule-date-unclassified",
                    $"“{t[group.Start..group.End]}”出现在报送语句中，但看不出是报送工作方案还是季度、年度情况，未读取。"));
                return null;
        }
    }

    private void AddWorkPlan(Deadline deadline)
    {
        if (workPlans.Count > 0)
        {
            Diagnostics.Add(new Diagnostic(deadline.Line, 0, Severity.Info, "schedule-work-plan-extra",
                $"另有报送工作方案的日期“{deadline.Printed}”，以第一个（{workPlans[0].Printed}）为准。"));
        }

        workPlans.Add(deadline);
    }

    /// <summary>
    /// Pairs the dates with the period words around them: the whole stretch between the neighbouring
    /// lists first ("于…前，将第一、第二、第三季度及全年…"); then, for a stretch shared with a
    /// neighbour, the words of the dates' own clause (up to the nearest "，"), then either side alone.
    /// </summary>
    private void AddReports(Sentence sentence, DateGroup group, string before, string after, string? recipient)
    {
        var periodWords = PeriodWordReader.Read(before + after);
        var periods = PeriodWordReader.Pair(periodWords, group.Dates.Count);
        string nearBefore = before[(before.LastIndexOfAny(ClauseBreaks) + 1)..];
        int cut = after.IndexOfAny(ClauseBreaks);
        string nearAfter = cut < 0 ? after : after[..cut];
        foreach (string side in new[] { nearBefore + nearAfter, nearBefore, nearAfter, before, after })
        {
            if (periods is null && PeriodWordReader.Read(side) is var sideWords
                && PeriodWordReader.Pair(sideWords, group.Dates.Count) is { } paired)
            {
                (periodWords, periods) = (sideWords, paired);
            }
        }

        if (periods is null)
        {
            string said = periodWords.Named.Count == 0 ? "未列明季度" : string.Join("、", periodWords.Named.Select(Name));
            Diagnostics.Add(new Diagnostic(sentence.LineAt(group.Start), sentence.ColumnAt(group.Start, group.Dates[0].Printed),
                Severity.Warning, "schedule-period-guessed",
                $"“{sentence.Text[group.Start..group.End]}”有 {group.Dates.Count} 个日期，与所说的期次（{said}）对不上，按各日期所在月份推断期次。"));
        }

        for (int i = 0; i < group.Dates.Count; i++)
        {
            var d = group.Dates[i];
            int line = sentence.LineAt(d.Start);
            var period = periods?[i] ?? PeriodWordReader.FromDate(d.Date, context.ImpliedYear, periodWords.MentionsAnnual);
            if (period is not ReportPeriod p)
            {
                Diagnostics.Add(new Diagnostic(line, sentence.ColumnAt(d.Start, d.Printed), Severity.Warning, "schedule-period-unknown",
                    $"无法判断“{d.Printed}”是哪一期的报送日期，未读取。"));
                continue;
            }

            CheckPlausible(p, d.Date, d.Printed, line);
            reports.Add(new Deadline(p, d.Date, d.Printed, line, false, recipient));
        }
    }

    private void AddRule(Sentence sentence, QuarterRule rule, string? recipient)
    {
        int line = sentence.LineAt(rule.Start);
        foreach (var (period, date) in rule.Dates)
        {
            reports.Add(new Deadline(period, date, rule.Printed, line, true, recipient));
        }

        string dates = string.Join("、", rule.Dates.Select(x => $"{Name(x.Period)} {ChineseDates.Day(x.Date)}"));
        string caveat = rule.Note is null ? string.Empty : $"（{rule.Note}）";
        Diagnostics.Add(new Diagnostic(line, sentence.ColumnAt(rule.Start, rule.Printed), Severity.Info, "schedule-rule-inferred",
            $"“{rule.Printed}”不是具体日期，按规则推算为：{dates}{caveat}。"));
        reportReporters ??= lastSubject;
    }

    /// <summary>A report due before the last month of its period has begun is more likely misread.</summary>
    private void CheckPlausible(ReportPeriod period, DateOnly date, string printed, int line)
    {
        if (context.ImpliedYear is not int y || period == ReportPeriod.WorkPlan)
        {
            return;
        }

        int lastMonth = period switch
        {
            ReportPeriod.Q1 => 3,
            ReportPeriod.Q2 => 6,
            ReportPeriod.Q3 => 9,
            _ => 12,
        };
        if (date < new DateOnly(y, lastMonth, 1))
        {
            Diagnostics.Add(new Diagnostic(line, 0, Severity.Warning, "schedule-period-implausible",
                $"“{printed}”读作{Name(period)}的报送日期 {ChineseDates.Day(date)}，早于该期最后一个月，请核对。"));
        }
    }

    private static string Name(ReportPeriod p) => p switch
    {
        ReportPeriod.WorkPlan => "工作方案",
        ReportPeriod.Q1 => "第一季度",
        ReportPeriod.Q2 => "第二季度",
        ReportPeriod.Q3 => "第三季度",
        ReportPeriod.Q4 => "第四季度",
        ReportPeriod.Annual => "全年",
        _ => p.ToString(),
    };
}
