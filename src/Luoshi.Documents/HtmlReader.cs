using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Luoshi.Documents;

/// <summary>
/// Reads a saved web page: decodes it by BOM, then by the declared charset (GB2312 and GBK pages are read as GB18030,
/// their superset), then by trying UTF-8 and falling back to GB18030; drops the page chrome (scripts, navigation, header,
/// footer, breadcrumb, share and tool bars, link lists); keeps the element that holds the document; and writes its text
/// with block elements as lines, table rows as '\t'-joined cells and whitespace collapsed inside lines.
/// </summary>
internal static partial class HtmlReader
{
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal)
    {
        "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "template", "svg", "canvas",
        "button", "select", "input", "textarea", "object", "embed", "map", "audio", "video", "head", "title", "link", "meta",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section", "article", "main",
        "blockquote", "pre", "hr", "address", "figure", "figcaption", "center", "caption", "tbody", "thead", "tfoot",
        "fieldset", "legend", "details", "summary",
    };

    /// <summary>Class and id words that mark navigation chrome, as whole words or word prefixes/suffixes ("navbar", "topnav", "bdshare").</summary>
    private static readonly string[] ChromeAffixes =
    [
        "nav", "menu", "breadcrumb", "crumb", "footer", "header", "share", "toolbar", "sidebar", "copyright", "search",
        "login", "friendlink", "fenxiang", "topbar",
    ];

    /// <summary>Class and id words that mark chrome only as whole words ("top-bar", "article-tools"; not "topic", "toolkit").</summary>
    private static readonly HashSet<string> ChromeWords = new(StringComparer.Ordinal)
    {
        "top", "bar", "head", "foot", "bottom", "tool", "tools", "print", "links", "related", "relate", "skip", "dqwz",
        "location", "position", "side", "banner",
    };

    static HtmlReader()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static DocumentText Read(byte[] content, ReadBudget budget)
    {
        (string html, string encoding) = Decode(content);
        IHtmlDocument doc = Parse(html, budget);
        IElement? body = doc.Body;
        if (body is null)
        {
            return DocumentText.Fail(SourceFormat.Html, DocumentProblem.Empty, "网页中没有正文。");
        }

        int before = TextLength(body);
        budget.Time();
        RemoveChrome(body);
        budget.Time();
        IElement main = MainContent(body, new TextLengths(body));
        var writer = new LineWriter(budget);
        writer.Walk(main);
        writer.Finish();
        string text = string.Join('\n', writer.Lines);
        if (text.Length == 0)
        {
            return DocumentText.Fail(SourceFormat.Html, DocumentProblem.Empty, "网页中没有可读取的文字。");
        }

        var notes = new List<string>();
        if (text.Count(c => !char.IsWhiteSpace(c)) < before)
        {
            notes.Add("网页的导航栏、页眉页脚、分享和打印按钮等页面元素已去掉，只保留正文区域；如正文缺失，请提供 Word、PDF 或文本版本。");
        }

        return new DocumentText(text, SourceFormat.Html, encoding, null, null) { Notes = notes };
    }

    /// <summary>
    /// Parses within the budget. The HTML parser's tree building is quadratic in the nesting depth (every start tag
    /// searches the stack of open elements), so the depth is checked as the tree grows, not afterwards: each element
    /// created makes the parser insert the one before it, whose depth is then known.
    /// </summary>
    private static IHtmlDocument Parse(string html, ReadBudget budget)
    {
        IElement? last = null;
        void Check()
        {
            if (last is not null)
            {
                budget.Element(Depth(last, budget.Limits.MaxDepth));
            }
        }

        var options = new HtmlParserOptions
        {
            OnCreated = (element, _) =>
            {
                Check();
                last = element;
            },
        };
        IHtmlDocument doc = new HtmlParser(options).ParseDocument(html);
        Check();
        return doc;
    }

    /// <summary>The depth of an element below the document, counted no further than one past <paramref name="limit"/>.</summary>
    private static int Depth(INode node, int limit)
    {
        int depth = 0;
        for (INode? n = node; n is not null and not IDocument && depth <= limit; n = n.Parent)
        {
            depth++;
        }

        return depth;
    }

    /// <summary>BOM, then the declared charset, then UTF-8 if the bytes are valid UTF-8, else GB18030.</summary>
    internal static (string Html, string Encoding) Decode(byte[] b)
    {
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        {
            return (Encoding.UTF8.GetString(b, 3, b.Length - 3), "utf-8");
        }

        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        {
            return (Encoding.Unicode.GetString(b, 2, b.Length - 2), "utf-16le");
        }

        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            return (Encoding.BigEndianUnicode.GetString(b, 2, b.Length - 2), "utf-16be");
        }

        string head = Encoding.Latin1.GetString(b, 0, Math.Min(b.Length, 4096));
        Match m = Charset().Match(head);
        bool utf8 = Utf8Valid(b);
        if (m.Success)
        {
            string name = m.Groups[1].Value.ToLowerInvariant();
            if (name is "gb2312" or "gbk" or "x-gbk" or "gb18030" or "cp936" or "ms936" or "windows-936" or "euc-cn")
            {
                // Chinese GBK text is practically never valid UTF-8: a page labelled GBK whose bytes are valid UTF-8
                // with non-ASCII in them was re-encoded by its CMS without fixing the label.
                return utf8 && b.Any(x => x >= 0x80) ? (Encoding.UTF8.GetString(b), "utf-8") : (Gb18030().GetString(b), "gb18030");
            }

            if (name is not ("utf-8" or "utf8") || utf8)
            {
                try
                {
                    Encoding declared = Encoding.GetEncoding(name);
                    return (declared.GetString(b), declared.WebName);
                }
                catch (ArgumentException)
                {
                    // An unknown charset name: decide from the bytes.
                }
            }
        }

        return utf8 ? (Encoding.UTF8.GetString(b), "utf-8") : (Gb18030().GetString(b), "gb18030");
    }

    private static Encoding Gb18030() => Encoding.GetEncoding("GB18030");

    private static bool Utf8Valid(byte[] b)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetCharCount(b);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"<meta[^>]*?charset\s*=\s*[""']?\s*([A-Za-z0-9_\-:.]+)|<\?xml[^>]*encoding\s*=\s*[""']([A-Za-z0-9_\-:.]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Charset();

    private static int TextLength(INode node)
    {
        int n = 0;
        foreach (char c in node.TextContent)
        {
            if (!char.IsWhiteSpace(c))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Removes scripts, hidden elements, navigation chrome by tag and by class or id, and blocks made of links.</summary>
    private static void RemoveChrome(IElement body)
    {
        foreach (IElement e in body.QuerySelectorAll("*").ToList())
        {
            if (Dropped.Contains(e.LocalName) || e.HasAttribute("hidden") || Hidden(e.GetAttribute("style")))
            {
                e.Remove();
            }
        }

        // Counted once for the whole tree: removing an element changes only its ancestors, which come before it in
        // document order and have been looked at already, so the counts stay right for every element still to come.
        var lengths = new TextLengths(body);
        int total = Math.Max(1, lengths.Of(body));
        foreach (IElement e in body.QuerySelectorAll("*").ToList())
        {
            if (!body.Contains(e) || !LooksLikeChrome(e))
            {
                continue;
            }

            // Never throw away the document itself because a wrapper has an unlucky class name.
            if (lengths.Of(e) > total / 5 || HoldsTitle(e))
            {
                continue;
            }

            e.Remove();
        }

        lengths = new TextLengths(body);
        foreach (IElement e in body.QuerySelectorAll("ul, ol, dl, div, table, section, p").ToList())
        {
            if (!body.Contains(e))
            {
                continue;
            }

            int all = lengths.Of(e);
            (int links, int linkCount) = lengths.Links(e);
            if (all > 0 && linkCount >= 3 && links >= all * 0.6 && all < total / 5)
            {
                e.Remove();
            }
        }
    }

    private static bool Hidden(string? style) =>
        style is not null && HiddenStyle().IsMatch(style);

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenStyle();

    private static bool LooksLikeChrome(IElement e)
    {
        string names = (e.ClassName ?? string.Empty) + " " + (e.Id ?? string.Empty);
        if (e.GetAttribute("role") is "navigation" or "banner" or "contentinfo" or "search")
        {
            return true;
        }

        foreach (string token in Words().Split(names.ToLowerInvariant()))
        {
            if (token.Length == 0)
            {
                continue;
            }

            if (ChromeWords.Contains(token))
            {
                return true;
            }

            foreach (string w in ChromeAffixes)
            {
                if (token.StartsWith(w, StringComparison.Ordinal) || token.EndsWith(w, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    [GeneratedRegex(@"[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    /// <summary>An article heading (not a linked site logo) inside: a header block that holds the document's title stays.</summary>
    private static bool HoldsTitle(IElement e) =>
        e.QuerySelectorAll("h1, h2, h3").Any(h => h.Closest("a") is null && h.QuerySelector("a") is null && TextLength(h) >= 8);

    /// <summary>
    /// The deepest element holding at least 60% of the remaining text, widened to its ancestors while they add little
    /// (the title and the metadata table above the body of a government article), never beyond the body.
    /// </summary>
    private static IElement MainContent(IElement body, TextLengths lengths)
    {
        int total = lengths.Of(body);
        if (total == 0)
        {
            return body;
        }

        IElement current = body;
        while (true)
        {
            IElement? next = current.Children.FirstOrDefault(c => lengths.Of(c) >= total * 0.6);
            if (next is null)
            {
                break;
            }

            current = next;
        }

        while (current != body && current.ParentElement is IElement parent && lengths.Of(parent) <= lengths.Of(current) * 1.3)
        {
            current = parent;
        }

        return current;
    }

    /// <summary>
    /// The non-whitespace text length of every node under a root and of the links below it, counted in one pass.
    /// Asking each element for its TextContent instead costs the size of its subtree every time: quadratic in the depth.
    /// </summary>
    private sealed class TextLengths
    {
        private readonly Dictionary<INode, int> lengths = [];
        private readonly Dictionary<INode, (int Text, int Count)> links = [];

        public TextLengths(INode root)
        {
            // Document order without recursion; then children before parents, each adding itself to its parent.
            var order = new List<INode>();
            var stack = new Stack<INode>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                INode n = stack.Pop();
                order.Add(n);
                for (int i = n.ChildNodes.Length - 1; i >= 0; i--)
                {
                    stack.Push(n.ChildNodes[i]);
                }
            }

            for (int i = order.Count - 1; i >= 0; i--)
            {
                INode n = order[i];
                int own = lengths.GetValueOrDefault(n) + (n is IText t ? NonWhiteSpace(t.Data) : 0);
                lengths[n] = own;
                if (n == root || n.Parent is not INode parent)
                {
                    continue;
                }

                lengths[parent] = lengths.GetValueOrDefault(parent) + own;
                (int text, int count) = links.GetValueOrDefault(n);
                if (n is IElement { LocalName: "a" })
                {
                    text += own;
                    count++;
                }

                (int pt, int pc) = links.GetValueOrDefault(parent);
                links[parent] = (pt + text, pc + count);
            }
        }

        /// <summary>The length of a node's text without whitespace (what <see cref="TextLength"/> says, for a node under the root).</summary>
        public int Of(INode node) => lengths.TryGetValue(node, out int n) ? n : TextLength(node);

        /// <summary>The text length of the links below an element and how many there are.</summary>
        public (int Text, int Count) Links(IElement e) => links.GetValueOrDefault(e);

        private static int NonWhiteSpace(string s)
        {
            int n = 0;
            foreach (char c in s)
            {
                if (!char.IsWhiteSpace(c))
                {
                    n++;
                }
            }

            return n;
        }
    }

    /// <summary>Writes an element's text: block elements and br end lines, a table row is one line of '\t'-joined cells.</summary>
    private sealed class LineWriter(ReadBudget budget)
    {
        private const char Boundary = '\u0001';

        private readonly StringBuilder line = new();
        private readonly Dictionary<IHtmlTableElement, bool> layoutTables = [];

        public List<string> Lines { get; } = [];

        public void Walk(INode node)
        {
            budget.Time();
            foreach (INode child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText t:
                        line.Append(t.Data);
                        break;
                    case IHtmlBreakRowElement:
                        EndLine();
                        break;
                    case IHtmlTableElement table when !IsLayoutTable(table):
                        EndLine();
                        Table(table);
                        break;
                    case IHtmlTableElement or IHtmlTableSectionElement or IHtmlTableRowElement when InLayoutTable(child):
                        // A table that lays out the page, not data: its cells are read as blocks.
                        EndLine();
                        Walk(child);
                        EndLine();
                        break;
                    case IHtmlTableRowElement row:
                        EndLine();
                        Row(row);
                        break;
                    case IElement e when Blocks.Contains(e.LocalName) || e.LocalName is "td" or "th":
                        EndLine();
                        Walk(e);
                        EndLine();
                        break;
                    case IElement e:
                        Walk(e);
                        break;
                    default:
                        break;
                }
            }
        }

        /// <summary>
        /// A table that lays out a page (older government sites put the whole article in one): it holds another table,
        /// or a cell with long text or several paragraphs. Writing its rows as lines would put the article on one line.
        /// </summary>
        private bool IsLayoutTable(IHtmlTableElement table)
        {
            if (!layoutTables.TryGetValue(table, out bool layout))
            {
                layout = table.QuerySelector("table") is not null
                    || table.Rows.SelectMany(r => r.Cells).Any(c => TextLength(c) > 400 || c.QuerySelectorAll("p, div, li, br, h1, h2, h3, h4, h5, h6").Length >= 3);
                layoutTables[table] = layout;
            }

            return layout;
        }

        private bool InLayoutTable(INode node) =>
            node is IElement e && (e as IHtmlTableElement ?? e.Closest("table") as IHtmlTableElement) is { } t && IsLayoutTable(t);

        private void Table(IHtmlTableElement table)
        {
            foreach (IHtmlTableRowElement row in table.Rows)
            {
                Row(row);
            }
        }

        private void Row(IHtmlTableRowElement row)
        {
            // Trailing empty cells stay: they hold the columns of a blank form row in place.
            var cells = row.Cells.Select(c => Joined(Collapse(Flat(c)))).ToList();
            string joined = string.Join('\t', cells);
            if (joined.Trim('\t').Length > 0)
            {
                Lines.Add(joined);
            }
        }

        /// <summary>A cell's text on one line: its paragraphs joined with nothing, as for Word cells.</summary>
        private static string Flat(INode node)
        {
            var sb = new StringBuilder();
            foreach (INode child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText t:
                        sb.Append(t.Data);
                        break;
                    case IElement e:
                        string inner = Flat(e);
                        if (Blocks.Contains(e.LocalName) || e.LocalName is "br" or "tr" or "td" or "th" or "table")
                        {
                            // A block boundary inside a cell: joined with nothing (a space between words of letters), see Joined.
                            sb.Append(Boundary).Append(inner).Append(Boundary);
                        }
                        else
                        {
                            sb.Append(inner);
                        }

                        break;
                    default:
                        break;
                }
            }

            return sb.ToString();
        }

        /// <summary>Resolves block boundaries inside a cell: nothing next to CJK text, one space between words of letters.</summary>
        private static string Joined(string s)
        {
            var sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c != Boundary)
                {
                    sb.Append(c);
                    continue;
                }

                int j = i;
                while (j < s.Length && (s[j] == Boundary || s[j] == ' '))
                {
                    j++;
                }

                while (sb.Length > 0 && sb[^1] == ' ')
                {
                    sb.Length--;
                }

                if (sb.Length > 0 && j < s.Length && !Cjk.Is(sb[^1]) && !Cjk.Is(s[j]))
                {
                    sb.Append(' ');
                }

                i = j - 1;
            }

            return sb.ToString();
        }

        private void EndLine()
        {
            string s = Collapse(line.ToString());
            line.Clear();
            if (s.Length > 0)
            {
                Lines.Add(s);
            }
        }

        /// <summary>Whitespace runs become one space (no-break and ideographic spaces included), ends trimmed.</summary>
        private static string Collapse(string s)
        {
            var sb = new StringBuilder(s.Length);
            bool space = false;
            foreach (char c in s)
            {
                if (char.IsWhiteSpace(c))
                {
                    space = sb.Length > 0;
                    continue;
                }

                if (space)
                {
                    sb.Append(' ');
                    space = false;
                }

                sb.Append(c);
            }

            return sb.ToString();
        }

        public void Finish() => EndLine();
    }
}
