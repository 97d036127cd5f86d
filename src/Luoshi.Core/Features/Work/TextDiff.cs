namespace Luoshi.Core.Features.Work;

/// <summary>Whether a piece of text is kept from the last report, new, or dropped.</summary>
public enum DiffKind
{
    Same,
    Added,
    Removed,
}

/// <summary>A sentence of the comparison.</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>Shows what changed from the last report: sentence by sentence (split at 。；！？ and line ends), longest common subsequence.</summary>
public static class TextDiff
{
    /// <summary>Above this many sentences on either side the texts are shown whole, not compared (keeps the work bounded).</summary>
    public const int MaxSentences = 2000;

    public static IReadOnlyList<DiffPiece> Compare(string? before, string? after)
    {
        var a = Sentences(before);
        var b = Sentences(after);
        if (a.Count > MaxSentences || b.Count > MaxSentences)
        {
            return [.. a.Select(s => new DiffPiece(DiffKind.Removed, s)), .. b.Select(s => new DiffPiece(DiffKind.Added, s))];
        }

        var lcs = new int[a.Count + 1, b.Count + 1];
        for (int i = a.Count - 1; i >= 0; i--)
        {
            for (int j = b.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var result = new List<DiffPiece>();
        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                result.Add(new(DiffKind.Same, b[y]));
                x++;
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                result.Add(new(DiffKind.Removed, a[x++]));
            }
            else
            {
                result.Add(new(DiffKind.Added, b[y++]));
            }
        }

        result.AddRange(a.Skip(x).Select(s => new DiffPiece(DiffKind.Removed, s)));
        result.AddRange(b.Skip(y).Select(s => new DiffPiece(DiffKind.Added, s)));
        return result;
    }

    public static List<string> Sentences(string? text)
    {
        var result = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return result;
        }

        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool end = c is '。' or '；' or '！' or '？' or '\n';
            if (end || i == text.Length - 1)
            {
                string s = text[start..(i + 1)].Trim();
                if (s.Length > 0)
                {
                    result.Add(s);
                }

                start = i + 1;
            }
        }

        return result;
    }
}
