using System.Text.RegularExpressions;
using Luoshi.Parsing.Text;
using Luoshi.Parsing.Units;

namespace Luoshi.Parsing.Outline;

/// <summary>Stage 4: parts, groups, themes and items from the plan's lines.</summary>
internal sealed partial class OutlineBuilder
{
    private readonly LineFacts _f;
    private readonly PlanRegion _region;
    private readonly List<Diagnostic> _diagnostics;
    private readonly List<PlanPart> _parts = [];
    private readonly List<PlanItem> _items = [];
    private readonly List<InPlaceDefinition> _definitions = [];

    private PlanPart? _part;
    private NumberStyle _itemStyle;
    private string? _group;
    private string? _groupLeader;
    private string? _theme;
    private ItemBuilder? _current;
    private Action<string>? _continueHeading;

    [GeneratedRegex(@"[（(]\s*共\s*(?<n>[0-9０-９]+)\s*项\s*[)）]")]
    private static partial Regex DeclaredCount();

    [GeneratedRegex(@"^(?<name>[\u4e00-\u9fff]{2,4}?)(?:同志)?(?:常务)?副?(?:区长|县长|市长|主任|书记|部长|局长|旗长)(?:牵头|分管|负责|联系)")]
    private static partial Regex LeaderTitle();

    private OutlineBuilder(LineFacts f, PlanRegion region, List<Diagnostic> diagnostics)
    {
        _f = f;
        _region = region;
        _diagnostics = diagnostics;
    }

    public static (List<PlanPart> Parts, List<PlanItem> Items, List<InPlaceDefinition> Definitions) Build(
        LineFacts f, PlanRegion region, List<Diagnostic> diagnostics)
    {
        var b = new OutlineBuilder(f, region, diagnostics);
        b.Run();
        return (b._parts, b._items, b._definitions);
    }

    private void Run()
    {
        var headings = new HashSet<int>(_region.PartHeadings);
        if (headings.Count == 0)
        {
            OpenPart(null, _region.Start);
        }

        for (int i = _region.Start; i < _region.End; i++)
        {
            if (_f.Noise[i])
            {
                continue;
            }

            var line = _f.Lines[i];
            string t = line.Text;
            if (headings.Contains(i))
            {
                CloseItem();
                OpenPart(i, i);
                continue;
            }

            if (t.StartsWith("附件", StringComparison.Ordinal) && t.Length <= 8)
            {
                CloseItem();
                _continueHeading = null;
                continue;
            }

            var numbering = _f.Numbering[i];
            if (numbering is null && _itemStyle == NumberStyle.ArabicDot && NumberingReader.TryReadGlued(t, out var glued)
                && glued.Value == ExpectedNext())
            {
                numbering = glued;
                _diagnostics.Add(new Diagnostic(line.Number, 1, Severity.Info, "number-glued",
                    $"“{Excerpt(t)}”开头的数字读作第{glued.Token}项的编号，其后的数字属于任务内容。"));
            }

            if (numbering is { } n && n.Style == _itemStyle)
            {
                CloseItem();
                _continueHeading = null;
                _current = new ItemBuilder(n, line.Number);
                FeedCurrent(t[n.ContentStart..], line.Number);
                continue;
            }

            if (numbering is { } g && IsOuter(g.Style, _itemStyle))
            {
                CloseItem();
                OpenGroup(t, line.Number);
                continue;
            }

            if (LineFacts.IsTheme(t))
            {
                CloseItem();
                _theme = ThemeText(t);
                _continueHeading = s => _theme += TextRules.Fold(s);
                continue;
            }

            if (_current is not null)
            {
                FeedCurrent(t, line.Number);
                continue;
            }

            if (_continueHeading is not null && _f.ClauseAt[i] < 0)
            {
                _continueHeading(t);
                _diagnostics.Add(new Diagnostic(line.Number, 1, Severity.Info, "heading-continued", "标题跨行，已与上一行合并。"));
                continue;
            }

            _diagnostics.Add(new Diagnostic(line.Number, 1, _f.ClauseAt[i] >= 0 ? Severity.Warning : Severity.Info,
                _f.ClauseAt[i] >= 0 ? "clause-without-item" : "text-outside-item",
                _f.ClauseAt[i] >= 0 ? "这行单位说明前没有编号任务，未能归属。" : $"这行文字不属于任何编号任务，已跳过：{Excerpt(t)}"));
        }

        CloseItem();
        if (_current is null && _items.Count > 0 && _region.End == _f.Count && !_items[^1].Lead.Any() && !_items[^1].Responsible.Any())
        {
            _diagnostics.Add(new Diagnostic(_items[^1].LastLine, 0, Severity.Warning, "text-cut-off",
                "文本在最后一项任务中途结束，可能不完整。"));
        }
    }

    private static bool IsOuter(NumberStyle style, NumberStyle itemStyle) => Rank(style) < Rank(itemStyle) && style != NumberStyle.ChineseComma;

    private static int Rank(NumberStyle s) => s switch
    {
        NumberStyle.ChineseComma => 0,
        NumberStyle.ParenChinese => 1,
        NumberStyle.ArabicDot => 2,
        NumberStyle.ParenArabic => 3,
        NumberStyle.None => 4,
        _ => 4,
    };

    private void FeedCurrent(string segment, int lineNumber)
    {
        string? rest = _current!.Feed(segment, lineNumber, _diagnostics);
        if (rest is null)
        {
            return;
        }

        if (LineFacts.IsTheme(rest))
        {
            CloseItem();
            _theme = ThemeText(rest);
            _continueHeading = s => _theme += TextRules.Fold(s);
            _diagnostics.Add(new Diagnostic(lineNumber, 0, Severity.Info, "heading-glued",
                $"主题“{_theme}”与上一项任务粘连在同一行，已拆开。"));
            return;
        }

        string r = UnitListReader.TrimStray(rest);
        if (r.Length > 0)
        {
            _diagnostics.Add(new Diagnostic(lineNumber, 0, Severity.Warning, "text-after-clause",
                $"单位说明之后还有文字“{Excerpt(r)}”，已并入任务内容。"));
            _current.AppendText(rest);
        }
    }

    private void OpenPart(int? headingIndex, int regionIndex)
    {
        _group = null;
        _groupLeader = null;
        _theme = null;
        string title = headingIndex is int h ? TextRules.Fold(_f.Lines[h].Text) : string.Empty;
        var declared = DeclaredCount().Match(title);
        int? count = declared.Success ? ParseInt(declared.Groups["n"].Value) : null;
        string? leader = null;
        if (headingIndex is int hi && _f.Numbering[hi] is { } n)
        {
            var lm = LeaderTitle().Match(TextRules.Fold(_f.Lines[hi].Text[n.ContentStart..]));
            leader = lm.Success ? lm.Groups["name"].Value : null;
        }

        _part = new PlanPart(_parts.Count + 1, headingIndex is null ? PartKind.Other : PartKinds.FromTitle(title), title, count,
            headingIndex is int hh ? _f.Lines[hh].Number : 0, leader);
        _parts.Add(_part);
        _itemStyle = _region.HeadingsAreItems ? NumberStyle.ChineseComma : ChooseItemStyle(regionIndex + (headingIndex is null ? 0 : 1));
        if (headingIndex is not null)
        {
            int partIndex = _parts.Count - 1;
            _continueHeading = s =>
            {
                var p = _parts[partIndex];
                string t = TextRules.Fold(p.Title + s);
                var d = DeclaredCount().Match(t);
                _parts[partIndex] = p with { Title = t, DeclaredCount = d.Success ? ParseInt(d.Groups["n"].Value) : p.DeclaredCount };
                _part = _parts[partIndex];
            };
        }
    }

    private void OpenGroup(string t, int lineNumber)
    {
        string text = TextRules.Fold(t);
        int dash = text.IndexOf("——", StringComparison.Ordinal);
        _theme = null;
        if (dash > 0)
        {
            _theme = ThemeText(text[dash..]);
            text = text[..dash].TrimEnd();
            _diagnostics.Add(new Diagnostic(lineNumber, dash + 1, Severity.Info, "heading-glued",
                $"分组标题与主题“{_theme}”粘连在同一行，已拆开。"));
        }

        _group = text;
        var lm = NumberingReader.TryRead(text, out var num) ? LeaderTitle().Match(text[num.ContentStart..]) : Match.Empty;
        _groupLeader = lm.Success ? lm.Groups["name"].Value : null;
        _continueHeading = _theme is null ? s => _group += TextRules.Fold(s) : s => _theme += TextRules.Fold(s);
    }

    private static string ThemeText(string t) => TextRules.Fold(t.TrimStart('—', '-', '－', ' '));

    /// <summary>
    /// The numbering style of this part's items: the style whose lines carry unit clauses most often;
    /// ties go to arabic numbers.
    /// </summary>
    private NumberStyle ChooseItemStyle(int from)
    {
        int end = _region.End;
        for (int i = from; i < _region.End; i++)
        {
            if (_f.Numbering[i] is { Style: NumberStyle.ChineseComma } && _region.PartHeadings.Contains(i))
            {
                end = i;
                break;
            }
        }

        var counts = new Dictionary<NumberStyle, int>();
        var present = new HashSet<NumberStyle>();
        for (int i = from; i < end; i++)
        {
            if (_f.Numbering[i] is not { } n || n.Style == NumberStyle.ChineseComma)
            {
                continue;
            }

            present.Add(n.Style);
            for (int k = i; k < end; k++)
            {
                if (k > i && _f.Numbering[k] is { Style: not NumberStyle.ChineseComma })
                {
                    break;
                }

                if (_f.HasClause(k))
                {
                    counts[n.Style] = counts.GetValueOrDefault(n.Style) + 1;
                    break;
                }
            }
        }

        NumberStyle[] preference = [NumberStyle.ArabicDot, NumberStyle.ParenArabic, NumberStyle.ParenChinese];
        NumberStyle best = NumberStyle.None;
        int bestCount = 0;
        foreach (var s in preference)
        {
            int c = counts.GetValueOrDefault(s);
            if (c > bestCount)
            {
                best = s;
                bestCount = c;
            }
        }

        if (best != NumberStyle.None)
        {
            return best;
        }

        return preference.FirstOrDefault(present.Contains, NumberStyle.ArabicDot);
    }

    private void CloseItem()
    {
        if (_current is not { } b)
        {
            return;
        }

        _current = null;
        string text = b.Text;
        ClauseContent clause = new();
        if (b.HasClause)
        {
            if (b.ClauseBracketed && !b.ClauseClosed)
            {
                _diagnostics.Add(new Diagnostic(b.ClauseLine, 0, Severity.Info, "unclosed-bracket",
                    "单位说明的括号没有闭合，已读到下一项任务之前为止。"));
            }

            foreach (string extra in b.ExtraClauses)
            {
                Merge(clause, ClauseReader.Read(extra, b.ClauseLine, _diagnostics));
            }

            Merge(clause, ClauseReader.Read(b.Clause, b.ClauseLine, _diagnostics));
        }
        else if (TryUnlabelled(ref text, b.LastLine) is { } unlabelled)
        {
            clause = unlabelled;
        }

        _definitions.AddRange(clause.Definitions);
        if (clause.Lead.Count == 0 && clause.Responsible.Count == 0)
        {
            _diagnostics.Add(new Diagnostic(b.FirstLine, 0, Severity.Warning, "item-without-units",
                $"第{b.Numbering.Token}项没有读到牵头单位或责任单位。"));
        }

        if (text.Length == 0)
        {
            _diagnostics.Add(new Diagnostic(b.FirstLine, 0, Severity.Warning, "item-without-text",
                $"第{b.Numbering.Token}项没有任务内容。"));
        }

        var leaders = clause.Leaders.Count > 0 ? clause.Leaders
            : (_groupLeader ?? _part!.Leader) is { } l ? [l] : new List<string>();
        CheckNumbering(b);
        _items.Add(new PlanItem(_part!.Index, _part.Kind, b.Numbering.Token, b.Numbering.Value, _group, _theme, text,
            clause.Lead, clause.Responsible, leaders, clause.Deadline, b.FirstLine, b.LastLine));
    }

    private ClauseContent? TryUnlabelled(ref string text, int line)
    {
        // "……。（区发改局牵头，区财政局配合）" or a last sentence "区发改局牵头，区财政局配合。"
        string t = text.TrimEnd();
        if (t.Length > 2 && Chars.IsCloseBracket(t[^1]))
        {
            int depth = 0;
            for (int i = t.Length - 1; i >= 0; i--)
            {
                if (Chars.IsCloseBracket(t[i]))
                {
                    depth++;
                }
                else if (Chars.IsOpenBracket(t[i]) && --depth == 0)
                {
                    if (ClauseReader.ReadUnlabelled(t[i..], line, _diagnostics) is { } c)
                    {
                        text = t[..i].TrimEnd();
                        _diagnostics.Add(new Diagnostic(line, 0, Severity.Info, "unlabelled-clause",
                            "单位说明没有“牵头单位：”等标签，已按“××牵头，××配合”的写法读取。"));
                        return c;
                    }

                    break;
                }
            }
        }

        int lastStop = t.TrimEnd('。').LastIndexOfAny(['。', '；']);
        string tail = t[(lastStop + 1)..];
        if (tail.Contains("牵头", StringComparison.Ordinal) || tail.Contains("配合", StringComparison.Ordinal))
        {
            if (ClauseReader.ReadUnlabelled(tail, line, _diagnostics) is { } c)
            {
                text = t[..(lastStop + 1)].TrimEnd();
                _diagnostics.Add(new Diagnostic(line, 0, Severity.Info, "unlabelled-clause",
                    "单位说明没有“牵头单位：”等标签，已按“××牵头，××配合”的写法读取。"));
                return c;
            }
        }

        return null;
    }

    private static void Merge(ClauseContent into, ClauseContent from)
    {
        into.Lead.AddRange(from.Lead);
        into.Responsible.AddRange(from.Responsible);
        into.Leaders.AddRange(from.Leaders);
        into.Deadline ??= from.Deadline;
        into.Definitions.AddRange(from.Definitions);
    }

    private void CheckNumbering(ItemBuilder b)
    {
        int value = b.Numbering.Value;
        if (_items.Count == 0)
        {
            if (value != 1)
            {
                _diagnostics.Add(new Diagnostic(b.FirstLine, 0, Severity.Warning, "numbering-gap",
                    $"计划的第一项编号是{b.Numbering.Token}，不是1。"));
            }

            return;
        }

        var prev = _items[^1];
        bool samePart = prev.Part == _part!.Index;
        bool ok = value == prev.Ordinal + 1 || (!samePart && value == 1);
        if (!ok)
        {
            _diagnostics.Add(new Diagnostic(b.FirstLine, 0, Severity.Warning, "numbering-gap",
                $"编号不连续：第{prev.Number}项之后是第{b.Numbering.Token}项。"));
        }
    }

    private int ExpectedNext() =>
        _current is not null ? _current.Numbering.Value + 1
        : _items.Count > 0 && _items[^1].Part == _part!.Index ? _items[^1].Ordinal + 1
        : 1;

    private static int ParseInt(string digits)
    {
        int v = 0;
        foreach (char c in digits)
        {
            v = (v * 10) + Chars.DigitValue(c);
        }

        return v;
    }

    private static string Excerpt(string t) => t.Length <= 30 ? t : string.Concat(t.AsSpan(0, 30), "…");
}
