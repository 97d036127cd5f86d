namespace Luoshi.Cli.Commands;

/// <summary>The readable outline of `luoshi parse --format text`.</summary>
internal static class PlanText
{
    public static string Render(UnderstoodNotice u)
    {
        var n = u.Notice;
        var sb = new StringBuilder();
        var d = n.Document;
        sb.AppendLine(CultureInfo.InvariantCulture, $"{d.Title}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"发文机关：{d.Issuer}    文号：{d.DocNumber}    成文日期：{d.SignedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"共 {n.Parts.Count} 个部分，{n.Items.Count} 项任务，{u.Diagnostics.Count} 条提示");
        var byPart = u.Items.ToLookup(x => x.Item.Part);
        foreach (var p in n.Parts)
        {
            var items = byPart[p.Index].ToList();
            sb.AppendLine();
            string declared = p.DeclaredCount is int c ? $"（声明 {c} 项）" : string.Empty;
            sb.AppendLine(CultureInfo.InvariantCulture, $"■ {(p.Title.Length > 0 ? p.Title : "（无标题部分）")}  [{PlanJson.KindName(p.Kind)}] 读到 {items.Count} 项{declared}");
            string? group = null;
            string? theme = null;
            foreach (var (i, r, _) in items)
            {
                if (i.Group != group)
                {
                    group = i.Group;
                    theme = null;
                    sb.AppendLine(CultureInfo.InvariantCulture, $"  {group}");
                }

                if (i.Theme != theme)
                {
                    theme = i.Theme;
                    sb.AppendLine(CultureInfo.InvariantCulture, $"    ——{theme}");
                }

                sb.AppendLine(CultureInfo.InvariantCulture, $"    {(char.IsAsciiDigit(i.Number[^1]) ? i.Number + "." : i.Number)} {i.Text}");
                var lead = r is null ? i.Lead.Select(m => m.Name) : r.Lead.Select(m => m.Canonical ?? m.Name);
                var resp = r is null ? i.Responsible.Select(m => m.Name) : r.Responsible.Select(m => m.Canonical ?? m.Name);
                if (i.Lead.Count > 0)
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"        牵头：{string.Join("、", lead)}");
                }

                sb.AppendLine(CultureInfo.InvariantCulture, $"        责任：{string.Join("、", resp)}");
            }
        }

        if (u.Diagnostics.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("提示：");
            foreach (var x in u.Diagnostics)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  第{x.Line}行 [{x.Severity}] {x.Code}: {x.Message}");
            }
        }

        return sb.ToString();
    }
}
