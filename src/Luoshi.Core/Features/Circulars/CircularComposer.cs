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
        string basis = facts.NoticeTitle is { Length: > 0 } notice
            ? GbFormat.Cite(notice) + (facts.NoticeNumber is { Length: > 0 } no ? "（" + Clean(no) + "）" : "")
            : GbFormat.Cite(facts.PlanTitle);
        Paragraph(body, $"根据{basis}要求，{Clean(facts.Supervisor)}对{Year(facts.Year)}年{period}政府工作报告目标任务推进情况进行了跟踪督办。现将有关情况通报如下：");
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

        body.Append("部分 | 事项 | 完成 | 正常 | 滞后 | 逾期 | 完成率 | 正常率\n");
        foreach (var p in parts)
        {
            body.Append(Invariant($"{Clean(p.Name)} | {p.Items} | {p.Done} | {p.OnTrack} | {p.Behind} | {p.Overdue} | {Rate(p.Done, p.Items)} | {Rate(p.Done + p.OnTrack, p.Items)}\n"));
        }

        body.Append(Invariant($"合计 | {total} | {done} | {onTrack} | {behind} | {overdue} | {Rate(done, total)} | {Rate(done + onTrack, total)}\n\n"));
        Paragraph(body, "注：表中“完成”“正常”“滞后”“逾期”分别为已完成、正常推进、进度滞后、逾期未报的事项数；完成率为已完成事项占事项数的比例，正常率为已完成和正常推进事项占事项数的比例。");
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

        int stillMissing = units.Count(u => u.Filings.Any(f => f.SubmittedOn is null));
        bool mixed = units.Any(u => u.Filings.Any(f => f.SubmittedOn is null)) && units.Any(u => u.Filings.Any(f => f.SubmittedOn is not null));
        string missingNote = units.All(u => u.Filings.Count > 0 && u.Filings.All(f => f.SubmittedOn is null)) ? "，均至今未报送" : stillMissing == units.Count ? "，均有事项至今未报送" : stillMissing > 0 ? Invariant($"，其中{stillMissing}家有事项至今未报送") : "，均已逾期补报";
        // Items that many units share (e.g. 全面加强政府自身建设, which every unit carries) are stated once: the units late
        // on those only are listed by name, the others carry "※" after their name.
        var common = units.SelectMany(u => u.Filings.Select(f => (Part: Clean(f.PartName), Number: Clean(f.ItemNumber))).Distinct())
            .GroupBy(x => x).Where(g => g.Count() > 10 && g.Count() * 2 >= units.Count).Select(g => g.Key).ToHashSet();
        bool IsCommon(LateFiling f) => common.Contains((Clean(f.PartName), Clean(f.ItemNumber)));
        string lead = Invariant($"截至{ChineseDate(facts.Deadline)}报送截止，共有{units.Count}家单位未按时报送{period}推进情况{missingNote}。");
        var listed = units;
        string mark = "";
        if (common.Count > 0)
        {
            var sharing = units.Where(u => u.Filings.Any(IsCommon)).ToList();
            var onlyCommon = sharing.Where(u => u.Filings.All(IsCommon)).ToList();
            listed = [.. units.Where(u => !u.Filings.All(IsCommon) || u.Filings.Count == 0)];
            string commonItems = Items(units.SelectMany(u => u.Filings).Where(IsCommon).Select(f => (f.PartName, f.ItemNumber)));
            lead += Invariant($"{commonItems}由各单位共同承担，有{sharing.Count}家单位未按时报送")
                + (onlyCommon.Count > 0 ? Invariant($"，其中{string.Join("、", onlyCommon.Select(u => u.Name))}仅这些事项未按时报送。") : "。");
            mark = "※";
            lead += listed.Count > 0 ? "其余单位未按时报送的事项如下（单位名称后标“※”的，同时未按时报送上述共同承担事项）：" : "";
        }
        else
        {
            lead += "各单位未按时报送的事项如下：";
        }

        Paragraph(body, lead);
        for (int i = 0; i < listed.Count; i++)
        {
            var own = listed[i].Filings.Where(f => !IsCommon(f)).ToList();
            var missing = own.Where(f => f.SubmittedOn is null).ToList();
            var late = own.Where(f => f.SubmittedOn is not null).ToList();
            string list = listed[i].Filings.Count == 0 ? "未按时报送"
                : !mixed ? Items(own.Select(f => (f.PartName, f.ItemNumber)))
                : string.Join("；", new[]
                {
                    missing.Count > 0 ? Items(missing.Select(f => (f.PartName, f.ItemNumber))) + "未报送" : "",
                    late.Count > 0 ? Items(late.Select(f => (f.PartName, f.ItemNumber))) + "逾期补报" : "",
                }.Where(x => x.Length > 0));
            string star = listed[i].Filings.Any(IsCommon) ? mark : "";
            Paragraph(body, Invariant($"{i + 1}.{listed[i].Name}{star}：{list}。"));
        }
    }

    /// <summary>"重点工作第12、15项，民生实事第3项": items grouped by part, in the order given; numbers not in digits kept as written.</summary>
    internal static string Items(IEnumerable<(string Part, string Number)> items)
    {
        var groups = new List<(string Part, List<string> Numbers)>();
        foreach (var (part, number) in items)
        {
            string p = Clean(part);
            var g = groups.FirstOrDefault(x => x.Part == p);
            if (g.Numbers is null)
            {
                g = (p, []);
                groups.Add(g);
            }

            string n = Clean(number);
            if (!g.Numbers.Contains(n, StringComparer.Ordinal))
            {
                g.Numbers.Add(n);
            }
        }

        return string.Join("，", groups.Select(g =>
        {
            var digits = g.Numbers.Where(n => n.Length > 0 && n.All(char.IsAsciiDigit)).ToList();
            var others = g.Numbers.Where(n => !digits.Contains(n)).ToList();
            string text = (digits.Count > 0 ? "第" + Ranges(digits) + "项" : "")
                + (digits.Count > 0 && others.Count > 0 ? "、" : "") + string.Join("、", others);
            return g.Part + text;
        }));
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
        body.Append("事项 | 内容 | 牵头单位 | 实际进度 | 序时进度\n");
        foreach (var b in facts.BehindItems)
        {
            body.Append(Invariant($"{Clean(b.PartName)}{ItemLabel(b.ItemNumber)} | {Abbreviate(b.Text, 30)} | {Clean(b.LeadUnit)} | {b.ActualPercent}% | {b.ExpectedPercent}%\n"));
        }

        body.Append('\n');
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

    /// <summary>"12、15、138、139、140、141" → "12、15、138—141": three or more consecutive numbers become a range.</summary>
    internal static string Ranges(IReadOnlyList<string> numbers)
    {
        var values = numbers.Select(n => int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture)).ToList();
        var parts = new List<string>();
        for (int i = 0; i < values.Count;)
        {
            int j = i;
            while (j + 1 < values.Count && values[j + 1] == values[j] + 1)
            {
                j++;
            }

            parts.Add(j - i >= 2 ? Invariant($"{values[i]}—{values[j]}") : string.Join("、", values.Skip(i).Take(j - i + 1).Select(v => Invariant($"{v}"))));
            i = j + 1;
        }

        return string.Join("、", parts);
    }

    /// <summary>"18.5%", "0%", "—" when there is nothing to count.</summary>
    private static string Rate(int part, int whole) =>
        whole == 0 ? "—" : Invariant($"{Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero):0.#}%");

    internal static string ChineseDate(DateOnly date) => GbFormat.ChineseDate(date);

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Paragraph(StringBuilder body, string text) => body.Append(text).Append("\n\n");
}
