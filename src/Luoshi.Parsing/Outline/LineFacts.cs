namespace Luoshi.Parsing.Outline;

/// <summary>Stage 2: what each cleaned line is, computed once.</summary>
internal sealed class LineFacts
{
    public LineFacts(List<SourceLine> lines)
    {
        Lines = lines;
        Numbering = new Numbering?[lines.Count];
        ClauseAt = new int[lines.Count];
        Noise = new bool[lines.Count];
        Unlabelled = new bool[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            string t = lines[i].Text;
            Noise[i] = t.Length == 0 || LineSplitter.IsPageNumber(t);
            Numbering[i] = !Noise[i] && NumberingReader.TryRead(t, out var n) ? n : null;
            ClauseAt[i] = Noise[i] ? -1 : ClauseLabels.FindClauseStart(t);
            Unlabelled[i] = !Noise[i] && ClauseAt[i] < 0 && UnlabelledClause.EndsWithOne(t);
        }
    }

    public List<SourceLine> Lines { get; }

    public Numbering?[] Numbering { get; }

    /// <summary>Index in the line where a unit clause starts, or -1.</summary>
    public int[] ClauseAt { get; }

    /// <summary>Blank lines and page footers.</summary>
    public bool[] Noise { get; }

    public int Count => Lines.Count;

    /// <summary>Lines that end with units named without labels ("区发改局牵头，区财政局配合。").</summary>
    public bool[] Unlabelled { get; }

    public bool HasClause(int i) => ClauseAt[i] >= 0 || Unlabelled[i];

    public static bool IsTheme(string t) =>
        t.StartsWith("——", StringComparison.Ordinal) || t.StartsWith("--", StringComparison.Ordinal)
        || t.StartsWith("－－", StringComparison.Ordinal) || (t.StartsWith('—') && t.Length > 2 && Chars.IsHan(t[1]));

    /// <summary>Lines that end the plan: the next attachment, the distribution list, the print line, website chrome.</summary>
    public static bool IsEndMarker(string t) =>
        t.StartsWith("附件", StringComparison.Ordinal)
        || t.StartsWith("抄送", StringComparison.Ordinal)
        || t.StartsWith("主题词", StringComparison.Ordinal)
        || t.StartsWith("（此件", StringComparison.Ordinal) || t.StartsWith("(此件", StringComparison.Ordinal)
        || (t.EndsWith("印发", StringComparison.Ordinal) && t.Contains('年', StringComparison.Ordinal))
        || t.Contains("已阅", StringComparison.Ordinal)
        || t is "打印" or "关闭" or "打印本页" or "关闭窗口" or "【打印本页】" or "【关闭窗口】"
        || t.StartsWith("扫一扫", StringComparison.Ordinal)
        || t.StartsWith("注：", StringComparison.Ordinal) || t.StartsWith("注:", StringComparison.Ordinal)
        || t.StartsWith("备注：", StringComparison.Ordinal) || t.StartsWith("说明：", StringComparison.Ordinal);
}
