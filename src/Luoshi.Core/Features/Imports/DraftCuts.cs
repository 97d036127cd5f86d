namespace Luoshi.Core.Features.Imports;

/// <summary>
/// Issue 10.6: the office splits an item of a draft in two, or joins an item with the next one, where the reader cut the
/// notice wrongly. Both are changes for <see cref="ImportService.EditAsync"/> (versioned, audited, refused once published).
/// The items keep the numbers printed in the notice; their order in the draft (<see cref="DraftItem.Key"/>) follows the change.
/// The targets of the changed items are read again from their new text by the reader the import uses (<see cref="DraftIndicator.Read"/>).
/// </summary>
public static partial class DraftCuts
{
    /// <summary>The line the office moves to where the item is to be cut (any line of three or more dashes is taken for it too).</summary>
    public const string Marker = "———— 以下拆为新的一项 ————";

    /// <summary>The longest number an item may have (<c>PlanItem.Number</c>).</summary>
    public const int MaxNumberLength = 16;

    /// <summary>The item's text with <see cref="Marker"/> on a line of its own where the item most likely should be cut (<see cref="ProposedCut"/>).</summary>
    public static string Marked(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int at = ProposedCut(text);
        return text[..at].TrimEnd() + "\n" + Marker + "\n" + text[at..].TrimStart();
    }

    /// <summary>
    /// Where to propose the cut: before an item number the reader left inside the text (“……。3. 推进……”), else at the end of
    /// the sentence nearest the middle, else after the comma or 、 nearest the middle, else in the middle.
    /// </summary>
    public static int ProposedCut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (EmbeddedNumber().Match(text) is { Success: true } m && m.Index > 0)
        {
            return m.Index;
        }

        foreach (var boundary in new[] { SentenceEnd(), ClauseEnd() })
        {
            var ends = boundary.Matches(text).Select(x => x.Index + x.Length).Where(i => i < text.TrimEnd().Length).ToList();
            if (ends.Count > 0)
            {
                return ends.MinBy(i => Math.Abs(i - (text.Length / 2)));
            }
        }

        int mid = text.Length / 2;
        return mid > 0 && char.IsLowSurrogate(text[mid]) ? mid + 1 : mid;
    }

    /// <summary>
    /// The two parts of a marked text: before and after its one marker line, trimmed. Null with the reason when the text has
    /// no marker line or more than one.
    /// </summary>
    public static (string First, string Second)? Cut(string marked, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(marked);
        var lines = marked.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var at = lines.Select((l, i) => (l, i)).Where(x => IsMarker(x.l)).Select(x => x.i).ToList();
        if (at.Count != 1)
        {
            refusal = at.Count == 0
                ? $"没有找到分隔线。请把分隔线“{Marker}”单独放在一行，放在要拆开的位置。"
                : "只能拆成两项：请只保留一条分隔线。如需拆成更多项，请拆分后再拆分其中一项。";
            return null;
        }

        refusal = null;
        return (string.Join("\n", lines[..at[0]]).Trim(), string.Join("\n", lines[(at[0] + 1)..]).Trim());
    }

    /// <summary>
    /// Splits the item at <paramref name="key"/> where <paramref name="marked"/> (its text with the marker line moved to the cut)
    /// says. The first part keeps the item's number; the second part comes right after it, numbered <paramref name="secondNumber"/>,
    /// or, when that is blank, by the number the second part starts with (“3. ……”, taken off its text) or else “N之二”. The second
    /// part's units are <paramref name="lead"/> and <paramref name="co"/> (names in the catalogue, or a name the item prints
    /// that is still to be confirmed); null copies the item's. Only the cut may move: the words must stay as they were.
    /// </summary>
    public static Func<DraftPlan, Failure?> Split(int key, string? marked, string? secondNumber, IReadOnlyList<string>? lead, IReadOnlyList<string>? co,
        IReadOnlyCollection<string> catalogueNames) => plan =>
    {
        ArgumentNullException.ThrowIfNull(catalogueNames);
        int index = plan.Items.FindIndex(i => i.Key == key);
        if (index < 0)
        {
            return new Failure(FailureKind.NotFound, "找不到该任务。");
        }

        var item = plan.Items[index];
        if (Cut(marked ?? string.Empty, out string? refusal) is not { } cut)
        {
            return new Failure(FailureKind.Invalid, refusal!);
        }

        var (first, second) = cut;

        if (first.Length == 0 || second.Length == 0)
        {
            return new Failure(FailureKind.Invalid, "分隔线前后都要有文字：请把分隔线放在两部分之间。");
        }

        if (Words(first + second) != Words(item.Text))
        {
            return new Failure(FailureKind.Invalid, "拆分时只能移动分隔线，不能同时修改文字。请按原文拆开；如需修改文字，请拆分后再点“修改”。");
        }

        string number = (secondNumber ?? string.Empty).Trim();
        if (number.Length == 0 && LeadingNumber().Match(second) is { Success: true } printed && printed.Length < second.Length)
        {
            number = printed.Groups["n"].Value;
            second = second[printed.Length..].Trim();
        }

        if (number.Length == 0)
        {
            number = item.Number + "之二";
        }

        if (number.Length > MaxNumberLength || number.Any(char.IsWhiteSpace))
        {
            return new Failure(FailureKind.Invalid, $"序号“{number}”无效：序号不超过 {MaxNumberLength} 个字，且不含空格。");
        }

        if (plan.Items.Any(i => i.Part == item.Part && i.Number == number))
        {
            return new Failure(FailureKind.Invalid, $"本部分已有第 {number} 项，请为拆出的新事项另定序号。");
        }

        if (second.Length > 4000 || first.Length > 4000)
        {
            return new Failure(FailureKind.Invalid, "任务内容不能超过 4000 字。");
        }

        List<DraftUnit> newLead, newCo;
        if (lead is null && co is null)
        {
            newLead = [.. item.Lead.Select(Copy)];
            newCo = [.. item.Co.Select(Copy)];
        }
        else
        {
            var pending = item.Lead.Concat(item.Co).Where(u => u.Name is null).ToList();
            var named = (lead ?? []).Concat(co ?? []).Distinct(StringComparer.Ordinal).ToList();
            var unknown = named.Where(n => !catalogueNames.Contains(n) && !pending.Any(p => p.Printed == n)
                && !item.Lead.Concat(item.Co).Any(u => u.Name == n)).ToList();
            if (unknown.Count > 0)
            {
                return new Failure(FailureKind.Invalid, $"单位名录中没有：{string.Join("、", unknown)}。请先在名录中添加。");
            }

            if ((lead ?? []).Count == 0 && item.Lead.Count > 0)
            {
                return new Failure(FailureKind.Invalid, "拆出的新事项至少要有一个牵头单位。");
            }

            // A unit of the item is copied as the item has it (its printed form kept); another is taken from the catalogue.
            DraftUnit Unit(string n) => item.Lead.Concat(item.Co).FirstOrDefault(u => u.Name == n) is { } own ? Copy(own)
                : catalogueNames.Contains(n) ? new DraftUnit { Printed = n, Name = n } : Copy(pending.First(p => p.Printed == n));
            var leadNames = (lead ?? []).Distinct(StringComparer.Ordinal).ToList();
            newLead = [.. leadNames.Select(Unit)];
            newCo = [.. (co ?? []).Distinct(StringComparer.Ordinal).Where(n => !leadNames.Contains(n)).Select(Unit)];
        }

        item.Text = first;
        item.Indicators = DraftIndicator.Read(first);
        var part = new DraftItem
        {
            Part = item.Part,
            Number = number,
            Group = item.Group,
            Theme = item.Theme,
            Text = second,
            Deadline = item.Deadline,
            Leaders = item.Leaders,
            FirstLine = item.FirstLine,
            LastLine = item.LastLine,
            Lead = newLead,
            Co = newCo,
            Indicators = DraftIndicator.Read(second),
        };
        plan.Items.Insert(index + 1, part);
        Reorder(plan);
        return null;
    };

    /// <summary>
    /// Joins the item at <paramref name="key"/> with the next one of the same part: the texts one after the other, the units of
    /// both (a unit that leads either leads), the first item's number; the next item is gone and the order closes up.
    /// </summary>
    public static Func<DraftPlan, Failure?> JoinWithNext(int key) => plan =>
    {
        int index = plan.Items.FindIndex(i => i.Key == key);
        if (index < 0)
        {
            return new Failure(FailureKind.NotFound, "找不到该任务。");
        }

        var item = plan.Items[index];
        if (index + 1 >= plan.Items.Count)
        {
            return new Failure(FailureKind.Invalid, $"第 {item.Number} 项是最后一项，后面没有可合并的事项。");
        }

        var next = plan.Items[index + 1];
        if (next.Part != item.Part)
        {
            return new Failure(FailureKind.Invalid, $"第 {item.Number} 项是本部分的最后一项，不能与下一部分的第 {next.Number} 项合并。");
        }

        string text = item.Text + next.Text;
        if (text.Length > 4000)
        {
            return new Failure(FailureKind.Invalid, "合并后的任务内容超过 4000 字，不能合并。");
        }

        var lead = item.Lead.Concat(next.Lead).DistinctBy(Identity).ToList();
        var co = item.Co.Concat(next.Co).DistinctBy(Identity).Where(u => !lead.Any(l => Identity(l) == Identity(u))).ToList();
        item.Text = text;
        item.Lead = lead;
        item.Co = co;
        item.Indicators = DraftIndicator.Read(text);
        item.Deadline ??= next.Deadline;
        item.Leaders = string.Join("、", (item.Leaders ?? string.Empty).Split('、').Concat((next.Leaders ?? string.Empty).Split('、'))
            .Where(s => s.Length > 0).Distinct(StringComparer.Ordinal));
        item.FirstLine = Math.Min(item.FirstLine, next.FirstLine);
        item.LastLine = Math.Max(item.LastLine, next.LastLine);
        plan.Items.RemoveAt(index + 1);
        Reorder(plan);
        return null;
    };

    /// <summary>Whether a line is the marker (its words, or three or more dashes and nothing else).</summary>
    public static bool IsMarker(string line) =>
        line.Contains("以下拆为新的一项", StringComparison.Ordinal) || DashLine().IsMatch(line);

    /// <summary>The position of every item in the draft, from 1, as they now stand.</summary>
    private static void Reorder(DraftPlan plan)
    {
        for (int i = 0; i < plan.Items.Count; i++)
        {
            plan.Items[i].Key = i + 1;
        }
    }

    private static string Identity(DraftUnit u) => u.Name ?? "?" + u.Printed;

    private static DraftUnit Copy(DraftUnit u) => new() { Printed = u.Printed, Name = u.Name, Candidates = [.. u.Candidates] };

    private static string Words(string text) => WhiteSpace().Replace(text, string.Empty);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^\s*[-—－=＝─━_]{3,}\s*$")]
    private static partial Regex DashLine();

    [GeneratedRegex(@"[。；;！？!?]")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[，,、：:]")]
    private static partial Regex ClauseEnd();

    /// <summary>An item number printed inside a text after the end of a sentence (“。3. ”, “；12、”).</summary>
    [GeneratedRegex(@"(?<=[。；;！？!?]\s*)\d{1,3}\s*[.．、](?!\d)")]
    private static partial Regex EmbeddedNumber();

    /// <summary>The item number a text starts with (“3. ”, “12、”).</summary>
    [GeneratedRegex(@"^(?<n>\d{1,3})\s*[.．、](?!\d)\s*")]
    private static partial Regex LeadingNumber();
}
