using System.Text;
using Luoshi.Parsing.Text;
using Luoshi.Parsing.Units;

namespace Luoshi.Parsing.Outline;

/// <summary>Collects one item's lines: its text, then its unit clause, which may run over several lines.</summary>
internal sealed class ItemBuilder(Numbering numbering, int firstLine)
{
    private readonly List<string> _text = [];
    private readonly StringBuilder _clause = new();
    private int _clauseDepth;

    public Numbering Numbering { get; } = numbering;

    public int FirstLine { get; } = firstLine;

    public int LastLine { get; private set; } = firstLine;

    public int ClauseLine { get; private set; }

    /// <summary>A clause has started and its bracket is still open (or it had none, as in "责任单位：…" lines).</summary>
    public bool InClause { get; private set; }

    public bool HasClause => _clause.Length > 0;

    public bool ClauseClosed { get; private set; }

    public bool ClauseBracketed { get; private set; }

    public List<string> ExtraClauses { get; } = [];

    /// <summary>
    /// Feeds a piece of the item's content from line <paramref name="line"/>. Returns what follows
    /// a closed clause on the same line (a glued theme, say), or null.
    /// </summary>
    public string? Feed(string segment, int line, List<Diagnostic> diagnostics)
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
            _text.Add(segment);
            return null;
        }

        if (HasClause)
        {
            // A second clause for the same item, e.g. a 完成时限 line after the units.
            ExtraClauses.Add(_clause.ToString());
            _clause.Clear();
        }

        _text.Add(segment[..at]);
        ClauseLine = line;
        InClause = true;
        ClauseClosed = false;
        ClauseBracketed = Chars.IsOpenBracket(segment[at]);
        _clauseDepth = 0;
        return ContinueClause(segment[at..], line, diagnostics);
    }

    private string? ContinueClause(string segment, int line, List<Diagnostic> diagnostics)
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

                    _clause.Append(segment.AsSpan(0, i + 1));
                    InClause = false;
                    ClauseClosed = true;
                    string rest = segment[(i + 1)..].Trim();
                    return rest.Length == 0 ? null : rest;
                }
            }
        }

        _clause.Append(segment);
        return null;
    }

    public string Text => TextRules.JoinLines(_text);

    public string Clause => _clause.ToString();

    public void AppendText(string s) => _text.Add(s);
}
