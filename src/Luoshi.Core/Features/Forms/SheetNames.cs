namespace Luoshi.Core.Features.Forms;

/// <summary>Turns unit names into sheet names Excel accepts: 1–31 characters, none of []:*?/\, no apostrophe at either end, unique ignoring case.</summary>
internal sealed class SheetNames
{
    internal const int MaxLength = 31;

    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

    public string Take(string wanted)
    {
        string name = Valid(wanted);
        for (int n = 2; !used.Add(name); n++)
        {
            string suffix = $"({n})";
            string stem = Valid(wanted);
            name = Cut(stem, MaxLength - suffix.Length) + suffix;
        }

        return name;
    }

    internal static string Valid(string wanted)
    {
        var chars = XlsxWriter.Clean(wanted)
            .Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) ? '_' : c)
            .ToArray();
        string name = Cut(new string(chars).Trim().Trim('\''), MaxLength).Trim().Trim('\'');
        // "History" is reserved by Excel for its change log.
        return name.Length == 0 || name.Equals("History", StringComparison.OrdinalIgnoreCase) ? "Sheet" : name;
    }

    /// <summary>Cuts to at most <paramref name="length"/> UTF-16 units without splitting a surrogate pair.</summary>
    private static string Cut(string s, int length)
    {
        if (s.Length <= length)
        {
            return s;
        }

        return char.IsHighSurrogate(s[length - 1]) ? s[..(length - 1)] : s[..length];
    }
}
