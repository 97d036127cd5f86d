namespace Luoshi.Parsing.Outline;

/// <summary>Stage 4: parts, groups, themes and items from the plan's lines.</summary>
internal sealed partial class OutlineBuilder
{
    private readonly LineFacts _f;
    private readonly PlanRegion _region;
    private readonly List<Diagnostic> _diagnostics;
    private readonly List<NoticePart> _parts = [];
    private readonly List<NoticeItem> _items = [];
    private readonly List<InPlaceDefinition> _definitions = [];
    private readonly HashSet<int> _headings;

    private NoticePart? _part;
    private NumberStyle _itemStyle;
    private string? _group;
    private string? _groupLeader;
    private string? _theme;
    private readonly ItemBuilder _itemBuilder = new();
    private ItemBuilder? _current;
    private Action<string>? _continueHeading;
    private bool _lastClauseUnclosed;

    [GeneratedRegex(@"[（(]\s*共\s*(?<n>[0-9０-９]+)\s*项\s*[)）]")]
    private static partial Regex DeclaredCount();

    [GeneratedRegex(@"^(?<name>[\u4e00-\u9fff]{2,4}?)(?:同志)?(?:常务)?副?(?:区长|县长|市长|省长|州长|主任|书记|部长|局长|旗长|秘书长)(?:牵头|分管|负责|联系|主抓|领衔|包保|督办)")]
    private static partial Regex LeaderTitle();

    private OutlineBuilder(LineFacts f, PlanRegion region, List<Diagnostic> diagnostics)
    {
        _f = f;
        _region = region;
        _headings = [.. region.PartHeadings];
        _diagnostics = diagnostics;
    }

    public static (List<NoticePart> Parts, List<NoticeItem> Items, List<InPlaceDefinition> Definitions) Build(
        LineFacts f, PlanRegion region, List<Diagnostic> diagnostics)
    {
        var b = new OutlineBuilder(f, region, diagnostics);
        b.Run();
        return (b._parts, b._items, b._definitions);
    }

    private void Run()
    {
        var headings = _headings;
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
                _current = _itemBuilder.Start(n, line.Number);
                FeedCurrent(t.AsSpan(n.ContentStart), line.Number);
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
        if (_items.Count > 0 && _region.End == _f.Count && IsLastNonBlank(_items[^1].LastLine)
            && (_lastClauseUnclosed || (_items[^1].Lead.Count == 0 && _items[^1].Responsible.Count == 0)))
        {
            _diagnostics.Add(new Diagnostic(_items[^1].LastLine, 0, Severity.Warning, "text-cut-off",
                "文本在最后一项任务中途结束，可能不完整。"));
        }
    }

    private bool IsLastNonBlank(int lineNumber)
    {
        for (int i = _f.Count - 1; i >= 0; i--)
        {
            if (!_f.Noise[i])
            {
                return _f.Lines[i].Number == lineNumber;
            }
        }

        return false;
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

    private void FeedCurrent(ReadOnlySpan<char> segment, int lineNumber)
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

        _part = new NoticePart(_parts.Count + 1, headingIndex is null ? PartKind.Other : PartKinds.FromTitle(title), title, count,
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
            if (_f.Numbering[i] is { Style: NumberStyle.ChineseComma } && _headings.Contains(i))
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
