namespace Luoshi.Parsing.Units;

/// <summary>
/// Units written without labels at the end of an item: a last sentence "区发改局牵头，区财政局配合。",
/// a bracket "（区住建局牵头，各街道配合）", or "区教育局负责。".
/// </summary>
internal static class UnlabelledClause
{
    public readonly record struct Split(string Text, ClauseContent Clause);

    /// <summary>
    /// Splits the item text from a trailing unlabelled clause, or returns null when there is none. The clause's
    /// diagnostics go to <paramref name="diagnostics"/>, or nowhere when it is null.
    /// </summary>
    public static Split? TrySplit(string text, int line, List<Diagnostic>? diagnostics)
    {
        string t = text.TrimEnd();
        if (t.Length < 4 || !(t.Contains("牵头", StringComparison.Ordinal) || t.Contains("配合", StringComparison.Ordinal)
            || t.Contains("负责", StringComparison.Ordinal)))
        {
            return null;
        }

        if (Chars.IsCloseBracket(t[^1]))
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
                    if (ClauseReader.ReadUnlabelled(t[i..], line, diagnostics) is { } c)
                    {
                        return new Split(t[..i].TrimEnd(), c);
                    }

                    break;
                }
            }
        }

        int lastStop = t.AsSpan().TrimEnd('。').LastIndexOfAny('。', '；');
        if (lastStop >= 0 && ClauseReader.ReadUnlabelled(t[(lastStop + 1)..], line, diagnostics) is { } content)
        {
            return new Split(t[..(lastStop + 1)].TrimEnd(), content);
        }

        return null;
    }

    /// <summary>True when a line ends with an unlabelled clause (used to locate the plan).</summary>
    public static bool EndsWithOne(string line) => TrySplit(line, 0, null) is not null;
}
