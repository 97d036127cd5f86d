namespace Luoshi.Parsing.Indicators;

/// <summary>Reads the measurable targets (指标) in an item's text. Pure; never throws.</summary>
public static partial class IndicatorReader
{
    // Longest first, so that 人次 wins over 人 and 平方公里 over 公里.
    private const string Units =
        "个百分点|平方公里|平方米|立方米|千瓦时|公里|千米|公顷|兆瓦|千瓦|人次|家次|场次|户次|批次|课时|张床位|" +
        "元|个|家|项|场|次|人|名|户|套|间|栋|座|处|所|条|辆|台|件|张|宗|批|份|本|册|部|床|支|头|株|棵|笔|款|位|班|节|门|首|片|段|根|盏|组|倍|亩|吨|米|%|％";

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789０１２３４５６７８９");

    [GeneratedRegex(@"(?<num>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*(?<mult>万|亿)?\s*(?<unit>" + Units + @")(?:[（(][\u4e00-\u9fff]{1,2}[）)])?(?<post>\s*(?:及以上|以上|左右|以内|以下))?")]
    private static partial Regex Quantity();

    [GeneratedRegex(@"(?<roman>IV|V|III|II|I|Ⅴ|Ⅳ|Ⅲ|Ⅱ|Ⅰ)\s*类(?<post>\s*(?:及以上|以上|以内|以下))?")]
    private static partial Regex WaterClass();

    [GeneratedRegex(@"(?:增长|增加|提高|提升|增速|增幅)(?:率)?(?:达到|达|为)?\s*$")]
    private static partial Regex GrowthBefore();

    [GeneratedRegex(@"(?:下降|降低|减少|压减|缩减)(?:率)?(?:达到|达|为)?\s*$")]
    private static partial Regex DecreaseBefore();

    [GeneratedRegex(@"(?:不少于|不低于|不下于|至少|超过|超|突破|高于|大于)\s*$")]
    private static partial Regex AtLeastBefore();

    [GeneratedRegex(@"(?:不超过|不高于|控制在|低于|少于)\s*$")]
    private static partial Regex AtMostBefore();

    [GeneratedRegex(@"(?:保持在|稳定在|保持|维持在)\s*$")]
    private static partial Regex KeepBefore();

    [GeneratedRegex(@"约\s*$")]
    private static partial Regex AboutBefore();

    /// <summary>
    /// Verbs cut from the start of a measure, as many as stand there ("力争实现新增…" → "新增…"): all of two characters and none
    /// a prefix of another, so taking them one after the other from the start is what the pattern
    /// <c>^(?:力争|确保|…)+</c> matched.
    /// </summary>
    private static readonly string[] LeadingVerbWords = ["力争", "确保", "争取", "全年", "年内", "全区", "实现", "推动", "推进"];

    /// <summary>
    /// Sense words cut from the end of a measure ("…增长" , "…保持在"): the longest tail of the text made only of these words,
    /// as the pattern <c>(?:增长|增加|…)+$</c> removed (its leftmost match is the longest such tail).
    /// </summary>
    private static readonly string[] TrailingSenseWordList =
    [
        "增长", "增加", "提高", "提升", "下降", "降低", "减少", "不少于", "不低于", "不下于", "至少", "超过", "超", "突破", "达到", "达",
        "不超过", "不高于", "控制在", "保持在", "稳定在", "保持", "维持在", "为", "在", "率达", "总量", "规模", "数量",
    ];

    /// <summary>The longest word of <see cref="TrailingSenseWordList"/>: a tail made of the words cannot skip more positions than this.</summary>
    private const int LongestTrailingSenseWord = 3;

    /// <summary>Every target in <paramref name="text"/>, in order of appearance.</summary>
    public static IReadOnlyList<Indicator> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Every quantity has a digit and every water class a 类: most items have neither, and are done without a regex.
        bool digits = text.AsSpan().IndexOfAny(Digits) >= 0;
        bool waterClass = text.Contains('类', StringComparison.Ordinal);
        if (!digits && !waterClass)
        {
            return [];
        }

        var found = new List<(int Start, int End, decimal Value, string Unit, string Post)>();
        foreach (Match m in digits ? Quantity().Matches(text) : (IEnumerable<Match>)[])
        {
            int s = m.Index;
            if (s > 0 && (text[s - 1] == '第' || Chars.IsAsciiDigit(text[s - 1]) || text[s - 1] is '.' or '“' or '"'))
            {
                continue;
            }

            int end = m.Index + m.Length;
            string unit = m.Groups["unit"].Value;
            if (unit is "％")
            {
                unit = "%";
            }

            // "12 分钟", "88 号", "2026 年" never match: their units are not in the list. A count unit
            // followed by a word that makes the number a label is not a target either: "3 号线", "5 年内".
            if (unit is "部" or "门" or "首" or "节" or "所" && end < text.Length && text[end] is '门' or '分' or '署')
            {
                continue;
            }

            // "722 所" is an institute's name, not a count of schools.
            if (unit == "所" && m.Groups["num"].Length >= 3)
            {
                continue;
            }

            decimal value = ParseNumber(m.Groups["num"].ValueSpan);
            value *= m.Groups["mult"].Value switch
            {
                "万" => 10000m,
                "亿" => 100000000m,
                _ => 1m,
            };
            found.Add((s, end, value, unit, m.Groups["post"].Value.Trim()));
        }

        foreach (Match m in waterClass ? WaterClass().Matches(text) : (IEnumerable<Match>)[])
        {
            if (m.Index > 0 && char.IsAsciiLetter(text[m.Index - 1]))
            {
                continue;
            }

            found.Add((m.Index, m.Index + m.Length, RomanValue(m.Groups["roman"].Value), "类", m.Groups["post"].Value.Trim()));
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        var result = new List<Indicator>(found.Count);
        int previousEnd = 0;
        foreach (var f in found)
        {
            var sense = Sense(text.AsSpan(previousEnd, f.Start - previousEnd), f.Unit, f.Post);
            int measureStart = MeasureStart(text, previousEnd, f.Start);
            var measureText = text.AsSpan(measureStart, f.Start - measureStart);
            var core = measureText.Trim();
            core = core[..TrailingSenseStart(core)];
            string measure = new(core[LeadingVerbsLength(core)..].Trim());
            var trimmed = measureText.TrimStart();
            int spanStart = measureStart + (measureText.Length - trimmed.Length) + LeadingVerbsLength(trimmed);
            spanStart = Math.Min(spanStart, f.Start);
            // "新建 1 座消防站", "打造 16 栋…建筑": the thing counted follows the number.
            string after = NounAfter(text, f.End);
            if (after.Length > 0 && measure.Length <= 4)
            {
                measure = measure.Length <= 2 ? measure + after : after;
            }

            result.Add(new Indicator(measure, Normalise(f.Value), f.Unit, sense, text[spanStart..f.End], spanStart, f.End - spanStart));
            previousEnd = f.End;
        }

        return result;
    }

    /// <summary>Targets repeated across items: same value and unit, measures alike (Jiang'an key work 88 and livelihood 22).</summary>
    public static IReadOnlyList<RepeatedTarget> FindRepeated(IEnumerable<(NoticeItem Item, IReadOnlyList<Indicator> Indicators)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var all = items.SelectMany(x => x.Indicators.Where(i => i.Sense != IndicatorSense.Growth && i.Unit != "%")
            .Select(i => (x.Item, Indicator: i))).ToList();

        // Only targets of the same value and unit can match: compare within those buckets (each in text order) instead of
        // every pair of the plan, which was quadratic (a 20 MB plan took minutes). Groups come out in the order of their first
        // target, as the pairwise scan over the whole list gave them.
        var buckets = new Dictionary<(decimal, string), List<int>>();
        for (int k = 0; k < all.Count; k++)
        {
            var key = (all[k].Indicator.Value, all[k].Indicator.Unit);
            if (!buckets.TryGetValue(key, out var list))
            {
                buckets[key] = list = [];
            }

            list.Add(k);
        }

        var found = new List<(int First, RepeatedTarget Group)>();
        var used = new HashSet<int>();
        foreach (var bucket in buckets.Values)
        {
            if (bucket.Count < 2)
            {
                continue;
            }

            for (int x = 0; x < bucket.Count; x++)
            {
                int a = bucket[x];
                if (used.Contains(a))
                {
                    continue;
                }

                var members = new List<(int, string)> { (all[a].Item.Part, all[a].Item.Number) };
                for (int y = x + 1; y < bucket.Count; y++)
                {
                    int b = bucket[y];
                    if (used.Contains(b) || ReferenceEquals(all[a].Item, all[b].Item) || all[a].Indicator.Value != all[b].Indicator.Value
                        || all[a].Indicator.Unit != all[b].Indicator.Unit || !SameMeasure(all[a].Indicator.Measure, all[b].Indicator.Measure))
                    {
                        continue;
                    }

                    used.Add(b);
                    members.Add((all[b].Item.Part, all[b].Item.Number));
                }

                if (members.Count > 1)
                {
                    found.Add((a, new RepeatedTarget(all[a].Indicator.Value, all[a].Indicator.Unit, all[a].Indicator.Measure, members)));
                }
            }
        }

        var groups = found.OrderBy(f => f.First).Select(f => f.Group).ToList();
        return groups;
    }

    private static bool SameMeasure(string a, string b) =>
        a.Length > 0 && b.Length > 0 && (a.EndsWith(b, StringComparison.Ordinal) || b.EndsWith(a, StringComparison.Ordinal) || NameKeys.Similarity(a, b) >= 0.6);

    /// <summary>How many characters of leading verbs (<see cref="LeadingVerbWords"/>) <paramref name="s"/> starts with.</summary>
    private static int LeadingVerbsLength(ReadOnlySpan<char> s)
    {
        int at = 0;
        int n;
        while ((n = StartsWithAny(s[at..], LeadingVerbWords)) > 0)
        {
            at += n;
        }

        return at;
    }

    /// <summary>Where the tail of sense words (<see cref="TrailingSenseWordList"/>) of <paramref name="s"/> starts; its length when it has none.</summary>
    private static int TrailingSenseStart(ReadOnlySpan<char> s)
    {
        // tail[i]: s[i..] is one or more sense words. A tail that starts at i runs through a position at most
        // LongestTrailingSenseWord further on, so once that many positions in a row start none, nothing before them does.
        int start = s.Length;
        Span<bool> tail = s.Length < 256 ? stackalloc bool[s.Length + 1] : new bool[s.Length + 1];
        tail[s.Length] = true;
        int misses = 0;
        for (int i = s.Length - 1; i >= 0 && misses < LongestTrailingSenseWord; i--)
        {
            bool any = false;
            foreach (string w in TrailingSenseWordList)
            {
                if (i + w.Length <= s.Length && tail[i + w.Length] && s[i..].StartsWith(w, StringComparison.Ordinal))
                {
                    any = true;
                    break;
                }
            }

            tail[i] = any;
            if (any)
            {
                start = i;
                misses = 0;
            }
            else
            {
                misses++;
            }
        }

        return start;
    }

    /// <summary>The length of the first of <paramref name="words"/> that <paramref name="s"/> starts with, or 0.</summary>
    private static int StartsWithAny(ReadOnlySpan<char> s, string[] words)
    {
        foreach (string w in words)
        {
            if (s.StartsWith(w, StringComparison.Ordinal))
            {
                return w.Length;
            }
        }

        return 0;
    }

    private static IndicatorSense Sense(ReadOnlySpan<char> before, string unit, string post)
    {
        bool rate = unit is "%" or "个百分点";
        if (rate && GrowthBefore().IsMatch(before))
        {
            return IndicatorSense.Growth;
        }

        if (rate && DecreaseBefore().IsMatch(before))
        {
            return IndicatorSense.Decrease;
        }

        // "稳定在IV类以上", "保持在 95%以上": the keep verb wins over 以上, as growth does.
        if (KeepBefore().IsMatch(before))
        {
            return IndicatorSense.Keep;
        }

        if (post is "以上" or "及以上" || AtLeastBefore().IsMatch(before))
        {
            return IndicatorSense.AtLeast;
        }

        if (post is "以内" or "以下" || AtMostBefore().IsMatch(before))
        {
            return IndicatorSense.AtMost;
        }

        if (post == "左右" || AboutBefore().IsMatch(before))
        {
            return IndicatorSense.About;
        }

        return IndicatorSense.Target;
    }

    /// <summary>The measure runs back from the number to the previous clause mark or target.</summary>
    private static int MeasureStart(string text, int floor, int numberStart)
    {
        for (int i = numberStart - 1; i >= floor; i--)
        {
            if (text[i] is '，' or '。' or '；' or '：' or ',' or ';' or ':' or '、' or '（' or '(' or '！' or '？')
            {
                return i + 1;
            }
        }

        return floor;
    }

    /// <summary>Han characters straight after the unit, up to a clause mark, at most 16.</summary>
    private static string NounAfter(string text, int end)
    {
        int i = end;
        while (i < text.Length && i - end < 16 && (Chars.IsHan(text[i]) || text[i] is '“' or '”') && text[i] is not ('的' or '和' or '及'))
        {
            i++;
        }

        return text[end..i];
    }

    /// <summary>1.7 万 is 17000, not 17000.0: drop the scale that multiplication leaves.</summary>
    private static decimal Normalise(decimal v) => v / 1.0000000000000000000000000000m;

    private static decimal ParseNumber(ReadOnlySpan<char> s)
    {
        // Full-width digits and point to ASCII, in a buffer: the number is short (the pattern has no bound, hence the fallback).
        Span<char> chars = s.Length <= 64 ? stackalloc char[s.Length] : new char[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            chars[i] = Chars.IsFullWidthDigit(c) ? (char)('0' + Chars.DigitValue(c)) : c == '．' ? '.' : c;
        }

        return decimal.TryParse(chars, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : 0m;
    }

    private static decimal RomanValue(string r) => r switch
    {
        "I" or "Ⅰ" => 1,
        "II" or "Ⅱ" => 2,
        "III" or "Ⅲ" => 3,
        "IV" or "Ⅳ" => 4,
        "V" or "Ⅴ" => 5,
        _ => 0,
    };
}
