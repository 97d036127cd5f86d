using System.Text;

namespace Luoshi.Parsing.Text;

/// <summary>The one rule for repairing layout damage in text taken from the notice.</summary>
internal static class TextRules
{
    /// <summary>
    /// Folds runs of white space to one space, removes a white space standing between two Han
    /// characters (a line merge or PDF artefact), drops invisible characters, and trims.
    /// Everything else, typos included, stays as printed.
    /// </summary>
    public static string Fold(string s)
    {
        if (s.Length == 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (Chars.IsInvisible(c))
            {
                i++;
                continue;
            }

            if (Chars.IsSpace(c) || c is '\r' or '\n')
            {
                int j = i;
                while (j < s.Length && (Chars.IsSpace(s[j]) || s[j] is '\r' or '\n' || Chars.IsInvisible(s[j])))
                {
                    j++;
                }

                bool atEdge = sb.Length == 0 || j >= s.Length;
                bool betweenHan = !atEdge && Chars.IsHan(sb[^1]) && Chars.IsHan(s[j]);
                if (!atEdge && !betweenHan)
                {
                    sb.Append(' ');
                }

                i = j;
                continue;
            }

            sb.Append(c);
            i++;
        }

        return sb.ToString();
    }

    /// <summary>Joins the pieces of one logical text broken over lines, with nothing between them, then folds.</summary>
    public static string JoinLines(IEnumerable<string> pieces) => Fold(string.Concat(pieces.Select(p => p.Trim())));
}
