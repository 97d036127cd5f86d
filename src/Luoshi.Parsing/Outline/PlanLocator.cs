namespace Luoshi.Parsing.Outline;

/// <summary>Where the plan stands in the notice and which lines head its parts.</summary>
/// <param name="Start">First line index of the plan (inclusive).</param>
/// <param name="End">Line index where the plan ends (exclusive).</param>
/// <param name="PartHeadings">Line indexes of the part headings (一、…); empty for a plan without parts.</param>
/// <param name="HeadingsAreItems">True when the 一、 lines carry units themselves: they are the items.</param>
internal sealed record PlanRegion(int Start, int End, IReadOnlyList<int> PartHeadings, bool HeadingsAreItems);

/// <summary>Stage 3: find the plan (Attachment 1) inside the notice.</summary>
internal static class PlanLocator
{
    public static PlanRegion? Locate(LineFacts f, List<Diagnostic> diagnostics)
    {
        int lastClause = -1;
        int clauseCount = 0;
        for (int i = 0; i < f.Count; i++)
        {
            if (f.HasClause(i))
            {
                lastClause = i;
                clauseCount++;
            }
        }

        // Runs of 一、二、三、 headings; the body of the notice has one, the plan another.
        var runs = new List<List<int>>();
        for (int i = 0; i < f.Count; i++)
        {
            if (f.Numbering[i] is not { Style: NumberStyle.ChineseComma } n)
            {
                continue;
            }

            if (n.Value == 1 || runs.Count == 0 || f.Numbering[runs[^1][^1]]!.Value.Value != n.Value - 1)
            {
                if (n.Value != 1 && runs.Count > 0)
                {
                    continue;
                }

                runs.Add([i]);
            }
            else
            {
                runs[^1].Add(i);
            }
        }

        var planHeadings = new List<int>();
        bool headingsAreItems = false;
        for (int r = 0; r < runs.Count; r++)
        {
            int spanEnd = r + 1 < runs.Count ? runs[r + 1][0] : f.Count;
            int clauses = 0;
            int numbered = 0;
            for (int i = runs[r][0]; i < spanEnd; i++)
            {
                clauses += f.HasClause(i) ? 1 : 0;
                numbered += f.Numbering[i] is { Style: not NumberStyle.ChineseComma } ? 1 : 0;
            }

            // Without any unit clause in the text, a run of titled headings is the plan only if numbered items follow.
            bool titled = runs[r].Any(i => PartKinds.FromTitle(f.Lines[i].Text) != PartKind.Other);
            if (clauses > 0 || (clauseCount == 0 && titled && numbered >= 2))
            {
                planHeadings.AddRange(runs[r]);
            }
        }

        if (planHeadings.Count > 0)
        {
            int onLine = planHeadings.Count(i => f.HasClause(i) || NextNonNoiseHasClauseBeforeNumbering(f, i));
            headingsAreItems = onLine * 2 > planHeadings.Count;
            int start = planHeadings[0];
            int end = FindEnd(f, Math.Max(start, lastClause));
            if (headingsAreItems)
            {
                diagnostics.Add(new Diagnostic(f.Lines[start].Number, 0, Severity.Info, "items-numbered-as-parts",
                    "计划以“一、二、三、”编号列出各项任务，未分部分，已将其作为任务读取。"));
                return new PlanRegion(start, end, [], true);
            }

            return new PlanRegion(start, end, planHeadings.Where(i => i < end).ToList(), false);
        }

        if (clauseCount == 0)
        {
            diagnostics.Add(new Diagnostic(0, 0, Severity.Error, "no-plan",
                "未找到责任分解方案：文中没有带“牵头单位”“责任单位”等说明的编号任务，也没有“主要预期目标”“重点工作”等部分标题。"));
            return null;
        }

        int first = Enumerable.Range(0, f.Count).First(f.HasClause);
        int begin = FindImplicitStart(f, first);
        diagnostics.Add(new Diagnostic(f.Lines[begin].Number, 0, Severity.Info, "no-part-headings",
            "计划没有“一、二、三、”部分标题，全部任务归入一个部分。"));
        return new PlanRegion(begin, FindEnd(f, lastClause), [], false);
    }

    private static bool NextNonNoiseHasClauseBeforeNumbering(LineFacts f, int i)
    {
        for (int k = i + 1; k < f.Count && k < i + 6; k++)
        {
            if (f.Noise[k])
            {
                continue;
            }

            if (f.Numbering[k] is not null)
            {
                return false;
            }

            if (f.ClauseAt[k] == 0 || (f.ClauseAt[k] > 0 && Chars.IsOpenBracket(f.Lines[k].Text[0])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Walks back from the first clause to the item numbered 1 that opens the list.</summary>
    private static int FindImplicitStart(LineFacts f, int firstClause)
    {
        int fallback = firstClause;
        for (int i = firstClause; i >= 0 && i > firstClause - 60; i--)
        {
            if (f.Numbering[i] is { } n && n.Style != NumberStyle.ChineseComma)
            {
                fallback = i;
                if (n.Value == 1)
                {
                    return i;
                }
            }
        }

        return fallback;
    }

    private static int FindEnd(LineFacts f, int from)
    {
        for (int i = from + 1; i < f.Count; i++)
        {
            if (!f.Noise[i] && LineFacts.IsEndMarker(f.Lines[i].Text))
            {
                return i;
            }
        }

        return f.Count;
    }
}

internal static class PartKinds
{
    public static PartKind FromTitle(string title)
    {
        if (title.Contains("民生实事", StringComparison.Ordinal) || title.Contains("民生项目", StringComparison.Ordinal)
            || title.Contains("为民办实事", StringComparison.Ordinal) || title.Contains("惠民实事", StringComparison.Ordinal))
        {
            return PartKind.Livelihood;
        }

        if (title.Contains("自身建设", StringComparison.Ordinal))
        {
            return PartKind.SelfBuilding;
        }

        if (title.Contains("预期目标", StringComparison.Ordinal) || title.Contains("主要指标", StringComparison.Ordinal)
            || title.Contains("主要目标", StringComparison.Ordinal) || title.Contains("发展目标", StringComparison.Ordinal))
        {
            return PartKind.Targets;
        }

        if (title.Contains("重点工作", StringComparison.Ordinal) || title.Contains("重点任务", StringComparison.Ordinal)
            || title.Contains("工作任务", StringComparison.Ordinal))
        {
            return PartKind.KeyWork;
        }

        return PartKind.Other;
    }
}
