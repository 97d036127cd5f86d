namespace Luoshi.Parsing.Outline;

/// <summary>
/// Collects one item's lines: its text, then its unit clause, which may run over several lines.
/// One builder serves item after item (see <see cref="Start"/>), so its buffers are made once per plan.
/// </summary>
internal sealed class ItemBuilder
{
    /// <summary>The item's text pieces, each trimmed, joined with nothing between them (folded in <see cref="Text"/>).</summary>
    private readonly CharBuffer _text = new();
    private readonly CharBuffer _clause = new();
    private int _clauseDepth;

    public Numbering Numbering { get; private set; }

    public int FirstLine { get; private set; }

    public int LastLine { get; private set; }

    public int ClauseLine { get; private set; }

    /// <summary>A clause has started and its bracket is still open (or it had none, as in "责任单位：…" lines).</summary>
    public bool InClause { get; private set; }

    public bool HasClause => _clause.Length > 0;

    public bool ClauseClosed { get; private set; }

    public bool ClauseBracketed { get; private set; }

    public List<string> ExtraClauses { get; } = [];

    /// <summary>Starts a new item numbered <paramref name="numbering"/> on line <paramref name="firstLine"/>, forgetting the last one.</summary>
    public ItemBuilder Start(Numbering numbering, int firstLine)
    {
        _text.Clear();
        _clause.Clear();
        _clauseDepth = 0;
        Numbering = numbering;
        FirstLine = firstLine;
        LastLine = firstLine;
        ClauseLine = 0;
        InClause = false;
        ClauseClosed = false;
        ClauseBracketed = false;
        ExtraClauses.Clear();
        return this;
    }

    /// <summary>
    /// Feeds a piece of the item's content from line <paramref name="line"/>. Returns what follows
    /// a closed clause on the same line (a glued theme, say), or null.
    /// </summary>
    public string? Feed(ReadOnlySpan<char> segment, int line, List<Diagnostic> diagnostics)
    {
        LastLine = line;
        if (InClause)
        {
            if (line != ClauseLine && ClauseLabels.MatchAt(segment, 0) is not null)
            {
                // "牵头单位：A" then "责任单位：B" on the next line: keep the labels apart.
                _clause.Append('；');
            }

            return ContinueClause(segment, line, diagnostics);
        }

        int at = ClauseLabels.FindClauseStart(segment);
        if (at < 0)
        {
            AppendText(segment);
            return null;
        }

        if (HasClause)
        {
            // A second clause for the same item, e.g. a 完成时限 line after the units.
            ExtraClauses.Add(_clause.ToString());
            _clause.Clear();
        }

        AppendText(segment[..at]);
        ClauseLine = line;
        InClause = true;
        ClauseClosed = false;
        ClauseBracketed = Chars.IsOpenBracket(segment[at]);
        _clauseDepth = 0;
        return ContinueClause(segment[at..], line, diagnostics);
    }

    private string? ContinueClause(ReadOnlySpan<char> segment, int line, List<Diagnostic> diagnostics)
    {
        for (int i = 0; i < segment.Length; i++)
        {
            char c = segment[i];
            if (Chars.IsOpenBracket(c) && c is not '《')
            {
                _clauseDepth++;
            }
            else if (Chars.IsCloseBracket(c) && c is not '》')
            {
                _clauseDepth--;
                if (ClauseBracketed ? _clauseDepth <= 0 : _clauseDepth < 0)
                {
                    if (_clauseDepth < 0)
                    {
                        diagnostics.Add(new Diagnostic(line, 0, Severity.Info, "missing-open-bracket",
                            "单位说明缺少左括号，已按单位说明读取。"));
                    }

                    _clause.Append(segment[..(i + 1)]);
                    InClause = false;
                    ClauseClosed = true;
                    var rest = segment[(i + 1)..].Trim();
                    return rest.IsEmpty ? null : new string(rest);
                }
            }
        }

        _clause.Append(segment);
        return null;
    }

    public string Text => TextRules.Fold(_text.Span);

    /// <summary>The unit clause as collected (the last one when the item has several: see <see cref="ExtraClauses"/>).</summary>
    public ReadOnlySpan<char> Clause => _clause.Span;

    /// <summary>Adds a piece of the item's text; pieces from different lines are joined with nothing between them.</summary>
    public void AppendText(ReadOnlySpan<char> s) => _text.Append(s.Trim());
}
