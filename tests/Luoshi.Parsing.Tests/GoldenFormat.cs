using System.Globalization;
using System.Text;

namespace Luoshi.Parsing.Tests;

/// <summary>Renders a parsed notice in the golden-file format described in Golden/README.md.</summary>
internal static class GoldenFormat
{
    /// <summary>Renders <paramref name="notice"/>; corpus files also show the lead convention and its line when one is stated.</summary>
    public static string Render(ParsedNotice notice, bool corpus = false)
    {
        var sb = new StringBuilder();
        var d = notice.Document;
        sb.Append("document\n");
        Field(sb, "issuer", d.Issuer);
        Field(sb, "docNumber", d.DocNumber);
        Field(sb, "signedOn", d.SignedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (corpus && d.LeadRule != LeadRule.Unstated)
        {
            Field(sb, "leadRule", string.Create(CultureInfo.InvariantCulture, $"{Snake(d.LeadRule.ToString())} line {d.LeadRuleAt}"));
        }

        var itemsByPart = notice.Items.ToLookup(i => i.Part);
        foreach (var p in notice.Parts)
        {
            sb.Append('\n');
            sb.Append(CultureInfo.InvariantCulture, $"part {p.Index} {KindName(p.Kind)} declared={p.DeclaredCount}\n");
            Field(sb, "title", p.Title);
            if (p.Leader is { Length: > 0 } leader)
            {
                Field(sb, "leader", leader);
            }
            foreach (var i in itemsByPart[p.Index])
            {
                sb.Append('\n');
                sb.Append(CultureInfo.InvariantCulture, $"item {KindName(i.PartKind)} {i.Number}\n");
                sb.Append(CultureInfo.InvariantCulture, $"lines: {i.FirstLine}-{i.LastLine}\n");
                Field(sb, "group", i.Group);
                Field(sb, "theme", i.Theme);
                Field(sb, "text", i.Text);
                Field(sb, "lead", string.Join(" | ", i.Lead.Select(u => u.Name)));
                Field(sb, "responsible", string.Join(" | ", i.Responsible.Select(u => u.Name)));
                if (i.Leaders.Count > 0)
                {
                    Field(sb, "leaders", string.Join(" | ", i.Leaders));
                }

                if (i.Deadline is { Length: > 0 } deadline)
                {
                    Field(sb, "deadline", deadline);
                }
            }
        }

        return sb.ToString();
    }

    private static void Field(StringBuilder sb, string name, object? value)
    {
        string v = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        sb.Append(name).Append(':');
        if (v.Length > 0)
        {
            sb.Append(' ').Append(v);
        }

        sb.Append('\n');
    }

    /// <summary>The comparable content of a golden file: comments and blank lines dropped, trailing spaces trimmed.</summary>
    public static List<string> Significant(string text) =>
        [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => l.TrimEnd())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))];

    public static string KindName(PartKind kind) => kind.Code();

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
