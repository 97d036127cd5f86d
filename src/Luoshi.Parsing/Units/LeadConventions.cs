namespace Luoshi.Parsing.Units;

/// <summary>
/// The wordings in which a notice states who leads an item ("列第一位者为牵头单位", "排名第一的为牵头单位",
/// "无牵头单位的，责任单位即为牵头单位" …): one table of patterns, read in the covering notice, a footnote or a unit list.
/// </summary>
internal static partial class LeadConventions
{
    [GeneratedRegex(@"(?:无|未(?:明确|列明|标明|注明|列)?)牵头单位的?\s*[,，]?\s*(?:由)?(?:各?责任单位|所列单位|所列各单位)(?:即|均|共同)?(?:为|作为)?(?:共同)?牵头")]
    private static partial Regex ResponsibleLead();

    [GeneratedRegex(@"(?:列|排|排名|排序|位列|列在|排在|列于|排列)\s*(?:在|于)?\s*(?:第一位|第一个|首位|最前|第一|前面|第1位)[^。；;]{0,10}?(?:为|是|作为|即为)?(?:牵头|主办|负总责)"
        + @"|(?:第一个|第一家|首个|首位|首家)(?:单位|部门)?(?:为|是|作为|即为)(?:牵头|主办)")]
    private static partial Regex FirstListed();

    [GeneratedRegex(@"[（(〈\[【][^（(〈\[【）)〉\]】]{0,40}?(?:牵头|主办|负总责)[^（(〈\[【）)〉\]】]{0,20}?[）)〉\]】]")]
    private static partial Regex Bracket();

    /// <summary>The convention <paramref name="text"/> states, with the wording as printed; Unstated when none.</summary>
    public static (LeadRule Rule, string Wording) Find(string text)
    {
        if (text.Length == 0 || !text.Contains("牵头", StringComparison.Ordinal) && !text.Contains("主办", StringComparison.Ordinal)
            && !text.Contains("负总责", StringComparison.Ordinal))
        {
            return (LeadRule.Unstated, string.Empty);
        }

        if (ResponsibleLead().Match(text) is { Success: true } r && !FirstListed().IsMatch(text))
        {
            return (LeadRule.ResponsibleUnitsLead, r.Value);
        }

        return FirstListed().Match(text) is { Success: true } f ? (LeadRule.FirstListedLeads, f.Value) : (LeadRule.Unstated, string.Empty);
    }

    /// <summary>"市财政局（列第一位者为牵头单位，下同）": the name without the bracket that states a convention; the name itself when it has none.</summary>
    public static string RemoveFrom(string name)
    {
        if (!name.Contains("牵头", StringComparison.Ordinal) && !name.Contains("主办", StringComparison.Ordinal)
            && !name.Contains("负总责", StringComparison.Ordinal))
        {
            return name;
        }

        return Bracket().Replace(name, m => Find(m.Value).Rule == LeadRule.Unstated ? m.Value : string.Empty);
    }

    /// <summary>True when the whole text is a bracket stating a convention and nothing else.</summary>
    public static bool IsOnlyConvention(string text)
    {
        string t = text.Trim();
        return t.Length > 0 && RemoveFrom(t).Trim().Length == 0;
    }
}
