namespace Luoshi.Parsing.Units;

/// <summary>What a clause label introduces.</summary>
internal enum LabelRole
{
    Lead,
    Responsible,
    Leader,
    Deadline,

    /// <summary>"部门分工：省发展改革委牵头，各地、各部门配合": a free-text sentence of who leads and who helps.</summary>
    Division,
}

/// <summary>The labels that open a unit clause ("牵头单位：", "责任单位：" …), longest first so that 牵头责任单位 wins over 责任单位.</summary>
internal static class ClauseLabels
{
    private static readonly (string Label, LabelRole Role)[] All = Build();

    private static (string, LabelRole)[] Build()
    {
        var list = new List<(string, LabelRole)>
        {
            ("牵头责任单位", LabelRole.Lead), ("牵头单位", LabelRole.Lead), ("牵头部门", LabelRole.Lead),
            ("主责单位", LabelRole.Lead), ("主办单位", LabelRole.Lead), ("牵头", LabelRole.Lead),
            ("协同责任单位", LabelRole.Responsible), ("配合责任单位", LabelRole.Responsible), ("责任单位", LabelRole.Responsible),
            ("配合单位", LabelRole.Responsible), ("协办单位", LabelRole.Responsible), ("参与单位", LabelRole.Responsible),
            ("协同单位", LabelRole.Responsible), ("会办单位", LabelRole.Responsible), ("承办单位", LabelRole.Responsible),
            ("责任部门", LabelRole.Responsible), ("配合部门", LabelRole.Responsible), ("协助单位", LabelRole.Responsible),
            ("配合", LabelRole.Responsible),
            ("牵头负责领导", LabelRole.Leader), ("牵头区领导", LabelRole.Leader), ("牵头领导", LabelRole.Leader),
            ("分管区领导", LabelRole.Leader), ("分管领导", LabelRole.Leader), ("责任领导", LabelRole.Leader),
            ("联系领导", LabelRole.Leader), ("责任人", LabelRole.Leader),
            ("分管省领导", LabelRole.Leader), ("分管市领导", LabelRole.Leader), ("分管县领导", LabelRole.Leader),
            ("牵头省领导", LabelRole.Leader), ("牵头市领导", LabelRole.Leader), ("牵头县领导", LabelRole.Leader),
            ("责任省领导", LabelRole.Leader), ("责任市领导", LabelRole.Leader), ("责任县领导", LabelRole.Leader),
            ("责任区领导", LabelRole.Leader), ("牵头负责人", LabelRole.Leader), ("包保领导", LabelRole.Leader),
            ("部门分工", LabelRole.Division), ("责任分工", LabelRole.Division), ("任务分工", LabelRole.Division),
            ("完成时限", LabelRole.Deadline), ("完成时间", LabelRole.Deadline), ("时限要求", LabelRole.Deadline),
            ("时间节点", LabelRole.Deadline),
        };
        list.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        return [.. list];
    }

    /// <summary>
    /// A label followed by a colon at <paramref name="at"/>: returns the label, its role, and the index
    /// just after the colon; or null.
    /// </summary>
    public static (string Label, LabelRole Role, int After)? MatchAt(ReadOnlySpan<char> s, int at)
    {
        foreach (var (label, role) in All)
        {
            if (at + label.Length > s.Length || !s.Slice(at, label.Length).SequenceEqual(label))
            {
                continue;
            }

            int j = at + label.Length;
            while (j < s.Length && s[j] is ' ' or '\u3000')
            {
                j++;
            }

            if (j < s.Length && s[j] is '：' or ':')
            {
                return (label, role, j + 1);
            }
        }

        return null;
    }

    /// <summary>True where a label may start: the line start, after white space, a bracket or a sentence mark.</summary>
    public static bool IsLabelBoundary(ReadOnlySpan<char> s, int at) =>
        at == 0 || s[at - 1] is ' ' or '\u3000' or '\t' or '。' or '；' or ';' or '，' or ',' or '|' || Text.Chars.IsOpenBracket(s[at - 1]);

    /// <summary>
    /// Finds where a unit clause starts in a line: the opening bracket before a label, or the label
    /// itself when it stands at a boundary without a bracket. Returns -1 when there is none.
    /// </summary>
    public static int FindClauseStart(ReadOnlySpan<char> s, int from = 0)
    {
        for (int i = from; i < s.Length; i++)
        {
            char c = s[i];
            if (c is not ('牵' or '责' or '配' or '协' or '参' or '会' or '承' or '主' or '分' or '联' or '完' or '时' or '部' or '任' or '包'))
            {
                continue;
            }

            if (!IsLabelBoundary(s, i) || MatchAt(s, i) is not { } m)
            {
                continue;
            }

            // Leaders and deadlines alone open a clause only inside brackets or at a line start.
            int open = i - 1;
            while (open >= 0 && s[open] is ' ' or '\u3000')
            {
                open--;
            }

            if (open >= 0 && Text.Chars.IsOpenBracket(s[open]))
            {
                return open;
            }

            if (m.Role is LabelRole.Lead or LabelRole.Responsible or LabelRole.Division || i == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
