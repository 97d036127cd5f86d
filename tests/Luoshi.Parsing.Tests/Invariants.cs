namespace Luoshi.Parsing.Tests;

/// <summary>What must hold for any result, whatever the input.</summary>
internal static class Invariants
{
    /// <summary>Number of lines as the reader counts them (<see cref="NoticeLines"/>, tested on its own in NoticeLinesTests).</summary>
    public static int LineCount(string text) => NoticeLines.Split(text).Count;

    public static void Check(string text, ParsedNotice notice)
    {
        int lines = LineCount(text.Length > NoticeParser.MaxLength ? text[..NoticeParser.MaxLength] : text);
        notice.ShouldNotBeNull();
        foreach (var item in notice.Items)
        {
            if (item.FirstLine < 1 || item.FirstLine > item.LastLine || item.LastLine > lines)
            {
                throw new ShouldAssertException($"item {item.Number} has lines {item.FirstLine}-{item.LastLine} outside 1-{lines}");
            }

            if (item.Text.Contains('\n', StringComparison.Ordinal) || item.Text.Contains('\r', StringComparison.Ordinal))
            {
                throw new ShouldAssertException($"item {item.Number} text holds a raw line break");
            }

            if (item.Part < 1 || item.Part > notice.Parts.Count)
            {
                throw new ShouldAssertException($"item {item.Number} sits in part {item.Part} of {notice.Parts.Count}");
            }

            if (item.Lead.Concat(item.Responsible).Any(u => u.Name.Length == 0))
            {
                throw new ShouldAssertException($"item {item.Number} names an empty unit");
            }
        }

        foreach (var d in notice.Diagnostics)
        {
            if (d.Line < 0 || d.Line > lines || d.Column < 0 || string.IsNullOrEmpty(d.Code) || string.IsNullOrEmpty(d.Message))
            {
                throw new ShouldAssertException($"diagnostic {d.Code} at {d.Line}:{d.Column} is out of range 0-{lines} or empty");
            }
        }

        foreach (var p in notice.Parts)
        {
            if (p.Line < 0 || p.Line > lines)
            {
                throw new ShouldAssertException($"part {p.Index} at line {p.Line} is out of range");
            }
        }
    }
}
