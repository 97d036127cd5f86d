using System.Text;
using System.Text.RegularExpressions;
using Luoshi.Parsing.Text;

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

    public readonly record struct Result(List<UnitMention> Mentions, List<InPlaceDefinition> Definitions, List<Diagnostic> Diagnostics);

    public static Result Read(string content, string label, int line)
    {
        var mentions = new List<UnitMention>();
        var definitions = new List<InPlaceDefinition>();
        var diagnostics = new List<Diagnostic>();

        var pieces = SplitTopLevel(content);
        var names = new List<(string Printed, string Name, bool SeparatorBeforeIsDun)>();
        foreach (var (raw, dunFirst) in pieces.SelectMany(p => SplitOnSpaces(p, line, diagnostics)))
        {
            bool dunBefore = dunFirst;
            string printed = TextRules.Fold(raw);
            foreach (string part in SplitGlued(printed, line, diagnostics).SelectMany(SplitUnitAndOthers))
            {
                string name = NormaliseName(part, line, definitions);
                if (name.Length == 0)
                {
                    continue;
                }

                names.Add((part, name, dunBefore));
                dunBefore = true;
            }
        }

        DistributeSharedSuffixes(names);
        foreach (var n in names)
        {
            mentions.Add(new UnitMention(n.Printed, n.Name, label));
        }

        return new Result(mentions, definitions, diagnostics);
    }

    /// <summary>Splits on list separators outside brackets, also handling an unbracketed "各街道含A、B、C,下同" definition as one piece.</summary>
    private static List<(string Piece, bool DunBefore)> SplitTopLevel(string content)
    {
        var result = new List<(string, bool)>();
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
                string head = content[start..i];
                result.Add((head.EndsWith('以') ? head[..^1] : head, dunBefore));
                dunBefore = false;
                start = i + 1;
            }
            else if (depth == 0 && Chars.IsListSeparator(c))
            {
                // "各街道含A、B、C,下同": keep the whole definition as one piece.
                string head = content[start..i];
                if (IsOpenBareDefinition(head))
                {
                    int end = FindBareDefinitionEnd(content, i);
                    if (end > i)
                    {
                        result.Add((content[start..end], dunBefore));
                        start = end;
                        i = end - 1;
                        continue;
                    }
                }

                result.Add((content[start..i], dunBefore));
                dunBefore = c is '、' or '､';
                start = i + 1;
            }
        }

        result.Add((content[start..], dunBefore));
        result.RemoveAll(p => string.IsNullOrWhiteSpace(p.Item1));
        return result;
    }

    /// <summary>
    /// "区发改局 区财政局 区商务局": units separated by spaces only (a table cell or a PDF line). Split
    /// only when every piece is a whole unit name, so that a name broken by a space stays one.
    /// </summary>
    private static IEnumerable<(string Piece, bool DunBefore)> SplitOnSpaces((string Piece, bool DunBefore) p, int line,
        List<Diagnostic> diagnostics)
    {
        string[] tokens = p.Piece.Split([' ', '\u3000', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Each piece a whole unit that opens like the first one ("区…", "县…") or as a collective ("各…"):
        // "区经济信息化和科 技创新局" is one name broken by a space, though 科 ends unit names too.
        if (tokens.Length < 2 || tokens.Length > 30
            || !tokens.All(t => t.Length >= 3 && HasUnitEnding(t) && Depth(t) == 0 && (t[0] == tokens[0][0] || t[0] == '各')))
        {
            return [p];
        }

        diagnostics.Add(new Diagnostic(line, 0, Severity.Info, "units-space-separated",
            $"“{TextRules.Fold(p.Piece)}”中的单位以空格分隔，已按 {tokens.Length} 个单位读取。"));
        return tokens.Select((t, i) => (t, i == 0 ? p.DunBefore : true));
    }

    private static bool IsOpenBareDefinition(string head)
    {
        string h = head.Trim();
        return h.StartsWith('各') && (h.Contains('含', StringComparison.Ordinal) || h.Contains("包括", StringComparison.Ordinal));
    }

    private static int FindBareDefinitionEnd(string content, int from)
    {
        int at = content.IndexOf("下同", from, StringComparison.Ordinal);
        return at < 0 ? -1 : at + 2;
    }

    [GeneratedRegex(@"^(?<unit>.+?[局委办院会室心团司队])等(?<rest>(?:有关|相关|其他|其它)(?:部门|单位))$")]
    private static partial Regex UnitAndOthers();

    /// <summary>"区住房和城乡建设局等有关部门": a named unit and a collective of the others.</summary>
    private static IEnumerable<string> SplitUnitAndOthers(string piece)
    {
        var m = UnitAndOthers().Match(piece);
        return m.Success ? [m.Groups["unit"].Value, m.Groups["rest"].Value] : [piece];
    }

    /// <summary>"蔡甸经济开发区管委会〈山街道〉区发展和改革局": two units with the separator lost.</summary>
    private static IEnumerable<string> SplitGlued(string piece, int line, List<Diagnostic> diagnostics)
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
                    && HasUnitEnding(piece[next..]) && !IsDefinitionBracket(piece, i))
                {
                    diagnostics.Add(new Diagnostic(line, 0, Severity.Warning, "units-glued",
                        $"“{piece}”像是两个单位之间缺了分隔符，已拆分为“{piece[..next]}”和“{piece[next..]}”。"));
                    yield return piece[..next];
                    foreach (string rest in SplitGlued(piece[next..], line, diagnostics))
                    {
                        yield return rest;
                    }

                    yield break;
                }
            }
        }

        yield return piece;
    }

    private static bool IsDefinitionBracket(string piece, int closeAt)
    {
        int open = piece.LastIndexOfAny(['(', '（', '〈', '['], closeAt);
        if (open < 0)
        {
            return false;
        }

        string inner = piece[(open + 1)..closeAt];
        return inner.Contains("下同", StringComparison.Ordinal) || inner.Contains("简称", StringComparison.Ordinal);
    }

    /// <summary>Removes in-place definitions (recording them), a trailing 等, stray brackets and punctuation.</summary>
    private static string NormaliseName(string printed, int line, List<InPlaceDefinition> definitions)
    {
        string s = printed;

        var bare = BareIncludesDefinition().Match(s);
        if (bare.Success)
        {
            string name = bare.Groups["name"].Value.Trim();
            definitions.Add(new InPlaceDefinition(DefinitionKind.Includes, name, SplitNames(bare.Groups["list"].Value), line));
            s = name;
        }

        s = BracketIncludesDefinition().Replace(s, m =>
        {
            definitions.Add(new InPlaceDefinition(DefinitionKind.Includes, CollectiveBefore(s, m.Index), SplitNames(m.Groups["list"].Value), line));
            return string.Empty;
        });

        s = ShortNameDefinition().Replace(s, m =>
        {
            string full = TextRules.Fold(s[..m.Index]);
            definitions.Add(new InPlaceDefinition(DefinitionKind.ShortName, full, [m.Groups["short"].Value.Trim()], line));
            return string.Empty;
        });

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

    private static string CollectiveBefore(string s, int index) => TrimStray(TextRules.Fold(s[..index]));

    private static List<string> SplitNames(string list) =>
        [.. list.Split(['、', '，', ',', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(TrimStray).Where(x => x.Length > 0)];

    /// <summary>Trims white space, sentence marks and brackets left unbalanced at either end.</summary>
    internal static string TrimStray(string s)
    {
        s = TextRules.Fold(s);
        bool changed = true;
        while (changed && s.Length > 0)
        {
            changed = false;
            char first = s[0];
            char last = s[^1];
            if (last is '。' or '.' or '；' or ';' or '，' or ',' or '、' or ':' or '：' || Chars.IsSpace(last))
            {
                s = s[..^1];
                changed = true;
            }
            else if (first is '。' or '；' or ';' or '，' or ',' or '、' or ':' or '：' || Chars.IsSpace(first))
            {
                s = s[1..];
                changed = true;
            }
            else if (Chars.IsCloseBracket(last) && Depth(s) < 0)
            {
                s = s[..^1];
                changed = true;
            }
            else if (Chars.IsOpenBracket(first) && Depth(s) > 0)
            {
                s = s[1..];
                changed = true;
            }
            else if (Chars.IsOpenBracket(last))
            {
                s = s[..^1];
                changed = true;
            }
        }

        return s;
    }

    private static int Depth(string s)
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

    internal static bool HasUnitEnding(string name)
    {
        foreach (string e in UnitEndings)
        {
            if (name.EndsWith(e, StringComparison.Ordinal))
            {
                return true;
            }
        }

        // "区财政局〈区国资局〉", "区政府办（金融）": the name proper ends before the bracket.
        int open = name.IndexOfAny(['(', '（', '〈']);
        return open > 0 && name.EndsWith(name[^1]) && Chars.IsCloseBracket(name[^1]) && HasUnitEnding(name[..open]);
    }

    /// <summary>Within a run joined by 、, bare names before a name with a shared suffix take that suffix.</summary>
    private static void DistributeSharedSuffixes(List<(string Printed, string Name, bool DunBefore)> names)
    {
        for (int i = names.Count - 1; i > 0; i--)
        {
            string last = names[i].Name;
            string? suffix = SharedSuffixes.FirstOrDefault(x => last.EndsWith(x, StringComparison.Ordinal) && last.Length > x.Length);
            if (suffix is null || last.StartsWith('各'))
            {
                continue;
            }

            int j = i;
            while (j > 0 && names[j].DunBefore)
            {
                var prev = names[j - 1];
                // A bare place name: short, and either without a unit ending or too short to be a unit ("梨园").
                bool endsLikePlace = SharedSuffixes.Any(x => prev.Name.EndsWith(x, StringComparison.Ordinal));
                bool bare = !endsLikePlace && (prev.Name.Length <= 3 || (prev.Name.Length <= 5 && !HasUnitEnding(prev.Name)));
                if (!bare || prev.Name.StartsWith('各') || prev.Name.StartsWith('区'))
                {
                    break;
                }

                names[j - 1] = (prev.Printed, prev.Name + suffix, prev.DunBefore);
                j--;
            }
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
