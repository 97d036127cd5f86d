namespace Luoshi.Core.Features.Imports;

/// <summary>
/// Whether a notice comes from the district it is imported into: the issuer (武汉市武昌区人民政府办公室) must not name another
/// district, and the 文号's 代字 (岸政办〔2026〕1号: 岸, before 政) must be made of the district's own name (江岸区: 江, 岸). A notice
/// that fails is flagged before publishing; the office publishes it only by overriding the flag explicitly (audited).
/// </summary>
public static partial class NoticeOrigin
{
    /// <summary>Why the notice seems to come from another government, or null when nothing says so.</summary>
    public static string? Flag(string districtName, string? issuer, string? docNumber)
    {
        ArgumentNullException.ThrowIfNull(districtName);
        string own = districtName.EndsWith('区') || districtName.EndsWith('县') ? districtName[..^1] : districtName;
        if (!string.IsNullOrWhiteSpace(issuer))
        {
            foreach (Match m in Government().Matches(issuer))
            {
                string named = m.Groups["name"].Value;
                if (!string.Equals(named, districtName, StringComparison.Ordinal) && !named.EndsWith(districtName, StringComparison.Ordinal))
                {
                    return $"发文机关“{issuer}”不是{districtName}：该通知似乎来自{named}。请核对后再发布。";
                }
            }

            // A city's own government (武汉市人民政府办公厅) is another government too, unless the district is that city.
            if (!Government().IsMatch(issuer) && City().Match(issuer) is { Success: true } city
                && !string.Equals(city.Groups["name"].Value, districtName, StringComparison.Ordinal))
            {
                return $"发文机关“{issuer}”不是{districtName}：该通知似乎来自{city.Groups["name"].Value}。请核对后再发布。";
            }
        }

        if (!string.IsNullOrWhiteSpace(docNumber) && Code().Match(docNumber) is { Success: true } c)
        {
            string code = c.Groups["code"].Value;
            if (code.Length > 0 && code.Any(ch => !own.Contains(ch, StringComparison.Ordinal)))
            {
                return $"文号“{docNumber}”的代字“{code}”不是{districtName}的简称：该通知似乎来自其他政府。请核对后再发布。";
            }
        }

        return null;
    }

    // 武汉市武昌区人民政府 → 武昌区 (the last 区/县 before 人民政府); a city alone (武汉市人民政府) names no district.
    [GeneratedRegex(@"(?:[\p{IsCJKUnifiedIdeographs}]{1,6}?市)?(?<name>[\p{IsCJKUnifiedIdeographs}]{1,6}?[区县])人民政府")]
    private static partial Regex Government();

    // 武汉市人民政府办公厅 → 武汉市 (a city's government, naming no district or county).
    [GeneratedRegex(@"(?<name>[\p{IsCJKUnifiedIdeographs}]{1,6}?市)人民政府")]
    private static partial Regex City();

    // 岸政办〔2026〕1号 → 岸; 洪政办 → 洪.
    [GeneratedRegex(@"^\s*(?<code>[\p{IsCJKUnifiedIdeographs}]{1,3}?)政")]
    private static partial Regex Code();
}
