namespace Luoshi.Parsing.Header;

/// <summary>Stage 5: the notice's issuer, number, title, signing date and lead convention, read from the lines before the plan.</summary>
internal static partial class HeaderReader
{
    [GeneratedRegex(@"[\u4e00-\u9fff]{1,8}\s*[〔\[［【(（]\s*(?<y>(?:19|20|１９|２０)[0-9０-９]{2})\s*[〕\]］】)）]\s*[0-9０-９]{1,4}\s*号")]
    private static partial Regex DocNumber();

    [GeneratedRegex(@"^(?<y>[12１２][0-9０-９]{3})\s*年\s*(?<m>[0-9０-９]{1,2})\s*月\s*(?<d>[0-9０-９]{1,2})\s*日$")]
    private static partial Regex StandaloneDate();

    [GeneratedRegex(@"发文日期\s*[:：]?\s*(?<y>(?:19|20)[0-9]{2})[-/.年](?<m>[0-9]{1,2})[-/.月](?<d>[0-9]{1,2})")]
    private static partial Regex IssuedDate();

    [GeneratedRegex(@"^(?<name>.{2,40}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|委员会))\s*文件$")]
    private static partial Regex IssuerHeader();

    [GeneratedRegex(@"^.{2,40}?(?:人民政府办公室|人民政府办公厅|人民政府)$")]
    private static partial Regex IssuerSignature();

    public static NoticeDocument Read(IReadOnlyList<SourceLine> lines, int planStart, List<Diagnostic> diagnostics)
    {
        int limit = Math.Min(lines.Count, Math.Max(planStart, 0));
        if (limit == 0)
        {
            limit = Math.Min(lines.Count, 80);
        }

        string? issuer = null;
        string? docNumber = null;
        int? docYear = null;
        string? title = null;
        DateOnly? signedOn = null;
        string? signature = null;
        DateOnly? issuedDate = null;

        for (int i = 0; i < limit; i++)
        {
            string t = lines[i].Text;
            if (t.Length == 0)
            {
                continue;
            }

            if (t.Length > MaxHeaderLine)
            {
                // Header fields stand on short lines; a huge line (damage, binary) is skipped.
                continue;
            }

            issuer ??= IssuerHeader().Match(TextRules.Fold(t)) is { Success: true } h ? h.Groups["name"].Value : null;
            if (docNumber is null && DocNumber().Match(t) is { Success: true } dn)
            {
                docNumber = TextRules.Fold(dn.Value).Replace(" ", string.Empty, StringComparison.Ordinal);
                docYear = Number(dn.Groups["y"].Value);
            }
            if (title is null && t.Contains("关于", StringComparison.Ordinal))
            {
                title = ReadTitle(lines, i, limit);
            }

            if (IssuedDate().Match(t) is { Success: true } id)
            {
                issuedDate ??= MakeDate(id);
            }

            string folded = TextRules.Fold(t);
            if (signedOn is null && StandaloneDate().Match(folded.Replace(" ", string.Empty, StringComparison.Ordinal)) is { Success: true } sd)
            {
                signedOn = MakeDate(sd);
                signature ??= PreviousSignature(lines, i);
            }
            else if (signedOn is null && IsDamagedDate(folded))
            {
                diagnostics.Add(new Diagnostic(lines[i].Number, 1, Severity.Warning, "date-damaged",
                    $"落款日期“{folded}”残缺，无法确定。"));
                signature ??= PreviousSignature(lines, i);
            }
        }

        if (signedOn is null && issuedDate is not null)
        {
            signedOn = issuedDate;
            diagnostics.Add(new Diagnostic(0, 0, Severity.Info, "date-from-page",
                $"落款日期不可读，采用网页标注的发文日期 {Luoshi.Parsing.Calendar.ChineseDates.Day(issuedDate.Value)}。"));
        }

        issuer ??= signature;
        // The year the plan is for: the one in the document number (岸政办〔2026〕1号), else the signing year.
        var (rule, at, wording) = FindLeadRule(lines);
        return new NoticeDocument(issuer, docNumber, title, signedOn, rule, docYear ?? signedOn?.Year, at, wording);
    }

    private const int MaxHeaderLine = 2000;

    /// <summary>
    /// The lead convention wherever the document states it (covering notice, footnote, a unit list): the first line
    /// that states "责任单位即为牵头单位", else the first that states "列第一位者为牵头单位"; with its line and wording.
    /// </summary>
    private static (LeadRule Rule, int Line, string? Wording) FindLeadRule(IReadOnlyList<SourceLine> lines)
    {
        (LeadRule, int, string?) found = (LeadRule.Unstated, 0, null);
        foreach (var line in lines)
        {
            var (rule, wording) = Units.LeadConventions.Find(line.Text);
            if (rule == LeadRule.ResponsibleUnitsLead)
            {
                return (rule, line.Number, wording);
            }

            if (rule == LeadRule.FirstListedLeads && found.Item1 == LeadRule.Unstated)
            {
                found = (rule, line.Number, wording);
            }
        }

        return found;
    }

    private static bool IsDamagedDate(string t)
    {
        string s = t.Replace(" ", string.Empty, StringComparison.Ordinal);
        return s.Length is >= 5 and <= 12 && s.EndsWith('日') && s.StartsWith("20", StringComparison.Ordinal)
            && s[..^1].All(c => Chars.IsAsciiDigit(c) || c is '年' or '月');
    }

    private static string? PreviousSignature(IReadOnlyList<SourceLine> lines, int dateIndex)
    {
        for (int k = dateIndex - 1; k >= 0 && k >= dateIndex - 4; k--)
        {
            string t = TextRules.Fold(lines[k].Text);
            if (t.Length == 0)
            {
                continue;
            }

            return IssuerSignature().IsMatch(t) ? t : null;
        }

        return null;
    }

    private static string ReadTitle(IReadOnlyList<SourceLine> lines, int i, int limit)
    {
        var pieces = new List<string>();
        for (int k = i; k < limit && k < i + 8; k++)
        {
            string t = lines[k].Text;
            if (t.Length == 0)
            {
                continue;
            }

            pieces.Add(t);
            if (t.EndsWith("通知", StringComparison.Ordinal) || t.EndsWith("通知》", StringComparison.Ordinal) || t.EndsWith('：') || t.EndsWith(':'))
            {
                break;
            }
        }

        string title = TextRules.JoinLines(pieces);
        return title.TrimEnd('：', ':');
    }

    private static DateOnly? MakeDate(Match m)
    {
        int y = Number(m.Groups["y"].Value);
        int mo = Number(m.Groups["m"].Value);
        int d = Number(m.Groups["d"].Value);
        return y is >= 1900 and <= 2199 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo) ? new DateOnly(y, mo, d) : null;
    }

    /// <summary>The value of ASCII or full-width digits ("２０２６" is 2026); the regexes admit no other characters.</summary>
    private static int Number(string digits)
    {
        int v = 0;
        foreach (char c in digits)
        {
            v = (v * 10) + Chars.DigitValue(c);
        }

        return v;
    }
}
