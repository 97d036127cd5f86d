namespace Luoshi.Parsing.Units;

/// <summary>Splits the content of one clause label ("区发改局、区商务局，各街道等") into unit mentions.</summary>
internal static partial class UnitListReader
{
    /// <summary>Endings that make a piece a unit name by itself; a piece without one may borrow the suffix of the last piece of its run.</summary>
    private static readonly string[] UnitEndings =
    [
        "局", "委", "办", "部", "院", "会", "室", "中心", "集团", "公司", "街道", "乡", "镇", "所", "队", "处", "厅",
        "站", "行", "社", "团", "联", "班", "部门", "单位", "机构", "馆", "校", "园", "场", "区", "组", "台", "司", "军", "庭",
        "署", "库", "科", "股", "法院", "检察院", "协", "盟", "企业", "银行", "医院", "分行", "支行", "所属", "人民政府", "政府",
    ];

    /// <summary>Suffixes that a run of bare place names shares: "珞南、狮子山、和平街道" → 珞南街道 ….</summary>
    private static readonly string[] SharedSuffixes = ["街道办事处", "街道", "管委会", "乡", "镇", "社区", "村"];

    [GeneratedRegex(@"^(?<name>各[^、，,；;（(〈]{1,12}?)(?:含|包括)(?<list>[^（(〈]+?)[,，]\s*下同$")]
    private static partial Regex BareIncludesDefinition();

    [GeneratedRegex(@"[（(〈\[]\s*(?:含|包括)(?<list>[^）)〉\]]*?)[,，、]?\s*下同\s*[）)〉\]]?")]
    private static partial Regex BracketIncludesDefinition();

    [GeneratedRegex(@"[（(〈\[]\s*(?:以下|下文)?简称\s*[“""「']?(?<short>[^”""」'）)〉\]]+?)[”""」']?\s*[）)〉\]]")]
    private static partial Regex ShortNameDefinition();

    /// <summary>Separators of units written with spaces only (see <see cref="SplitOnSpaces"/>).</summary>
    private static readonly char[] SpaceSeparators = [' ', '\u3000', '\t', '\u00A0'];

    private static readonly char[] NameSeparators = ['、', '，', ',', '；', ';'];

    /// <summary>Lists reused from one read to the next on a thread (see <see cref="Read(ReadOnlySpan{char}, string, int, List{UnitMention})"/>).</summary>
    [ThreadStatic]
    private static Scratch? t_scratch;

    public readonly record struct Result(List<UnitMention> Mentions, IReadOnlyList<InPlaceDefinition> Definitions, IReadOnlyList<Diagnostic> Diagnostics);

    public static Result Read(string content, string label, int line)
    {
        var mentions = new List<UnitMention>();
        var (definitions, diagnostics) = Read(content, label, line, mentions);
        return new Result(mentions, definitions, diagnostics);
    }

    /// <summary>Reads the units of <paramref name="content"/> into <paramref name="mentions"/>; returns the definitions and diagnostics met.</summary>
    public static (IReadOnlyList<InPlaceDefinition> Definitions, IReadOnlyList<Diagnostic> Diagnostics) Read(
        ReadOnlySpan<char> content, string label, int line, List<UnitMention> mentions)
    {
        // The working lists are taken from the thread's scratch and given back at the end; a nested read would make its own.
        var scratch = t_scratch ?? new Scratch();
        t_scratch = null;
        try
        {
            return Read(content, label, line, mentions, scratch);
        }
        finally
        {
            scratch.Clear();
            t_scratch = scratch;
        }
    }

    private static (IReadOnlyList<InPlaceDefinition> Definitions, IReadOnlyList<Diagnostic> Diagnostics) Read(
        ReadOnlySpan<char> content, string label, int line, List<UnitMention> mentions, Scratch scratch)
    {
        // Definitions and diagnostics are rare: their lists are made when the first one is found.
        List<InPlaceDefinition>? definitions = null;
        List<Diagnostic>? diagnostics = null;

        var pieces = scratch.Pieces;
        SplitTopLevel(content, pieces);
        MergeCollectives(pieces);
        var names = scratch.Names;
        var parts = scratch.Parts;
        foreach (var (piece, dunBefore) in pieces)
        {
            if (SplitOnSpaces(piece, line, ref diagnostics) is { } tokens)
            {
                for (int t = 0; t < tokens.Length; t++)
                {
                    AddNames(tokens[t], t == 0 ? dunBefore : true);
                }
            }
            else
            {
                AddNames(piece, dunBefore);
            }
        }

        DistributeSharedSuffixes(names);
        foreach (var n in names)
        {
            mentions.Add(new UnitMention(n.Printed, n.Name, label));
        }

        return ((IReadOnlyList<InPlaceDefinition>?)definitions ?? [], (IReadOnlyList<Diagnostic>?)diagnostics ?? []);

        void AddNames(string raw, bool dunFirst)
        {
            bool dunBefore = dunFirst;
            string printed = TextRules.Fold(raw);
            parts.Clear();
            SplitGlued(printed, line, ref diagnostics, parts);
            foreach (string glued in parts)
            {
                if (SplitUnitAndOthers(glued) is ({ } unit, { } others))
                {
                    AddName(unit, ref dunBefore);
                    AddName(others, ref dunBefore);
                }
                else
                {
                    AddName(glued, ref dunBefore);
                }
            }
        }

        void AddName(string part, ref bool dunBefore)
        {
            string name = NormaliseName(part, line, ref definitions);
            if (name.Length == 0)
            {
                return;
            }

            names.Add((part, name, dunBefore));
            dunBefore = true;
        }
    }

    /// <summary>Splits on list separators outside brackets, also handling an unbracketed "各街道含A、B、C,下同" definition as one piece.</summary>
    private static void SplitTopLevel(ReadOnlySpan<char> content, List<(string Piece, bool DunBefore)> result)
    {
        int depth = 0;
        int start = 0;
        bool dunBefore = false;
        for (int i = 0; i < content.Length; i++)
        {
            char c = content[i];
            if (Chars.IsOpenBracket(c) && c is not '《')
            {
                depth++;
            }
            else if (Chars.IsCloseBracket(c) && c is not '》')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && c == '及' && i + 1 < content.Length && content[i + 1] is '区' or '各' or '市' or '县'
                && HasUnitEnding(TextRules.Fold(content[start..i]).TrimEnd('以')))
            {
                // "区司法局及区人民政府其他部门": 及 joins two units.
                var head = content[start..i];
                AddPiece(result, head.EndsWith('以') ? head[..^1] : head, dunBefore);
                dunBefore = false;
                start = i + 1;
            }
            else if (depth == 0 && Chars.IsListSeparator(c))
            {
                // "各街道含A、B、C,下同": keep the whole definition as one piece.
                var head = content[start..i];
                if (IsOpenBareDefinition(head))
                {
                    int end = FindBareDefinitionEnd(content, i);
                    if (end > i)
                    {
                        AddPiece(result, content[start..end], dunBefore);
                        start = end;
                        i = end - 1;
                        continue;
                    }
                }

                AddPiece(result, head, dunBefore);
                dunBefore = c is '、' or '､';
                start = i + 1;
            }
        }

        AddPiece(result, content[start..], dunBefore);
    }

    /// <summary>Administrative levels a collective runs through with 、 inside it ("各县、市、区", "各乡、镇、街道").</summary>
    private static readonly string[] LevelWords = ["县", "市", "区", "乡", "镇", "街道", "旗", "场", "州", "盟", "园区", "开发区", "县级市", "社区", "村"];

    /// <summary>Unit words a collective of levels ends with ("各县、市、区人民政府").</summary>
    private static readonly string[] CollectiveEndings = ["人民政府", "政府", "党委", "党委和政府", "管委会", "街道办事处", "有关部门", "相关部门"];

    /// <summary>
    /// "各县、市、区人民政府": one collective of several levels written with 、 inside it; the pieces after 各县 are
    /// levels, not units, so they are joined back into one name.
    /// </summary>
    private static void MergeCollectives(List<(string Piece, bool DunBefore)> pieces)
    {
        for (int i = 0; i < pieces.Count - 1; i++)
        {
            string head = TrimStray(pieces[i].Piece);
            if (head.Length is < 2 or > 5 || head[0] != '各' || !IsLevel(head[1..]))
            {
                continue;
            }

            int j = i + 1;
            string merged = head;
            while (j < pieces.Count && pieces[j].DunBefore && LevelOrLevelEnding(TrimStray(pieces[j].Piece)))
            {
                merged += "、" + TrimStray(pieces[j].Piece);
                j++;
            }

            if (j > i + 1)
            {
                pieces[i] = (merged, pieces[i].DunBefore);
                pieces.RemoveRange(i + 1, j - i - 1);
            }
        }

        static bool LevelOrLevelEnding(string p)
        {
            if (IsLevel(p))
            {
                return true;
            }

            foreach (string e in CollectiveEndings)
            {
                if (p.Length > e.Length && p.EndsWith(e, StringComparison.Ordinal) && IsLevel(p[..^e.Length]))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static bool IsLevel(string p) => Array.IndexOf(LevelWords, p) >= 0;

    /// <summary>Keeps a piece unless it is blank.</summary>
    private static void AddPiece(List<(string Piece, bool DunBefore)> pieces, ReadOnlySpan<char> piece, bool dunBefore)
    {
        if (!piece.IsWhiteSpace())
        {
            pieces.Add((new string(piece), dunBefore));
        }
    }

    /// <summary>
    /// "区发改局 区财政局 区商务局": units separated by spaces only (a table cell or a PDF line). Split
    /// only when every piece is a whole unit name, so that a name broken by a space stays one.
    /// </summary>
    /// <returns>The units, or null when the piece stays whole.</returns>
    private static string[]? SplitOnSpaces(string piece, int line, ref List<Diagnostic>? diagnostics)
    {
        // Split leaves fewer than two units unless a separator stands inside the piece.
        if (piece.AsSpan().Trim().IndexOfAny(SpaceSeparators) < 0)
        {
            return null;
        }

        string[] tokens = piece.Split(SpaceSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Each piece a whole unit that opens like the first one ("区…", "县…") or as a collective ("各…"):
        // "区经济信息化和科 技创新局" is one name broken by a space, though 科 ends unit names too.
        if (tokens.Length < 2 || tokens.Length > 30)
        {
            return null;
        }

        foreach (string t in tokens)
        {
            if (!(t.Length >= 3 && HasUnitEnding(t) && Depth(t) == 0 && (t[0] == tokens[0][0] || t[0] == '各')))
            {
                return null;
            }
        }

        (diagnostics ??= []).Add(new Diagnostic(line, 0, Severity.Info, "units-space-separated",
            $"“{TextRules.Fold(piece)}”中的单位以空格分隔，已按 {tokens.Length} 个单位读取。"));
        return tokens;
    }

    private static bool IsOpenBareDefinition(ReadOnlySpan<char> head)
    {
        var h = head.Trim();
        return h.StartsWith('各') && (h.Contains('含') || h.Contains("包括", StringComparison.Ordinal));
    }

    private static int FindBareDefinitionEnd(ReadOnlySpan<char> content, int from)
    {
        int at = content[from..].IndexOf("下同", StringComparison.Ordinal);
        return at < 0 ? -1 : from + at + 2;
    }

    [GeneratedRegex(@"^(?<unit>.+?[局委办院会室心团司队])等(?<rest>(?:有关|相关|其他|其它)(?:部门|单位))$")]
    private static partial Regex UnitAndOthers();

    /// <summary>"区住房和城乡建设局等有关部门": a named unit and a collective of the others; nulls when the piece is one unit.</summary>
    private static (string? Unit, string? Others) SplitUnitAndOthers(string piece)
    {
        if (!piece.Contains('等', StringComparison.Ordinal))
        {
            return (null, null);
        }

        var m = UnitAndOthers().Match(piece);
        return m.Success ? (m.Groups["unit"].Value, m.Groups["rest"].Value) : (null, null);
    }

    /// <summary>"蔡甸经济开发区管委会〈山街道〉区发展和改革局": two units with the separator lost.</summary>
    private static void SplitGlued(string piece, int line, ref List<Diagnostic>? diagnostics, List<string> into)
    {
        int depth = 0;
        for (int i = 0; i < piece.Length; i++)
        {
            char c = piece[i];
            if (Chars.IsOpenBracket(c))
            {
                depth++;
            }
            else if (Chars.IsCloseBracket(c))
            {
                depth = Math.Max(0, depth - 1);
                int next = i + 1;
                if (depth == 0 && next < piece.Length - 2 && piece[next] is '区' or '各' or '市' or '县'
                    && HasUnitEnding(piece.AsSpan(next)) && !IsDefinitionBracket(piece, i))
                {
                    (diagnostics ??= []).Add(new Diagnostic(line, 0, Severity.Warning, "units-glued",
                        $"“{piece}”像是两个单位之间缺了分隔符，已拆分为“{piece[..next]}”和“{piece[next..]}”。"));
                    into.Add(piece[..next]);

                    // What follows may be glued again: read it as a piece of its own.
                    piece = piece[next..];
                    depth = 0;
                    i = -1;
                }
            }
        }

        into.Add(piece);
    }

    private static bool IsDefinitionBracket(string piece, int closeAt)
    {
        int open = piece.LastIndexOfAny(['(', '（', '〈', '['], closeAt);
        if (open < 0)
        {
            return false;
        }

        string inner = piece[(open + 1)..closeAt];
        return inner.Contains("下同", StringComparison.Ordinal) || inner.Contains("简称", StringComparison.Ordinal)
            || LeadConventions.Find(inner).Rule != LeadRule.Unstated;
    }

    /// <summary>Removes in-place definitions (recording them), a trailing 等, stray brackets and punctuation.</summary>
    private static string NormaliseName(string printed, int line, ref List<InPlaceDefinition>? definitions)
    {
        // "市财政局（列第一位者为牵头单位，下同）": the convention is the document's (LeadConventions), not part of the name.
        string s = LeadConventions.RemoveFrom(printed);

        // Each pattern needs a word that few names hold (各…下同, 含 or 包括, 简称): look for it before matching.
        if (s.StartsWith('各') && s.Contains("下同", StringComparison.Ordinal) && BareIncludesDefinition().Match(s) is { Success: true } bare)
        {
            string name = bare.Groups["name"].Value.Trim();
            (definitions ??= []).Add(new InPlaceDefinition(DefinitionKind.Includes, name, SplitNames(bare.Groups["list"].Value), line));
            s = name;
        }

        if (s.Contains('含', StringComparison.Ordinal) || s.Contains("包括", StringComparison.Ordinal))
        {
            s = RemoveIncludesDefinitions(s, line, definitions ??= []);
        }

        if (s.Contains("简称", StringComparison.Ordinal))
        {
            s = RemoveShortNameDefinitions(s, line, definitions ??= []);
        }

        s = TrimStray(s);
        if (s.EndsWith("等单位", StringComparison.Ordinal) || s.EndsWith("等部门", StringComparison.Ordinal))
        {
            s = s[..^3];
        }
        else if (s.EndsWith('等') && s.Length > 2)
        {
            s = s[..^1];
        }

        return TrimStray(s);
    }

    /// <summary>"各街乡(含A、B，下同)": records the definition and removes it from the name.</summary>
    private static string RemoveIncludesDefinitions(string s, int line, List<InPlaceDefinition> definitions) =>
        BracketIncludesDefinition().Replace(s, m =>
        {
            definitions.Add(new InPlaceDefinition(DefinitionKind.Includes, CollectiveBefore(s, m.Index), SplitNames(m.Groups["list"].Value), line));
            return string.Empty;
        });

    /// <summary>"武汉航空新材料产业发展研究院〈以下简称“武航院”〉": records the definition and removes it from the name.</summary>
    private static string RemoveShortNameDefinitions(string s, int line, List<InPlaceDefinition> definitions) =>
        ShortNameDefinition().Replace(s, m =>
        {
            string full = TextRules.Fold(s[..m.Index]);
            definitions.Add(new InPlaceDefinition(DefinitionKind.ShortName, full, [m.Groups["short"].Value.Trim()], line));
            return string.Empty;
        });

    private static string CollectiveBefore(string s, int index) => TrimStray(TextRules.Fold(s[..index]));

    private static List<string> SplitNames(string list) =>
        [.. list.Split(NameSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(TrimStray).Where(x => x.Length > 0)];

    /// <summary>Trims white space, sentence marks and brackets left unbalanced at either end.</summary>
    internal static string TrimStray(string s)
    {
        string folded = TextRules.Fold(s);
        ReadOnlySpan<char> t = folded;
        int offset = 0;
        bool changed = true;
        while (changed && t.Length > 0)
        {
            changed = false;
            char first = t[0];
            char last = t[^1];
            if (last is '。' or '.' or '；' or ';' or '，' or ',' or '、' or ':' or '：' || Chars.IsSpace(last))
            {
                t = t[..^1];
                changed = true;
            }
            else if (first is '。' or '；' or ';' or '，' or ',' or '、' or ':' or '：' || Chars.IsSpace(first))
            {
                t = t[1..];
                offset++;
                changed = true;
            }
            else if (Chars.IsCloseBracket(last) && Depth(t) < 0)
            {
                t = t[..^1];
                changed = true;
            }
            else if (Chars.IsOpenBracket(first) && Depth(t) > 0)
            {
                t = t[1..];
                offset++;
                changed = true;
            }
            else if (Chars.IsOpenBracket(last))
            {
                t = t[..^1];
                changed = true;
            }
        }

        return t.Length == folded.Length ? folded : folded.Substring(offset, t.Length);
    }

    private static int Depth(ReadOnlySpan<char> s)
    {
        int d = 0;
        foreach (char c in s)
        {
            if (Chars.IsOpenBracket(c))
            {
                d++;
            }
            else if (Chars.IsCloseBracket(c))
            {
                d--;
            }
        }

        return d;
    }

    internal static bool HasUnitEnding(string name) => HasUnitEnding(name.AsSpan());

    internal static bool HasUnitEnding(ReadOnlySpan<char> name)
    {
        foreach (string e in UnitEndings)
        {
            if (name.EndsWith(e, StringComparison.Ordinal))
            {
                return true;
            }
        }

        // "区财政局〈区国资局〉", "区政府办（金融）": the name proper ends before the bracket.
        int open = name.IndexOfAny('(', '（', '〈');
        return open > 0 && Chars.IsCloseBracket(name[^1]) && HasUnitEnding(name[..open]);
    }

    /// <summary>Within a run joined by 、, bare names before a name with a shared suffix take that suffix.</summary>
    private static void DistributeSharedSuffixes(List<(string Printed, string Name, bool DunBefore)> names)
    {
        for (int i = names.Count - 1; i > 0; i--)
        {
            string last = names[i].Name;
            string? suffix = SharedSuffix(last);
            if (suffix is null || last.StartsWith('各'))
            {
                continue;
            }

            int j = i;
            while (j > 0 && names[j].DunBefore)
            {
                var prev = names[j - 1];
                // A bare place name: short, and either without a unit ending or too short to be a unit ("梨园").
                bool endsLikePlace = EndsLikePlace(prev.Name);
                bool bare = !endsLikePlace && !EndsLikeOrgan(prev.Name) && (prev.Name.Length <= 3 || (prev.Name.Length <= 5 && !HasUnitEnding(prev.Name)));
                if (!bare || prev.Name.StartsWith('各') || prev.Name.StartsWith('区'))
                {
                    break;
                }

                names[j - 1] = (prev.Printed, prev.Name + suffix, prev.DunBefore);
                j--;
            }
        }
    }

    /// <summary>The first shared suffix that <paramref name="name"/> ends with and holds more than, or null.</summary>
    private static string? SharedSuffix(string name)
    {
        foreach (string x in SharedSuffixes)
        {
            if (name.EndsWith(x, StringComparison.Ordinal) && name.Length > x.Length)
            {
                return x;
            }
        }

        return null;
    }

    /// <summary>
    /// Endings no place name has (团区委, 区妇联, 市场监管局): a name with one is a unit however short, never a bare place that
    /// borrows the next name's suffix. Short endings a place may have (园, 场, 台, 山) are not among them.
    /// </summary>
    private static readonly string[] OrganEndings = ["委", "局", "办", "联", "协", "厅", "署"];

    private static bool EndsLikeOrgan(string name)
    {
        foreach (string x in OrganEndings)
        {
            if (name.EndsWith(x, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsLikePlace(string name)
    {
        foreach (string x in SharedSuffixes)
        {
            if (name.EndsWith(x, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The working lists of one read.</summary>
    private sealed class Scratch
    {
        public List<(string Piece, bool DunBefore)> Pieces { get; } = [];

        public List<(string Printed, string Name, bool SeparatorBeforeIsDun)> Names { get; } = [];

        public List<string> Parts { get; } = [];

        public void Clear()
        {
            Pieces.Clear();
            Names.Clear();
            Parts.Clear();
        }
    }

    /// <summary>Folds a list of names for a diagnostic message.</summary>
    internal static string Describe(IEnumerable<string> names)
    {
        var sb = new StringBuilder();
        foreach (string n in names)
        {
            if (sb.Length > 0)
            {
                sb.Append('、');
            }

            sb.Append(n);
        }

        return sb.ToString();
    }
}
