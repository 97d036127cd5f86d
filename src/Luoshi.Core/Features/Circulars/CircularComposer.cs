using System.Globalization;
using System.Text;

namespace Luoshi.Core.Features.Circulars;

/// <summary>
/// Drafts the quarterly circular (通报) from facts: a title and an editable body in the plain-text form that
/// <see cref="OfficialDocumentText"/> reads. Names and item texts from the data are cleaned so they cannot turn into
/// headings or tables ('|' becomes '｜', line breaks are removed).
/// </summary>
public static class CircularComposer
{
    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    public static DraftText Compose(CircularFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        string period = Clean(facts.PeriodName);
        string title = $"关于{Year(facts.Year)}年{period}政府工作报告目标任务推进情况的通报";
        string thisPeriod = period.EndsWith("季度", StringComparison.Ordinal) ? "本季度" : "本期";

        var body = new StringBuilder();
        Paragraph(body, $"根据《{Clean(facts.PlanTitle).Trim('《', '》')}》要求，{Clean(facts.Supervisor)}对{Year(facts.Year)}年{period}政府工作报告目标任务推进情况进行了跟踪督办。现将有关情况通报如下：");
        Overview(body, facts);
        LateUnits(body, facts, period, thisPeriod);
        BehindItems(body, facts, thisPeriod);
        Requirements(body, facts);
        return new DraftText(title, body.ToString().TrimEnd() + "\n");
    }

    private static void Overview(StringBuilder body, CircularFacts facts)
    {
        Paragraph(body, "一、总体情况");
        var parts = facts.Parts;
        int total = parts.Sum(p => p.Items), done = parts.Sum(p => p.Done), onTrack = parts.Sum(p => p.OnTrack);
        int behind = parts.Sum(p => p.Behind), overdue = parts.Sum(p => p.Overdue);
        int notStarted = total - done - onTrack - behind - overdue;
        string rest = notStarted > 0 ? Invariant($"，尚未开始{notStarted}项") : string.Empty;
        Paragraph(body, Invariant($"截至{ChineseDate(facts.AsOf)}，责任分解方案共有目标任务{total}项，其中已完成{done}项，正常推进{onTrack}项，进度滞后{behind}项，逾期未报{overdue}项{rest}。各部分推进情况如下："));

        body.Append("部分 | 事项数 | 已完成 | 正常推进 | 进度滞后 | 逾期未报\n");
        foreach (var p in parts)
        {
            body.Append(Invariant($"{Clean(p.Name)} | {p.Items} | {p.Done} | {p.OnTrack} | {p.Behind} | {p.Overdue}\n"));
        }

        body.Append(Invariant($"合计 | {total} | {done} | {onTrack} | {behind} | {overdue}\n\n"));
    }

    private static void LateUnits(StringBuilder body, CircularFacts facts, string period, string thisPeriod)
    {
        Paragraph(body, "二、未按时报送的单位");
        // One entry per unit, in the order given, even if the caller listed a unit twice.
        var units = facts.LateUnits
            .GroupBy(u => Clean(u.Name), StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Filings: g.SelectMany(u => u.Filings).ToList()))
            .ToList();
        if (units.Count == 0)
        {
            Paragraph(body, $"{thisPeriod}各单位均按时报送。");
            return;
        }

        Paragraph(body, Invariant($"截至{ChineseDate(facts.Deadline)}报送截止，{string.Join("、", units.Select(u => u.Name))}共{units.Count}家单位未按时报送{period}推进情况。具体如下："));
        for (int i = 0; i < units.Count; i++)
        {
            var filings = units[i].Filings.Select(f => ItemLabel(f.ItemNumber) + "（" + Clean(f.PeriodName) + "，"
                + (f.SubmittedOn is { } on ? ChineseDate(on) + "补报" : "至今未报送") + "）");
            string list = units[i].Filings.Count == 0 ? "未按时报送" : string.Join("、", filings);
            Paragraph(body, Invariant($"{i + 1}.{units[i].Name}：{list}。"));
        }
    }

    private static void BehindItems(StringBuilder body, CircularFacts facts, string thisPeriod)
    {
        Paragraph(body, "三、进度滞后的事项");
        if (facts.BehindItems.Count == 0)
        {
            Paragraph(body, $"{thisPeriod}暂无进度滞后的事项。");
            return;
        }

        Paragraph(body, Invariant($"对照序时进度，共有{facts.BehindItems.Count}项目标任务进度滞后："));
        for (int i = 0; i < facts.BehindItems.Count; i++)
        {
            var b = facts.BehindItems[i];
            Paragraph(body, Invariant($"{i + 1}.{Clean(b.PartName)}{ItemLabel(b.ItemNumber)}“{Abbreviate(b.Text, 30)}”（牵头单位：{Clean(b.LeadUnit)}），实际进度{b.ActualPercent}%，序时进度{b.ExpectedPercent}%。"));
        }
    }

    private static void Requirements(StringBuilder body, CircularFacts facts)
    {
        Paragraph(body, "四、下步工作要求");
        var items = new List<string>
        {
            "压实工作责任。各单位主要负责同志要切实履行第一责任人职责，对照责任分解方案逐项梳理目标任务，细化工作措施，确保各项工作按序时进度推进。",
        };
        if (facts.BehindItems.Count > 0)
        {
            items.Add("加快滞后事项进度。对本通报所列进度滞后事项，牵头单位要认真分析原因，制定整改措施，明确完成时限，确保尽快赶上序时进度。");
        }

        items.Add($"严格按时报送。各单位要严格按照规定时限报送推进情况，报送材料须经单位主要负责人审定。{Clean(facts.Supervisor)}将持续跟踪督办，督查结果纳入年度绩效目标管理考核。");
        for (int i = 0; i < items.Count; i++)
        {
            Paragraph(body, $"（{Numerals[i]}）{items[i]}");
        }
    }

    /// <summary>"88" → "第88项"; a number written otherwise ("（一）", "民生实事第22项") is kept as given.</summary>
    internal static string ItemLabel(string number)
    {
        string n = Clean(number);
        return n.Length > 0 && n.All(char.IsAsciiDigit) ? $"第{n}项" : n;
    }

    internal static string Abbreviate(string text, int maxChars)
    {
        string t = Clean(text).TrimEnd('。', '；', '，');
        var info = new StringInfo(t);
        return info.LengthInTextElements <= maxChars ? t : info.SubstringByTextElements(0, maxChars) + "……";
    }

    /// <summary>Data cannot become markup of the body: no line breaks, no '|' (table cells), runs of spaces collapsed.</summary>
    internal static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text.Trim())
        {
            if (c is '\r' or '\n')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c == '|' ? '｜' : c);
        }

        return sb.ToString();
    }

    internal static string ChineseDate(DateOnly date) => GbFormat.ChineseDate(date);

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Paragraph(StringBuilder body, string text) => body.Append(text).Append("\n\n");
}
