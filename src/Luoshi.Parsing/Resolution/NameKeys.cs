namespace Luoshi.Parsing.Resolution;

/// <summary>
/// Keys under which unit names are compared: printed forms differ in brackets, spaces and regular
/// abbreviations (发改 for 发展和改革 …), so both the catalogue's names and the printed name are
/// reduced to the same key by rule, not only by a table of aliases.
/// </summary>
internal static class NameKeys
{
    /// <summary>Full forms and their regular abbreviations, longest first. Applied in order to both sides.</summary>
    private static readonly (string Full, string Short)[] Abbreviations =
    [
        ("人力资源和社会保障", "人社"),
        ("国有资产监督管理", "国资"),
        ("政务服务和大数据管理", "政数"),
        ("政务服务和大数据", "政数"),
        ("经济信息化和科技创新", "经信科创"),
        ("经信和科创", "经信科创"),
        ("经济和信息化", "经信"),
        ("经济信息化", "经信"),
        ("自然资源和城乡建设", "资建"),
        ("自然资源和规划", "资规"),
        ("住房和城乡建设", "住建"),
        ("住房和城市更新", "住更"),
        ("发展和改革", "发改"),
        ("发展改革", "发改"),
        ("卫生健康", "卫健"),
        ("卫生和健康", "卫健"),
        ("城市管理执法", "城管执法"),
        ("城市管理", "城管"),
        ("市场监督管理", "市场监管"),
        ("文化和旅游", "文旅"),
        ("文化旅游", "文旅"),
        ("水务和湖泊", "水务湖泊"),
        ("交通运输", "交通"),
        ("医疗保障", "医保"),
        ("退役军人事务", "退役军人"),
        ("应急管理", "应急"),
        ("行政审批", "审批"),
        ("科学技术", "科技"),
        ("科技创新", "科创"),
        ("农业农村", "农业农村"),
        ("管理委员会", "管委会"),
        ("人民政府办公室", "政府办"),
        ("政府办公室", "政府办"),
        ("人民政府", "政府"),
        ("人力资源", "人社"),
        ("办事处", string.Empty),
    ];

    /// <summary>Spaces removed, brackets of every width made one, invisible characters dropped.</summary>
    public static string Plain(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (Chars.IsSpace(c) || Chars.IsInvisible(c))
            {
                continue;
            }

            sb.Append(c switch
            {
                '（' or '[' or '［' or '【' or '〔' => '(',
                '）' or ']' or '］' or '】' or '〕' => ')',
                '〈' or '《' or '<' => '<',
                '〉' or '》' or '>' => '>',
                '“' or '”' or '"' => '"',
                _ => c,
            });
        }

        return sb.ToString();
    }

    /// <summary>The plain name with regular abbreviations applied.</summary>
    public static string Abbreviated(string name)
    {
        string s = Plain(name);
        foreach (var (full, abbr) in Abbreviations)
        {
            if (s.Contains(full, StringComparison.Ordinal))
            {
                s = s.Replace(full, abbr, StringComparison.Ordinal);
            }
        }

        return s.Replace("和", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>The abbreviated key without the district prefix 区 (a notice may drop it: "教育局").</summary>
    public static string WithoutPrefix(string key) => key.StartsWith('区') && key.Length > 2 ? key[1..] : key;

    /// <summary>Dice similarity of character bigrams, 0 to 1: for suggesting candidates for an unknown unit.</summary>
    public static double Similarity(string a, string b)
    {
        if (a.Length < 2 || b.Length < 2)
        {
            return string.Equals(a, b, StringComparison.Ordinal) ? 1 : 0;
        }

        var bigrams = new Dictionary<int, int>();
        for (int i = 0; i + 1 < a.Length; i++)
        {
            int k = (a[i] << 16) | a[i + 1];
            bigrams[k] = bigrams.GetValueOrDefault(k) + 1;
        }

        int hits = 0;
        for (int i = 0; i + 1 < b.Length; i++)
        {
            int k = (b[i] << 16) | b[i + 1];
            if (bigrams.TryGetValue(k, out int n) && n > 0)
            {
                bigrams[k] = n - 1;
                hits++;
            }
        }

        return 2.0 * hits / (a.Length - 1 + b.Length - 1);
    }
}
